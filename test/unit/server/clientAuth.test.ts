import { exportJWK, exportPKCS8, generateKeyPair, importJWK, type JWK, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  MemoryRefreshStore,
  type OAuthProviderLike,
  RefreshError,
  refreshAccessToken,
} from "../../../src/server/index.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";

// The client authentications of the refresh grant, each checked by the token endpoint the way an
// authorization server checks it: the assertion's signature with the client's public key (or the
// secret), and its claims (RFC 7523 §3).

const NOW = Date.now();
const CLIENT_ID = "kit-client";
const SECRET = "a-client-secret-of-at-least-32-bytes!!";

let server: TokenServer;
let rsa: CryptoKeyPair;
let ec: CryptoKeyPair;
beforeAll(async () => {
  server = await startTokenServer({
    discovery: { token_endpoint_auth_methods_supported: ["client_secret_basic", "private_key_jwt"] },
  });
  rsa = await generateKeyPair("RS256", { extractable: true });
  ec = await generateKeyPair("ES256", { extractable: true });
});
afterEach(() => {
  server.rotating();
  server.reset();
});
afterAll(() => server.close());

const issuer = () => server.url.replace(/\/token$/, "");
const grant = (extra: object) => ({
  tokenEndpoint: server.url,
  clientId: CLIENT_ID,
  refreshToken: server.issue(),
  ...extra,
});

/** Signs in through the jwt callback, then calls it again once the refresh is due. */
async function signInAndRefresh(provider: OAuthProviderLike) {
  let now = NOW;
  const clock = () => now;
  const jwt = createRefreshingJwtCallback({
    provider,
    now: clock,
    coordinator: createRefreshCoordinator({ store: new MemoryRefreshStore({ now: clock }), now: clock }),
  });
  const token = await jwt({
    token: { sub: "u1" },
    account: {
      provider: "idp",
      type: "oauth",
      providerAccountId: "u1",
      access_token: "at-0",
      refresh_token: server.issue(),
      expires_at: Math.floor(NOW / 1000) + 3600,
    },
  });
  now = token.refreshAt ?? NOW + 3600_000;
  return jwt({ token });
}

/** The assertion the last request carried, verified with `key`; its header and claims. */
async function lastAssertion(key: CryptoKey | Uint8Array) {
  const form = server.requests.at(-1)?.form;
  expect(form?.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  expect(form?.get("client_id")).toBe(CLIENT_ID);
  expect(form?.get("client_secret")).toBeNull();
  expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
  const { payload, protectedHeader } = await jwtVerify(form?.get("client_assertion") ?? "", key);
  expect(payload).toMatchObject({ iss: CLIENT_ID, sub: CLIENT_ID });
  expect(typeof payload.jti).toBe("string");
  expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(60);
  return { payload, protectedHeader };
}

describe("private_key_jwt", () => {
  it("signs the assertion with a CryptoKey, the kid in its header and the issuer as its audience", async () => {
    const result = await refreshAccessToken(
      grant({ issuer: issuer(), clientAuth: "private_key_jwt", clientPrivateKey: { key: rsa.privateKey, kid: "k1" } }),
      NOW,
    );
    expect(result.accessToken).toMatch(/^at-/);
    const { payload, protectedHeader } = await lastAssertion(rsa.publicKey);
    expect(protectedHeader).toMatchObject({ alg: "RS256", kid: "k1" });
    expect(payload.aud).toBe(issuer());
  });

  it("takes a private JWK (its alg read from kty and crv, its own kid) and a PKCS#8 PEM", async () => {
    const jwk = { ...(await exportJWK(ec.privateKey)), kid: "ec-1" };
    // The JWK's own kid, where none is given beside it.
    await refreshAccessToken(grant({ clientPrivateKey: { key: jwk } }), NOW);
    expect((await lastAssertion(ec.publicKey)).protectedHeader).toMatchObject({ alg: "ES256", kid: "ec-1" });

    const pem = await exportPKCS8(rsa.privateKey);
    await refreshAccessToken(grant({ clientPrivateKey: { key: pem, kid: "pem-1" } }), NOW);
    expect((await lastAssertion(rsa.publicKey)).protectedHeader).toMatchObject({ alg: "RS256", kid: "pem-1" });
  });

  it("a key alone means private_key_jwt; without an issuer the audience is the token endpoint, or the one set", async () => {
    await refreshAccessToken(grant({ clientPrivateKey: { key: rsa.privateKey } }), NOW);
    expect((await lastAssertion(rsa.publicKey)).payload.aud).toBe(server.url);
    await refreshAccessToken(
      grant({ clientPrivateKey: { key: rsa.privateKey }, clientAssertionAudience: "https://idp.example/token" }),
      NOW,
    );
    expect((await lastAssertion(rsa.publicKey)).payload.aud).toBe("https://idp.example/token");
  });

  it("next-auth v4's jwks and v5's token.clientPrivateKey, the method from the discovery document", async () => {
    const jwk = { ...(await exportJWK(rsa.privateKey)), kid: "v4-key", alg: "RS256" };
    for (const provider of [
      // v4: openid-client's private keys; the method named by the provider.
      {
        issuer: issuer(),
        clientId: CLIENT_ID,
        jwks: { keys: [jwk] },
        client: { token_endpoint_auth_method: "private_key_jwt" },
      },
      // v5: oauth4webapi's clientPrivateKey; no method named, the discovery document lists private_key_jwt.
      { issuer: issuer(), clientId: CLIENT_ID, token: { clientPrivateKey: { key: rsa.privateKey, kid: "v5-key" } } },
    ]) {
      server.reset();
      const token = await signInAndRefresh(provider);
      expect(token.error).toBeUndefined();
      expect(server.stats.refreshed).toBe(1);
      const { protectedHeader } = await lastAssertion(rsa.publicKey);
      expect(protectedHeader.kid).toBe(provider.jwks ? "v4-key" : "v5-key");
    }
  });

  it("with a secret and no method named, the discovery document's list decides: client_secret_basic", async () => {
    const token = await signInAndRefresh({ issuer: issuer(), clientId: CLIENT_ID, clientSecret: SECRET });
    expect(token.error).toBeUndefined();
    expect(server.requests.at(-1)?.headers.authorization).toMatch(/^Basic /);
  });
});

describe("client_secret_jwt", () => {
  it("signs HS256 with the client secret", async () => {
    await refreshAccessToken(grant({ issuer: issuer(), clientSecret: SECRET, clientAuth: "client_secret_jwt" }), NOW);
    const { protectedHeader, payload } = await lastAssertion(new TextEncoder().encode(SECRET));
    expect(protectedHeader.alg).toBe("HS256");
    expect(payload.aud).toBe(issuer());
  });
});

describe("bad keys: a clear, coded error with no key material", () => {
  const leaks = async (error: unknown, secrets: string[]) => {
    const text = JSON.stringify({
      ...(error as object),
      message: (error as Error).message,
      stack: (error as Error).stack,
    });
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  it("at the first call (TypeError): no key, a public key, a symmetric JWK, an algorithm that cannot sign an assertion", async () => {
    const publicJwk = await exportJWK(rsa.publicKey);
    const octet: JWK = { kty: "oct", k: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0" };
    const cases: [object, RegExp][] = [
      [{ clientAuth: "private_key_jwt" }, /private_key_jwt needs clientPrivateKey/],
      [{ clientPrivateKey: { key: rsa.publicKey } }, /must be a private CryptoKey/],
      [{ clientPrivateKey: { key: publicJwk } }, /as a JWK must be a private key/],
      [{ clientPrivateKey: { key: octet } }, /algorithm kty oct cannot sign a client assertion/],
      [{ clientPrivateKey: { key: rsa.privateKey, alg: "HS256" } }, /algorithm HS256 cannot sign/],
      [{ clientPrivateKey: { key: "not a pem" } }, /must be a PKCS#8 PEM/],
      [{ clientAuth: "client_secret_jwt", clientSecret: "" }, /clientSecret must not be empty/],
    ];
    for (const [settings, message] of cases) {
      const jwt = createRefreshingJwtCallback({
        provider: { tokenEndpoint: server.url, clientId: CLIENT_ID, ...settings },
      });
      const error = await jwt({ token: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(message);
      await leaks(error, ["c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("at the refresh (invalid_client_key, refused): a PEM of another algorithm, a JWK whose alg does not fit", async () => {
    const pem = await exportPKCS8(rsa.privateKey);
    const ecJwk = await exportJWK(ec.privateKey);
    for (const clientPrivateKey of [{ key: pem, alg: "ES256" }, { key: { ...ecJwk, alg: "RS256" } }]) {
      const error = await refreshAccessToken(grant({ clientPrivateKey }), NOW).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RefreshError);
      expect(error).toMatchObject({ code: "invalid_client_key", transient: false, terminal: false });
      expect((error as Error).message).toMatch(/clientPrivateKey could not be imported/);
      await leaks(error, [pem.split("\n")[1] ?? "", String(ecJwk.d)]);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("an assertion the server rejects is invalid_client, refused, with nothing of the key in it", async () => {
    const other = await generateKeyPair("RS256", { extractable: true });
    const expected = await importJWK(await exportJWK(rsa.publicKey), "RS256");
    server.respond(async (request) => {
      const ok = await jwtVerify(request.form.get("client_assertion") ?? "", expected).then(
        () => true,
        () => false,
      );
      return ok
        ? { body: { access_token: "at-x", token_type: "Bearer", expires_in: 60 } }
        : { status: 401, body: { error: "invalid_client", error_description: "invalid assertion signature" } };
    });
    const pem = await exportPKCS8(other.privateKey);
    const error = await refreshAccessToken(grant({ clientPrivateKey: { key: pem } }), NOW).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_client", status: 401, transient: false, terminal: false });
    await leaks(error, [pem.split("\n")[1] ?? ""]);
  });
});
