import { MAX_INTERVAL_SECONDS, REFRESH_ACCESS_TOKEN_RETRYING } from "./constants.js";
import { normalizeExpiry } from "./normalizeExpiry.js";

/**
 * The session fields the kit reads, as the kit's session callback writes them.
 * Everything is optional and checked at run time: the session is JSON from the network.
 */
export interface RefreshableSession {
  /** When the access token expires: epoch seconds (as OAuth's `expires_at`), epoch ms or ISO-8601. */
  accessTokenExpires?: unknown;
  /**
   * The access token's remaining lifetime in seconds, by the server's clock, when the session
   * was sent. Preferred over `accessTokenExpires` because it is immune to a skewed user clock.
   */
  accessTokenExpiresInSeconds?: unknown;
  /**
   * Seconds from when the session was sent, by the server's clock, until the browser should fetch
   * it again: the server's refresh time, or its next retry. The one timing source
   * (docs/how-it-works.md#when-the-server-refreshes).
   */
  refetchInSeconds?: unknown;
  /** When the session ends (its refresh token dies): epoch seconds, epoch ms or ISO-8601. */
  sessionEndsAt?: unknown;
  /** The session's remaining lifetime in seconds, by the server's clock, when the session was sent. */
  sessionEndsInSeconds?: unknown;
  /**
   * Set by the server when the session cannot be kept alive (`RefreshAccessTokenError`), or while
   * refreshes fail transiently (`RefreshAccessTokenRetrying`).
   */
  error?: unknown;
}

/** What next-auth's `useSession().data` holds: `undefined` while loading, `null` when signed out. */
export type SessionInput = RefreshableSession | null | undefined;

/** True for a session object (not `undefined` while loading, not `null` when signed out). */
export function isSession(value: unknown): value is RefreshableSession {
  return typeof value === "object" && value !== null;
}

/** next-auth's `useSession().status` for what its `data` holds: a session, `null` (signed out) or `undefined`. */
export function authStatusOf(session: unknown): "authenticated" | "unauthenticated" | "loading" {
  return session ? "authenticated" : session === null ? "unauthenticated" : "loading";
}

/** True while the server keeps the session and retries a transiently failing refresh. */
export function isRetrying(session: unknown): boolean {
  return sessionError(session) === REFRESH_ACCESS_TOKEN_RETRYING;
}

/** The error that ends the session (any but the retrying marker), or `null`. */
export function terminalError(session: unknown): string | null {
  return isRetrying(session) ? null : sessionError(session);
}

/**
 * When the server asked the browser to fetch the session again, epoch ms on the local clock
 * (anchored at `receivedAt`, so clock skew does not matter), or `null` when it did not say.
 */
export function serverRefetchAt(session: unknown, receivedAt: number): number | null {
  const seconds = isSession(session) ? session.refetchInSeconds : undefined;
  if (typeof seconds !== "number" || !(seconds >= 0)) return null;
  const at = receivedAt + Math.min(seconds, MAX_INTERVAL_SECONDS) * 1000;
  return Number.isFinite(at) ? at : null;
}

/** The error on a session, or `null` when it carries none. */
export function sessionError(session: unknown): string | null {
  const error = isSession(session) ? session.error : null;
  return typeof error === "string" && error !== "" ? error : null;
}

/**
 * When the access token expires, in epoch ms on the local clock, or `null` when unknown.
 * A server-relative lifetime is anchored at `receivedAt` (when this session arrived), so a
 * browser clock that is minutes off the server's still schedules correctly.
 */
export function resolveExpiry(session: unknown, receivedAt: number): number | null {
  return isSession(session)
    ? anchored(session.accessTokenExpiresInSeconds, session.accessTokenExpires, receivedAt)
    : null;
}

/** When the session ends (its refresh token dies, or the app's cap), read as `resolveExpiry` reads the expiry. */
export function resolveSessionEnd(session: unknown, receivedAt: number): number | null {
  return isSession(session) ? anchored(session.sessionEndsInSeconds, session.sessionEndsAt, receivedAt) : null;
}

/** A server-relative lifetime anchored at `receivedAt`, else the absolute instant. */
function anchored(seconds: unknown, instant: unknown, receivedAt: number): number | null {
  const at = typeof seconds === "number" && seconds >= 0 ? receivedAt + seconds * 1000 : Number.NaN;
  return Number.isFinite(at) ? normalizeExpiry(at) : normalizeExpiry(instant);
}
