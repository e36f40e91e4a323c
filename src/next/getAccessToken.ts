import { cookies } from "next/headers";
import { REFRESH_ACCESS_TOKEN_ERROR } from "../core/constants.js";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import type { NextAuthOptionsLike } from "../server/authConfig.js";
import { type DpopRequestInit, dpopFetch } from "../server/dpop.js";
import { isPastSessionEnd } from "../server/refreshTokenEnd.js";
import type { RefreshingJwt } from "../server/types.js";
import { isAuthJs } from "./nextAuthMajor.js";
import { openSessionCookie, sessionCookieConfig } from "./sessionCookieConfig.js";
import { dpopKeyOf, sessionEndsOf } from "./sessionEndsOf.js";

/** What `getAccessToken` found in the request's session cookie. */
export type ServerAccessToken =
  /**
   * A usable access token; `expiresAt` is epoch ms, `null` when the provider gave no expiry.
   * `tokenType` says how to send it: `Bearer`, or `DPoP` with a proof, which `fetch` makes (the
   * grant's `dpop` key, one retry when the resource server asks for a nonce).
   */
  | { status: "valid"; accessToken: string; expiresAt: number | null; tokenType: "Bearer" }
  | {
      status: "valid";
      accessToken: string;
      expiresAt: number | null;
      tokenType: "DPoP";
      /** Calls a resource server with `Authorization: DPoP <token>` and a proof; `undefined` without the grant's `dpop` key. */
      fetch: ((url: string | URL, init?: DpopRequestInit) => Promise<Response>) | undefined;
    }
  /** No session cookie, or one that does not decode, or one without an access token. */
  | { status: "signed-out" }
  /**
   * The session ended (`RefreshAccessTokenError`): its grant died, it reached its end (the refresh
   * token's lifetime, `sessionMaxSeconds`), or the identity provider ended it (a back-channel
   * logout). The user must sign in again; `reason` is `interaction_required` where the provider
   * asked for it (multi-factor authentication, consent).
   */
  | { status: "ended"; error: string; reason?: "interaction_required" }
  /** The access token has expired (the request-path refresh did not run, or its refresh is failing). */
  | { status: "expired"; expiresAt: number };

/**
 * The access token of the current request's session, for Server Components, route handlers and
 * Server Actions: read from the session cookie, which the request-path refresh (`sessionRefresh`
 * in middleware.ts or proxy.ts) has made fresh. It never refreshes (server code cannot write
 * cookies) and never throws for a bad cookie. The token stays on the server.
 */
export async function getAccessToken(authOptions: NextAuthOptionsLike): Promise<ServerAccessToken> {
  const config = sessionCookieConfig(authOptions, await isAuthJs());
  const token = (await openSessionCookie((await cookies()).getAll(), config))?.token as RefreshingJwt | undefined;
  if (!token) return { status: "signed-out" };
  if (typeof token.error === "string") {
    return { status: "ended", error: token.error, ...(token.errorReason && { reason: token.errorReason }) };
  }
  // Past its end (the refresh token's lifetime), or ended by the provider (a back-channel logout).
  if (isPastSessionEnd(token, Date.now()) || (await sessionEndsOf(authOptions)?.isEnded(token))) {
    return { status: "ended", error: REFRESH_ACCESS_TOKEN_ERROR };
  }
  if (typeof token.accessToken !== "string" || token.accessToken === "") return { status: "signed-out" };
  const expiresAt = normalizeExpiry(token.accessTokenExpires);
  if (expiresAt !== null && Date.now() >= expiresAt) return { status: "expired", expiresAt };
  const { accessToken } = token;
  if (token.accessTokenType !== "DPoP") return { status: "valid", accessToken, expiresAt, tokenType: "Bearer" };
  const keyPair = dpopKeyOf(authOptions);
  return {
    status: "valid",
    accessToken,
    expiresAt,
    tokenType: "DPoP",
    fetch: keyPair && dpopFetch(keyPair, accessToken),
  };
}
