"use client";
import { useSession } from "next-auth/react";
import { deriveSessionStatus, nextStatusChangeAt, type SessionStatus, sessionError } from "../core/index.js";
import { isOnline } from "./browser.js";
import { useNow } from "./useNow.js";
import { useRefreshSchedule } from "./useRefreshSchedule.js";

/** What `useSessionStatus` returns. Instants are epoch ms on this browser's clock. */
export interface SessionStatusInfo {
  status: SessionStatus;
  expiresAt: number | null;
  refetchAt: number | null;
  /** Whole seconds until the access token expires (0 once expired), or `null` when unknown. */
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
 * The session's status by `deriveSessionStatus`, kept current: it re-renders its consumer when
 * the status changes with time, and once a second only while the status is in `tickIn`.
 */
export function useSessionStatus({ tickIn = [] }: UseSessionStatusOptions = {}): SessionStatusInfo {
  const { status: authStatus, data: session } = useSession();
  const { plan, receivedAt, expiresAt, leadSeconds } = useRefreshSchedule();
  const input = { authStatus, session, refetchAt: plan.refetchAt, receivedAt, leadSeconds, online: isOnline() };
  // A session is never judged by a clock reading older than its arrival.
  const at = (clock: number) => Math.max(clock, receivedAt);
  const now = at(
    useNow((clock) => {
      const t = at(clock);
      // A countdown changes at the next whole second before expiry; otherwise only at a status boundary.
      const ticking = expiresAt !== null && tickIn.includes(deriveSessionStatus({ ...input, now: t }));
      return ticking ? t + ((expiresAt - t) % 1000 || 1000) : nextStatusChangeAt({ ...input, now: t });
    }),
  );
  return {
    status: deriveSessionStatus({ ...input, now }),
    expiresAt,
    refetchAt: plan.refetchAt,
    secondsLeft: expiresAt === null ? null : Math.max(0, Math.ceil((expiresAt - now) / 1000)),
    error: sessionError(session),
  };
}
