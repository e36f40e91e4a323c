/** The default refresh window never exceeds the recipe's 10 minutes, whatever the token's lifetime. */
export const MAX_DEFAULT_WINDOW_MS = 600_000;
/** A token without a usable expiry is treated as living this long (docs/how-it-works.md#when-the-server-refreshes). */
export const ASSUMED_LIFETIME_MS = 3_600_000;
/** However short or broken the lifetime, a token is not refreshed sooner than this after it was issued. */
export const MIN_REFRESH_INTERVAL_MS = 5_000;
/** First retry after a transient refresh failure; doubles per failure up to the cap. */
export const RETRY_BASE_MS = 5_000;
/** Longest wait between retries (a `Retry-After` may ask for longer, up to an hour). */
export const RETRY_CAP_MS = 60_000;

/**
 * How long before expiry a token of `lifetimeMs` is refreshed. Default: a quarter of the lifetime,
 * at most 10 minutes, so refreshes per hour stay within 4/3 of the natural rate (3600 / lifetime).
 * A fixed `refreshWindowSeconds` overrides, but never past half the lifetime: no token is
 * refreshed more than twice per lifetime.
 */
export function refreshWindowMs(lifetimeMs: number, refreshWindowSeconds?: number): number {
  const lifetime = Math.max(0, lifetimeMs);
  const chosen =
    refreshWindowSeconds === undefined ? Math.min(lifetime / 4, MAX_DEFAULT_WINDOW_MS) : refreshWindowSeconds * 1000;
  return Math.min(chosen, lifetime / 2);
}

/**
 * The one rule for when the server refreshes (docs/how-it-works.md#when-the-server-refreshes): the
 * instant, epoch ms, at which a token issued at `issuedAt` and expiring at `expiresAt` (`null`:
 * unknown, treated as a 1-hour token) is refreshed. Never sooner than 5 s after issue, so a zero or
 * absurd lifetime cannot cause a refresh per request.
 */
export function refreshAtFor(issuedAt: number, expiresAt: number | null, refreshWindowSeconds?: number): number {
  const end = expiresAt ?? issuedAt + ASSUMED_LIFETIME_MS;
  const window = refreshWindowMs(end - issuedAt, refreshWindowSeconds);
  return Math.max(end - window, issuedAt + MIN_REFRESH_INTERVAL_MS);
}

/**
 * How long to wait before retrying a refresh after `failures` transient failures in a row
 * (1 for the first): exponential from 5 s to 60 s, but never sooner than the server's `Retry-After`.
 */
export function retryDelayMs(failures: number, retryAfterSeconds?: number | null): number {
  const exponent = Number.isFinite(failures) ? Math.max(0, Math.min(Math.floor(failures) - 1, 10)) : 0;
  const backoff = Math.min(RETRY_BASE_MS * 2 ** exponent, RETRY_CAP_MS);
  const serverAsked =
    typeof retryAfterSeconds === "number" && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
      ? Math.min(retryAfterSeconds * 1000, 3_600_000)
      : 0;
  return Math.max(backoff, serverAsked);
}
