// The helpers' own faults never sign anyone out (docs/how-it-works.md#which-failures-sign-out),
// against the real local token endpoint.
import { describe, expect, it } from "vitest";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  type RefreshFailureEvent,
  type RefreshingJwt,
  type RefreshStore,
  refreshAccessToken,
} from "../../../src/server/index.ts";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const SECRET = "client-secret-value";
const server = tokenServerForFile({ lifetimeSeconds: 3600 });

const provider = () => ({ tokenEndpoint: server.url, clientId: "kit", clientSecret: SECRET });
/** A signed-in token whose access token expired a second ago: a refresh is due. */
const expired = (refreshToken: unknown): RefreshingJwt =>
  ({ sub: "u1", accessToken: "at-old", accessTokenExpires: NOW - 1000, refreshToken }) as RefreshingJwt;

describe("hooks that throw never change the outcome", () => {
  it("a throwing onRefresh keeps the rotation: the next refresh uses the new token, 0 invalid_grant", async () => {
    let now = NOW;
    const jwt = createRefreshingJwtCallback({
      provider: provider(),
      now: () => now,
      onRefresh: () => {
        throw new Error("analytics down");
      },
    });
    const first = await jwt({ token: expired(server.issue()) });
    expect(first.error).toBeUndefined();
    expect(first.accessToken).not.toBe("at-old");
    now = (first.accessTokenExpires ?? 0) + 1;
    const second = await jwt({ token: first });
    expect(second.error).toBeUndefined();
    expect(server.stats).toMatchObject({ refreshed: 2, invalidGrant: 0 });
  });

  it("a throwing onError neither rejects the callback (next-auth would delete the cookie) nor changes the outcome", async () => {
    server.respond({ status: 503, body: "down" });
    const jwt = createRefreshingJwtCallback({
      provider: provider(),
      now: () => NOW,
      onError: () => {
        throw new Error("logger down");
      },
    });
    const next = await jwt({ token: expired("rt-1") });
    expect(next).toMatchObject({ refreshToken: "rt-1", refreshFailures: 1 });
    expect(next.error).not.toBe("RefreshAccessTokenError");
  });
});

describe("a store that throws or hangs degrades to in-process single flight", () => {
  const failingStore = (part: "get" | "set" | "hang"): RefreshStore => ({
    get: () =>
      part === "get" ? Promise.reject(new Error("ECONNREFUSED")) : part === "hang" ? new Promise(() => {}) : undefined,
    set: () => (part === "set" ? Promise.reject(new Error("ECONNRESET")) : undefined),
  });

  for (const part of ["get", "set", "hang"] as const) {
    it(`store ${part === "hang" ? "get never answers" : `${part} throws`}: refreshed once, rotated token kept, reported`, async () => {
      const errors: RefreshFailureEvent[] = [];
      const jwt = createRefreshingJwtCallback({
        provider: provider(),
        now: () => NOW,
        coordinator: createRefreshCoordinator({
          store: failingStore(part),
          storeTimeoutSeconds: 0.2,
          onStoreError: () =>
            errors.push({ code: "store_unavailable", status: undefined, transient: true, outcome: "continued" }),
        }),
      });
      const rt = server.issue();
      const started = performance.now();
      const burst = await Promise.race([
        Promise.all(Array.from({ length: 5 }, () => jwt({ token: expired(rt) }))),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the callback hung")), 3000)),
      ]);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(server.stats).toMatchObject({ calls: 1, refreshed: 1, invalidGrant: 0 });
      for (const token of burst) {
        expect(token.error).toBeUndefined();
        expect(token.refreshToken).not.toBe(rt);
      }
      expect(new Set(burst.map((t) => t.refreshToken)).size).toBe(1);
      expect(errors.length).toBeGreaterThan(0);
    });
  }
});

describe("options and inputs", () => {
  it("rejects a timeoutSeconds a timer cannot hold, at the first call", async () => {
    const jwt = createRefreshingJwtCallback({ provider: { ...provider(), timeoutSeconds: 3_000_000 } });
    await expect(jwt({ token: {} })).rejects.toThrow(/timeoutSeconds must be > 0 and <= 2147483, got 3000000/);
  });

  it("redacts the Basic credential when the server echoes it", async () => {
    server.respond((request) => ({
      status: 400,
      body: { error: "invalid_client", error_description: `bad header: ${request.headers.authorization}` },
    }));
    const error = await refreshAccessToken({ ...provider(), refreshToken: "rt-1" }).catch((e: Error) => e);
    const basic = btoa(`kit:${SECRET}`);
    expect(String(error)).toContain("[redacted]");
    expect(JSON.stringify({ ...error, message: String(error) })).not.toContain(basic);
  });

  it("a non-string refresh token counts as absent: user B never receives user A's tokens", async () => {
    const asked: unknown[] = [];
    const jwt = createRefreshingJwtCallback({
      refresh: async ({ refreshToken }) => {
        asked.push(refreshToken);
        return { accessToken: `at-for-${JSON.stringify(refreshToken)}`, expiresAt: NOW + 3_600_000 };
      },
      now: () => NOW,
    });
    await jwt({ token: expired({ user: "a" }) });
    const b = await jwt({ token: expired({ user: "b" }) });
    expect(b.accessToken).not.toContain('"a"');
    expect(asked).toEqual([]);
    expect(b.error).toBe("RefreshAccessTokenError"); // expired, and nothing to refresh with
  });

  it("keeps no copy of the user in the JWT: next-auth holds name, email and picture already", async () => {
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => NOW });
    const token = await jwt({
      token: { sub: "u1", name: "Ada", email: "ada@example.test", picture: null },
      account: { access_token: "at-1", expires_in: 3600, refresh_token: "rt-1" },
      user: { id: "u1", name: "Ada", email: "ada@example.test", image: null },
    });
    expect(token).not.toHaveProperty("user");
    expect(token).toMatchObject({ sub: "u1", name: "Ada", email: "ada@example.test" });
  });

  it("onRefresh fires once per upstream refresh, not once per coalesced caller", async () => {
    let calls = 0;
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => NOW, onRefresh: () => (calls += 1) });
    const rt = server.issue();
    await Promise.all(Array.from({ length: 5 }, () => jwt({ token: expired(rt) })));
    expect(server.stats.refreshed).toBe(1);
    expect(calls).toBe(1);
  });
});
