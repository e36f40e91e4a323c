import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { refreshAtOf } from "./refreshAtOf.js";
import type { RefreshingJwt } from "./types.js";

/**
 * Whether the jwt callback acts on this token at `now`: it is past its `refreshAt` (see
 * `refreshAtOf`), carries no error, and is not waiting out a failed refresh's backoff (which holds
 * before and after expiry: a failing server is not asked faster for being late). A token without
 * a refresh token is due too: past expiry, the callback then ends the session. The one rule
 * behind the callback and the request-path refresh (`next-auth-refresh-kit/next`).
 */
export function isRefreshDue(token: RefreshingJwt, now: number, refreshWindowSeconds?: number): boolean {
  if (token.error) return false;
  const refreshAt = refreshAtOf(token, normalizeExpiry(token.accessTokenExpires), refreshWindowSeconds);
  if (refreshAt === null || !(now >= refreshAt)) return false;
  const backingOff = typeof token.refreshRetryAt === "number" && now < token.refreshRetryAt;
  return !backingOff || usableRefreshToken(token) === undefined;
}

/** The refresh token, if it is one: anything but a non-empty string counts as absent. */
export function usableRefreshToken(token: RefreshingJwt): string | undefined {
  const { refreshToken } = token;
  return typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : undefined;
}
