// Next 16's proxy (Next 14 and 15: the same in middleware.ts): the session cookie refreshed on the
// request path, so the page and every Server Component, route handler and Server Action of this
// request read a fresh access token, even on a user's first request after the token expired.
import { NextResponse } from "next/server";
import { withAuth } from "next-auth/middleware";
import { sessionRefresh } from "next-auth-refresh-kit/next";
import { authOptions } from "./lib/auth";
import { config as app } from "./lib/config";

// Composed with next-auth's withAuth, which runs after the refresh: /userinfo needs an access token
// that works now, and `authorized` sees the refreshed one. Other pages are open to everyone.
const guard = withAuth({
  callbacks: {
    authorized: ({ req, token }) =>
      !req.nextUrl.pathname.startsWith("/userinfo") ||
      Boolean(token && !token.error && Number(token.accessTokenExpires) > Date.now()),
  },
});

// The recipe (a benchmark mode) refreshes only in its own jwt callback, as published.
export default app.mode === "recipe" ? () => NextResponse.next() : sessionRefresh(authOptions, guard);

// Every page, API route and /api/auth/session (so every refresh runs here, in the proxy's one
// coordinator; next-auth's own session route then sees a fresh cookie), but not next-auth's other
// routes or static files.
export const config = {
  matcher: ["/((?!api/auth/(?!session)|_next/static|_next/image|favicon.ico|mockServiceWorker.js).*)"],
};
