// The request-path refresh (next-auth-refresh-kit/next) with next-auth's own encode/decode, Next's
// own NextRequest/NextResponse and the kit's jwt callback against a real rotating token endpoint.

import { NextRequest, NextResponse } from "next/server";
import type { AuthOptions } from "next-auth";
import { decode, encode, type JWT } from "next-auth/jwt";
import { withAuth } from "next-auth/middleware";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHUNK_SIZE, readSessionToken, sessionRefresh } from "../../../src/next/index.ts";
import { isAuthJs } from "../../../src/next/nextAuthMajor.ts";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  type RefreshingJwtCallback,
} from "../../../src/server/index.ts";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

const SECRET = "request-path-secret-for-tests-0123456789";
const NAME = "next-auth.session-token";
const server = tokenServerForFile({ lifetimeSeconds: 3600 });

function authOptions(): AuthOptions {
  const jwt = createRefreshingJwtCallback({
    provider: { tokenEndpoint: server.url, clientId: "app", clientSecret: "app-secret" },
    coordinator: createRefreshCoordinator(),
  });
  return { secret: SECRET, providers: [], callbacks: { jwt, session: createSessionCallback() } };
}

/** A session token as next-auth wrote it at sign-in: `expiresInMs` from now, refreshed 10 min before. */
async function sessionToken(expiresInMs: number, extra: Partial<JWT> = {}): Promise<{ token: JWT; cookie: string }> {
  const now = Date.now();
  const token: JWT = {
    name: "Ada",
    sub: "user-1",
    accessToken: "at-old",
    accessTokenExpires: now + expiresInMs,
    refreshAt: now + expiresInMs - 600_000,
    refreshToken: server.issue(),
    ...extra,
  };
  return { token, cookie: await encode({ token, secret: SECRET }) };
}

const request = (cookies: Record<string, string>) =>
  new NextRequest("http://localhost:3000/dashboard", {
    headers: {
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join("; "),
    },
  });

/** The session token the response sets, joined from its chunks. */
function written(response: NextResponse): string | null {
  const cookies = response.cookies.getAll().filter((cookie) => cookie.value !== "");
  return readSessionToken(cookies, NAME)?.token ?? null;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("sessionRefresh (middleware.ts / proxy.ts)", () => {
  it("recognises next-auth v4 from the installed next-auth/jwt (v4's cookie names, no salt)", async () => {
    expect(await isAuthJs()).toBe(false);
  });

  it("passes a token that is not due through: one decode, no upstream call, no Set-Cookie", async () => {
    const { cookie } = await sessionToken(3600_000);
    const response = await sessionRefresh(authOptions())(request({ [NAME]: cookie }));
    expect(server.stats.calls).toBe(0);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("refreshes a due token once and writes it to the response and the forwarded request", async () => {
    const { cookie } = await sessionToken(60_000); // refreshAt passed 9 minutes ago
    const incoming = request({ [NAME]: cookie, other: "kept" });
    const response = await sessionRefresh(authOptions())(incoming);
    expect(server.stats.refreshed).toBe(1);
    const value = written(response);
    const token = await decode({ token: value ?? "", secret: SECRET });
    expect(token?.accessToken).toMatch(/^at-/);
    expect(token?.accessToken).not.toBe("at-old");
    expect(token?.accessTokenExpires).toBeGreaterThan(Date.now() + 3000_000);
    // The same render reads it: Next forwards the request's cookies it was given.
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`${NAME}=${value}`);
    expect(response.headers.get("x-middleware-request-cookie")).toContain("other=kept");
    expect(incoming.cookies.get(NAME)?.value).toBe(value);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const set = response.cookies.get(NAME);
    expect(set).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", maxAge: 30 * 24 * 60 * 60 });
  });

  it("ten concurrent requests with one overdue cookie: one upstream refresh, every one gets the new token", async () => {
    const { cookie } = await sessionToken(60_000);
    const refresh = sessionRefresh(authOptions());
    const responses = await Promise.all(Array.from({ length: 10 }, () => refresh(request({ [NAME]: cookie }))));
    expect(server.stats.refreshed).toBe(1);
    expect(server.stats.invalidGrant).toBe(0);
    const tokens = await Promise.all(responses.map((r) => decode({ token: written(r) ?? "", secret: SECRET })));
    expect(new Set(tokens.map((t) => t?.accessToken)).size).toBe(1);
  });

  it("chunks a large token as next-auth does and deletes the chunks it no longer needs", async () => {
    const big = "x".repeat(1500);
    server.respond({
      body: { access_token: `at-${big}`, token_type: "Bearer", expires_in: 3600, refresh_token: `rt-${big}` },
    });
    const { cookie } = await sessionToken(60_000, { idToken: `id-${big}` });
    // The incoming cookie was chunked in 3 (an older, bigger token): .2 must go.
    const chunks = { [`${NAME}.0`]: cookie.slice(0, 100), [`${NAME}.1`]: cookie.slice(100), [`${NAME}.2`]: "" };
    const response = await sessionRefresh(authOptions())(request(chunks));
    const names = response.cookies.getAll().map((c) => `${c.name}${c.value === "" ? " (deleted)" : ""}`);
    expect(names).toEqual([`${NAME}.0`, `${NAME}.1`, `${NAME}.2 (deleted)`]);
    // Deleted by an epoch Expires as well: Next drops a Max-Age of 0 when it re-issues the cookie.
    expect(response.cookies.get(`${NAME}.2`)).toMatchObject({ maxAge: 0, expires: new Date(0) });
    expect(response.cookies.get(`${NAME}.0`)?.value.length).toBe(CHUNK_SIZE);
    const token = await decode({ token: written(response) ?? "", secret: SECRET });
    expect(token?.accessToken).toBe(`at-${big}`);
    expect(token?.refreshToken).toBe(`rt-${big}`);
  });

  it("writes a dead grant as the jwt callback does: RefreshAccessTokenError, no refresh token", async () => {
    server.respond({ status: 400, body: { error: "invalid_grant" } });
    const { cookie } = await sessionToken(60_000);
    const response = await sessionRefresh(authOptions())(request({ [NAME]: cookie }));
    const token = await decode({ token: written(response) ?? "", secret: SECRET });
    expect(token?.error).toBe("RefreshAccessTokenError");
    expect(token?.refreshToken).toBeUndefined();
  });

  it("a session the identity provider ended (back-channel logout) is written signed out, even when not due", async () => {
    const options = authOptions();
    const ends = (options.callbacks as { jwt: RefreshingJwtCallback }).jwt.sessionEnds;
    const idpSession = { iss: "https://idp.example", sub: "user-1", sid: "sid-1" };
    const { cookie } = await sessionToken(3600_000, { idpSession, signedInAt: Date.now() - 1000 });
    const { cookie: otherCookie } = await sessionToken(3600_000, {
      idpSession: { ...idpSession, sid: "sid-2" },
      signedInAt: Date.now() - 1000,
    });
    await ends.store?.endSession(`sid ${idpSession.iss} sid-1`, Date.now(), 60_000);

    const response = await sessionRefresh(options)(request({ [NAME]: cookie }));
    const token = await decode({ token: written(response) ?? "", secret: SECRET });
    expect(token).toMatchObject({ error: "RefreshAccessTokenError", sub: "user-1" });
    expect(token?.accessToken).toBeUndefined();
    expect(token?.refreshToken).toBeUndefined();
    expect(
      response.headers.get("x-middleware-request-cookie") ?? response.headers.get("x-middleware-override-headers"),
    ).toBeTruthy();
    expect(server.stats.calls).toBe(0);
    // Another session of the same user passes through untouched.
    expect((await sessionRefresh(options)(request({ [NAME]: otherCookie }))).headers.get("set-cookie")).toBeNull();
  });

  it("a session past its end (its refresh token's lifetime) is written signed out, even when not due, with no call upstream", async () => {
    const { cookie } = await sessionToken(3600_000, { sessionEndsAt: Date.now() - 1000 });
    const calls = server.stats.calls;
    const response = await sessionRefresh(authOptions())(request({ [NAME]: cookie }));
    const token = await decode({ token: written(response) ?? "", secret: SECRET });
    expect(token).toMatchObject({ error: "RefreshAccessTokenError", sub: "user-1" });
    expect(token?.refreshToken).toBeUndefined();
    expect(server.stats.calls).toBe(calls);
  });

  it("keeps the tokens on a transient failure and writes the backoff (the page sees it retrying)", async () => {
    server.respond({ status: 503, body: "down" });
    const { cookie } = await sessionToken(60_000);
    const response = await sessionRefresh(authOptions())(request({ [NAME]: cookie }));
    const token = await decode({ token: written(response) ?? "", secret: SECRET });
    expect(token?.accessToken).toBe("at-old");
    expect(token?.refreshFailures).toBe(1);
    expect(token?.refreshRetryAt).toBeGreaterThan(Date.now());
  });

  describe("composed: sessionRefresh(authOptions, then)", () => {
    it("next-auth's withAuth: authorized sees the refreshed token, the page is forwarded the new cookie", async () => {
      vi.stubEnv("NEXTAUTH_SECRET", SECRET);
      const seen: Array<JWT | null> = [];
      const guarded = withAuth({
        callbacks: {
          authorized: ({ token }) => {
            seen.push(token);
            return Boolean(token && !token.error);
          },
        },
      });
      const { cookie } = await sessionToken(60_000);
      const response = await sessionRefresh(authOptions(), guarded)(request({ [NAME]: cookie }));
      expect(seen.map((token) => token?.accessToken)).toEqual([expect.not.stringMatching(/^at-old$/)]);
      expect(seen[0]?.accessTokenExpires).toBeGreaterThan(Date.now() + 3000_000);
      const value = written(response);
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(response.headers.get("x-middleware-request-cookie")).toContain(`${NAME}=${value}`);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
    });

    it("withAuth turning a dead grant away: the redirect to sign-in carries the ended session's cookie", async () => {
      vi.stubEnv("NEXTAUTH_SECRET", SECRET);
      server.respond({ status: 400, body: { error: "invalid_grant" } });
      const guarded = withAuth({ callbacks: { authorized: ({ token }) => Boolean(token && !token.error) } });
      const { cookie } = await sessionToken(60_000);
      const response = await sessionRefresh(authOptions(), guarded)(request({ [NAME]: cookie }));
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toContain("/api/auth/signin");
      const token = await decode({ token: written(response) ?? "", secret: SECRET });
      expect(token?.error).toBe("RefreshAccessTokenError");
      expect(response.headers.get("x-middleware-override-headers")).toBeNull();
    });

    it("a middleware that forwards headers of its own keeps them, and the page gets the new cookie too", async () => {
      const own = (incoming: NextRequest) => {
        const headers = new Headers(incoming.headers);
        headers.set("x-tenant", "acme");
        return NextResponse.next({ request: { headers } });
      };
      const { cookie } = await sessionToken(60_000);
      const response = await sessionRefresh(authOptions(), own)(request({ [NAME]: cookie }));
      const value = written(response);
      expect(response.headers.get("x-middleware-request-x-tenant")).toBe("acme");
      expect(response.headers.get("x-middleware-override-headers")?.split(",")).toEqual(
        expect.arrayContaining(["x-tenant", "cookie"]),
      );
      expect(response.headers.get("x-middleware-request-cookie")).toContain(`${NAME}=${value}`);
    });

    it("a plain Response from the composed middleware gets the cookie; with nothing due it is returned as it is", async () => {
      const teapot = () => new Response("short and stout", { status: 418, headers: { "x-own": "1" } });
      const { cookie } = await sessionToken(60_000);
      const refreshed = await sessionRefresh(authOptions(), teapot)(request({ [NAME]: cookie }));
      expect(refreshed.status).toBe(418);
      expect(refreshed.headers.get("x-own")).toBe("1");
      expect(written(refreshed)).not.toBeNull();
      const fresh = await sessionToken(3600_000);
      const untouched = await sessionRefresh(authOptions(), teapot)(request({ [NAME]: fresh.cookie }));
      expect(untouched.status).toBe(418);
      expect(untouched.headers.get("set-cookie")).toBeNull();
      expect(await untouched.text()).toBe("short and stout");
    });
  });

  describe("bad input passes through untouched, with no throw and nothing logged", () => {
    const cases: Array<[string, (cookie: string, other: string) => Record<string, string>]> = [
      ["a tampered cookie", (cookie) => ({ [NAME]: `${cookie.slice(0, -8)}AAAAAAAA` })],
      ["a cookie made with another secret", (_, other) => ({ [NAME]: other })],
      ["a 100 KB cookie", () => ({ [NAME]: "a".repeat(100_000) })],
      // .1 missing: what next-auth would join is not the token.
      [
        "a half-set chunk sequence",
        (cookie) => ({ [`${NAME}.0`]: cookie.slice(0, 50), [`${NAME}.2`]: cookie.slice(100) }),
      ],
      [
        "a foreign cookie under the session name",
        () => ({ [NAME]: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl" }),
      ],
    ];
    it.each(cases)("%s", async (_, cookies) => {
      const { cookie } = await sessionToken(60_000);
      const other = await encode({
        token: { sub: "x", accessTokenExpires: 1, refreshAt: 1 },
        secret: "another-secret",
      });
      const logged = ["log", "info", "warn", "error", "debug"].map((level) =>
        vi.spyOn(console, level as "log").mockImplementation(() => {}),
      );
      const response = await sessionRefresh(authOptions())(request(cookies(cookie, other)));
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(server.stats.calls).toBe(0);
      expect(logged.flatMap((spy) => spy.mock.calls)).toEqual([]);
    });
  });
});
