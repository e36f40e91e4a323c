// Transient stays transient (DESIGN §5): only a dead grant in OAuth terms signs anyone out.
import { describe, expect, it } from "vitest";
import {
  createRefreshingJwtCallback,
  createSessionCallback,
  RefreshError,
  type RefreshingJwt,
  refreshAccessToken,
} from "../../../src/server/index.ts";
import { startTokenServer } from "../../support/tokenServer.ts";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const server = tokenServerForFile({ lifetimeSeconds: 3600 });

const provider = () => ({ tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" });
const signedIn = (refreshToken: string, expiresAt: number): RefreshingJwt => ({
  sub: "u1",
  accessToken: "at-old",
  accessTokenExpires: expiresAt,
  refreshToken,
});

describe("a transient failure keeps the refresh token, before and after expiry", () => {
  it("after expiry: tokens kept, the session says RefreshAccessTokenRetrying, and recovers once the server is back", async () => {
    let now = NOW;
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => now });
    const session = createSessionCallback({ now: () => now });
    const rt = server.issue();
    server.respond({ status: 503, body: "maintenance" });
    const failing = await jwt({ token: signedIn(rt, NOW - 60_000) });
    expect(failing).toMatchObject({ refreshToken: rt, refreshFailures: 1, refreshRetryAt: NOW + 5000 });
    expect(failing.error).toBeUndefined();
    expect(session({ session: { expires: "x" }, token: failing })).toMatchObject({
      error: "RefreshAccessTokenRetrying",
      refetchInSeconds: 5,
    });
    // Within the backoff: no request, even though the access token has expired.
    now = NOW + 4999;
    expect(await jwt({ token: failing })).toBe(failing);
    expect(server.stats.calls).toBe(1);

    server.rotating();
    now = NOW + 5000;
    const recovered = await jwt({ token: failing });
    expect(recovered.error).toBeUndefined();
    expect(recovered.accessToken).not.toBe("at-old");
    expect(session({ session: { expires: "x" }, token: recovered }).error).toBeUndefined();
    expect(server.stats.invalidGrant).toBe(0);
  });

  it("requests still carrying the pre-failure cookie wait out the backoff too: no extra upstream calls", async () => {
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => NOW });
    server.respond({ status: 503, body: "down" });
    const before = signedIn(server.issue(), NOW - 1000);
    await jwt({ token: before });
    const late = await Promise.all(Array.from({ length: 5 }, () => jwt({ token: { ...before } })));
    expect(server.stats.calls).toBe(1);
    for (const token of late) expect(token.error).toBeUndefined();
  });

  it("honours Retry-After after expiry", async () => {
    server.respond({ status: 429, body: "", headers: { "retry-after": "120" } });
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => NOW });
    const next = await jwt({ token: signedIn("rt-1", NOW - 1000) });
    expect(next).toMatchObject({ refreshToken: "rt-1", refreshRetryAt: NOW + 120_000 });
  });

  it("a 30 s outage straddling expiry, with a client that follows the session: never signed out, 0 invalid_grant", async () => {
    // Every token lives 60 s, so the outage (40-70 s) spans a refresh (45 s) and an expiry (60 s).
    const short = await startTokenServer({ lifetimeSeconds: 60 });
    try {
      let now = NOW;
      const jwt = createRefreshingJwtCallback({
        provider: { ...provider(), tokenEndpoint: short.url },
        now: () => now,
      });
      const session = createSessionCallback({ now: () => now });
      let token = await jwt({
        token: { sub: "u1" },
        account: { access_token: "at-0", expires_in: 60, refresh_token: short.issue() },
      });
      const downFrom = NOW + 40_000;
      const downUntil = downFrom + 30_000;
      const states: string[] = [];
      let backAt: number | null = null;
      while (now < NOW + 180_000) {
        if (now >= downFrom && now < downUntil) short.respond({ hangUp: true });
        else short.rotating();
        token = await jwt({ token });
        const out = session({ session: { expires: "x" }, token });
        states.push(out.error ?? "ok");
        if (now >= downUntil && backAt === null && out.error === undefined) backAt = now;
        now += Math.max(1, out.refetchInSeconds ?? 1) * 1000;
      }
      expect(states).not.toContain("RefreshAccessTokenError");
      expect(states).toContain("RefreshAccessTokenRetrying");
      expect(short.stats.invalidGrant).toBe(0);
      // Back within one backoff step (5, 10, 20 s...) of the server's return.
      expect(backAt).not.toBeNull();
      expect((backAt ?? 0) - downUntil).toBeLessThanOrEqual(20_000);
    } finally {
      await short.close();
    }
  });
});

describe("classification (README: which failures sign out)", () => {
  const attempt = () => refreshAccessToken({ ...provider(), refreshToken: "rt-1" }, NOW).catch((e: RefreshError) => e);

  it("400 temporarily_unavailable is transient", async () => {
    server.respond({ status: 400, body: { error: "temporarily_unavailable" } });
    expect(await attempt()).toMatchObject({ code: "temporarily_unavailable", transient: true, status: 400 });
  });

  it("a 403 HTML page (a WAF, a proxy) is transient", async () => {
    server.respond({ status: 403, body: "<html>Request blocked</html>" });
    expect(await attempt()).toMatchObject({ code: "http_error", transient: true, status: 403 });
  });

  it("a 200 with an OAuth error body is that OAuth error: invalid_grant is terminal", async () => {
    server.respond({ status: 200, body: { error: "invalid_grant", error_description: "expired" } });
    const error = await attempt();
    expect(error).toBeInstanceOf(RefreshError);
    expect(error).toMatchObject({ code: "invalid_grant", transient: false, status: 200 });
  });

  it("only invalid_grant, invalid_client and unauthorized_client are terminal", async () => {
    const verdicts: Record<string, boolean> = {};
    for (const code of [
      "invalid_grant",
      "invalid_client",
      "unauthorized_client",
      "invalid_request",
      "invalid_scope",
      "server_error",
      "custom_code",
    ]) {
      server.respond({ status: 400, body: { error: code } });
      verdicts[code] = ((await attempt()) as RefreshError).transient;
    }
    expect(verdicts).toEqual({
      invalid_grant: false,
      invalid_client: false,
      unauthorized_client: false,
      invalid_request: true,
      invalid_scope: true,
      server_error: true,
      custom_code: true,
    });
  });
});
