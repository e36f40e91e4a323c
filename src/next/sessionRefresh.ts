import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from "next/server";
import type { JWT } from "next-auth/jwt";
import type { NextAuthOptionsLike } from "../server/authConfig.js";
import { isRefreshDue } from "../server/refreshDue.js";
import { isPastSessionEnd } from "../server/refreshTokenEnd.js";
import type { RefreshingJwt } from "../server/types.js";
import { forwardRequestCookies } from "./forwardRequest.js";
import { isAuthJs } from "./nextAuthMajor.js";
import {
  openSessionCookie,
  type SessionCookieConfig,
  sealSessionToken,
  sessionCookieConfig,
} from "./sessionCookieConfig.js";
import { sessionCookieWrites } from "./sessionCookies.js";
import { sessionEndsOf } from "./sessionEndsOf.js";

/** A middleware (`middleware.ts`) or proxy (`proxy.ts`) function. */
export type SessionRefreshMiddleware = (request: NextRequest, event?: NextFetchEvent) => Promise<NextResponse>;

/**
 * A middleware to run after the refresh: next-auth v4's `withAuth(...)`, v5's `auth` or
 * `auth((request) => ...)`, or the app's own. (Declared as a method so that middleware typed for a
 * narrower request, like `NextRequestWithAuth`, or with v5's route context as second argument, fits.)
 */
export type ComposedMiddleware = {
  middleware(request: NextRequest, event: never): ReturnType<NextMiddleware> | Promise<unknown> | undefined;
}["middleware"];

/**
 * The request-path refresh, for Next's `middleware.ts` (Next 14, 15) or `proxy.ts` (Next 16): when
 * the session cookie's token is due by the jwt callback's own rule (`isRefreshDue`), it runs the
 * app's `callbacks.jwt` (the kit's, so the same coordinator: one refresh per refresh token) and
 * writes the new cookie, chunked as next-auth chunks it, on the response *and* on the forwarded
 * request, so `getServerSession()` (v5: `auth()`), `getAccessToken()` and `getToken()` in the same
 * request read it. next-auth v4 and v5 alike: the cookie's name and seal follow the installed
 * major (`isAuthJs`). A session past its end (its refresh token's lifetime) or ended by the identity
 * provider (a back-channel logout) is written back signed out, as the jwt callback ends it. A token that is not due costs one decode (and,
 * with a back-channel logout store, its check) and passes through; a cookie that
 * does not decode passes through untouched.
 *
 * `then`, if given, runs next with the refreshed request: next-auth's `withAuth(...)` (v5: `auth`),
 * whose `authorized` then sees the new token, or the app's own middleware. Its response (a redirect,
 * a rewrite, `NextResponse.next()`, or nothing) gets the new cookie and forwards it to the page.
 */
export function sessionRefresh(authOptions: NextAuthOptionsLike, then?: ComposedMiddleware): SessionRefreshMiddleware {
  let warned = false;
  const handOn = async (request: NextRequest, event: NextFetchEvent | undefined) => {
    const answer = then ? await then(request, event as never) : undefined;
    if (!(answer instanceof Response)) return null; // nothing: Next renders the page as NextResponse.next() would
    return answer instanceof NextResponse ? answer : new NextResponse(answer.body, answer);
  };
  return async (request, event) => {
    const config = sessionCookieConfig(authOptions, await isAuthJs(), request.nextUrl.protocol === "https:");
    if (!config.secret) {
      if (!warned)
        console.warn(
          "next-auth-refresh-kit: no secret (AUTH_SECRET or NEXTAUTH_SECRET): the request-path refresh is off.",
        );
      warned = true;
      return (await handOn(request, event)) ?? NextResponse.next();
    }
    const written = await refreshedCookies(request, authOptions, config);
    if (!written) return (await handOn(request, event)) ?? NextResponse.next();
    // The request as the rest of this request's code reads it: `then`, and the page after it.
    for (const { name, value } of written.set) request.cookies.set(name, value);
    for (const name of written.remove) request.cookies.delete(name);
    const handed = await handOn(request, event);
    const response = handed
      ? forwardRequestCookies(handed, request)
      : NextResponse.next({ request: { headers: request.headers } });
    for (const { name, value } of written.set) {
      response.cookies.set(name, value, { ...config.options, maxAge: config.maxAgeSeconds });
    }
    // Expires as well as Max-Age: Next re-issues the cookies a middleware set from the render, and
    // drops a Max-Age of 0 when it does; the epoch date still deletes the stale chunk.
    for (const name of written.remove) {
      response.cookies.set(name, "", { ...config.options, maxAge: 0, expires: new Date(0) });
    }
    // A response that sets a session cookie must never be stored by a shared cache.
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  };
}

async function refreshedCookies(request: NextRequest, authOptions: NextAuthOptionsLike, config: SessionCookieConfig) {
  // A cookie that does not open (tampered, another secret or format) passes through: signed out.
  const found = await openSessionCookie(request.cookies.getAll(), config);
  const jwt = authOptions.callbacks?.jwt as ((params: object) => Promise<JWT | null>) | undefined;
  if (!found || !jwt) return null;
  const { token } = found;
  // Not due: passed through, unless the session has reached its end or the identity provider
  // ended it (a back-channel logout).
  const ended = sessionEndsOf(authOptions);
  const now = Date.now();
  const due = isRefreshDue(token as RefreshingJwt, now) || isPastSessionEnd(token, now);
  if (!due && !(await ended?.isEnded(token as RefreshingJwt))) return null;
  let next: JWT | null;
  try {
    // As next-auth calls it when it reads a session.
    next = await jwt({ token, user: undefined, account: null });
  } catch {
    return null; // the page's own session read will meet the same fault and report it
  }
  if (!next || next === token) return null;
  const value = await sealSessionToken(config, found.name, next);
  return sessionCookieWrites(value, found.name, found.names);
}
