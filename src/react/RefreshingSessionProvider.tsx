"use client";
import { SessionContext, type SessionContextValue, type SessionProviderProps } from "next-auth/react";
import { type ReactNode, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { planRefetch } from "../core/planRefetch.js";
import { authStatusOf } from "../core/session.js";
import { SessionEnvironmentContext } from "./environment.js";
import { INSPECTOR } from "./inspector.js";
import { ScheduleContext } from "./ScheduleContext.js";
import { createSessionClient, type SessionClient } from "./sessionClient.js";
import { type RefreshPlanOptions, scheduleFor, useScheduleReports } from "./useRefreshPlan.js";

/**
 * Props of `RefreshingSessionProvider`: those of next-auth's `SessionProvider` (less the interval,
 * which the kit plans), and the plan options.
 */
export interface RefreshingSessionProviderProps
  extends Omit<SessionProviderProps, "refetchInterval" | "children">,
    Omit<RefreshPlanOptions, "catchUpOnVisible"> {
  children?: ReactNode;
  /** A session client made with `createSessionClient` (a test's, with fakes); default: the provider makes its own. */
  client?: SessionClient;
}

/**
 * The kit's session client behind next-auth's own `SessionContext`: `useSession()`, `signIn()`,
 * `signOut()` and `update()` work unchanged. It fetches the session when the server said (one
 * timer, re-armed on each session), in one leading tab only, and shares each session with the
 * other tabs. A failed fetch (network, 5xx, timeout) keeps the last session and retries with
 * backoff; only the server answering "no session" signs the page out.
 */
export function RefreshingSessionProvider(props: RefreshingSessionProviderProps) {
  const { children, basePath = "/api/auth", leadSeconds, endingSeconds, floorSeconds, fallbackSeconds } = props;
  // Read at each decision of the client, so re-rendered props apply without a new client.
  const latest = useRef(props);
  latest.current = props;
  const environment = useContext(SessionEnvironmentContext);
  const [client] = useState(
    () =>
      props.client ??
      createSessionClient(props.session, {
        environment,
        authUrl: (props.baseUrl ?? "") + basePath,
        basePath,
        syncKey: props.syncKey ?? basePath,
        refetchOnWindowFocus: () => latest.current.refetchOnWindowFocus ?? true,
        refetchWhenOffline: () => latest.current.refetchWhenOffline ?? false,
        plan: (session, receivedAt, now) => planRefetch(session, now, { ...latest.current, receivedAt }),
      }),
  );
  useEffect(() => client.start(), [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState, client.getState);
  const { session } = state;
  // Planned when the session arrived; a new state is a new session or a change in its fetches.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the four plan options are listed
  const schedule = useMemo(
    () => scheduleFor(session, state.receivedAt, props, state),
    [state, leadSeconds, endingSeconds, floorSeconds, fallbackSeconds],
  );
  useScheduleReports(session, schedule, latest);

  const value = useMemo(() => {
    const value = { data: session ?? null, status: authStatusOf(session), update: client.update };
    // Development builds: the devtools below find this client's reports on its context value.
    if (process.env.NODE_ENV !== "production") Object.assign(value, { [INSPECTOR]: client.inspector });
    return value as SessionContextValue;
  }, [session, client]);
  return (
    <SessionContext.Provider value={value}>
      <ScheduleContext.Provider value={schedule}>{children}</ScheduleContext.Provider>
    </SessionContext.Provider>
  );
}
