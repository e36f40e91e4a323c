import { importJWK, type JWK } from "jose";
import * as oauth from "oauth4webapi";
import { isCryptoKey, isPrivateJwk, jwsAlgOf } from "./clientAuth.js";
import { ASYMMETRIC_ALGS } from "./jwsAlgs.js";
import { RefreshError } from "./RefreshError.js";

/**
 * The key DPoP (RFC 9449) proves possession of: a `CryptoKeyPair` (its public key extractable),
 * or a private JWK (with its public members, e.g. from an environment variable), imported once.
 */
export type DpopKey = CryptoKeyPair | JWK;

const PRIVATE_MEMBERS = new Set(["d", "p", "q", "dp", "dq", "qi", "oth", "k"]);

/**
 * One handle per key for the process, so the nonces a server hands out are remembered across
 * refreshes and requests (oauth4webapi keeps the last one per origin).
 */
const handles = new WeakMap<object, Promise<oauth.DPoPHandle>>();

export function dpopHandle(key: DpopKey): Promise<oauth.DPoPHandle> {
  let handle = handles.get(key);
  if (!handle) {
    handle = keyPairOf(key).then((pair) => oauth.DPoP({}, pair));
    handle.catch(() => handles.delete(key));
    handles.set(key, handle);
  }
  return handle;
}

function isKeyPair(key: unknown): key is CryptoKeyPair {
  const pair = key as Partial<CryptoKeyPair> | undefined;
  return isCryptoKey(pair?.privateKey) || isCryptoKey(pair?.publicKey);
}

async function keyPairOf(key: DpopKey): Promise<CryptoKeyPair> {
  if (isKeyPair(key)) return key;
  const alg = jwsAlgOf(key);
  try {
    const publicJwk = Object.fromEntries(Object.entries(key).filter(([name]) => !PRIVATE_MEMBERS.has(name)));
    const [privateKey, publicKey] = await Promise.all([
      importJWK(key, alg),
      importJWK(publicJwk, alg, { extractable: true }),
    ]);
    return { privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey };
  } catch (error) {
    throw new RefreshError(
      "invalid_client_key",
      `dpop could not be imported for ${alg} (${error instanceof Error ? error.name : "error"}: is it a private ${alg} JWK?)`,
    );
  }
}

/**
 * Throws a `TypeError` for a key DPoP cannot use: a key pair's private key must be a private
 * `CryptoKey` and its public one extractable (it travels in every proof's header); a JWK must be
 * private and of a signing algorithm. The message holds no key material.
 */
export function checkDpopKey(key: unknown): asserts key is DpopKey {
  if (isKeyPair(key)) {
    const { privateKey, publicKey } = key;
    if (!isCryptoKey(privateKey) || privateKey.type !== "private" || !isCryptoKey(publicKey)) {
      throw new TypeError("dpop must be a CryptoKeyPair of a private and a public key, or a private JWK");
    }
    if (!publicKey.extractable)
      throw new TypeError("dpop.publicKey must be extractable: it is sent as the proof's jwk");
    try {
      oauth.DPoP({}, key);
    } catch {
      throw new TypeError(
        `dpop's key algorithm ${privateKey.algorithm.name} cannot sign a DPoP proof (use ES256, RS256, PS256 or Ed25519)`,
      );
    }
    return;
  }
  if (!isPrivateJwk(key)) throw new TypeError("dpop must be a CryptoKeyPair, or a private JWK (with kty and d)");
  const alg = jwsAlgOf(key);
  if (!ASYMMETRIC_ALGS.includes(alg)) {
    throw new TypeError(
      `dpop's algorithm ${alg.slice(0, 20)} cannot sign a DPoP proof (use one of ${ASYMMETRIC_ALGS.join(", ")})`,
    );
  }
}

/** `"DPoP"` for a DPoP-bound token's `token_type` (any case); nothing for a bearer token, the default. */
export function dpopTokenType(tokenType: unknown): "DPoP" | undefined {
  return typeof tokenType === "string" && tokenType.toLowerCase() === "dpop" ? "DPoP" : undefined;
}

/** Whether an answer asks for a DPoP nonce (RFC 9449 §8: a `use_dpop_nonce` error, in the body or the challenge). */
export function asksForNonce(status: number, headers: Headers, body: Record<string, unknown> | null): boolean {
  if (status !== 400 && status !== 401) return false;
  if (body?.error === "use_dpop_nonce") return true;
  return /\bdpop\b[\s\S]*error="?use_dpop_nonce/i.test(headers.get("www-authenticate") ?? "");
}

/** What a DPoP-proving call sends: a method, headers and a body. */
export interface DpopRequestInit {
  method?: string;
  headers?: HeadersInit;
  body?: oauth.ProtectedResourceRequestBody;
}

/**
 * A `fetch` that calls a resource server with a DPoP-bound access token: `Authorization: DPoP`,
 * a proof bound to the token (`ath`), and one retry when the server asks for a nonce. Any other
 * answer, 401s included, is returned as it came.
 */
export function dpopFetch(
  key: DpopKey,
  accessToken: string,
): (url: string | URL, init?: DpopRequestInit) => Promise<Response> {
  return async (url, init = {}) => {
    const handle = await dpopHandle(key);
    const target = new URL(url);
    const send = () =>
      oauth.protectedResourceRequest(
        accessToken,
        init.method ?? "GET",
        target,
        new Headers(init.headers),
        init.body ?? null,
        { DPoP: handle, [oauth.allowInsecureRequests]: target.protocol === "http:" },
      );
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        if (attempt === 0 && oauth.isDPoPNonceError(error)) continue;
        if (error instanceof oauth.WWWAuthenticateChallengeError) return error.response;
        throw error;
      }
    }
  };
}
