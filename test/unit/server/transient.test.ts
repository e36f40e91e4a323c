// Which failures end a session (docs/how-it-works.md#which-failures-sign-out): a dead grant at
// once, a refused refresh at expiry, a transient fault only after a bounded time past expiry.
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
    expect(error).toMatchObject({ code: "invalid_grant", terminal: true, transient: false, status: 200 });
  });

  it("the table: terminal (ends now), refused (ends at expiry) or transient (retried)", async () => {
    const answers: Array<[string, { status: number; body: unknown }]> = [
      ["400 invalid_grant", { status: 400, body: { error: "invalid_grant" } }],
      ["200 GitHub bad_refresh_token", { status: 200, body: { error: "bad_refresh_token" } }],
      [
        "400 Entra AADSTS50076 (MFA)",
        {
          status: 400,
          body: { error: "invalid_grant", error_description: "AADSTS50076: Due to a configuration change" },
        },
      ],
      [
        "400 Entra AADSTS700082 (expired)",
        {
          status: 400,
          body: { error: "invalid_grant", error_description: "AADSTS700082: The refresh token has expired" },
        },
      ],
      ["400 OIDC login_required", { status: 400, body: { error: "login_required" } }],
      ["400 invalid_request", { status: 400, body: { error: "invalid_request" } }],
      ["401 invalid_client", { status: 401, body: { error: "invalid_client" } }],
      ["400 unauthorized_client", { status: 400, body: { error: "unauthorized_client" } }],
      ["400 unsupported_grant_type", { status: 400, body: { error: "unsupported_grant_type" } }],
      ["400 invalid_scope", { status: 400, body: { error: "invalid_scope" } }],
      ["400 an unknown code", { status: 400, body: { error: "custom_code" } }],
      ["200 GitHub incorrect_client_credentials", { status: 200, body: { error: "incorrect_client_credentials" } }],
      ["400 temporarily_unavailable", { status: 400, body: { error: "temporarily_unavailable" } }],
      ["500 server_error", { status: 500, body: { error: "server_error" } }],
      ["401 without a body", { status: 401, body: "" }],
      ["403 a WAF's page", { status: 403, body: "<html>blocked</html>" }],
      ["408", { status: 408, body: "" }],
      ["429", { status: 429, body: "" }],
      ["503", { status: 503, body: "down" }],
    ];
    const verdicts: Record<string, string> = {};
    for (const [name, answer] of answers) {
      server.respond(answer);
      const error = (await attempt()) as RefreshError;
      verdicts[name] = `${error.code}: ${error.terminal ? "terminal" : error.transient ? "transient" : "refused"}`;
    }
    expect(verdicts).toEqual({
      "400 invalid_grant": "invalid_grant: terminal",
      "200 GitHub bad_refresh_token": "invalid_grant: terminal",
      "400 Entra AADSTS50076 (MFA)": "interaction_required: terminal",
      "400 Entra AADSTS700082 (expired)": "invalid_grant: terminal",
      "400 OIDC login_required": "interaction_required: terminal",
      "400 invalid_request": "invalid_request: refused",
      "401 invalid_client": "invalid_client: refused",
      "400 unauthorized_client": "unauthorized_client: refused",
      "400 unsupported_grant_type": "unsupported_grant_type: refused",
      "400 invalid_scope": "invalid_scope: refused",
      "400 an unknown code": "oauth_error: refused",
      "200 GitHub incorrect_client_credentials": "oauth_error: refused",
      "400 temporarily_unavailable": "temporarily_unavailable: transient",
      "500 server_error": "http_5xx: transient",
      "401 without a body": "http_error: transient",
      "403 a WAF's page": "http_error: transient",
      "408": "timeout: transient",
      "429": "rate_limited: transient",
      "503": "http_5xx: transient",
    });
  });
});

describe("what the jwt callback does with each kind (README: which failures sign out)", () => {
  const session = createSessionCallback({ now: () => NOW });

  it("a dead grant in a 200 body (GitHub) ends the session at once, before expiry", async () => {
    server.respond({ status: 200, body: { error: "bad_refresh_token" } });
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => NOW });
    const next = await jwt({ token: { ...signedIn("rt-1", NOW + 60_000), refreshAt: NOW - 1 } });
    expect(next.error).toBe("RefreshAccessTokenError");
    expect(next.refreshToken).toBeUndefined();
  });

  it("a refused refresh keeps the session while the access token works, and ends it at the first refusal after expiry", async () => {
    let now = NOW;
    server.respond({ status: 400, body: { error: "invalid_request" } });
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => now });
    const before = await jwt({ token: { ...signedIn("rt-1", NOW + 60_000), refreshAt: NOW - 1 } });
    expect(before).toMatchObject({ refreshToken: "rt-1", refreshFailures: 1, refreshRetryAt: NOW + 5000 });
    expect(session({ session: { expires: "x" }, token: before }).error).toBe("RefreshAccessTokenRetrying");
    now = NOW + 60_000; // expired
    const after = await jwt({ token: before });
    expect(after.error).toBe("RefreshAccessTokenError");
  });

  it("a transient fault past expiry is retried for retryAfterExpirySeconds from the first failure after expiry, then ends", async () => {
    let now = NOW;
    server.respond({ status: 401, body: "" });
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => now, retryAfterExpirySeconds: 600 });
    let token: RefreshingJwt = signedIn("rt-1", NOW - 1000);
    const states: string[] = [];
    while (now <= NOW + 700_000 && !token.error) {
      token = await jwt({ token });
      states.push(token.error ?? `retry since ${((token.refreshFailingSince ?? 0) - NOW) / 1000}`);
      now = Math.max(now + 1000, token.refreshRetryAt ?? 0);
    }
    expect(new Set(states.slice(0, -1))).toEqual(new Set(["retry since 0"]));
    expect(states.at(-1)).toBe("RefreshAccessTokenError");
    // Ended at the first attempt at or after 600 s.
    expect(now - NOW).toBeGreaterThanOrEqual(600_000);
    expect(now - NOW).toBeLessThan(600_000 + 61_000 + 1000);
  });

  it("a success clears the count of failures past expiry", async () => {
    server.rotating();
    const jwt = createRefreshingJwtCallback({ provider: provider(), now: () => NOW });
    const token = { ...signedIn(server.issue(), NOW - 1000), refreshFailures: 3, refreshFailingSince: NOW - 50_000 };
    const next = await jwt({ token });
    expect(next.refreshFailingSince).toBeUndefined();
    expect(next.refreshFailures).toBeUndefined();
  });
});
