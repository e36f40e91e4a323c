import { DEFAULT_REFRESH_WINDOW_SECONDS } from "./constants.js";

/** First retry after a transient refresh failure; doubles per failure up to the cap. */
export const RETRY_BASE_MS = 5_000;
/** Longest wait between retries while the access token is still valid. */
export const RETRY_CAP_MS = 60_000;

/** The server refreshes once `now >= expiresAt - window` (DESIGN §4). */
export function isRefreshDue(
  expiresAt: number,
  now: number,
  refreshWindowSeconds = DEFAULT_REFRESH_WINDOW_SECONDS,
): boolean {
  return now >= expiresAt - refreshWindowSeconds * 1000;
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
