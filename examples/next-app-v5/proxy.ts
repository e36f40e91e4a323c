// Next 16's proxy on next-auth v5: the kit's refresh first, then v5's auth middleware, which reads
// the refreshed session. /userinfo needs an access token that works now; other pages are open.
import { NextResponse } from "next/server";
import { sessionRefresh } from "next-auth-refresh-kit/next";
import { auth, authOptions } from "./lib/auth";

const guard = auth((request) => {
  if (!request.nextUrl.pathname.startsWith("/userinfo")) return;
  const session = request.auth;
  if (session && !session.error && Number(session.accessTokenExpires) * 1000 > Date.now()) return;
  return NextResponse.redirect(new URL("/api/auth/signin", request.url));
});

export default sessionRefresh(authOptions, guard);

export const config = {
  matcher: ["/((?!api/auth/(?!session)|_next/static|_next/image|favicon.ico|mockServiceWorker.js).*)"],
};
