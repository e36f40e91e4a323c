// getAccessToken reads the request's session cookie through next/headers' cookies(), which exists
// only inside a Next request: here it returns a store of the test's cookies. Everything else is
// real (next-auth's encode/decode, the kit's reading of chunks and expiry).

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { EmbeddedJWK, generateKeyPair, jwtVerify } from "jose";
import type { AuthOptions } from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

let jar: Array<{ name: string; value: string }> = [];
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => jar }) }));
const { getAccessToken } = await import("../../../src/next/index.ts");
const { createRefreshCoordinator, createRefreshingJwtCallback } = await import("../../../src/server/index.ts");

const SECRET = "getter-secret-for-tests-0123456789";
const NAME = "next-auth.session-token";
const options: AuthOptions = { secret: SECRET, providers: [] };
const cookieOf = async (token: JWT) => ({ name: NAME, value: await encode({ token, secret: SECRET }) });

beforeEach(() => {
  jar = [];
});

describe("getAccessToken (Server Components, route handlers, Server Actions)", () => {
  it("returns the access token and its expiry from the request's cookie", async () => {
    const expires = Date.now() + 60_000;
    jar = [await cookieOf({ sub: "1", accessToken: "at-1", accessTokenExpires: expires, refreshToken: "rt-1" })];
    expect(await getAccessToken(options)).toEqual({
      status: "valid",
      accessToken: "at-1",
      expiresAt: expires,
      tokenType: "Bearer",
    });
  });

  it("reads a chunked cookie", async () => {
    const { value } = await cookieOf({ sub: "1", accessToken: `at-${"x".repeat(5000)}` });
    jar = [
      { name: `${NAME}.1`, value: value.slice(3000) },
      { name: `${NAME}.0`, value: value.slice(0, 3000) },
    ];
    expect(await getAccessToken(options)).toMatchObject({ status: "valid", accessToken: `at-${"x".repeat(5000)}` });
  });

  it("says signed-out, ended and expired as typed results, never with a token", async () => {
    expect(await getAccessToken(options)).toEqual({ status: "signed-out" });
    jar = [await cookieOf({ sub: "1", error: "RefreshAccessTokenError", accessToken: "at-dead" })];
    expect(await getAccessToken(options)).toEqual({ status: "ended", error: "RefreshAccessTokenError" });
    // Ended because the provider asks for the user (multi-factor authentication): the reason comes along.
    jar = [await cookieOf({ sub: "1", error: "RefreshAccessTokenError", errorReason: "interaction_required" })];
    expect(await getAccessToken(options)).toEqual({
      status: "ended",
      error: "RefreshAccessTokenError",
      reason: "interaction_required",
    });
    const past = Date.now() - 1000;
    jar = [await cookieOf({ sub: "1", accessToken: "at-old", accessTokenExpires: past })];
    expect(await getAccessToken(options)).toEqual({ status: "expired", expiresAt: past });
    // Past the session's end (the refresh token's lifetime), its still-valid access token is not handed out.
    jar = [
      await cookieOf({ sub: "1", accessToken: "at-1", accessTokenExpires: Date.now() + 60_000, sessionEndsAt: past }),
    ];
    expect(await getAccessToken(options)).toEqual({ status: "ended", error: "RefreshAccessTokenError" });
  });

  it("says ended for a session the identity provider ended (back-channel logout), not for another", async () => {
    const jwt = createRefreshingJwtCallback({
      refresh: async () => ({ accessToken: "never" }) as never,
      coordinator: createRefreshCoordinator(),
    });
    const withKit: AuthOptions = { ...options, callbacks: { jwt } };
    const iss = "https://idp.example";
    const session = (sid: string) => ({
      sub: "1",
      accessToken: "at-1",
      idpSession: { iss, sub: "1", sid },
      signedInAt: Date.now() - 1000,
    });
    await jwt.sessionEnds.store?.endSession(`sid ${iss} sid-1`, Date.now(), 60_000);
    jar = [await cookieOf(session("sid-1"))];
    expect(await getAccessToken(withKit)).toEqual({ status: "ended", error: "RefreshAccessTokenError" });
    jar = [await cookieOf(session("sid-2"))];
    expect(await getAccessToken(withKit)).toMatchObject({ status: "valid", accessToken: "at-1" });
  });

  it("reads a tampered or foreign cookie as signed out, without throwing", async () => {
    const { value } = await cookieOf({ sub: "1", accessToken: "at-1" });
    for (const bad of [`${value.slice(0, -6)}AAAAAA`, "not-a-jwt", "a".repeat(100_000)]) {
      jar = [{ name: NAME, value: bad }];
      expect(await getAccessToken(options)).toEqual({ status: "signed-out" });
    }
  });

  it("a DPoP-bound token comes with its type and a fetch that proves it to a resource server, nonce retried once", async () => {
    const keys = await generateKeyPair("ES256", { extractable: true });
    const jwt = createRefreshingJwtCallback({
      provider: { tokenEndpoint: "https://idp.example/token", clientId: "kit", clientSecret: "s", dpop: keys },
    });
    const withDpop: AuthOptions = { ...options, callbacks: { jwt } as NonNullable<AuthOptions["callbacks"]> };
    const seen: Record<string, unknown>[] = [];
    const api = createServer(async (req, res) => {
      const { payload } = await jwtVerify(String(req.headers.dpop), EmbeddedJWK, { typ: "dpop+jwt" });
      seen.push({ authorization: req.headers.authorization, ...payload });
      if (payload.nonce !== "rs-nonce") {
        res.writeHead(401, { "www-authenticate": 'DPoP error="use_dpop_nonce"', "dpop-nonce": "rs-nonce" });
        return void res.end();
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}/me`;
    try {
      jar = [
        await cookieOf({
          sub: "1",
          accessToken: "at-bound",
          accessTokenType: "DPoP",
          accessTokenExpires: Date.now() + 60_000,
        }),
      ];
      const result = await getAccessToken(withDpop);
      expect(result).toMatchObject({ status: "valid", accessToken: "at-bound", tokenType: "DPoP" });
      const call = result.status === "valid" && result.tokenType === "DPoP" ? result.fetch : undefined;
      const response = await call?.(url);
      expect(await response?.json()).toEqual({ ok: true });
      const ath = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("at-bound"))).toString(
        "base64url",
      );
      expect(seen).toHaveLength(2);
      expect(seen[1]).toMatchObject({ authorization: "DPoP at-bound", ath, nonce: "rs-nonce", htm: "GET", htu: url });
      // Without the key pair (another jwt callback) the type is still said, with no way to prove it.
      expect(await getAccessToken(options)).toMatchObject({ tokenType: "DPoP", fetch: undefined });
    } finally {
      api.close();
    }
  });
});
