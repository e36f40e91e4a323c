import { parseExpiresIn } from "./tokenExpiry.js";

/**
 * When the refresh token dies (epoch ms), as a token answer states it: Keycloak's
 * `refresh_expires_in`, GitHub's `refresh_token_expires_in` (seconds, a number or a digit
 * string). `undefined` when the answer does not say; Keycloak's `0` (an offline token) says
 * nothing, it does not mean "never".
 */
export function statedRefreshTokenEnd(answer: Record<string, unknown>, now: number): number | undefined {
  for (const field of ["refresh_expires_in", "refresh_token_expires_in"]) {
    const seconds = parseExpiresIn(answer[field]);
    if (typeof seconds === "number" && seconds > 0) return now + seconds * 1000;
  }
  return undefined;
}

/**
 * The session's end (epoch ms) after a sign-in or a refresh: the refresh token's end as the
 * answer states it (an idle timeout that each refresh renews moves it on), else the end it
 * already had (an absolute lifetime does not slide when the token rotates), and never past
 * `signedInAt + maxSeconds` (the app's own cap). `undefined`: no end is known.
 */
export function sessionEndAfter(params: {
  stated: number | undefined;
  previous: number | undefined;
  signedInAt: number | undefined;
  maxSeconds: number | undefined;
}): number | undefined {
  const { stated, previous, signedInAt, maxSeconds } = params;
  const end = stated ?? previous;
  const cap = maxSeconds === undefined || signedInAt === undefined ? undefined : signedInAt + maxSeconds * 1000;
  if (cap === undefined) return end;
  return end === undefined ? cap : Math.min(end, cap);
}

/** Whether the session's end (its refresh token's death, or the app's cap) has come by `now`. */
export function isPastSessionEnd(token: { sessionEndsAt?: unknown }, now: number): boolean {
  return typeof token.sessionEndsAt === "number" && now >= token.sessionEndsAt;
}
