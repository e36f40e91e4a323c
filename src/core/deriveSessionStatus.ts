import { DEFAULT_LEAD_SECONDS } from "./constants.js";
import { isRetrying, isSession, terminalError } from "./session.js";
import { sessionTimeline } from "./timeline.js";

/** Every state a session can be in, as the badge and the hooks show it. */
export type SessionStatus =
  | "loading"
  | "unauthenticated"
  | "active"
  | "expiring"
  | "ending"
  | "refreshing"
  | "expired"
  | "error"
  | "offline"
  | "reconnecting";

/** All statuses, in the order the badge's all-states view shows them. */
export const SESSION_STATUSES: readonly SessionStatus[] = [
  "loading",
  "unauthenticated",
  "active",
  "expiring",
  "ending",
  "refreshing",
  "expired",
  "error",
  "offline",
  "reconnecting",
];

/** What `deriveSessionStatus` looks at. */
export interface SessionStatusInput {
  /** next-auth's `useSession().status`. */
  authStatus: "loading" | "authenticated" | "unauthenticated";
  /** next-auth's `useSession().data`. */
  session: unknown;
  /** Epoch ms. */
  now: number;
  /** `navigator.onLine`; `false` only when the browser reports no network. Default `true`. */
  online?: boolean;
  /** A session fetch is in flight (observed, never guessed from the clock). Default `false`. */
  fetching?: boolean;
  /**
   * The last session fetch failed (network error, 5xx, timeout, not JSON): the last session is
   * kept and the fetch retried. Default `false`.
   */
  unreachable?: boolean;
  /** Epoch ms when this session arrived; anchors a server-relative lifetime. Default `now`. */
  receivedAt?: number;
  /** The client lead in seconds, for sessions without the server's `refetchInSeconds`. Default 420. */
  leadSeconds?: number;
  /** Show `ending` this long before the session's end (`sessionEndsAt`). Default 300. */
  endingSeconds?: number;
}

/**
 * The one rule for which state a session is in (docs/how-it-works.md#the-session-status). An error
 * on the session wins over everything but loading and signed out, because it needs the user to act.
 * A session the server cannot reach is kept (`offline`, `reconnecting`), and one the server is
 * retrying (`RefreshAccessTokenRetrying`) is `expiring`, never `expired`. A session past its end
 * (its refresh token is dead) is `error`, "Session ended", as the server will say at the next fetch.
 */
export function deriveSessionStatus(input: SessionStatusInput): SessionStatus {
  return statusAt(input)[0];
}

/**
 * The next instant after `now` at which `deriveSessionStatus` changes on its own (the fetch is
 * overdue, the token expires), or `null` if none is ahead. A view that shows no countdown
 * re-renders then, instead of every second.
 */
export function nextStatusChangeAt(input: SessionStatusInput): number | null {
  return statusAt(input)[1];
}

/**
 * Both answers from one reading of the session, so the status and its next change never
 * disagree. Internal: `useSessionStatus` needs both on every render.
 */
export function statusAt(input: SessionStatusInput): [SessionStatus, number | null] {
  const { authStatus, session, now, online = true, fetching = false, unreachable = false } = input;
  // next-auth's own SessionProvider reports "loading" while `update()` runs: with a session, a refresh.
  if (authStatus === "loading") return [isSession(session) ? "refreshing" : "loading", null];
  if (authStatus === "unauthenticated" || !isSession(session)) return ["unauthenticated", null];
  if (terminalError(session) !== null) return ["error", null];

  const { expiresAt, expiringAt, endsAt, endingAt } = sessionTimeline(
    session,
    input.receivedAt ?? now,
    input.leadSeconds ?? DEFAULT_LEAD_SECONDS,
    input.endingSeconds,
  );
  const retrying = isRetrying(session);
  // The status at `t`, as the fetch and the network are now. Past its end a session is over
  // whatever the network. An unusable clock reaches no instant: `active`.
  const at = (t: number): SessionStatus => {
    const reached = (instant: number | null) => instant !== null && t >= instant;
    if (reached(endsAt)) return "error";
    if (!online) return "offline";
    if (unreachable) return "reconnecting";
    if (fetching) return "refreshing";
    if (!retrying && reached(expiresAt)) return "expired";
    if (reached(endingAt)) return "ending";
    return reached(expiringAt) ? "expiring" : "active";
  };
  const status = at(now);
  // Every rule above is a threshold on one of these instants, so the status is constant between
  // them: the next change is the first of them, ahead, at which the status differs.
  const next = [expiringAt, expiresAt, endingAt, endsAt]
    .filter((t): t is number => t !== null && t > now)
    .sort((x, y) => x - y)
    .find((t) => at(t) !== status);
  return [status, next ?? null];
}
