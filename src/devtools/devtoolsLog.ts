import { dateTime } from "../timeline/timeText.js";

/** The most events the devtools keep: the oldest go first. */
export const LOG_LIMIT = 100;

/** What the devtools log. */
export type DevtoolsEventType =
  /** A session fetch of this tab started; `detail` says why. */
  | "fetch"
  /** A session arrived with the same access token (`detail`: from another tab, when it was not this tab's fetch). */
  | "session"
  /** A session arrived with a later expiry: the server refreshed the access token. */
  | "refresh"
  /** A session fetch failed; `detail` gives the code. */
  | "failed"
  | "retrying"
  | "error"
  | "signed-in"
  | "signed-out"
  /** This tab took the lead, or handed it over (`follow`). */
  | "lead"
  | "follow"
  | "offline"
  | "online";

export interface DevtoolsEvent {
  /** Epoch ms. */
  at: number;
  type: DevtoolsEventType;
  detail?: string;
}

/** What the devtools read of the session at one moment: the fields whose changes are events. */
export interface SessionObservation {
  authStatus: "loading" | "authenticated" | "unauthenticated";
  /** The session's `error`, e.g. `RefreshAccessTokenRetrying`. */
  error: string | null;
  /** The access token's expiry as the server stated it (epoch ms), or `null`. */
  tokenExpires: number | null;
  /** When the current session arrived. */
  receivedAt: number;
  fetching: boolean;
  failures: number;
  leader: boolean;
}

/**
 * The events between two observations, at `at`. Fetches and this tab's failures come from the
 * session client's own reports when it makes them (`reported`: a development build with the kit's
 * provider); otherwise they are read off the state, without their reason or code.
 */
export function observedEvents(
  previous: SessionObservation | null,
  next: SessionObservation,
  at: number,
  reported: boolean,
): DevtoolsEvent[] {
  const events: DevtoolsEvent[] = [];
  const add = (type: DevtoolsEventType, detail?: string) => events.push(detail ? { at, type, detail } : { at, type });
  if (next.leader !== (previous?.leader ?? false)) {
    add(next.leader ? "lead" : "follow", next.leader ? "this tab fetches for all" : "another tab fetches");
  }
  if (!reported && next.fetching && !previous?.fetching) add("fetch", "reason reported in development builds");
  const failed = next.failures > (previous?.failures ?? 0);
  if (failed && (!reported || !previous?.fetching)) {
    add("failed", `${next.failures} in a row${previous?.fetching ? "" : ", in another tab"}`);
  }
  const authChanged = previous !== null && previous.authStatus !== next.authStatus;
  if (authChanged && next.authStatus === "authenticated" && previous.authStatus === "unauthenticated") add("signed-in");
  if (authChanged && next.authStatus === "unauthenticated") {
    if (previous.authStatus === "authenticated") add("signed-out");
    else add("session", "none, signed out");
  }
  const arrived = next.receivedAt !== (previous?.receivedAt ?? 0) && next.authStatus === "authenticated";
  if (arrived) {
    const before = previous?.tokenExpires ?? null;
    const expires = next.tokenExpires === null ? "expiry unknown" : `expires ${dateTime(next.tokenExpires)}`;
    if (before !== null && next.tokenExpires !== null && next.tokenExpires > before) {
      add("refresh", `${expires} (+${duration(next.tokenExpires - before)})`);
    } else if (!next.error) {
      add("session", previous?.fetching || previous === null ? expires : `${expires}, from another tab`);
    }
  }
  if (next.error !== (previous?.error ?? null) && next.error) {
    add(next.error === "RefreshAccessTokenRetrying" ? "retrying" : "error", next.error);
  }
  return events;
}

/** `log` with `events` added, keeping the last `LOG_LIMIT`. */
export function appendEvents(log: readonly DevtoolsEvent[], events: readonly DevtoolsEvent[]): DevtoolsEvent[] {
  if (events.length === 0) return log as DevtoolsEvent[];
  return [...log, ...events].slice(-LOG_LIMIT);
}

/** `1 h 0 min`, `20 s`. */
function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}
