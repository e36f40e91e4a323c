import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { NextAuthOptionsLike } from "../server/authConfig.js";
import { discoveryDocument } from "../server/discovery.js";
import { LogoutTokenError, verifyLogoutToken } from "../server/logoutToken.js";
import { recordLogout } from "../server/sessionEnds.js";
import { sessionEndsOf } from "./sessionEndsOf.js";

/** Options of `backChannelLogout`, for what the jwt callback's provider does not say. */
export interface BackChannelLogoutOptions {
  /** The issuer the logout tokens come from. Default: the provider's discovery document's `issuer`. */
  issuer?: string;
  /** The app's client id (the tokens' `aud`). Default: the provider's `clientId`. */
  clientId?: string;
  /** The issuer's key set. Default: the discovery document's `jwks_uri`. */
  jwksUri?: string;
  /** Signature algorithms accepted. Default: any asymmetric one (never `none`, never HMAC). */
  algorithms?: string[];
  /** Discovery and key set reads give up after this long. Default 5. */
  timeoutSeconds?: number;
}

/** The largest body read: a logout token is about a kilobyte. */
const MAX_BODY_BYTES = 64 * 1024;
const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

/**
 * The route handler for OIDC Back-Channel Logout 1.0, for `app/api/auth/backchannel-logout/route.ts`
 * (`export const POST = backChannelLogout(authOptions)`), the URL to register at the identity
 * provider. It verifies the `logout_token` (`verifyLogoutToken`: jose, against the issuer's JWKS),
 * takes its `jti` once, and records the ended `sid` (or, without one, every session of the `sub`)
 * in the jwt callback's refresh store for the session's `maxAge`. From then on the jwt callback,
 * the proxy and `getAccessToken` treat that session as signed out.
 *
 * Answers 200 (done), 400 with `{ error, error_description }` (a bad or replayed token, a bad
 * body), 503 (the issuer's keys or the store did not answer; nothing was recorded), always with
 * `Cache-Control: no-store`.
 */
export function backChannelLogout(
  authOptions: NextAuthOptionsLike,
  options: BackChannelLogoutOptions = {},
): (request: Request) => Promise<Response> {
  const ends = sessionEndsOf(authOptions);
  if (!ends) {
    throw new TypeError(
      "backChannelLogout needs the kit's jwt callback (createRefreshingJwtCallback) in callbacks.jwt",
    );
  }
  const store = ends.store;
  if (!store) {
    throw new TypeError("backChannelLogout: the jwt callback's refresh store cannot keep ended sessions");
  }
  const { timeoutSeconds = 5, algorithms } = options;
  const ttlMs = (authOptions.session?.maxAge ?? THIRTY_DAYS_SECONDS) * 1000;
  let checks: Promise<{ issuer: string; audience: string; keys: JWTVerifyGetKey }> | undefined;
  const checksOf = () => {
    if (checks === undefined) {
      checks = resolveChecks(options, ends.provider, timeoutSeconds * 1000);
      checks.catch(() => {
        checks = undefined; // a failed discovery is tried again at the next logout
      });
    }
    return checks;
  };

  return async (request) => {
    const body = await formBody(request);
    if (typeof body === "string") return answer(400, "invalid_request", body);
    const tokens = body.getAll("logout_token");
    if (tokens.length !== 1 || tokens[0] === "") {
      return answer(400, "invalid_request", "the body must carry exactly one logout_token");
    }
    try {
      const now = ends.now();
      const logout = await verifyLogoutToken(tokens[0] as string, {
        ...(await checksOf().catch(() => {
          throw new LogoutTokenError("unavailable", "the issuer's discovery document could not be read");
        })),
        ...(algorithms ? { algorithms } : {}),
        now,
      });
      const recorded = await recordLogout(store, logout, now, ttlMs).catch(() => {
        throw new LogoutTokenError("unavailable", "the refresh store did not answer");
      });
      if (!recorded) return answer(400, "invalid_request", "this logout token was already used (jti)");
      return answer(200);
    } catch (error) {
      if (!(error instanceof LogoutTokenError)) throw error;
      return error.code === "unavailable"
        ? answer(503, "temporarily_unavailable", error.message)
        : answer(400, "invalid_request", error.message);
    }
  };
}

async function resolveChecks(
  options: BackChannelLogoutOptions,
  provider: { issuer?: string; discoveryUrl?: string; clientId?: string },
  timeoutMs: number,
): Promise<{ issuer: string; audience: string; keys: JWTVerifyGetKey }> {
  const audience = options.clientId ?? provider.clientId;
  if (!audience) throw new TypeError("backChannelLogout: no clientId (the provider has none; pass `clientId`)");
  let { issuer, jwksUri } = options;
  if (issuer === undefined || jwksUri === undefined) {
    const url = provider.discoveryUrl;
    if (!url) throw new TypeError("backChannelLogout: no issuer to discover (pass `issuer` and `jwksUri`)");
    const document = await discoveryDocument(url, timeoutMs);
    issuer ??= typeof document.issuer === "string" ? document.issuer : provider.issuer;
    jwksUri ??= typeof document.jwks_uri === "string" ? document.jwks_uri : undefined;
  }
  if (!issuer || !jwksUri || !URL.canParse(jwksUri)) {
    throw new TypeError("backChannelLogout: the issuer's discovery document has no issuer or jwks_uri");
  }
  return { issuer, audience, keys: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeoutMs }) };
}

/** The request's form body, read up to `MAX_BODY_BYTES`; a string says what is wrong with it. */
async function formBody(request: Request): Promise<URLSearchParams | string> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    return "the body must be application/x-www-form-urlencoded";
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES || !request.body) {
    return declared > MAX_BODY_BYTES ? "the body is too large" : "the body is empty";
  }
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return "the body is too large";
    }
    text += decoder.decode(value, { stream: true });
  }
  return new URLSearchParams(text + decoder.decode());
}

/** An answer the identity provider reads (§2.8): empty on success, else an OAuth error body. */
function answer(status: number, error?: string, description?: string): Response {
  if (error === undefined) return new Response(null, { status, headers: { "Cache-Control": "no-store" } });
  return Response.json({ error, error_description: description }, { status, headers: { "Cache-Control": "no-store" } });
}
