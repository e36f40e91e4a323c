import { inspect } from "node:util";
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  EmbeddedJWK,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
} from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRefreshingJwtCallback,
  createSessionCallback,
  RefreshError,
  refreshAccessToken,
} from "../../../src/server/index.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";

// DPoP (RFC 9449) on the refresh grant, against a token endpoint that checks every proof as an
// authorization server does: its signature with the embedded key, typ, htm, htu, and the nonce it
// handed out. It binds the tokens it issues to the proof's key (token_type DPoP).

const NOW = Date.now();
let server: TokenServer;
let keys: CryptoKeyPair;
let nonce = "nonce-1";
/** How many times in a row the endpoint asks for a fresh nonce before it accepts one. */
let nonceDemands = 1;
const proofs: { header: Record<string, unknown>; payload: Record<string, unknown>; jkt: string }[] = [];

async function checkProof(dpop: string | undefined, url: string) {
  if (!dpop) return { error: "invalid_dpop_proof" };
  const { payload, protectedHeader } = await jwtVerify(dpop, EmbeddedJWK, { typ: "dpop+jwt" });
  const jkt = await calculateJwkThumbprint(protectedHeader.jwk as JWK);
  proofs.push({ header: protectedHeader as Record<string, unknown>, payload, jkt });
  if (payload.htm !== "POST" || payload.htu !== url) return { error: "invalid_dpop_proof" };
  return payload.nonce === nonce ? { jkt } : { error: "use_dpop_nonce" };
}

beforeAll(async () => {
  server = await startTokenServer();
  keys = await generateKeyPair("ES256", { extractable: true });
});
afterEach(() => {
  server.rotating();
  server.reset();
  proofs.length = 0;
  nonceDemands = 1;
});
afterAll(() => server.close());

function dpopEndpoint() {
  server.respond(async (request) => {
    const checked = await checkProof(request.headers.dpop as string | undefined, server.url);
    if ("error" in checked || nonceDemands > 0) {
      nonceDemands -= 1;
      nonce = `nonce-${proofs.length + 1}`;
      return {
        status: 400,
        headers: { "dpop-nonce": nonce },
        body: { error: checked.error ?? "use_dpop_nonce", error_description: "a fresh DPoP nonce is required" },
      };
    }
    return {
      body: {
        access_token: `at-bound-${checked.jkt}`,
        token_type: "DPoP",
        expires_in: 300,
        refresh_token: `rt-${proofs.length}`,
      },
    };
  });
}

const settings = (extra: object = {}) => ({
  tokenEndpoint: server.url,
  clientId: "kit",
  clientSecret: "secret",
  refreshToken: "rt-0",
  dpop: keys,
  ...extra,
});

describe("DPoP on the refresh grant", () => {
  it("sends a proof, takes the server's nonce and retries once, and returns the bound token as DPoP", async () => {
    dpopEndpoint();
    const result = await refreshAccessToken(settings(), NOW);
    expect(server.requests).toHaveLength(2);
    // The first proof has no nonce; the retry carries the one the 400 handed out.
    expect(proofs.map((p) => p.payload.nonce)).toEqual([undefined, nonce]);
    expect(proofs[0]?.header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
    expect(result).toMatchObject({ tokenType: "DPoP", accessToken: `at-bound-${proofs[0]?.jkt}` });
  });

  it("takes a private JWK (as an environment variable holds it): the proof carries its public key only", async () => {
    dpopEndpoint();
    const jwk = await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey);
    const result = await refreshAccessToken(settings({ dpop: jwk }), NOW);
    expect(result.tokenType).toBe("DPoP");
    const sent = (proofs[0]?.header as { jwk: JWK } | undefined)?.jwk as JWK;
    expect(sent).toEqual({ kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y });
    expect(proofs[0]?.jkt).toBe(await calculateJwkThumbprint(sent));
  });

  it("remembers the nonce: the next refresh is one request", async () => {
    dpopEndpoint();
    await refreshAccessToken(settings(), NOW);
    server.reset();
    proofs.length = 0;
    nonceDemands = 0;
    await refreshAccessToken(settings({ refreshToken: "rt-2" }), NOW);
    expect(server.requests).toHaveLength(1);
    expect(proofs[0]?.payload.nonce).toBe(nonce);
  });

  it("a nonce loop (the server asks again and again) ends after one retry: use_dpop_nonce, transient, no key in it", async () => {
    dpopEndpoint();
    nonceDemands = 100;
    const error = await refreshAccessToken(settings(), NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefreshError);
    expect(error).toMatchObject({ code: "use_dpop_nonce", status: 400, transient: true, terminal: false });
    expect(server.requests).toHaveLength(2);
    const jwk = JSON.stringify(await crypto.subtle.exportKey("jwk", keys.privateKey));
    const d = JSON.parse(jwk).d as string;
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(d);
  });

  it("without dpop the same DPoP token is refused (unsupported_token_type); with it, Bearer still passes", async () => {
    server.respond({ body: { access_token: "at", token_type: "DPoP", expires_in: 60 } });
    await expect(refreshAccessToken(settings({ dpop: undefined }), NOW)).rejects.toMatchObject({
      code: "unsupported_token_type",
    });
    server.respond({ body: { access_token: "at", token_type: "Bearer", expires_in: 60 } });
    expect((await refreshAccessToken(settings(), NOW)).tokenType).toBeUndefined();
  });

  it("a key pair DPoP cannot use fails at the first call, naming the setting", async () => {
    const publicJwk = await crypto.subtle.exportKey("jwk", keys.publicKey);
    const curve = { name: "ECDSA", namedCurve: "P-256" };
    const fixed = { ...keys, publicKey: await crypto.subtle.importKey("jwk", publicJwk, curve, false, ["verify"]) };
    const hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    for (const [dpop, message] of [
      [fixed, /dpop.publicKey must be extractable/],
      [{ privateKey: hmac, publicKey: hmac }, /dpop must be a CryptoKeyPair/],
      [{}, /dpop must be a CryptoKeyPair/],
      [await exportJWK(keys.publicKey), /a private JWK/],
      [{ kty: "oct", k: "c2VjcmV0", d: "x" }, /algorithm kty oct cannot sign a DPoP proof/],
    ] as const) {
      const jwt = createRefreshingJwtCallback({ provider: settings({ dpop }) as never });
      await expect(jwt({ token: {} })).rejects.toThrow(message);
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("DPoP through the jwt callback", () => {
  it("a DPoP sign-in is admitted with dpop on; the refreshed token says DPoP on the JWT, never on the session", async () => {
    dpopEndpoint();
    let now = NOW;
    const jwt = createRefreshingJwtCallback({ provider: settings(), now: () => now });
    let token = await jwt({
      token: { sub: "u1" },
      account: {
        provider: "idp",
        type: "oauth",
        providerAccountId: "u1",
        access_token: "at-0",
        token_type: "DPoP",
        refresh_token: "rt-0",
        expires_at: Math.floor(NOW / 1000) + 60,
      },
    });
    expect(token.accessTokenType).toBe("DPoP");
    now = token.refreshAt ?? now;
    token = await jwt({ token });
    expect(token.error).toBeUndefined();
    expect(token.accessToken).toMatch(/^at-bound-/);
    expect(token.accessTokenType).toBe("DPoP");
    expect(decodeProtectedHeader(String(server.requests.at(-1)?.headers.dpop)).jwk).toBeDefined();
    // The key rides on the callback for getAccessToken, hidden from a log of the auth options.
    const d = JSON.stringify((await crypto.subtle.exportKey("jwk", keys.privateKey)).d);
    const jwk = await exportJWK(keys.privateKey);
    const withJwk = createRefreshingJwtCallback({ provider: settings({ dpop: jwk }) });
    expect(inspect(withJwk, { depth: 5 })).not.toContain(String(jwk.d));
    expect(inspect(jwt, { depth: 5 })).not.toContain(d);
    expect(JSON.stringify(token)).not.toContain(String(jwk.d));
    // The browser's session, even with the app's own fields and the token exposed, has no type field.
    const session = createSessionCallback({ exposeAccessToken: true, fields: (t) => ({ ...t }) });
    expect(session({ session: { expires: "x" }, token })).not.toHaveProperty("accessTokenType");
  });
});
