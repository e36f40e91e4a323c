import { cookies, headers } from "next/headers";
import type { NextAuthOptionsLike } from "../server/authConfig.js";
import type { RefreshingJwt } from "../server/types.js";
import { isAuthJs } from "./nextAuthMajor.js";
import { openSessionCookie, sessionCookieConfig } from "./sessionCookieConfig.js";
import { isSessionCookie } from "./sessionCookies.js";
import { providerSignOutOf } from "./sessionEndsOf.js";

/**
 * Signs the request's session out from a Server Action (or a route handler): the session cookie
 * and its chunks deleted, the refresh token revoked at the provider and its end-session URL built,
 * as `signOutAtProvider` does for the auth route. Returns where to send the browser:
 * `redirect(await serverSignOut(authOptions, "/"))`. `returnTo` (a path or URL of the app) is the
 * provider's `post_logout_redirect_uri` unless `signOut.postLogoutRedirectUri` is set, and the
 * answer itself when the provider has no end-session endpoint. next-auth's `events.signOut` does
 * not run; other tabs see the sign-out at their next session fetch.
 */
export async function serverSignOut(authOptions: NextAuthOptionsLike, returnTo = "/"): Promise<string> {
  const jar = await cookies();
  const config = sessionCookieConfig(authOptions, await isAuthJs());
  // Read before it is deleted; a cookie that does not open is deleted with nothing to end.
  const token = (await openSessionCookie(jar.getAll(), config))?.token as RefreshingJwt | undefined;
  for (const { name } of jar.getAll()) {
    if (config.names.some((n) => isSessionCookie(name, n))) {
      jar.set(name, "", { ...config.options, maxAge: 0, expires: new Date(0) });
    }
  }
  if (!token) return returnTo;
  const url = await providerSignOutOf(authOptions)?.end(token, new URL(returnTo, await appOrigin()).toString());
  return url ?? returnTo;
}

/** The app's origin: NEXTAUTH_URL (v5: AUTH_URL first), else the request's host. */
async function appOrigin(): Promise<string> {
  const configured = process.env.AUTH_URL || process.env.NEXTAUTH_URL;
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  const request = await headers();
  const host = request.get("x-forwarded-host") ?? request.get("host") ?? "localhost";
  return `${request.get("x-forwarded-proto") ?? "https"}://${host}`;
}
