import { DEFAULT_LEAD_SECONDS, DEFAULT_REFRESH_WINDOW_SECONDS } from "./constants.js";

/** The two windows of the refresh schedule, in seconds. */
export interface RefreshTiming {
  /** The client re-fetches the session this long before expiry. */
  leadSeconds: number;
  /** The server refreshes the access token once it is this close to expiry. */
  refreshWindowSeconds: number;
}

/**
 * Checks that the client lead lies strictly inside the server refresh window: a poll that
 * arrives before the server is willing to refresh would bring back the same, expiring token.
 * Returns the timing with defaults filled in; throws a `RangeError` naming both values.
 */
export function validateRefreshTiming(timing: Partial<RefreshTiming> = {}): RefreshTiming {
  const { leadSeconds = DEFAULT_LEAD_SECONDS, refreshWindowSeconds = DEFAULT_REFRESH_WINDOW_SECONDS } = timing;
  assertSeconds("leadSeconds", leadSeconds, 0);
  assertSeconds("refreshWindowSeconds", refreshWindowSeconds, 0);
  if (leadSeconds >= refreshWindowSeconds) {
    throw new RangeError(
      `next-auth-refresh-kit: leadSeconds must be less than refreshWindowSeconds, got leadSeconds=${leadSeconds}, refreshWindowSeconds=${refreshWindowSeconds}.`,
    );
  }
  return { leadSeconds, refreshWindowSeconds };
}

/** Throws a `RangeError` unless `value` is a finite number of seconds >= `min`. */
export function assertSeconds(name: string, value: unknown, min: number): asserts value is number {
  if (!(typeof value === "number" && value >= min && value < Number.POSITIVE_INFINITY)) {
    throw new RangeError(
      `next-auth-refresh-kit: ${name} must be a finite number of seconds >= ${min}, got ${String(value)}.`,
    );
  }
}
