import { isRetrying, resolveExpiry, serverRefetchAt } from "./session.js";

/** A session fetch this long past its time, with no newer session, counts as overdue: `expiring`. */
export const OVERDUE_AFTER_MS = 10_000;

/** The instants a session's status turns on, epoch ms on this browser's clock (`null`: none). */
export interface SessionTimeline {
  /** When the access token expires. */
  expiresAt: number | null;
  /** When the session should be fetched: the server's `refetchInSeconds`, else `leadSeconds` before expiry. */
  refetchDueAt: number | null;
  /** When the status turns `expiring`: a fetch overdue, a retrying session at once, or (legacy) the lead. */
  expiringAt: number | null;
  /** `true` when `expiringAt` means overdue (it then wins over `refreshing`); `false` for the legacy lead. */
  overdue: boolean;
}

/**
 * The one timeline of a session (DESIGN §4, §6), read by the planner and the status. The server's
 * word comes first: a session that carries `refetchInSeconds` is fetched then, and a healthy one
 * stays `active` apart from a brief `refreshing`. Sessions without it (older servers, hand-written
 * callbacks) fall back to the client's `leadSeconds`.
 */
export function sessionTimeline(session: unknown, receivedAt: number, leadSeconds: number): SessionTimeline {
  const expiresAt = resolveExpiry(session, receivedAt);
  const told = serverRefetchAt(session, receivedAt);
  const lead = expiresAt === null ? null : expiresAt - leadSeconds * 1000;
  // A session without the server's word (even a retrying one) is still fetched, by the lead.
  const refetchDueAt = told ?? lead;
  if (isRetrying(session)) return { expiresAt, refetchDueAt, expiringAt: receivedAt, overdue: true };
  if (told !== null) return { expiresAt, refetchDueAt, expiringAt: told + OVERDUE_AFTER_MS, overdue: true };
  return { expiresAt, refetchDueAt, expiringAt: lead, overdue: false };
}
