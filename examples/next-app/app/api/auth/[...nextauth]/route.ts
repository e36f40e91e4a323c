import NextAuth from "next-auth";
import { signOutAtProvider } from "next-auth-refresh-kit/next";
import { authOptions } from "../../../../lib/auth";

// Sign-out revokes the refresh token and ends the session at the authorization server too.
const handler = signOutAtProvider(NextAuth(authOptions), authOptions);

export { handler as GET, handler as POST };
