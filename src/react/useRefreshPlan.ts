"use client";
import { useSession } from "next-auth/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_ENDING_SECONDS, DEFAULT_LEAD_SECONDS } from "../core/constants.js";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { type PlanRefetchOptions, planRefetch, type RefetchPlan } from "../core/planRefetch.js";
import { type RefreshableSession, resolveExpiry, resolveSessionEnd, terminalError } from "../core/session.js";
import { assertSeconds } from "../core/timing.js";
import { isOnline, isVisible, onWake } from "./browser.js";
import type { RefreshSchedule } from "./ScheduleContext.js";
import { useLeadership } from "./useLeadership.js";

/** Options shared by `RefreshTokenHandler` and `RefreshingSessionProvider`, in seconds. */
export interface RefreshPlanOptions extends Omit<PlanRefetchOptions, "receivedAt"> {
  /** Show `ending`, with a countdown, this long before the session's end (its refresh token's death). Default 300. */
  endingSeconds?: number;
  /** Called with the refetch interval (seconds, 0 = none) whenever the plan changes. */
  onIntervalChange?: (intervalSeconds: number, plan: RefetchPlan) => void;
  /** Called when a new session carries a later expiry than the last one: a refresh happened. */
  onRefresh?: (expiresAt: number) => void;
  /** Called once each time the session turns to an error such as `RefreshAccessTokenError` (not while retrying). */
  onRefreshError?: (error: string) => void;
  /**
   * Tabs (and providers in one page) with the same key elect one leader, which alone fetches on
   * schedule. Default: the provider's `basePath`, `/api/auth` for the handler.
   */
  syncKey?: string;
  /** Handler only: re-fetch at once when the tab is shown past its refetch time (next-auth's focus refetch does it when on). */
  catchUpOnVisible?: boolean;
}

/**
 * The schedule of `session`, planned at `plannedAt` (epoch ms), with what the caller knows of its
 * fetches: when it arrived (`receivedAt`), whether one is in flight, the failures, the lead.
 */
export function scheduleFor(
  session: unknown,
  plannedAt: number,
  options: RefreshPlanOptions,
  known: Pick<RefreshSchedule, "receivedAt" | "fetching" | "failures" | "failedAt" | "leader">,
): RefreshSchedule {
  const { leadSeconds = DEFAULT_LEAD_SECONDS, endingSeconds = DEFAULT_ENDING_SECONDS } = options;
  const { receivedAt } = known;
  assertSeconds("endingSeconds", endingSeconds, 0);
  return {
    ...known,
    // planRefetch reads its own options (lead, floor, fallback) and ignores the rest.
    plan: planRefetch(session, plannedAt, { ...options, receivedAt }),
    expiresAt: resolveExpiry(session, receivedAt),
    endsAt: resolveSessionEnd(session, receivedAt),
    leadSeconds,
    endingSeconds,
  };
}

/**
 * Reports a schedule to the callbacks, read from `latest` (the caller's current options): the
 * interval on each new plan, a refresh when a later expiry arrives, an error once when the session
 * turns to one.
 */
export function useScheduleReports(
  session: unknown,
  { plan, expiresAt }: RefreshSchedule,
  // Callbacks in a ref: a new inline function from the parent must not re-run the effect.
  latest: { readonly current: RefreshPlanOptions },
): void {
  // A refresh shows as a later absolute expiry from the server; the local expiry, anchored at
  // receipt, drifts by up to a second between fetches of the same token. [that expiry, the error]
  const previous = useRef<[number | null, string | null]>([null, null]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: latest is the caller's ref, read as the effect runs
  useEffect(() => {
    const { onIntervalChange, onRefresh, onRefreshError } = latest.current;
    onIntervalChange?.(plan.intervalSeconds, plan);
    // The standard form, first, so bundlers drop the warning and its test from production builds.
    if (process.env.NODE_ENV !== "production" && plan.reason === "no-expiry") {
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
  }, [session, plan, expiresAt]);
}

const FOLLOWER: RefetchPlan = { intervalSeconds: 0, refetchAt: null, reason: "follower" };

/**
 * `RefreshTokenHandler`'s planning under next-auth's own `SessionProvider`: a new session, or the
 * tab waking up (shown, back online), re-plans from the current clock. Only the leading tab polls
 * (the others report 0): next-auth makes every other tab fetch when one does, so N tabs cost N
 * fetches per lifetime, not N².
 */
export function useRefreshPlan(options: RefreshPlanOptions = {}): RefreshSchedule {
  const { data: session, status, update } = useSession();
  const leader = useLeadership(options.syncKey ?? "/api/auth");
  const [wokeAt, setWokeAt] = useState(0);
  const receivedAt = useMemo(() => (session === undefined ? 0 : Date.now()), [session]);
  const { leadSeconds, endingSeconds, floorSeconds, fallbackSeconds } = options;
  // Options by value: an inline options object must not re-plan.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the four plan options are listed
  const own = useMemo(
    () =>
      scheduleFor(session, Math.max(receivedAt, wokeAt), options, {
        receivedAt,
        fetching: status === "loading" && !!session,
        failures: 0,
        leader,
      }),
    [session, status, receivedAt, wokeAt, leader, leadSeconds, endingSeconds, floorSeconds, fallbackSeconds],
  );
  const schedule = useMemo(() => (leader ? own : { ...own, plan: FOLLOWER }), [own, leader]);
  const latest = useRef(options);
  latest.current = options;
  useScheduleReports(session, schedule, latest);

  const catchUpOnVisible = options.catchUpOnVisible ?? false;
  useEffect(
    () =>
      onWake((type) => {
        if (!isVisible() || !isOnline()) return;
        const now = Date.now();
        setWokeAt(now);
        const { refetchAt } = own.plan;
        if (refetchAt === null || now < refetchAt) return;
        // next-auth never refetches when the network returns (the leader catches up for all tabs),
        // and on focus only when that is on (the tab shown catches up).
        if (type === "online" ? leader : catchUpOnVisible) void update();
      }),
    [own, leader, catchUpOnVisible, update],
  );
  return schedule;
}
