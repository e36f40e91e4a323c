import { decodeJwt } from "jose";
import type { VerifiedLogout } from "./logoutToken.js";
import type { RefreshStore } from "./refreshStore.js";
import type { IdpSession, RefreshingJwt } from "./types.js";

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
 * Whether the identity provider ended this token's session after it signed in: a back-channel
 * logout of its `sid`, or of its user (`sub`), recorded later than `signedInAt`. A token from
 * before the kit kept either (no `idpSession`) is never ended this way.
 */
export async function isSessionEnded(store: SessionEndStore, token: RefreshingJwt): Promise<boolean> {
  const session = token.idpSession;
  if (session === undefined || typeof session?.iss !== "string" || typeof session.sub !== "string") return false;
  const endedAt = await store.sessionEndedAt(keysOf(session));
  return endedAt !== undefined && endedAt >= (token.signedInAt ?? 0);
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
