"use client";
import { useSession } from "next-auth/react";
import { useContext } from "react";
import { type RefreshSchedule, ScheduleContext } from "./ScheduleContext.js";
import { useSchedule } from "./useRefreshPlan.js";

/**
 * The current refresh schedule (plan, expiry, when the session arrived), for debug views.
 * Inside `RefreshingSessionProvider` or `RefreshTokenHandler` it is theirs; elsewhere (a plain
 * `SessionProvider` alone) it is computed with the default options.
 */
export function useRefreshSchedule(): RefreshSchedule {
  const provided = useContext(ScheduleContext);
  const { data } = useSession();
  // Hooks cannot be skipped; under a kit component the fallback plans nothing (an idle plan, no work).
  const own = useSchedule(provided ? undefined : data, 0, {});
  return provided ?? own;
}
