import { signOutAtProvider } from "next-auth-refresh-kit/next";
import { authOptions, handlers } from "../../../../lib/auth";

// Sign-out revokes the refresh token and ends the session at the authorization server too.
export const { GET, POST } = signOutAtProvider(handlers, authOptions);
