import { DEFAULT_ENDING_SECONDS } from "./constants.js";
import { isRetrying, resolveExpiry, resolveSessionEnd, serverRefetchAt } from "./session.js";

/** A session fetch this long past its time, with no newer session, counts as overdue: `expiring`. */
export const OVERDUE_AFTER_MS = 10_000;

/** The instants a session's status turns on, epoch ms on this browser's clock (`null`: none). */
export interface SessionTimeline {
  /** When the access token expires. */
  expiresAt: number | null;
  /** When the session should be fetched: the server's `refetchInSeconds`, else `leadSeconds` before expiry. */
  refetchDueAt: number | null;
  /** When the status turns `expiring`: the fetch overdue by `OVERDUE_AFTER_MS`, or a retrying session at once. */
  expiringAt: number | null;
  /** When the session ends: its refresh token dies, or the app's cap (`sessionEndsAt`). */
  endsAt: number | null;
  /** When the status turns `ending`: `endingSeconds` before `endsAt`. */
  endingAt: number | null;
}

/**
 * The one timeline of a session (docs/how-it-works.md#when-the-server-refreshes,
 * docs/how-it-works.md#the-session-status), read by the planner and the status. The server's
 * word comes first: a session that carries `refetchInSeconds` is fetched then; sessions without it
 * (older servers, hand-written callbacks) are fetched `leadSeconds` before expiry. Either way a
 * healthy session stays `active` (apart from a brief, observed `refreshing`): `expiring` means the
 * fetch is overdue or the server is retrying a failed refresh. A session whose refresh token has a
 * known end (`sessionEndsAt`) turns `ending` before it: no refresh can carry it past that.
 */
export function sessionTimeline(
  session: unknown,
  receivedAt: number,
  leadSeconds: number,
  endingSeconds = DEFAULT_ENDING_SECONDS,
): SessionTimeline {
  const expiresAt = resolveExpiry(session, receivedAt);
  const refetchDueAt =
    serverRefetchAt(session, receivedAt) ?? (expiresAt === null ? null : expiresAt - leadSeconds * 1000);
  const expiringAt = isRetrying(session) ? receivedAt : refetchDueAt === null ? null : refetchDueAt + OVERDUE_AFTER_MS;
  const endsAt = resolveSessionEnd(session, receivedAt);
  const endingAt = endsAt === null ? null : endsAt - endingSeconds * 1000;
  return { expiresAt, refetchDueAt, expiringAt, endsAt, endingAt };
}
