import { retryDelayMs } from "../core/refreshWindow.js";
import type { RefreshSchedule } from "../react/ScheduleContext.js";

/**
 * The next session fetch as the timelines draw it: after failed fetches, the leader's retry
 * (`retryDelayMs` after the last failure, as the session client arms it); otherwise the plan's.
 */
export function nextFetch(
  { plan, failures, failedAt }: Pick<RefreshSchedule, "plan" | "failures" | "failedAt">,
  now: number,
): { refetchAt: number | null; reason: string } {
  return failures > 0
    ? { refetchAt: (failedAt ?? now) + retryDelayMs(failures), reason: "retry" }
    : { refetchAt: plan.refetchAt, reason: plan.reason };
}
