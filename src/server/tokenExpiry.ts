import { normalizeExpiry } from "../core/normalizeExpiry.js";

const INTEGER_STRING = /^\d+$/;

/**
 * `expires_in` as the token endpoint sent it (RFC 6749 §5.1): seconds, a number or a digit
 * string (Azure AD v1 sends one; nothing looser). `null` when absent (allowed), `undefined` when
 * present but unusable.
 */
export function parseExpiresIn(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  const seconds = typeof value === "string" && INTEGER_STRING.test(value) ? Number(value) : value;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * When an access token expires (epoch ms), read one way for sign-in and refresh: next-auth's
 * `expires_at` (epoch seconds, set at sign-in), else `expires_in` counted from `now`. `null` when
 * the answer gives no usable expiry (the jwt callback then assumes a 1-hour token, and says so).
 */
export function expiresAtOf(answer: { expires_at?: unknown; expires_in?: unknown }, now: number): number | null {
  const at = normalizeExpiry(answer.expires_at);
  if (at !== null) return at;
  const seconds = parseExpiresIn(answer.expires_in);
  return typeof seconds === "number" ? now + seconds * 1000 : null;
}
