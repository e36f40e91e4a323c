"use client";
import { useSession } from "next-auth/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_LEAD_SECONDS } from "../core/constants.js";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { type PlanRefetchOptions, planRefetch, type RefetchPlan } from "../core/planRefetch.js";
import { type RefreshableSession, resolveExpiry, terminalError } from "../core/session.js";
import { isOnline, isVisible, onWake } from "./browser.js";
import type { RefreshSchedule } from "./ScheduleContext.js";

/** Options shared by `RefreshTokenHandler` and `RefreshingSessionProvider`, in seconds. */
export interface RefreshPlanOptions extends Omit<PlanRefetchOptions, "receivedAt"> {
  /** Called with next-auth's `refetchInterval` (seconds, 0 = off) whenever it changes. */
  onIntervalChange?: (intervalSeconds: number, plan: RefetchPlan) => void;
  /** Called when a new session carries a later expiry than the last one: a refresh happened. */
  onRefresh?: (expiresAt: number) => void;
  /** Called once each time the session turns to an error such as `RefreshAccessTokenError` (not while retrying). */
  onRefreshError?: (error: string) => void;
  /** Re-fetch at once when the tab is shown past its refetch time. next-auth's focus refetch does it when on. */
  catchUpOnVisible?: boolean;
}

/**
 * The one place the client plans: a new session, or the tab waking up (shown, back online),
 * re-plans from the current clock; an overdue refetch is done at once.
 */
export function useRefreshPlan(options: RefreshPlanOptions = {}): RefreshSchedule {
  const { data: session, update } = useSession();
  const [wokeAt, setWokeAt] = useState(0);
  const schedule = useSchedule(session, wokeAt, options);

  // Callbacks in a ref: a new inline function from the parent must not re-run the effects.
  const latest = useRef(options);
  latest.current = options;

  // Once per new plan (a new session, or the tab woke up). A refresh shows as a later absolute
  // expiry from the server; the local expiry, anchored at receipt, drifts by up to a second
  // between fetches of the same token. `previous` holds [that expiry, the error].
  const previous = useRef<[number | null, string | null]>([null, null]);
  useEffect(() => {
    const { plan, expiresAt } = schedule;
    const { onIntervalChange, onRefresh, onRefreshError } = latest.current;
    onIntervalChange?.(plan.intervalSeconds, plan);
    // The standard form, so bundlers drop the warning from production builds.
    if (plan.reason === "no-expiry" && process.env.NODE_ENV !== "production") {
      console.warn("next-auth-refresh-kit: no usable accessTokenExpires on the session; polling uses fallbackSeconds");
    }
    const [lastExpiry, lastError] = previous.current;
    const error = terminalError(session);
    const expiry = error
      ? lastExpiry
      : normalizeExpiry((session as RefreshableSession | undefined)?.accessTokenExpires);
    if (error && !lastError) onRefreshError?.(error);
    if (expiry !== null && lastExpiry !== null && expiry > lastExpiry) onRefresh?.(expiresAt ?? expiry);
    previous.current = [expiry, error];
  }, [session, schedule]);

  useEffect(
    () =>
      onWake((type) => {
        if (!isVisible() || !isOnline()) return;
        const now = Date.now();
        setWokeAt(now);
        const { refetchAt } = schedule.plan;
        // next-auth never refetches when the network returns, and on focus only when that is on.
        if (refetchAt !== null && now >= refetchAt && (type === "online" || latest.current.catchUpOnVisible)) {
          void update();
        }
      }),
    [schedule, update],
  );

  return schedule;
}

/**
 * The schedule for a session: planned when it arrives (`receivedAt`), or again from the moment
 * the tab woke up (`wokeAt`) if that is later. Memoised on the session object, so every fetch
 * (a new object) re-plans and nothing else does.
 */
export function useSchedule(session: unknown, wokeAt: number, options: RefreshPlanOptions): RefreshSchedule {
  const { leadSeconds = DEFAULT_LEAD_SECONDS, floorSeconds, fallbackSeconds } = options;
  const receivedAt = useMemo(() => (session === undefined ? 0 : Date.now()), [session]);
  const plannedAt = Math.max(receivedAt, wokeAt);
  return useMemo<RefreshSchedule>(
    () => ({
      plan: planRefetch(session, plannedAt, { leadSeconds, floorSeconds, fallbackSeconds, receivedAt }),
      receivedAt,
      expiresAt: resolveExpiry(session, receivedAt),
      leadSeconds,
    }),
    [session, receivedAt, plannedAt, leadSeconds, floorSeconds, fallbackSeconds],
  );
}
