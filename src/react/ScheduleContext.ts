import { createContext } from "react";
import type { RefetchPlan } from "../core/index.js";

/** The refresh schedule of the current session, as `RefreshTokenHandler` (or the provider) planned it. */
export interface RefreshSchedule {
  plan: RefetchPlan;
  /** Epoch ms when the current session arrived. */
  receivedAt: number;
  /** When the access token expires, epoch ms on this browser's clock, or `null`. */
  expiresAt: number | null;
  /** When the session ends (its refresh token dies, or the app's cap), epoch ms on this browser's clock, or `null`. */
  endsAt: number | null;
  leadSeconds: number;
  /** The status turns `ending` this long before the session's end. */
  endingSeconds: number;
  /** A session fetch of this tab is in flight (the provider's own; the handler sees only next-auth's `update()`). */
  fetching: boolean;
  /** Failed session fetches in a row (provider only): the last session is kept and retried. */
  failures: number;
  /** When the last of them failed (provider only): the leader retries `retryDelayMs(failures)` later. */
  failedAt?: number;
  /** Whether this tab leads: only the leader fetches on schedule. */
  leader: boolean;
}

export const ScheduleContext = createContext<RefreshSchedule | null>(null);
