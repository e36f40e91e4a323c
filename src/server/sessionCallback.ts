import type { Session } from "next-auth";
import { normalizeExpiry } from "../core/index.js";
import type { RefreshingJwt } from "./types.js";

/** Options of `createSessionCallback`. */
export interface SessionCallbackOptions {
  /** Put the access token on the session the browser sees. Default `false`. */
  exposeAccessToken?: boolean;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
}

/** The parameters the kit reads from next-auth's `session` callback. */
export interface SessionCallbackParams {
  session: Session;
  token: RefreshingJwt;
}

/**
 * A next-auth v4 `session` callback: tells the browser when the access token expires (epoch
 * seconds, plus the remaining lifetime by the server's clock for skewed browsers) and whether
 * the session is dead. Builds the session field by field, so the refresh token, retry state
 * and any other JWT field can never reach the browser; the access token only on opt-in.
 */
export function createSessionCallback(
  options: SessionCallbackOptions = {},
): (params: SessionCallbackParams) => Session {
  const { exposeAccessToken = false } = options;
  const clock = options.now ?? (() => Date.now());
  return function sessionCallback({ session, token }) {
    const next: Session = { expires: session.expires };
    const user = token.user ?? session.user;
    if (user) next.user = { name: user.name ?? null, email: user.email ?? null, image: user.image ?? null };
    const expiresAt = normalizeExpiry(token.accessTokenExpires);
    if (expiresAt !== null) {
      next.accessTokenExpires = Math.floor(expiresAt / 1000);
      next.accessTokenExpiresInSeconds = Math.max(0, Math.floor((expiresAt - clock()) / 1000));
    }
    if (typeof token.error === "string") next.error = token.error;
    if (exposeAccessToken && typeof token.accessToken === "string") next.accessToken = token.accessToken;
    return next;
  };
}
