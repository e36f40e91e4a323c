import type { AuthOptions } from "next-auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  type RefreshFailureEvent,
  type RefreshingJwt,
} from "../../../src/server/index.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const MIN = 60_000;
const SECRET = "client-secret-value";

let server: TokenServer;
let now = NOW;
beforeAll(async () => {
  server = await startTokenServer({ lifetimeSeconds: 3600 });
});
afterEach(() => {
  server.rotating();
  server.reset();
  now = NOW;
});
afterAll(() => server.close());

function callback(extra: Partial<Parameters<typeof createRefreshingJwtCallback>[0]> = {}) {
  return createRefreshingJwtCallback({
    provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: SECRET },
    now: () => now,
    ...extra,
  } as Parameters<typeof createRefreshingJwtCallback>[0]);
}

const signedIn = (refreshToken: string, expiresInMs: number): RefreshingJwt => ({
  sub: "u1",
  accessToken: "at-old",
  accessTokenExpires: now + expiresInMs,
  refreshToken,
});

describe("createRefreshingJwtCallback: sign-in", () => {
  it("maps access_token, expires_at (seconds), refresh_token and id_token, plans the refresh, keeps no user copy", async () => {
    const token = await callback()({
      token: { sub: "u1", name: "Ada", email: "ada@example.test", picture: null },
      account: {
        access_token: "at-1",
        expires_at: NOW / 1000 + 3600,
        refresh_token: "rt-1",
        id_token: "big.jwt.value",
        provider: "oidc",
      },
      user: { id: "u1", name: "Ada", email: "ada@example.test", image: null, roles: ["x"], bio: "long" },
    });
    expect(token).toEqual({
      sub: "u1",
      name: "Ada",
      email: "ada@example.test",
      picture: null,
      accessToken: "at-1",
      accessTokenExpires: NOW + 3600_000,
      refreshAt: NOW + 3000_000,
      refreshToken: "rt-1",
      signedInAt: NOW,
      // Server-side, for the sign-out's id_token_hint (never on the browser's session).
      idToken: "big.jwt.value",
    });
    expect(server.stats.calls).toBe(0);
    // Without the end-session redirect, the ID token is not kept (nor its size in the cookie).
    const noHint = await callback({ signOut: { endSessionEndpoint: false } })({
      token: {},
      account: { access_token: "at-1", expires_in: 60, refresh_token: "rt-1", id_token: "big.jwt.value" },
    });
    expect(noHint.idToken).toBeUndefined();
  });

  it("uses expires_in when expires_at is absent; a 300 s token is refreshed 75 s before expiry", async () => {
    const token = await callback()({
      token: {},
      account: { access_token: "at-1", expires_in: 300, refresh_token: "rt-1" },
    });
    expect(token).toMatchObject({ accessTokenExpires: NOW + 300_000, refreshAt: NOW + 225_000 });
  });

  it("clears a previous error at a new sign-in", async () => {
    const token = await callback()({
      token: { error: "RefreshAccessTokenError", refreshFailures: 3 },
      account: { access_token: "at-1", expires_at: NOW / 1000 + 3600, refresh_token: "rt-1" },
    });
    expect(token.error).toBeUndefined();
    expect(token.refreshFailures).toBeUndefined();
  });
});

describe("createRefreshingJwtCallback: each request", () => {
  it("returns the token untouched, with no network, outside the refresh window", async () => {
    const token = signedIn(server.issue(), 11 * MIN);
    expect(await callback()({ token })).toBe(token);
    expect(server.stats.calls).toBe(0);
  });

  it("refreshes inside the window, keeps the rotated refresh token and clears retry state", async () => {
    const rt = server.issue();
    const events: unknown[] = [];
    const token = { ...signedIn(rt, 9 * MIN), refreshFailures: 2, refreshRetryAt: now - 1 };
    const next = await callback({ onRefresh: (e) => events.push(e) })({ token });
    expect(server.stats.refreshed).toBe(1);
    expect(next.accessToken).toMatch(/^at-/);
    expect(next.accessToken).not.toBe("at-old");
    expect(next.accessTokenExpires).toBe(NOW + 3600_000);
    expect(next.refreshToken).toMatch(/^rt-/);
    expect(next.refreshToken).not.toBe(rt);
    expect(next).not.toHaveProperty("refreshFailures");
    expect(next).not.toHaveProperty("refreshRetryAt");
    expect(events).toEqual([{ rotated: true, expiresAt: NOW + 3600_000 }]);
  });

  it("keeps the ID token a refresh sends for the sign-out, and the last one when a refresh sends none", async () => {
    server.respond({ body: { access_token: "at-2", token_type: "Bearer", expires_in: 600, id_token: "id-2" } });
    const token = { ...signedIn("rt-keep", 5 * MIN), idToken: "id-1" };
    const next = await callback()({ token });
    expect(next.idToken).toBe("id-2");
    now += 10 * MIN;
    server.respond({ body: { access_token: "at-3", token_type: "Bearer", expires_in: 600 } });
    expect((await callback()({ token: next })).idToken).toBe("id-2");
    const session = createSessionCallback({ fields: (t) => ({ hint: t.idToken, idToken: t.idToken }) })({
      session: { expires: "" },
      token: next,
    });
    expect(JSON.stringify(session)).not.toContain("id-2");
  });

  it("keeps the old refresh token when the server does not rotate", async () => {
    server.respond({ body: { access_token: "at-new", token_type: "Bearer", expires_in: 600 } });
    const next = await callback()({ token: signedIn("rt-keep", 5 * MIN) });
    expect(next).toMatchObject({ accessToken: "at-new", refreshToken: "rt-keep", accessTokenExpires: NOW + 600_000 });
  });

  it("marks RefreshAccessTokenError and drops the refresh token on a terminal failure", async () => {
    server.respond({ status: 400, body: { error: "invalid_grant" } });
    const errors: RefreshFailureEvent[] = [];
    const next = await callback({ onError: (e) => errors.push(e) })({ token: signedIn("rt-dead", 5 * MIN) });
    expect(next.error).toBe("RefreshAccessTokenError");
    expect(next).not.toHaveProperty("refreshToken");
    expect(errors).toEqual([{ code: "invalid_grant", status: 400, transient: false, outcome: "signed-out" }]);
    // A dead session stays dead without further network.
    expect(await callback()({ token: next })).toBe(next);
    expect(server.stats.calls).toBe(1);
  });

  it("keeps the token on a transient failure while it is valid, and backs off", async () => {
    server.respond({ status: 503, body: "down" });
    const jwt = callback();
    const first = await jwt({ token: signedIn("rt-1", 5 * MIN) });
    expect(first).toMatchObject({
      accessToken: "at-old",
      refreshToken: "rt-1",
      refreshFailures: 1,
      refreshRetryAt: NOW + 5000,
    });
    expect(first.error).toBeUndefined();
    // Within the backoff: no request.
    now = NOW + 4999;
    expect(await jwt({ token: first })).toBe(first);
    expect(server.stats.calls).toBe(1);
    // After it: one more try, longer backoff.
    now = NOW + 5000;
    const second = await jwt({ token: first });
    expect(second).toMatchObject({ refreshFailures: 2, refreshRetryAt: now + 10_000 });
    expect(server.stats.calls).toBe(2);
    // Server back: recovers and clears the retry state.
    server.rotating();
    now = second.refreshRetryAt ?? 0;
    const recovered = await jwt({ token: { ...second, refreshToken: server.issue() } });
    expect(recovered.accessToken).toMatch(/^at-/);
    expect(recovered).not.toHaveProperty("refreshFailures");
  });

  it("honours Retry-After when longer than the backoff", async () => {
    server.respond({ status: 429, body: "", headers: { "retry-after": "120" } });
    const next = await callback()({ token: signedIn("rt-1", 5 * MIN) });
    expect(next.refreshRetryAt).toBe(NOW + 120_000);
  });

  it("keeps retrying when a transient failure outlives the access token: never signed out by an outage", async () => {
    server.respond({ status: 503, body: "down" });
    const jwt = callback();
    const failing = await jwt({ token: signedIn("rt-1", 1 * MIN) });
    expect(failing.error).toBeUndefined();
    now = NOW + 1 * MIN; // expired, past the backoff
    const still = await jwt({ token: failing });
    expect(still.error).toBeUndefined();
    expect(still).toMatchObject({ refreshToken: "rt-1", refreshFailures: 2 });
    expect(server.stats.calls).toBe(2);
  });

  it("an expired token without a refresh token is RefreshAccessTokenError; a valid one is left alone", async () => {
    const { refreshToken: _, ...noRefresh } = signedIn("x", 5 * MIN);
    expect((await callback()({ token: noRefresh })).error).toBeUndefined();
    now = NOW + 5 * MIN;
    expect((await callback()({ token: noRefresh })).error).toBe("RefreshAccessTokenError");
    expect(server.stats.calls).toBe(0);
  });

  it("gives a token without a usable expiry a refresh an hour's token would get (50 min), no network now", async () => {
    const token = { ...signedIn("rt", 0), accessTokenExpires: Number.NaN };
    expect(await callback()({ token })).toEqual({ ...token, refreshAt: NOW + 50 * MIN });
    expect(server.stats.calls).toBe(0);
  });

  it("treats an unknown error from a custom refresh function as transient", async () => {
    const jwt = createRefreshingJwtCallback({
      refresh: async () => {
        throw new Error("boom");
      },
      now: () => now,
    });
    expect(await jwt({ token: signedIn("rt", 5 * MIN) })).toMatchObject({ refreshFailures: 1 });
  });
});

describe("createRefreshingJwtCallback: options", () => {
  it("needs exactly one of refresh and provider", () => {
    // @ts-expect-error: neither
    expect(() => createRefreshingJwtCallback({})).toThrow("needs `refresh` or `provider`");
    const both = {
      refresh: async () => ({ accessToken: "at", expiresAt: null }),
      provider: { tokenEndpoint: "http://x", clientId: "a", clientSecret: "b" },
    };
    // @ts-expect-error: both
    expect(() => createRefreshingJwtCallback(both)).toThrow("either `refresh` or `provider`");
  });

  it("rejects a malformed token endpoint at the first call, naming it", async () => {
    const jwt = createRefreshingJwtCallback({ provider: { tokenEndpoint: "nope", clientId: "a", clientSecret: "b" } });
    await expect(jwt({ token: {} })).rejects.toThrow(/tokenEndpoint must be an absolute http\(s\) URL, got "nope"/);
  });

  it("rejects a refresh window that is not a number of seconds", () => {
    expect(() => callback({ refreshWindowSeconds: -1 })).toThrow(RangeError);
    expect(() => callback({ refreshWindowSeconds: Number.NaN })).toThrow(
      "refreshWindowSeconds must be a finite number",
    );
  });

  it("honours refreshWindowSeconds", async () => {
    await callback({ refreshWindowSeconds: 60 })({ token: signedIn(server.issue(), 2 * MIN) });
    expect(server.stats.calls).toBe(0);
  });
});

describe("concurrency against a rotating endpoint that rejects reuse", () => {
  it("20 concurrent callbacks at expiry: 1 upstream call, one new access token for all, 0 errors; 20 late ones: 0 calls", async () => {
    const jwt = callback({ coordinator: createRefreshCoordinator({ graceSeconds: 30 }) });
    const token = signedIn(server.issue(), 0);
    const burst = await Promise.all(Array.from({ length: 20 }, () => jwt({ token: { ...token } })));
    expect(server.stats.calls).toBe(1);
    expect(server.stats.invalidGrant).toBe(0);
    expect(new Set(burst.map((t) => t.accessToken)).size).toBe(1);
    expect(burst.every((t) => t.error === undefined)).toBe(true);

    now += 10_000; // within the grace period, requests still carrying the old cookie
    const late = await Promise.all(Array.from({ length: 20 }, () => jwt({ token: { ...token } })));
    expect(server.stats.calls).toBe(1);
    expect(late.map((t) => t.accessToken)).toEqual(burst.map((t) => t.accessToken));
  });

  it("without the coordinator's sharing (the recipe), the same burst ends in invalid_grant", async () => {
    const token = signedIn(server.issue(), 0);
    const naive = await Promise.all(
      Array.from({ length: 5 }, () =>
        // A fresh coordinator per request: no sharing, like a callback that refreshes per request.
        callback({ coordinator: createRefreshCoordinator() })({ token: { ...token } }),
      ),
    );
    expect(server.stats.calls).toBe(5);
    expect(server.stats.invalidGrant).toBe(4);
    expect(naive.filter((t) => t.error === "RefreshAccessTokenError")).toHaveLength(4);
  });
});

describe("createSessionCallback", () => {
  const token: RefreshingJwt = {
    sub: "u1",
    accessToken: "at-secret-access",
    accessTokenExpires: NOW + 3600_000,
    refreshToken: "rt-secret-refresh",
    refreshFailures: 1,
    refreshRetryAt: NOW + 5000,
  };
  const session = {
    expires: "2026-12-26T12:00:00.000Z",
    user: { name: "Ada", email: "ada@example.test", image: null },
  };

  it("exposes user, expiry (seconds and server-relative lifetime) and error, never a token", () => {
    const out = createSessionCallback({ now: () => NOW + 60_000 })({
      session,
      token: { ...token, error: "RefreshAccessTokenError" },
    });
    expect(out).toEqual({
      expires: "2026-12-26T12:00:00.000Z",
      user: { name: "Ada", email: "ada@example.test", image: null },
      accessTokenExpires: (NOW + 3600_000) / 1000,
      accessTokenExpiresInSeconds: 3540,
      error: "RefreshAccessTokenError",
    });
    const json = JSON.stringify(out);
    expect(json).not.toContain("rt-secret-refresh");
    expect(json).not.toContain("at-secret-access");
    expect(json).not.toContain(SECRET);
  });

  it("tells the browser when to come back, by the server's clock: the refresh time, rounded up", () => {
    const healthy = { ...token, refreshAt: NOW + 3000_000, refreshFailures: 0 };
    delete healthy.refreshRetryAt;
    const out = createSessionCallback({ now: () => NOW + 0.4 })({ session, token: healthy });
    expect(out).toMatchObject({ refetchInSeconds: 3000 });
    expect(out.error).toBeUndefined();
  });

  it("while retrying: the retry time and RefreshAccessTokenRetrying; a dead session: no time at all", () => {
    const retrying = { ...token, refreshAt: NOW - 1000 };
    const callback = createSessionCallback({ now: () => NOW });
    expect(callback({ session, token: retrying })).toMatchObject({
      refetchInSeconds: 5,
      error: "RefreshAccessTokenRetrying",
    });
    const dead = callback({ session, token: { sub: "u1", error: "RefreshAccessTokenError" } });
    expect(dead).not.toHaveProperty("refetchInSeconds");
    expect(dead.error).toBe("RefreshAccessTokenError");
  });

  it("adds the access token only on opt-in, and still never the refresh token", () => {
    const json = JSON.stringify(createSessionCallback({ exposeAccessToken: true, now: () => NOW })({ session, token }));
    expect(json).toContain('"accessToken":"at-secret-access"');
    expect(json).not.toContain("rt-secret-refresh");
    expect(json).not.toContain("refreshRetryAt");
  });

  it("the app's own fields: from the token at sign-in to the session, through a refresh, never a token", async () => {
    const jwt = callback({
      signInFields: ({ profile }: { profile?: unknown }) => ({
        roles: (profile as { roles?: string[] }).roles,
        error: "not the app's to set",
      }),
    });
    const signedInToken = await jwt({
      token: { sub: "u1", name: "Ada" },
      account: { access_token: "at-1", expires_in: 60, refresh_token: server.issue() },
      profile: { sub: "u1", roles: ["admin"] },
    });
    expect(signedInToken).toMatchObject({ roles: ["admin"] });
    expect(signedInToken.error).toBeUndefined();
    now += 60_000; // due
    const refreshed = await jwt({ token: signedInToken });
    expect(refreshed.accessToken).not.toBe("at-1");
    expect(refreshed).toMatchObject({ roles: ["admin"] });
    const fields = (t: RefreshingJwt) => ({
      roles: t.roles,
      user: { id: t.sub, leaked: t.refreshToken },
      backdoor: t.accessToken,
      accessTokenExpires: 0,
    });
    const out = createSessionCallback({ fields, now: () => now })({ session, token: refreshed });
    expect(out).toMatchObject({ roles: ["admin"], user: { id: "u1", name: "Ada" } });
    expect(out.accessTokenExpires).toBe(Math.floor(Number(refreshed.accessTokenExpires) / 1000));
    const json = JSON.stringify(out);
    expect(json).not.toContain(String(refreshed.refreshToken));
    expect(json).not.toContain(String(refreshed.accessToken));
  });

  it("plugs into next-auth's AuthOptions as they are typed", () => {
    const options: AuthOptions = {
      providers: [],
      callbacks: { jwt: callback(), session: createSessionCallback() },
    };
    expect(typeof options.callbacks?.jwt).toBe("function");
  });
});

describe("no token in logs", () => {
  it("hooks receive no token values, on success or failure", async () => {
    const seen: unknown[] = [];
    const rt = server.issue();
    const jwt = callback({ onRefresh: (e) => seen.push(e), onError: (e) => seen.push(e) });
    const ok = await jwt({ token: signedIn(rt, 0) });
    server.respond({ status: 400, body: { error: "invalid_grant" } });
    await jwt({ token: { ...ok, accessTokenExpires: now, refreshAt: now } });
    const json = JSON.stringify(seen);
    expect(seen).toHaveLength(2);
    for (const secret of [rt, ok.refreshToken, ok.accessToken, SECRET]) expect(json).not.toContain(secret);
  });
});

describe("withoutRefresh (for getServerSession in a Server Component)", () => {
  it("maps a sign-in like the callback, and never refreshes, even past expiry", async () => {
    const jwt = callback();
    const signedInToken = await jwt.withoutRefresh({
      token: {},
      account: { access_token: "at-1", expires_at: NOW / 1000 + 60, refresh_token: "rt-1" },
    });
    expect(signedInToken).toMatchObject({
      accessToken: "at-1",
      accessTokenExpires: NOW + 60_000,
      refreshToken: "rt-1",
    });
    now = NOW + 120_000;
    const token = signedIn(server.issue(), -1);
    expect(await jwt.withoutRefresh({ token })).toBe(token);
    expect(server.stats.calls).toBe(0);
    // The session it feeds the browser says the token has no time left, so the client polls at once.
    const session = createSessionCallback({ now: () => now })({ session: { expires: "x" }, token });
    expect(session.accessTokenExpiresInSeconds).toBe(0);
  });
});
