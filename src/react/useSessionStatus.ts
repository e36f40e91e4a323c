"use client";
import { useSession } from "next-auth/react";
import { useState } from "react";
import { type SessionStatus, statusAt } from "../core/deriveSessionStatus.js";
import { sessionError } from "../core/session.js";
import { useAlarm } from "./useAlarm.js";
import { useOnline } from "./useBrowserState.js";
import { useRefreshSchedule } from "./useRefreshSchedule.js";

/** What `useSessionStatus` returns. Instants are epoch ms on this browser's clock. */
export interface SessionStatusInfo {
  status: SessionStatus;
  expiresAt: number | null;
  refetchAt: number | null;
  /** When the session ends (its refresh token dies), or `null` when no end is known. */
  endsAt: number | null;
  /**
   * Whole seconds until the access token expires (0 once expired), or `null` when unknown; while
   * `ending`, until the session ends.
   */
  secondsLeft: number | null;
  /** The error on the session, e.g. `RefreshAccessTokenError`. */
  error: string | null;
}

/** Options of `useSessionStatus`. */
export interface UseSessionStatusOptions {
  /** Re-render once a second while the status is one of these (e.g. to show a countdown). Default none. */
  tickIn?: readonly SessionStatus[];
}

/**
 * The session's status by `deriveSessionStatus` (and `nextStatusChangeAt`, in one pass), kept current: it re-renders its consumer when
 * the status changes with time, and once a second only while the status is in `tickIn`.
 */
export function useSessionStatus({ tickIn = [] }: UseSessionStatusOptions = {}): SessionStatusInfo {
  const { status: authStatus, data: session } = useSession();
  const schedule = useRefreshSchedule();
  const { plan, receivedAt, expiresAt, endsAt } = schedule;
  const online = useOnline();
  const [clock, setClock] = useState(Date.now);
  // A session is never judged by a clock reading older than its arrival.
  const now = Math.max(clock, receivedAt);
  // The schedule gives the status its receipt, lead, ending window and whether a fetch is out.
  const [status, nextChangeAt] = statusAt({
    ...schedule,
    authStatus,
    session,
    now,
    online,
    unreachable: schedule.failures > 0,
  });
  // The countdown is to the session's end while ending, else to the access token's expiry.
  const until = status === "ending" ? endsAt : expiresAt;
  // A countdown changes at the next whole second before its instant; otherwise only at a status boundary.
  useAlarm(until !== null && tickIn.includes(status) ? now + ((until - now) % 1000 || 1000) : nextChangeAt, setClock);
  return {
    status,
    expiresAt,
    refetchAt: plan.refetchAt,
    endsAt,
    secondsLeft: until === null ? null : Math.max(0, Math.ceil((until - now) / 1000)),
    error: sessionError(session),
  };
}
