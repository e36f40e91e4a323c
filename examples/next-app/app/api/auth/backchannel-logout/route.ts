import { backChannelLogout } from "next-auth-refresh-kit/next";
import { authOptions } from "../../../../lib/auth";

// OIDC Back-Channel Logout: the authorization server says which session it ended.
export const POST = backChannelLogout(authOptions);
