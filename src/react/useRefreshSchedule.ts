"use client";
import { useSession } from "next-auth/react";
import { useContext, useMemo } from "react";
import { type RefreshSchedule, ScheduleContext } from "./ScheduleContext.js";
import { scheduleFor } from "./useRefreshPlan.js";

/**
 * The current refresh schedule (plan, expiry, when the session arrived, fetch state), for debug
 * views. Inside `RefreshingSessionProvider` or `RefreshTokenHandler` it is theirs; elsewhere (a
 * plain `SessionProvider` alone) it is computed with the default options.
 */
export function useRefreshSchedule(): RefreshSchedule {
  const provided = useContext(ScheduleContext);
  const { data } = useSession();
  // Hooks cannot be skipped; under a kit component the fallback plans nothing (an idle plan, no work).
  const session = provided ? undefined : data;
  const own = useMemo(() => {
    const receivedAt = session === undefined ? 0 : Date.now();
    return scheduleFor(session, receivedAt, {}, { receivedAt, fetching: false, failures: 0, leader: true });
  }, [session]);
  return provided ?? own;
}
