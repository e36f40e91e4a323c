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

/** The error on a session, or `null` when it carries none. */
export function sessionError(session: unknown): string | null {
  if (!isObject(session)) return null;
  const { error } = session as RefreshableSession;
  return typeof error === "string" && error !== "" ? error : null;
}

/**
 * When the access token expires, in epoch ms on the local clock, or `null` when unknown.
 * A server-relative lifetime is anchored at `receivedAt` (when this session arrived), so a
 * browser clock that is minutes off the server's still schedules correctly.
 */
export function resolveExpiry(session: unknown, receivedAt: number): number | null {
  if (!isObject(session)) return null;
  const { accessTokenExpiresInSeconds: ttl, accessTokenExpires } = session as RefreshableSession;
  if (typeof ttl === "number" && Number.isFinite(ttl) && ttl >= 0 && Number.isFinite(receivedAt)) {
    return normalizeExpiry(receivedAt + ttl * 1000);
  }
  return normalizeExpiry(accessTokenExpires);
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
