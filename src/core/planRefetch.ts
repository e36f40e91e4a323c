import {
  DEFAULT_FALLBACK_SECONDS,
  DEFAULT_FLOOR_SECONDS,
  DEFAULT_LEAD_SECONDS,
  MAX_INTERVAL_SECONDS,
} from "./constants.js";
import { isSession, terminalError } from "./session.js";
import { sessionTimeline } from "./timeline.js";
import { assertSeconds } from "./timing.js";

/** Why the refetch interval is what it is. */
/** `follower`: another tab leads and fetches for this one. */
export type RefetchReason = "idle" | "error" | "no-expiry" | "scheduled" | "due" | "follower";

/** What `SessionProvider`'s `refetchInterval` should be, and why. */
export interface RefetchPlan {
  /** Whole seconds for next-auth's `refetchInterval`; 0 switches polling off. */
  intervalSeconds: number;
  /** Epoch ms of the next poll (`now + intervalSeconds * 1000`), or `null` when polling is off. */
  refetchAt: number | null;
  reason: RefetchReason;
}

/** Options of `planRefetch`, in seconds like next-auth's own `refetchInterval`. */
export interface PlanRefetchOptions {
  /**
   * For sessions without the server's `refetchInSeconds` only: re-fetch this long before the access
   * token expires. Default 420.
   */
  leadSeconds?: number | undefined;
  /** The shortest interval, used when the refetch is already due. Default 5, at least 1. */
  floorSeconds?: number | undefined;
  /** Interval when the session has no usable expiry. Default 0 (off). */
  fallbackSeconds?: number | undefined;
  /** Epoch ms when this session arrived; anchors `accessTokenExpiresInSeconds`. Default `now`. */
  receivedAt?: number | undefined;
}

/**
 * Plans the next session fetch: when the server said (`refetchInSeconds`), else `leadSeconds`
 * before expiry; never at an interval of 0 when the fetch is due, never beyond what a browser timer holds.
 * Pure: `now` is epoch ms. Throws a `RangeError` only for invalid options, never for a bad session.
 */
export function planRefetch(session: unknown, now: number, options: PlanRefetchOptions = {}): RefetchPlan {
  const {
    leadSeconds = DEFAULT_LEAD_SECONDS,
    floorSeconds = DEFAULT_FLOOR_SECONDS,
    fallbackSeconds = DEFAULT_FALLBACK_SECONDS,
  } = options;
  assertSeconds("leadSeconds", leadSeconds, 0);
  assertSeconds("floorSeconds", floorSeconds, 1);
  assertSeconds("fallbackSeconds", fallbackSeconds, 0);
  const floor = toWholeSeconds(floorSeconds * 1000);

  if (!isSession(session)) return plan(0, now, "idle");
  if (terminalError(session) !== null) return plan(0, now, "error");
  const { refetchDueAt } = sessionTimeline(session, options.receivedAt ?? now, leadSeconds);
  if (refetchDueAt === null) return plan(toWholeSeconds(fallbackSeconds * 1000), now, "no-expiry");

  const delayMs = refetchDueAt - now;
  // An unusable clock cannot place the refetch in time: poll soon and plan again then.
  return Number.isFinite(now) && delayMs > 0
    ? plan(Math.max(toWholeSeconds(delayMs), floor), now, "scheduled")
    : plan(floor, now, "due");
}

/**
 * Milliseconds to next-auth's whole seconds, rounded up so a poll never comes early,
 * and capped so the timer never overflows.
 */
export function toWholeSeconds(ms: number): number {
  return Math.min(Math.ceil(ms / 1000), MAX_INTERVAL_SECONDS);
}

function plan(intervalSeconds: number, now: number, reason: RefetchReason): RefetchPlan {
  const refetchAt = intervalSeconds > 0 && Number.isFinite(now) ? now + intervalSeconds * 1000 : null;
  return { intervalSeconds, refetchAt, reason };
}
