import type { Session } from "next-auth";
import type { RefetchPlan } from "../core/planRefetch.js";
import { retryDelayMs } from "../core/refreshWindow.js";
import { isSession } from "../core/session.js";
import { onAuthChange } from "./authSignals.js";
import { onWake } from "./browser.js";
import { browserEnvironment, type SessionEnvironment } from "./environment.js";
import { FETCH_TIMEOUT_MS, fetchSession } from "./fetchSession.js";
import { FETCH_REASONS, inspect, type SessionInspector } from "./inspector.js";
import { electLeader } from "./leadership.js";
import type { SessionClientState } from "./sessionClientState.js";

/** How the client is wired; the functions are called at each decision, so re-rendered props apply. */
export interface SessionClientOptions {
  /** next-auth's routes, e.g. `/api/auth` or `https://example.com/api/auth`. */
  authUrl: string;
  /** The path part of `authUrl`, to recognise next-auth's own requests in this page. */
  basePath: string;
  /** Tabs with the same key share one leader and one session. */
  syncKey: string;
  refetchOnWindowFocus: () => boolean;
  refetchWhenOffline: () => boolean;
  /** When to fetch this session next: the pure planner. */
  plan: (session: Session, receivedAt: number, now: number) => RefetchPlan;
  /** The clock and timers to run on. Default `browserEnvironment`. */
  environment?: SessionEnvironment;
}

/** The kit's session client: one per provider, an external store for `useSyncExternalStore`. */
export interface SessionClient {
  getState(): SessionClientState;
  subscribe(listener: () => void): () => void;
  /** Starts fetching, electing and listening; returns the stop (an effect's cleanup). */
  start(): () => void;
  /** next-auth's `update(data)`: POSTs `data` to the session route, shares and returns the new session. */
  update(data?: unknown): Promise<Session | null>;
  /** Development builds only: this client's reports to the devtools. */
  inspector?: SessionInspector;
}

/**
 * What the tabs of one app tell each other over a `BroadcastChannel` (never delivered to its
 * sender), with the format's version `v`: a tab ignores a message it does not understand (another
 * version of the kit during a deploy).
 */
type TabMessage =
  /** A fresh answer from the server: a session, or `null` when signed out, from a fetch issued at `at`. */
  | { type: "session"; session: Session | null; at: number }
  /** A tab started a session fetch. */
  | { type: "fetching" }
  /** A session fetch failed (network, 5xx, timeout, not JSON): `failures` in a row. */
  | { type: "failed"; failures: number };
/** The format's version, `v` on every message (`post` adds it). */
const TAB_MESSAGE_VERSION = 1;

/** A focus refetch is skipped when any tab received a session this recently. */
export const FOCUS_DEDUPE_MS = 5_000;
/** A visible follower fetches a session this overdue itself (its leader frozen or stuck), plus jitter. */
const WATCHDOG_MS = 5_000;

// Why a fetch is asked for (indices of FETCH_REASONS, which the devtools show; the tab shown and
// the network back are told apart in development builds only, by the onWake wrapper in start): the
// leader's timer (schedule or retry) and a follower's watchdog run unattended, so they defer to a
// fetch another tab has in flight and to an offline browser.
const UNATTENDED = 1;
const WATCHDOG = 2;
const AUTH_CHANGED = 3;
const DEVTOOLS = 6;

export function createSessionClient(initial: Session | null | undefined, options: SessionClientOptions): SessionClient {
  const environment = options.environment ?? browserEnvironment;
  const { now: clock, setTimer, track, online: isOnline, visible: isVisible } = environment;
  const createdAt = clock();
  // A server-rendered session already due (a user back after the token expired, a page restored
  // from the cache) is fetched at once on start; until its answer it shows as refreshing, from
  // the first render on, never as expired with a sign-in button for a refresh that is on its way.
  const dueAtStart = isSession(initial) && options.plan(initial, createdAt, createdAt)?.reason === "due";
  let state: SessionClientState = {
    session: initial,
    receivedAt: initial === undefined ? 0 : createdAt,
    fetching: dueAtStart,
    failures: 0,
    failedAt: 0,
    leader: false,
  };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<SessionClientState>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };
  const getState = () => state;

  let running = false;
  // Without BroadcastChannel (null) each tab keeps its own session, as next-auth's provider does.
  let channel: BroadcastChannel | null = null;
  let cancelTimer = () => {};
  // The fetch queue: every fetch of this tab (scheduled, focus, online, sign-in/out, update's GET
  // and POST) runs after the one before, so answers arrive in the order they were issued.
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let again = false;
  // When the fetch behind the session shown was issued, here or in another tab: an answer issued
  // earlier (a slow GET overtaken by another tab's update) never replaces it.
  let shownAt = -Infinity;
  // When another tab said it started a fetch (its answer clears it; a closed tab's never comes).
  let peerFetchingAt = -Infinity;
  // A follower's fetch after next-auth's broadcast, should the leader not answer it (see start).
  let authPending = false;
  let authChangedAt = -Infinity;
  let cancelFallback = () => {};
  const peerFetching = () => clock() - peerFetchingAt < FETCH_TIMEOUT_MS;
  const post = (message: TabMessage) => channel?.postMessage({ ...message, v: TAB_MESSAGE_VERSION });

  const plan = (now: number) => (isSession(state.session) ? options.plan(state.session, state.receivedAt, now) : null);
  const overdue = (now: number) => state.failures > 0 || plan(now)?.reason === "due";

  /** Arms the one timer: the scheduled fetch or the retry (leader), or the watchdog (follower). */
  function arm() {
    cancelTimer();
    if (!running) return;
    const now = clock();
    const { failures, leader } = state;
    if (failures > 0) {
      if (leader) cancelTimer = setTimer(() => refetch(UNATTENDED), state.failedAt + retryDelayMs(failures) - now);
      return;
    }
    const at = plan(now)?.refetchAt;
    if (at == null) return;
    cancelTimer = leader
      ? setTimer(() => refetch(UNATTENDED), at - now)
      : setTimer(() => refetch(WATCHDOG), at + WATCHDOG_MS + Math.random() * 2000 - now);
  }

  /** Applies what this tab learnt, or another tab told it. */
  function apply(message: TabMessage) {
    if (message.type === "fetching") {
      peerFetchingAt = clock();
      return;
    }
    peerFetchingAt = -Infinity;
    if (message.type === "session") {
      if (message.at < shownAt) return; // issued before the session shown: outdated
      shownAt = message.at;
      // Only a session settles a pending sign-in/out, and only one fetched after it. A leader that
      // signed out fetches and navigates away: its fetch ends unanswered ("fetching", then
      // "failed" as the page unloads), and neither may cancel the fallback.
      if (message.at >= authChangedAt) {
        authPending = false;
        cancelFallback();
      }
    }
    set(
      message.type === "session"
        ? { session: message.session, receivedAt: clock(), failures: 0 }
        : { failures: Math.max(message.failures, state.failures), failedAt: clock() },
    );
    arm();
  }

  function refetch(why?: number): void {
    if (!running) return;
    if (queued > 0) {
      // Signed in or out after this fetch began (another tab, this page): fetch once more after it.
      if (why === AUTH_CHANGED) again = true;
      return;
    }
    if (why === UNATTENDED || why === WATCHDOG) {
      // The other tab's answer arrives over the channel; the `online` event catches up.
      if (peerFetching() || (!isOnline() && !options.refetchWhenOffline())) return;
      if (why === WATCHDOG && !isVisible()) {
        arm();
        return;
      }
    }
    if (process.env.NODE_ENV !== "production") {
      const reason =
        why === UNATTENDED && state.failures > 0 ? "retry" : FETCH_REASONS[why ?? client.inspector?.why ?? 0];
      inspect(client.inspector, { type: "fetch", reason: reason ?? "start" }, clock());
    }
    void run();
  }

  /** Queues a session fetch (`body()` gives update()'s POST body, read when its turn comes). */
  function run(body?: () => Promise<unknown>): Promise<Session | null | undefined> {
    queued += 1;
    set({ fetching: true });
    const job = tail.then(async () => {
      const at = clock();
      post({ type: "fetching" });
      const session = await fetchSession(
        `${options.authUrl}/session`,
        body && (await body()),
        // Development builds: why it failed, told while this client runs (a stopped one's late
        // timeout is no one's news).
        process.env.NODE_ENV !== "production"
          ? (code) => running && inspect(client.inspector, { type: "failed", code }, clock())
          : undefined,
      );
      queued -= 1;
      state = { ...state, fetching: queued > 0 };
      const message: TabMessage =
        session === undefined ? { type: "failed", failures: state.failures + 1 } : { type: "session", session, at };
      post(message);
      apply(message);
      if (again && queued === 0) {
        again = false;
        refetch(AUTH_CHANGED);
      }
      return session;
    });
    // A job that throws must not stop the ones queued after it.
    tail = job.catch(() => {});
    return job;
  }

  function onWakeEvent(type: string) {
    const now = clock();
    if (type === "online" && state.leader && overdue(now)) refetch();
    if (type !== "visibilitychange" || !isVisible()) return;
    const stale = now - state.receivedAt >= FOCUS_DEDUPE_MS;
    if (!peerFetching() && (options.refetchOnWindowFocus() ? stale : overdue(now))) refetch();
    else arm(); // timers in a background tab may have been held back
  }

  function start() {
    running = true;
    const undo: Array<(() => unknown) | undefined> = [];
    // Deferred by a microtask: React's StrictMode mounts, unmounts and mounts again in one go,
    // and only the last mount should fetch, join the election and listen.
    let cancelled = false;
    queueMicrotask(() => {
      if (cancelled) return;
      const { syncKey } = options;
      const tabs = environment.channel(`narkit:${syncKey}`);
      if (tabs) {
        // Only this version's messages: one version has one format.
        tabs.onmessage = ({ data }: MessageEvent<(TabMessage & { v?: number }) | undefined>) =>
          running && data?.v === TAB_MESSAGE_VERSION && apply(data);
        channel = tabs;
        undo.push(() => tabs.close());
      }
      const stopElection = electLeader(
        syncKey,
        (leader) => {
          if (!running) return;
          set({ leader });
          arm();
          // The old leader left (it signed out and navigated away): answer its broadcast now.
          if (leader && authPending) refetch(AUTH_CHANGED);
        },
        environment,
      );
      undo.push(
        stopElection,
        track?.(getState),
        onWake(
          process.env.NODE_ENV !== "production"
            ? (type) => {
                // Development builds tell the devtools which event asked for a fetch.
                const inspector = client.inspector as SessionInspector;
                inspector.why = type === "online" ? 5 : 4;
                onWakeEvent(type);
                inspector.why = 0;
              }
            : onWakeEvent,
        ),
        onAuthChange(
          options.basePath,
          () => {
            authChangedAt = clock();
            if (state.leader) return refetch(AUTH_CHANGED);
            // The leader fetches for all. If it was the tab that signed out, it is navigating away:
            // then the tab it hands the lock to fetches, or a follower after a real-time pause and
            // jitter that let the leader answer; while another tab's fetch is on its way, it waits
            // for that answer (the leader's fetch is slow exactly when the server refreshes).
            authPending = true;
            cancelFallback();
            const fallBack = () => {
              if (peerFetching()) fallback = setTimeout(fallBack, 250);
              else refetch(AUTH_CHANGED);
            };
            let fallback = setTimeout(fallBack, 150 + Math.random() * 200);
            cancelFallback = () => clearTimeout(fallback);
          },
          environment.channel("next-auth"),
        ),
        () => cancelFallback(),
      );
      if (state.session === undefined || dueAtStart) refetch();
    });
    return () => {
      cancelled = true;
      running = false;
      cancelTimer();
      for (const fn of undo.splice(0)) fn?.();
      channel = null;
      state = { ...state, leader: false };
    };
  }

  async function update(data?: unknown) {
    if (!isSession(state.session)) return null;
    if (process.env.NODE_ENV !== "production") inspect(client.inspector, { type: "fetch", reason: "update" }, clock());
    // Queued after whatever is in flight; its CSRF round trip is part of its turn, so no other
    // fetch of this tab overlaps the POST.
    const body = async () => {
      const csrf = await fetch(`${options.authUrl}/csrf`)
        .then((response) => response.json() as Promise<{ csrfToken?: string }>)
        .catch(() => ({ csrfToken: undefined }));
      return { csrfToken: csrf.csrfToken, data };
    };
    return (await run(body)) ?? null;
  }

  const client: SessionClient = {
    getState,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    update,
  };
  // Development builds: this client's own reports; its fetch now is a no-op once stopped.
  if (process.env.NODE_ENV !== "production") {
    client.inspector = { listeners: new Set(), fetchNow: () => refetch(DEVTOOLS), why: 0 };
  }
  return client;
}
