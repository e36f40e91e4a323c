// The grant's and discovery's timeouts are hard bounds: a fetch that ignores the abort signal and
// never settles (a custom fetch, a proxy agent) cannot hang the refresh, its waiters or the
// coordinator's in-flight entry.
import { describe, expect, it } from "vitest";
import {
  createRefreshingJwtCallback,
  type RefreshError,
  type RefreshingJwt,
  refreshAccessToken,
} from "../../../src/server/index.ts";

/** A fetch that ignores its signal and never answers; counts its calls. */
function hangingFetch() {
  const calls = { count: 0 };
  const fetch = (() => {
    calls.count += 1;
    return new Promise<Response>(() => {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("a fetch that ignores the abort signal", () => {
  it("the grant fails with timeout at timeoutSeconds", async () => {
    const { fetch } = hangingFetch();
    const settings = { tokenEndpoint: "https://idp.test/token", clientId: "kit", clientSecret: "s", fetch };
    const error = (await refreshAccessToken({ ...settings, timeoutSeconds: 0.2, refreshToken: "rt-1" }).catch(
      (e: unknown) => e,
    )) as RefreshError;
    expect(error).toMatchObject({ code: "timeout", transient: true });
  });

  it("the jwt callback: every waiter settles, the in-flight entry clears, the next attempt calls again", async () => {
    const { fetch, calls } = hangingFetch();
    let now = Date.UTC(2026, 11, 3);
    const withFetch = createRefreshingJwtCallback({
      provider: {
        tokenEndpoint: "https://idp.test/token",
        clientId: "kit",
        clientSecret: "s",
        timeoutSeconds: 0.2,
        fetch,
      },
      now: () => now,
    });
    const token: RefreshingJwt = {
      sub: "u",
      accessToken: "at",
      accessTokenExpires: now + 1000,
      refreshToken: "rt-hang",
    };
    const results = await Promise.all(Array.from({ length: 3 }, () => withFetch({ token: { ...token } })));
    expect(calls.count).toBe(1);
    for (const result of results) expect(result).toMatchObject({ refreshToken: "rt-hang", refreshFailures: 1 });
    now = results[0]?.refreshRetryAt ?? now;
    await withFetch({ token: results[0] as RefreshingJwt });
    expect(calls.count).toBe(2);
  });

  it("OIDC discovery fails with timeout at timeoutSeconds: the session keeps its tokens and retries", async () => {
    const { fetch, calls } = hangingFetch();
    const jwt = createRefreshingJwtCallback({
      provider: {
        wellKnown: "https://idp.test/.well-known/openid-configuration",
        clientId: "kit",
        clientSecret: "s",
      },
      grant: { timeoutSeconds: 0.2, fetch },
    });
    const now = Date.now();
    const token: RefreshingJwt = { sub: "u", accessToken: "at", accessTokenExpires: now + 1000, refreshToken: "rt-d" };
    const failed = await jwt({ token });
    expect(failed).toMatchObject({ refreshToken: "rt-d", refreshFailures: 1 });
    expect(calls.count).toBe(1);
  });
});
