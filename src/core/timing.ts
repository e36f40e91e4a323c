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
  const leadSeconds = timing.leadSeconds ?? DEFAULT_LEAD_SECONDS;
  const refreshWindowSeconds = timing.refreshWindowSeconds ?? DEFAULT_REFRESH_WINDOW_SECONDS;
  const both = `leadSeconds=${String(leadSeconds)}, refreshWindowSeconds=${String(refreshWindowSeconds)}`;
  assertSeconds("leadSeconds", leadSeconds, 0, both);
  assertSeconds("refreshWindowSeconds", refreshWindowSeconds, 0, both);
  if (leadSeconds >= refreshWindowSeconds) {
    throw new RangeError(
      `next-auth-refresh-kit: the client lead must be shorter than the server refresh window (${both}); otherwise the client polls before the server will refresh.`,
    );
  }
  return { leadSeconds, refreshWindowSeconds };
}

/** Throws a `RangeError` unless `value` is a finite number of seconds >= `min`. */
export function assertSeconds(name: string, value: unknown, min: number, context = ""): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    const where = context === "" ? "" : ` (${context})`;
    throw new RangeError(
      `next-auth-refresh-kit: ${name} must be a finite number of seconds >= ${min}, got ${String(value)}${where}.`,
    );
  }
}
