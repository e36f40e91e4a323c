"use client";
import { SessionContext, useSession } from "next-auth/react";
import { useContext, useEffect, useRef, useState } from "react";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { sessionError } from "../core/session.js";
import { isVisible, onWake } from "../react/browser.js";
import { SessionEnvironmentContext, useRefreshSchedule } from "../react/index.js";
import { inspectorOf, type SessionInspector } from "../react/inspector.js";
import { appendEvents, type DevtoolsEvent, observedEvents, type SessionObservation } from "./devtoolsLog.js";
import { joinPresence, TAB_ID, type TabInfo } from "./tabPresence.js";

/** What the devtools know of this tab: its log, its role and the other tabs. */
export interface DevtoolsRecord {
  events: DevtoolsEvent[];
  /** When this tab took the lead (epoch ms), or `null` while it follows. */
  leaderSince: number | null;
  otherTabs: TabInfo[];
  /** The session client reports why it fetches (a development build under the kit's provider). */
  reported: boolean;
  /** The reports of the client of the provider above (development builds under the kit's provider). */
  inspector: SessionInspector | undefined;
}

/**
 * Records what happens to the session from the moment the devtools mount: state changes read off
 * `useSession()` and the refresh schedule, the session client's own reports (fetch reasons,
 * failure codes), the network going and coming, and the other tabs' roll call under `syncKey`.
 */
export function useSessionDevtools(syncKey: string, simulatedOffline: () => boolean): DevtoolsRecord {
  const environment = useContext(SessionEnvironmentContext);
  const { data: session, status: authStatus } = useSession();
  const schedule = useRefreshSchedule();
  // The kit's provider hands its own client's reports down, in development builds only: the
  // devtools show the client of the provider they sit under, whatever else runs on the page.
  const context = useContext(SessionContext);
  const inspector = process.env.NODE_ENV !== "production" ? inspectorOf(context) : undefined;
  const reported = inspector !== undefined;
  const [events, setEvents] = useState<DevtoolsEvent[]>([]);
  const [leaderSince, setLeaderSince] = useState<number | null>(null);
  const [otherTabs, setOtherTabs] = useState<TabInfo[]>([]);
  const previous = useRef<SessionObservation | null>(null);
  const add = (more: DevtoolsEvent[]) => setEvents((log) => appendEvents(log, more));

  const error = sessionError(session);
  const tokenExpires = normalizeExpiry((session as { accessTokenExpires?: unknown } | null)?.accessTokenExpires);
  const { receivedAt, fetching, failures, leader } = schedule;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the observation's fields are listed; `add` only sets state
  useEffect(() => {
    const next: SessionObservation = { authStatus, error, tokenExpires, receivedAt, fetching, failures, leader };
    const at = environment.now();
    if (leader !== (previous.current?.leader ?? false)) setLeaderSince(leader ? at : null);
    add(observedEvents(previous.current, next, at, reported));
    previous.current = next;
  }, [authStatus, error, tokenExpires, receivedAt, fetching, failures, leader, reported, environment]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `add` only sets state
  useEffect(() => {
    if (!inspector) return;
    const { listeners } = inspector;
    const listener: Parameters<typeof listeners.add>[0] = (event, at) =>
      add([{ at, type: event.type, detail: event.type === "fetch" ? event.reason : event.code }]);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [inspector]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `add` only sets state; `simulatedOffline` is read when it fires
  useEffect(
    () =>
      onWake((type) => {
        if (type === "visibilitychange") return;
        add([{ at: environment.now(), type: type as "online", ...(simulatedOffline() && { detail: "simulated" }) }]);
      }),
    [environment],
  );

  // The roll call: this tab's role is read when it answers, and told when it changes.
  const self = useRef({ leader, leaderSince });
  self.current = { leader, leaderSince };
  const presence = useRef<ReturnType<typeof joinPresence> | null>(null);
  useEffect(() => {
    const joined = joinPresence(
      syncKey,
      () => ({ id: TAB_ID, ...self.current, visible: isVisible() }),
      setOtherTabs,
      () => environment.now(),
    );
    presence.current = joined;
    return () => joined.stop();
  }, [syncKey, environment]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: announced when the role changes
  useEffect(() => presence.current?.announce(), [leader, leaderSince]);

  return { events, leaderSince, otherTabs, reported, inspector };
}
