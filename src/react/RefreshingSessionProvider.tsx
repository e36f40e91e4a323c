"use client";
import { SessionContext, type SessionContextValue, type SessionProviderProps } from "next-auth/react";
import { type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { planRefetch } from "../core/planRefetch.js";
import { ScheduleContext } from "./ScheduleContext.js";
import { createSessionClient } from "./sessionClient.js";
import { planOptionsOf, type RefreshPlanOptions, scheduleFor, useScheduleReports } from "./useRefreshPlan.js";

/**
 * Props of `RefreshingSessionProvider`: those of next-auth's `SessionProvider` (less the interval,
 * which the kit plans), and the plan options.
 */
export interface RefreshingSessionProviderProps
  extends Omit<SessionProviderProps, "refetchInterval" | "children">,
    Omit<RefreshPlanOptions, "catchUpOnVisible"> {
  children?: ReactNode;
}

/**
 * The kit's session client behind next-auth's own `SessionContext`: `useSession()`, `signIn()`,
 * `signOut()` and `update()` work unchanged. It fetches the session when the server said (one
 * timer, re-armed on each session), in one leading tab only, and shares each session with the
 * other tabs. A failed fetch (network, 5xx, timeout) keeps the last session and retries with
 * backoff; only the server answering "no session" signs the page out.
 */
export function RefreshingSessionProvider(props: RefreshingSessionProviderProps) {
  const {
    children,
    session: initial,
    basePath = "/api/auth",
    baseUrl = "",
    refetchOnWindowFocus = true,
    refetchWhenOffline = false,
    syncKey = basePath,
  } = props;
  // Read at each decision of the client, so re-rendered props apply without a new client.
  const latest = useRef(props);
  latest.current = props;
  const [client] = useState(() =>
    createSessionClient(initial, {
      authUrl: `${baseUrl}${basePath}`,
      basePath,
      syncKey,
      refetchOnWindowFocus: () => latest.current.refetchOnWindowFocus ?? refetchOnWindowFocus,
      refetchWhenOffline: () => latest.current.refetchWhenOffline ?? refetchWhenOffline,
      plan: (session, receivedAt, now) => planRefetch(session, now, { ...planOptionsOf(latest.current), receivedAt }),
    }),
  );
  useEffect(() => client.start(), [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getState);
  const { session, receivedAt, fetching, failures, leader } = state;

  const { leadSeconds, floorSeconds, fallbackSeconds } = props;
  const schedule = useMemo(
    () =>
      scheduleFor(
        session,
        receivedAt,
        receivedAt,
        { leadSeconds, floorSeconds, fallbackSeconds },
        { fetching, failures, leader },
      ),
    [session, receivedAt, fetching, failures, leader, leadSeconds, floorSeconds, fallbackSeconds],
  );
  useScheduleReports(session, schedule, props);

  const value = useMemo(
    () =>
      (session
        ? { data: session, status: "authenticated", update: client.update }
        : {
            data: null,
            status: session === null ? "unauthenticated" : "loading",
            update: client.update,
          }) as SessionContextValue,
    [session, client],
  );
  return (
    <SessionContext.Provider value={value}>
      <ScheduleContext.Provider value={schedule}>{children}</ScheduleContext.Provider>
    </SessionContext.Provider>
  );
}
