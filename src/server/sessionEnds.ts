import { decodeJwt } from "jose";
import type { VerifiedLogout } from "./logoutToken.js";
import type { RefreshStore } from "./refreshStore.js";
import { TtlMap } from "./ttlMap.js";
import type { IdpSession, RefreshingJwt } from "./types.js";
import { withTimeout } from "./withTimeout.js";

/**
 * The identity provider's session behind a sign-in, from its ID token: the issuer, the subject
 * and the session id (`sid`, where the provider sends one). Read without verifying: next-auth
 * verified the ID token when it took it from the token endpoint. `undefined` without an ID token.
 */
export function idpSessionOf(idToken: unknown): IdpSession | undefined {
  if (typeof idToken !== "string" || idToken === "") return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(idToken);
  } catch {
    return undefined;
  }
  const { iss, sub, sid } = claims;
  if (typeof iss !== "string" || typeof sub !== "string") return undefined;
  return { iss, sub, ...(typeof sid === "string" && sid !== "" ? { sid } : {}) };
}

// A logout names a session by its sid, or every session of a user by the sub alone (§2.4).
const sidKey = (iss: string, sid: string) => `sid ${iss} ${sid}`;
const subKey = (iss: string, sub: string) => `sub ${iss} ${sub}`;

/** The store keys a logout of this token's session would be recorded under. */
function keysOf(session: IdpSession): string[] {
  const keys = [subKey(session.iss, session.sub)];
  if (session.sid !== undefined) keys.unshift(sidKey(session.iss, session.sid));
  return keys;
}

/** A store that can keep ended sessions: both of the kit's stores; a custom one may not. */
export type SessionEndStore = Required<Pick<RefreshStore, "endSession" | "sessionEndedAt" | "claimOnce">>;

export function canEndSessions(store: RefreshStore): store is RefreshStore & SessionEndStore {
  return (
    typeof store.endSession === "function" &&
    typeof store.sessionEndedAt === "function" &&
    typeof store.claimOnce === "function"
  );
}

/**
 * Records a verified logout, once per `jti`: `false` for a replayed token (nothing recorded).
 * The end is kept for `ttlMs` (the session's `maxAge`: no cookie of that session outlives it).
 */
export async function recordLogout(
  store: SessionEndStore,
  logout: VerifiedLogout,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  const fresh = await store.claimOnce(`jti ${logout.iss} ${logout.jti}`, Math.max(1, logout.acceptableUntil - now));
  if (!fresh) return false;
  const key = logout.sid !== undefined ? sidKey(logout.iss, logout.sid) : subKey(logout.iss, logout.sub as string);
  await store.endSession(key, now, ttlMs);
  return true;
}

/** Options of `sessionEndCheck`. */
export interface SessionEndCheckOptions {
  /** Each store read gives up after this long; the session then counts as not ended. */
  timeoutMs: number;
  /**
   * How long this process trusts a "not ended" answer for the same session (a shared store only:
   * at most one read per session in this time, so a request and the page it renders make one).
   */
  trustMs: number;
  /** Told of a store that failed or timed out: the check is then skipped for `PAUSE_MS`. */
  onStoreError: (error: unknown) => void;
  now: () => number;
}

/** Whether the identity provider ended a token's session after it signed in. */
export type SessionEndCheck = (token: RefreshingJwt) => Promise<boolean>;

/** After a store failure, no read for this long: a store that is down costs no request a timeout. */
const PAUSE_MS = 5_000;
const MAX_TRUSTED = 10_000;

/**
 * The check the jwt callback, the proxy and `getAccessToken` share: a back-channel logout of the
 * token's `sid`, or of its user (`sub`), recorded at or after `signedInAt`. A token without an
 * `idpSession` (no ID token, or from before the kit kept it), or one already signed out, is never
 * ended this way: `false` without a read. It fails open: a store that throws or hangs leaves the
 * session as it is (the refresh's own rules still end a dead grant), and is asked again after
 * `PAUSE_MS`.
 */
export function sessionEndCheck(store: SessionEndStore, options: SessionEndCheckOptions): SessionEndCheck {
  const { timeoutMs, trustMs, onStoreError, now } = options;
  const trusted = new TtlMap<true>(MAX_TRUSTED, now);
  let pausedUntil = 0;
  let remote = false; // learned from the first read: a store that answers with a promise
  const endedAfter = (endedAt: number | undefined, token: RefreshingJwt) =>
    endedAt !== undefined && endedAt >= (token.signedInAt ?? 0);

  return async (token) => {
    const session = token.idpSession;
    // Already signed out (its grant died, or an earlier check ended it): nothing to read.
    if (typeof token.error === "string") return false;
    if (typeof session?.iss !== "string" || typeof session.sub !== "string") return false;
    const keys = keysOf(session);
    const trustKey = `${keys.join("\n")}\n${token.signedInAt ?? 0}`;
    if (remote && (now() < pausedUntil || trusted.get(trustKey) !== undefined)) return false;
    const failed = (error: unknown) => {
      pausedUntil = now() + PAUSE_MS;
      onStoreError(error);
      return false;
    };
    let read: ReturnType<SessionEndStore["sessionEndedAt"]>;
    try {
      read = store.sessionEndedAt(keys);
    } catch (error) {
      return failed(error);
    }
    // The memory store answers at once: no timer, nothing to trust.
    if (!(read instanceof Promise)) return endedAfter(read, token);
    remote = true;
    let ended: boolean;
    try {
      ended = endedAfter(await withTimeout(() => read, timeoutMs), token);
    } catch (error) {
      return failed(error);
    }
    if (!ended && trustMs > 0) trusted.set(trustKey, true, trustMs);
    return ended;
  };
}
