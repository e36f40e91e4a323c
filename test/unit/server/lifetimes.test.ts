// One timing source (docs/how-it-works.md#when-the-server-refreshes): a client that fetches when
// the session says, against the real token endpoint, refreshes about once per lifetime for any
// lifetime from 30 s to a day.
import { describe, expect, it, vi } from "vitest";
import { createRefreshingJwtCallback } from "../../../src/server/index.ts";
import { followSession } from "../../support/followSession.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

describe("refreshes per lifetime, following the session's own timing", () => {
  for (const lifetime of [30, 300, 3600, 86_400]) {
    it(`${lifetime} s tokens: within 1.5x the natural rate, at most 2 per lifetime, 1 session fetch per refresh`, async () => {
      const lifetimes = 40;
      const { refreshes, sessionFetches, errors, invalidGrant } = await followSession(
        lifetime,
        lifetimes * lifetime * 1000,
      );
      expect(errors + invalidGrant).toBe(0);
      expect(refreshes).toBeGreaterThanOrEqual(lifetimes);
      expect(refreshes).toBeLessThanOrEqual(lifetimes * 1.5);
      expect(sessionFetches).toBeLessThanOrEqual(refreshes + 2);
    });
  }

  it("a provider that sends no expiry: refreshed after 50 minutes, never per request", async () => {
    let now = NOW;
    const calls: number[] = [];
    const jwt = createRefreshingJwtCallback({
      refresh: async () => {
        calls.push(now);
        return { accessToken: `at-${calls.length}`, expiresAt: null };
      },
      now: () => now,
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      let token = await jwt({ token: {}, account: { access_token: "at-0", refresh_token: "rt-1" } });
      for (let i = 0; i < 3 * 60 * 12; i += 1) {
        now += 5000; // a request every 5 s for 3 hours
        token = await jwt({ token });
      }
      expect(calls.map((at) => (at - NOW) / 60_000)).toEqual([50, 100, 150]);
      // Said once per callback, not once per request or per refresh.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("no usable expiry"));
    } finally {
      warn.mockRestore();
    }
  });

  it("a fixed refreshWindowSeconds above half the lifetime is held to half: at most 2 refreshes per lifetime", async () => {
    let now = NOW;
    let calls = 0;
    const jwt = createRefreshingJwtCallback({
      refresh: async () => {
        calls += 1;
        return { accessToken: "at", expiresAt: now + 300_000 };
      },
      refreshWindowSeconds: 600,
      now: () => now,
    });
    let token = await jwt({ token: {}, account: { access_token: "at-0", expires_in: 300, refresh_token: "rt" } });
    for (let i = 0; i < 60; i += 1) {
      now += 5000; // 5 minutes of requests every 5 s: one token lifetime
      token = await jwt({ token });
    }
    expect(calls).toBe(2);
  });
});

describe("one reading of a token answer, at sign-in and at refresh", () => {
  const jwt = () =>
    createRefreshingJwtCallback({
      refresh: async () => ({ accessToken: "at-2", expiresAt: null }),
      now: () => NOW,
    });

  it("a digit-string expires_in counts at sign-in, as in the grant", async () => {
    const token = await jwt()({ token: {}, account: { access_token: "at", expires_in: "300", refresh_token: "rt" } });
    expect(token.accessTokenExpires).toBe(NOW + 300_000);
  });

  it("no expiry, at sign-in or at refresh: the same 1-hour assumption, kept on the token, said once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const callback = jwt();
      const signedIn = await callback({ token: {}, account: { access_token: "at", refresh_token: "rt" } });
      expect(signedIn).toMatchObject({ accessTokenExpires: NOW + 3600_000, refreshAt: NOW + 3000_000 });
      const refreshed = await callback({ token: { ...signedIn, refreshAt: NOW - 1 } });
      expect(refreshed).toMatchObject({ accessToken: "at-2", accessTokenExpires: NOW + 3600_000 });
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
