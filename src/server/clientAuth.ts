import { importJWK, importPKCS8, type JWK } from "jose";
import * as oauth from "oauth4webapi";
import { ASYMMETRIC_ALGS } from "./jwsAlgs.js";
import { RefreshError } from "./RefreshError.js";

/** How the client authenticates at the token endpoint (RFC 6749 §2.3.1, OIDC Core §9). */
export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "client_secret_jwt" | "private_key_jwt";

const METHODS: readonly ClientAuthMethod[] = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
];

/** Whether the kit speaks this client authentication. */
export function isClientAuthMethod(method: unknown): method is ClientAuthMethod {
  return METHODS.includes(method as ClientAuthMethod);
}

/**
 * The client's private key for `private_key_jwt`: a `CryptoKey`, a private JWK or a PKCS#8 PEM
 * (`-----BEGIN PRIVATE KEY-----`), and the `kid` the authorization server knows its public half
 * by. `alg` is read from the CryptoKey or the JWK; a PEM without one is taken as RS256.
 */
export interface ClientPrivateKey {
  key: CryptoKey | JWK | string;
  kid?: string;
  alg?: string;
}

/** The part of the grant settings that says who the client is. */
export interface ClientCredentials {
  clientId: string;
  /** For `client_secret_basic`, `client_secret_post` and `client_secret_jwt`. */
  clientSecret?: string | undefined;
  /** For `private_key_jwt`. Never logged, never in an error, never in the session. */
  clientPrivateKey?: ClientPrivateKey | undefined;
  /** Default `client_secret_basic`; `private_key_jwt` when only a private key is given. */
  clientAuth?: ClientAuthMethod | undefined;
  /**
   * The `aud` of a JWT client assertion. Default: the issuer where the kit knows it (RFC 7523,
   * FAPI 2.0), else the token endpoint (what Okta and Entra ID ask for).
   */
  clientAssertionAudience?: string | undefined;
}

/** The method in use: the configured one, else `private_key_jwt` for a key alone, else `client_secret_basic`. */
export function clientAuthMethodOf(client: ClientCredentials): ClientAuthMethod {
  if (client.clientAuth !== undefined) return client.clientAuth;
  return client.clientPrivateKey !== undefined && client.clientSecret === undefined
    ? "private_key_jwt"
    : "client_secret_basic";
}

/**
 * Throws a `TypeError` naming what is missing or wrong for the client's method: a secret for the
 * secret methods, a private key of a supported algorithm for `private_key_jwt`. Synchronous, so
 * the jwt callback's first call fails, not the first refresh. The message never holds a secret.
 */
export function checkClientCredentials(client: ClientCredentials): void {
  const { clientId, clientSecret, clientPrivateKey, clientAuth } = client;
  if (typeof clientId !== "string" || clientId === "") throw new TypeError("clientId must be a non-empty string");
  if (clientAuth !== undefined && !isClientAuthMethod(clientAuth)) {
    throw new TypeError(`clientAuth must be one of ${METHODS.join(", ")}, got ${String(clientAuth).slice(0, 40)}`);
  }
  const method = clientAuthMethodOf(client);
  if (method === "private_key_jwt") {
    checkPrivateKey(clientPrivateKey);
    return;
  }
  if (typeof clientSecret !== "string") throw new TypeError(`clientSecret must be a string (clientAuth: ${method})`);
  if (method === "client_secret_jwt" && clientSecret === "") {
    throw new TypeError("client_secret_jwt signs with the client secret: clientSecret must not be empty");
  }
}

function checkPrivateKey(privateKey: ClientPrivateKey | undefined): void {
  const key = privateKey?.key;
  if (key === undefined || key === null) {
    throw new TypeError(
      "private_key_jwt needs clientPrivateKey: { key, kid } (a CryptoKey, a private JWK or a PKCS#8 PEM)",
    );
  }
  if (privateKey?.kid !== undefined && (typeof privateKey.kid !== "string" || privateKey.kid === "")) {
    throw new TypeError("clientPrivateKey.kid must be a non-empty string");
  }
  const alg = privateKey?.alg ?? algOfKey(key);
  if (alg !== undefined && !ASYMMETRIC_ALGS.includes(alg)) {
    throw new TypeError(
      `clientPrivateKey's algorithm ${String(alg).slice(0, 20)} cannot sign a client assertion (use one of ${ASYMMETRIC_ALGS.join(", ")})`,
    );
  }
  if (typeof key === "string") {
    if (!key.includes("-----BEGIN PRIVATE KEY-----")) {
      throw new TypeError("clientPrivateKey.key as a string must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)");
    }
  } else if (isCryptoKey(key)) {
    if (key.type !== "private") throw new TypeError("clientPrivateKey.key must be a private CryptoKey");
  } else if (!isPrivateJwk(key)) {
    throw new TypeError("clientPrivateKey.key as a JWK must be a private key (with kty and d)");
  }
}

/** Whether `value` is a private JWK: an object with a `kty` and its private member `d`. */
export function isPrivateJwk(value: unknown): value is JWK {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as JWK).kty === "string" &&
    (value as JWK).d !== undefined
  );
}

/** The JWS algorithm a key says it is for, where it says. */
function algOfKey(key: CryptoKey | JWK | string): string | undefined {
  if (typeof key === "string") return undefined;
  if (isCryptoKey(key)) return undefined; // oauth4webapi reads it from the key's algorithm
  return jwsAlgOf(key);
}

/** A JWK's JWS algorithm: its `alg`, else the one its `kty` and `crv` imply (RSA: RS256). */
export function jwsAlgOf(key: JWK): string {
  if (typeof key.alg === "string") return key.alg;
  if (key.kty === "RSA") return "RS256";
  if (key.kty === "EC")
    return { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" }[key.crv ?? ""] ?? `EC ${key.crv}`;
  if (key.kty === "OKP") return key.crv === "Ed25519" ? "Ed25519" : `OKP ${key.crv}`;
  return `kty ${key.kty}`;
}

export function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof CryptoKey !== "undefined" && key instanceof CryptoKey;
}

/** Imported keys, once per key (object or PEM) and algorithm: an import costs more than a signature. */
const importedJwks = new WeakMap<object, Map<string, Promise<CryptoKey>>>();
const importedPems = new Map<string, Map<string, Promise<CryptoKey>>>();

async function privateCryptoKey({ key, alg }: ClientPrivateKey): Promise<CryptoKey> {
  if (isCryptoKey(key)) return key;
  const algorithm = alg ?? algOfKey(key) ?? "RS256";
  let byAlg = typeof key === "string" ? importedPems.get(key) : importedJwks.get(key);
  if (!byAlg) {
    byAlg = new Map();
    if (typeof key !== "string") importedJwks.set(key, byAlg);
    else {
      if (importedPems.size >= 16) importedPems.clear();
      importedPems.set(key, byAlg);
    }
  }
  const known = byAlg.get(algorithm);
  if (known) return known;
  const cache = byAlg;
  const importing = (
    typeof key === "string" ? importPKCS8(key, algorithm) : (importJWK(key, algorithm) as Promise<CryptoKey>)
  ).catch((error: unknown) => {
    cache.delete(algorithm);
    throw new RefreshError(
      "invalid_client_key",
      `clientPrivateKey could not be imported for ${algorithm} (${error instanceof Error ? error.name : "error"}: is it a private ${algorithm} key?)`,
    );
  });
  byAlg.set(algorithm, importing);
  return importing;
}

/**
 * oauth4webapi's client authentication for these credentials. A key that cannot sign (a public
 * key, the wrong algorithm) fails with `invalid_client_key`, refused: the same request cannot
 * succeed, and the message says which setting to fix without any key material.
 */
export function clientAuthentication(client: ClientCredentials): oauth.ClientAuth {
  const method = clientAuthMethodOf(client);
  // The assertion's `aud` is the grant's `as.issuer` (the issuer, else the token endpoint), unless set.
  const audience = client.clientAssertionAudience;
  const assertionOptions = {
    [oauth.modifyAssertion]: (_header: Record<string, unknown>, payload: Record<string, unknown>) => {
      if (audience !== undefined) payload.aud = audience;
    },
  };
  switch (method) {
    case "client_secret_basic":
      return secretBasic(client.clientId, client.clientSecret ?? "");
    case "client_secret_post":
      return oauth.ClientSecretPost(client.clientSecret ?? "");
    case "client_secret_jwt":
      return oauth.ClientSecretJwt(client.clientSecret ?? "", assertionOptions);
    case "private_key_jwt":
      return async (as, c, body, headers) => {
        const privateKey = client.clientPrivateKey as ClientPrivateKey;
        const key = await privateCryptoKey(privateKey);
        const kid = kidOf(privateKey);
        try {
          const sign = oauth.PrivateKeyJwt(kid === undefined ? { key } : { key, kid }, assertionOptions);
          await sign(as, c, body, headers);
        } catch (error) {
          throw new RefreshError(
            "invalid_client_key",
            `clientPrivateKey cannot sign a client assertion (${error instanceof Error ? error.message.slice(0, 120) : "error"})`,
          );
        }
      };
  }
}

/** The key's `kid`: the one given, else a JWK's own. */
function kidOf({ kid, key }: ClientPrivateKey): string | undefined {
  if (kid !== undefined) return kid;
  const own = typeof key === "object" && !isCryptoKey(key) ? key.kid : undefined;
  return typeof own === "string" && own !== "" ? own : undefined;
}

/**
 * `client_secret_basic` as next-auth signs in with it: id and secret through `encodeURIComponent`
 * (spaces as `+`), then Base64. oauth4webapi's own also escapes `-_.!~*'()`, which RFC 6749 allows
 * but servers that do not decode the credential reject; Entra ID's secrets hold `~`, `.` and `_`.
 * One encoding for sign-in and refresh: the secret that signs in refreshes.
 */
export function basicCredential(clientId: string, clientSecret: string): string {
  return btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
}

function secretBasic(clientId: string, clientSecret: string): oauth.ClientAuth {
  return (_as, _client, _body, headers) => {
    headers.set("authorization", `Basic ${basicCredential(clientId, clientSecret)}`);
  };
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}
