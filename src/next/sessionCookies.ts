// next-auth's session cookie as next-auth itself reads and writes it (v4's next-auth/core/lib/cookie,
// v5's @auth/core/lib/utils/cookie): one cookie, or chunks `.0`, `.1`, … of at most 4,096 bytes
// each with their attributes.
const ALLOWED_COOKIE_SIZE = 4096;
const ESTIMATED_EMPTY_COOKIE_SIZE = 163;
/** The longest value next-auth puts in one chunk. */
export const CHUNK_SIZE = ALLOWED_COOKIE_SIZE - ESTIMATED_EMPTY_COOKIE_SIZE;

export interface CookieLike {
  name: string;
  value: string;
}

/** The session cookie's name: v4's `next-auth.session-token`, v5's `authjs.session-token`, `__Secure-` prefixed on https. */
export function sessionCookieName(secure: boolean, authJs = false): string {
  return `${secure ? "__Secure-" : ""}${authJs ? "authjs" : "next-auth"}.session-token`;
}

/**
 * The session token in `cookies` as next-auth reads it: the cookie `name` and its chunks
 * `name.0`, `name.1`, … joined in order, and the names it was read from; `null` when there is none.
 */
export function readSessionToken(
  cookies: readonly CookieLike[],
  name: string,
): { token: string; names: string[] } | null {
  const parts = cookies
    .map((cookie) => ({ cookie, index: chunkIndex(cookie.name, name) }))
    .filter((part): part is { cookie: CookieLike; index: number } => part.index !== null)
    .sort((a, b) => a.index - b.index);
  if (parts.length === 0) return null;
  return { token: parts.map((part) => part.cookie.value).join(""), names: parts.map((part) => part.cookie.name) };
}

/**
 * The cookies that hold `token`, chunked exactly as next-auth chunks it, and the names among
 * `present` that must be deleted (stale chunks: next-auth would join them into the new token).
 */
export function sessionCookieWrites(
  token: string,
  name: string,
  present: readonly string[],
): { set: CookieLike[]; remove: string[] } {
  const count = Math.ceil(token.length / CHUNK_SIZE);
  const set =
    count <= 1
      ? [{ name, value: token }]
      : Array.from({ length: count }, (_, i) => ({
          name: `${name}.${i}`,
          value: token.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
        }));
  const written = new Set(set.map((cookie) => cookie.name));
  return { set, remove: present.filter((cookieName) => !written.has(cookieName)) };
}

/** Whether `cookieName` is the session cookie `name` or one of its chunks. */
export function isSessionCookie(cookieName: string, name: string): boolean {
  return chunkIndex(cookieName, name) !== null;
}

/** -1 for the unchunked cookie, the chunk's number for `name.N`, `null` for any other cookie. */
function chunkIndex(cookieName: string, name: string): number | null {
  if (cookieName === name) return -1;
  if (!cookieName.startsWith(`${name}.`)) return null;
  const suffix = cookieName.slice(name.length + 1);
  return /^\d{1,4}$/.test(suffix) ? Number(suffix) : null;
}
