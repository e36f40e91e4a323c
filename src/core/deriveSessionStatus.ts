import { DEFAULT_LEAD_SECONDS } from "./constants.js";
import { resolveExpiry, sessionError } from "./session.js";

/** Every state a session can be in, as the badge and the hooks show it. */
export type SessionStatus =
  | "loading"
  | "unauthenticated"
  | "active"
  | "expiring"
  | "refreshing"
  | "expired"
  | "error"
  | "offline";

/** All statuses, in the order the badge's all-states view shows them. */
export const SESSION_STATUSES: readonly SessionStatus[] = [
  "loading",
  "unauthenticated",
  "active",
  "expiring",
  "refreshing",
  "expired",
  "error",
  "offline",
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
  /** The planned next poll (`RefetchPlan.refetchAt`); `null` when polling is off. */
  refetchAt?: number | null;
  /** Epoch ms when this session arrived; anchors a server-relative lifetime. Default `now`. */
  receivedAt?: number;
  /** The client lead in seconds. Default 420. */
  leadSeconds?: number;
}

/**
 * The one rule for which state a session is in (DESIGN §6). An error on the session wins
 * over everything but loading and signed out, because it needs the user to act.
 */
export function deriveSessionStatus(input: SessionStatusInput): SessionStatus {
  const { authStatus, session, now, online = true, refetchAt = null, leadSeconds = DEFAULT_LEAD_SECONDS } = input;
  // next-auth reports "loading" again while `update()` runs; with a session in hand that is a refresh.
  if (authStatus === "loading") return typeof session === "object" && session !== null ? "refreshing" : "loading";
  if (authStatus === "unauthenticated" || typeof session !== "object" || session === null) return "unauthenticated";
  if (sessionError(session) !== null) return "error";
  if (!online) return "offline";

  const expiresAt = resolveExpiry(session, input.receivedAt ?? now);
  if (expiresAt === null || !Number.isFinite(now)) return "active";
  if (now >= expiresAt) return "expired";
  if (refetchAt !== null && now >= refetchAt) return "refreshing";
  if (now >= expiresAt - leadSeconds * 1000) return "expiring";
  return "active";
}

/**
 * The next instant after `now` at which `deriveSessionStatus` can change on its own (the lead
 * starts, the refetch falls due, the token expires), or `null` if none is ahead. A view that
 * shows no countdown re-renders then, instead of every second.
 */
export function nextStatusChangeAt(input: Omit<SessionStatusInput, "authStatus" | "online">): number | null {
  const { session, now, refetchAt = null, leadSeconds = DEFAULT_LEAD_SECONDS } = input;
  const expiresAt = resolveExpiry(session, input.receivedAt ?? now);
  if (expiresAt === null || sessionError(session) !== null) return null;
  const ahead = [expiresAt - leadSeconds * 1000, refetchAt ?? Number.NaN, expiresAt].filter((t) => t > now);
  return ahead.length === 0 ? null : Math.min(...ahead);
}
