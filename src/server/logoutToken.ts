import { errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import { ASYMMETRIC_ALGS } from "./jwsAlgs.js";

/** The claim that makes a JWT a back-channel logout token (OIDC Back-Channel Logout 1.0, §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/** A logout token that passed every check: whose session (`sid`) or which user (`sub`) the issuer ended. */
export interface VerifiedLogout {
  iss: string;
  sid?: string;
  sub?: string;
  jti: string;
  /** When the token stops being acceptable (epoch ms): its `jti` is remembered until then. */
  acceptableUntil: number;
}

/** Why a logout token was refused. `unavailable`: its keys could not be read (not the token's fault). */
export type LogoutTokenErrorCode = "invalid_token" | "replayed" | "unavailable";

/** A refused logout token. Its message names the failed check, never the token. */
export class LogoutTokenError extends Error {
  override readonly name = "LogoutTokenError";
  constructor(
    readonly code: LogoutTokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a logout token is checked against. */
export interface LogoutTokenChecks {
  /** The issuer, exactly as its discovery document says. */
  issuer: string;
  /** The app's client id: the token's `aud`. */
  audience: string;
  /** The issuer's signing keys (jose's `createRemoteJWKSet` of its `jwks_uri`). */
  keys: JWTVerifyGetKey;
  /** Signature algorithms accepted. Default: any asymmetric one that matches a key (never `none`, never HMAC). */
  algorithms?: string[];
  /** How old a token's `iat` may be, in seconds. Default 120. */
  maxAgeSeconds?: number;
  /** Clock tolerance, in seconds, for `iat` and `exp`. Default 30. */
  clockToleranceSeconds?: number;
  /** The clock, epoch ms. */
  now: number;
}

/**
 * Checks a `logout_token` as OIDC Back-Channel Logout 1.0 §2.6 requires: a JWS signed by one of
 * the issuer's keys (jose; an unsigned or HMAC token is refused), `iss`, `aud`, `iat` within
 * `maxAgeSeconds`, `exp` if present, the back-channel `events` member, a `jti`, `sid` or `sub`,
 * and no `nonce` (which would make it an ID token). Replay (`jti`) is the caller's, against its
 * store. Throws `LogoutTokenError`.
 */
export async function verifyLogoutToken(logoutToken: string, checks: LogoutTokenChecks): Promise<VerifiedLogout> {
  const { issuer, audience, keys, maxAgeSeconds = 120, clockToleranceSeconds = 30, now } = checks;
  const algorithms = (checks.algorithms ?? ASYMMETRIC_ALGS).filter((alg) => ASYMMETRIC_ALGS.includes(alg));
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(logoutToken, keys, {
      issuer,
      audience,
      algorithms,
      maxTokenAge: maxAgeSeconds,
      clockTolerance: clockToleranceSeconds,
      currentDate: new Date(now),
      requiredClaims: ["iat", "jti"],
    }));
  } catch (error) {
    throw refused(error);
  }
  const events = payload.events;
  const event =
    typeof events === "object" && events !== null
      ? (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT]
      : undefined;
  if (typeof event !== "object" || event === null) {
    throw new LogoutTokenError("invalid_token", "the token's events claim has no back-channel logout event");
  }
  if ("nonce" in payload) throw new LogoutTokenError("invalid_token", "a logout token must not carry a nonce");
  const { sid, sub, jti, iat, exp } = payload;
  const id = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  if (id(sid) === undefined && id(sub) === undefined) {
    throw new LogoutTokenError("invalid_token", "the token names neither a sid nor a sub");
  }
  if (id(jti) === undefined) throw new LogoutTokenError("invalid_token", "the token's jti is not a string");
  const lastSecond = Math.max((iat as number) + maxAgeSeconds, typeof exp === "number" ? exp : 0);
  return {
    iss: issuer,
    ...(id(sid) === undefined ? {} : { sid: sid as string }),
    ...(id(sub) === undefined ? {} : { sub: sub as string }),
    jti: jti as string,
    acceptableUntil: (lastSecond + clockToleranceSeconds) * 1000,
  };
}

/** jose's verdict as a coded error: the check that failed, never the token. */
function refused(error: unknown): LogoutTokenError {
  // A timeout, a non-200 or unparsable key set (jose's generic error), a fetch that failed.
  const generic = error instanceof errors.JOSEError && error.code === errors.JOSEError.code;
  if (error instanceof errors.JWKSTimeout || generic || !(error instanceof errors.JOSEError)) {
    return new LogoutTokenError("unavailable", "the issuer's keys could not be read");
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new LogoutTokenError(
      "invalid_token",
      `the token's ${error.claim} claim is not acceptable (${error.reason})`,
    );
  }
  if (error instanceof errors.JWTExpired)
    return new LogoutTokenError("invalid_token", `the token has expired (${error.claim})`);
  return new LogoutTokenError("invalid_token", `the token is not a valid signed JWT (${error.code})`);
}
