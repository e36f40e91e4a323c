import { type NextRequest, NextResponse } from "next/server";
import type { AuthOptions } from "next-auth";
import { type JWT, decode as nextAuthDecode, encode as nextAuthEncode } from "next-auth/jwt";
import { isRefreshDue } from "../server/refreshDue.js";
import type { RefreshingJwt } from "../server/types.js";
import { findSessionToken, type SessionCookieConfig, sessionCookieConfig } from "./sessionCookieConfig.js";
import { sessionCookieWrites } from "./sessionCookies.js";

/** A middleware (`middleware.ts`) or proxy (`proxy.ts`) function. */
export type SessionRefreshMiddleware = (request: NextRequest) => Promise<NextResponse>;

/**
 * The request-path refresh, for Next's `middleware.ts` (Next 14, 15) or `proxy.ts` (Next 16): when
 * the session cookie's token is due by the jwt callback's own rule (`isRefreshDue`), it runs the
 * app's `callbacks.jwt` (the kit's, so the same coordinator: one refresh per refresh token) and
 * writes the new cookie, chunked as next-auth chunks it, on the response *and* on the forwarded
 * request, so `getServerSession()`, `getAccessToken()` and `getToken()` in the same request read
 * it. A token that is not due costs one decode and passes through; a cookie that does not decode
 * passes through untouched. It also updates `request.cookies`, so code after it in a composed
 * middleware sees the new token.
 */
export function sessionRefresh(authOptions: AuthOptions): SessionRefreshMiddleware {
  let warned = false;
  return async (request) => {
    const config = sessionCookieConfig(authOptions, request.nextUrl.protocol === "https:");
    if (!config.secret) {
      if (!warned) console.warn("next-auth-refresh-kit: no secret (NEXTAUTH_SECRET): the request-path refresh is off.");
      warned = true;
      return NextResponse.next();
    }
    const written = await refreshedCookies(request, authOptions, config, config.secret);
    if (!written) return NextResponse.next();
    for (const { name, value } of written.set) request.cookies.set(name, value);
    for (const name of written.remove) request.cookies.delete(name);
    const response = NextResponse.next({ request: { headers: request.headers } });
    for (const { name, value } of written.set) {
      response.cookies.set(name, value, { ...config.options, maxAge: config.maxAgeSeconds });
    }
    for (const name of written.remove) response.cookies.set(name, "", { ...config.options, maxAge: 0 });
    // A response that sets a session cookie must never be stored by a shared cache.
    response.headers.set("Cache-Control", "private, no-store");
    return response;
  };
}

async function refreshedCookies(
  request: NextRequest,
  authOptions: AuthOptions,
  config: SessionCookieConfig,
  secret: string,
) {
  const found = findSessionToken(request.cookies.getAll(), config);
  if (!found) return null;
  const decode = config.decode ?? nextAuthDecode;
  let token: JWT | null;
  try {
    token = await decode({ token: found.token, secret });
  } catch {
    return null; // tampered, another secret, another format: next-auth treats it as signed out
  }
  const jwt = authOptions.callbacks?.jwt;
  if (!token || !jwt || !isRefreshDue(token as RefreshingJwt, Date.now())) return null;
  let next: JWT;
  try {
    // As next-auth calls it when it reads a session.
    next = await jwt({ token, user: undefined as never, account: null });
  } catch {
    return null; // the page's own session read will meet the same fault and report it
  }
  if (!next || next === token) return null;
  const encode = config.encode ?? nextAuthEncode;
  const value = await encode({ token: next, secret, maxAge: config.maxAgeSeconds });
  return sessionCookieWrites(value, found.name, found.names);
}
