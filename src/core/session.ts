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
  /** Set by the server when the session cannot be kept alive, e.g. `RefreshAccessTokenError`. */
  error?: unknown;
}

/** What next-auth's `useSession().data` holds: `undefined` while loading, `null` when signed out. */
export type SessionInput = RefreshableSession | null | undefined;

/** True for a session object (not `undefined` while loading, not `null` when signed out). */
export function isSession(value: unknown): value is RefreshableSession {
  return typeof value === "object" && value !== null;
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
  if (!isSession(session)) return null;
  const ttl = session.accessTokenExpiresInSeconds;
  const anchored = typeof ttl === "number" && ttl >= 0 ? receivedAt + ttl * 1000 : Number.NaN;
  return Number.isFinite(anchored) ? normalizeExpiry(anchored) : normalizeExpiry(session.accessTokenExpires);
}
