/** Browsers fire a timer whose delay exceeds 2^31-1 ms (~24.8 days) at once, so every delay stays at or below it. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The largest whole-second interval whose millisecond value still fits a browser timer. */
export const MAX_INTERVAL_SECONDS = Math.floor(MAX_TIMER_DELAY_MS / 1000);

/** The client re-fetches the session this long before the access token expires (the recipe's 7 minutes). */
export const DEFAULT_LEAD_SECONDS = 420;

/** The status turns `ending`, with a countdown, this long before the session's end: time to save work. */
export const DEFAULT_ENDING_SECONDS = 300;

/** The shortest poll: a refetch that is already due waits this long instead of switching polling off. */
export const DEFAULT_FLOOR_SECONDS = 5;

/** Poll interval when the session carries no usable expiry; 0 leaves polling off. */
export const DEFAULT_FALLBACK_SECONDS = 0;

/** The error next-auth apps put on the session when the refresh token is dead. */
export const REFRESH_ACCESS_TOKEN_ERROR = "RefreshAccessTokenError";

/**
 * On the session while refreshes fail transiently (network, 5xx, 429, ...): the refresh token is
 * kept and retried with backoff. Not a reason to sign in again.
 */
export const REFRESH_ACCESS_TOKEN_RETRYING = "RefreshAccessTokenRetrying";
