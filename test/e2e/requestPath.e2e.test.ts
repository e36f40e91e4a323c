// The request-path refresh (proxy.ts with next-auth-refresh-kit/next) against a real authorization
// server and the example app built from the packed tarball: a user back after the access token
// expired, and a burst of requests carrying one overdue cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./browser.ts";
import { startWorld, type World } from "./harness.ts";
import { burst, returningUser, untilExpired } from "./requestPathSteps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit");
});
afterAll(async () => {
  await world?.stop();
});

describe.sequential("fresh on every request", () => {
  it("a returning user: every tab closed past the token's expiry, the first server render gets 200, never 'expired'", () =>
    returningUser(world, "dana"));

  it("the tab's session fetch and navigations at the same instant, one cookie: one refresh, 0 invalid_grant", async () => {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "gina");
    await page.close();
    await untilExpired(world, context);
    const refreshes = world.auth.stats.refreshes;
    const invalid = world.auth.stats.invalidGrants;
    // What a tab does at its refresh time (GET /api/auth/session), while the user navigates: the
    // proxy handles both, so one coordinator sees every request with this refresh token.
    // All with the same cookie, as requests already on their way carry it.
    const cookie = (await context.cookies(world.appUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
    const get = (path: string) => fetch(`${world.appUrl}${path}`, { headers: { cookie } }).then((r) => r.status);
    const answers = await Promise.all([
      get("/api/auth/session"),
      ...Array.from({ length: 4 }, () => get("/userinfo")),
      get("/api/auth/session"),
    ]);
    console.info(
      `session fetch + navigations: ${answers.join(",")}; ${world.auth.stats.refreshes - refreshes} refresh(es), ` +
        `${world.auth.stats.invalidGrants - invalid} invalid_grant`,
    );
    expect(answers).toEqual(Array(6).fill(200));
    expect(world.auth.stats.refreshes - refreshes).toBe(1);
    expect(world.auth.stats.invalidGrants - invalid).toBe(0);
    const session = (await (await context.request.get(`${world.appUrl}/api/auth/session`)).json()) as {
      error?: string;
    };
    expect(session.error).toBeUndefined();
    await context.close();
  });

  it("a burst: 10 concurrent navigations with one overdue cookie, one upstream refresh, every render saw a valid token", () =>
    burst(world, "erin"));
});

describe.sequential("fresh on every request, two instances on one Redis", () => {
  let pair: World;
  beforeAll(async () => {
    pair = await startWorld("kit", { instances: 2, redis: true });
  });
  afterAll(async () => {
    await pair?.stop();
  });
  it("the same burst through a round-robin proxy: one upstream refresh across both instances", () =>
    burst(pair, "frank"));
});

describe.sequential("fresh on every request, Next 14 (middleware.ts on the Edge runtime, React 18)", () => {
  let older: World;
  beforeAll(async () => {
    older = await startWorld("kit", { app: "next14" });
  });
  afterAll(async () => {
    await older?.stop();
  });
  it("a returning user: the first server render gets 200, never 'expired'", () => returningUser(older, "ivan"));
});

describe.sequential("fresh on every request, tokens of kilobytes", () => {
  let big: World;
  beforeAll(async () => {
    // Sign-in issues 3 KB tokens (access, refresh and ID, kept for sign-out: a session cookie of 4
    // chunks); refreshes issue 1.5 KB ones (fewer chunks), so the refresh must also delete the rest.
    big = await startWorld("kit", {
      authServer: { tokenBytes: (grant) => (grant === "authorization_code" ? 3072 : 1536) },
    });
  });
  afterAll(async () => {
    await big?.stop();
  });
  it("refreshed through the proxy, chunked, read back whole by the next request, no stale chunk", async () => {
    const context = await big.browser.newContext();
    const page = await context.newPage();
    await signIn(page, big.appUrl, big.auth.issuer, "hana");
    await page.close();
    const chunks = async () =>
      (await context.cookies(big.appUrl))
        .filter((cookie) => cookie.name.startsWith("next-auth.session-token"))
        .map((cookie) => `${cookie.name} (${cookie.value.length} B)`)
        .sort();
    const signedIn = await chunks();
    const names = (cookies: string[]) => cookies.map((chunk) => chunk.split(" ")[0]);
    const chunkNames = (count: number) => Array.from({ length: count }, (_, i) => `next-auth.session-token.${i}`);
    expect(names(signedIn)).toEqual(chunkNames(4));
    await untilExpired(big, context);
    const refreshes = big.auth.stats.refreshes;
    const invalid = big.auth.stats.invalidGrants;

    const back = await context.newPage();
    await back.goto(`${big.appUrl}/userinfo`);
    expect(await back.getByTestId("userinfo").getAttribute("data-status")).toBe("200");
    const refreshed = await chunks();
    // The next request reads the two new chunks back as one token: a fresh session, no refresh.
    await back.goto(`${big.appUrl}/userinfo`);
    expect(await back.getByTestId("userinfo").getAttribute("data-status")).toBe("200");
    const session = (await (await context.request.get(`${big.appUrl}/api/auth/session`)).json()) as {
      error?: string;
      accessTokenExpires?: number;
    };
    console.info(
      `big tokens: issued ${JSON.stringify(big.auth.stats.issuedTokenBytes)}; cookie at sign-in ${signedIn.join(", ")}; ` +
        `after the refresh ${refreshed.join(", ")}; ${big.auth.stats.refreshes - refreshes} refresh(es), ` +
        `${big.auth.stats.invalidGrants - invalid} invalid_grant`,
    );
    expect(big.auth.stats.issuedTokenBytes).toEqual({ access: 1536, refresh: 1536, id: expect.any(Number) });
    expect(big.auth.stats.issuedTokenBytes.id).toBeGreaterThanOrEqual(1536);
    // Fewer chunks, numbered from 0: the ones the refreshed token no longer fills were deleted.
    expect(refreshed.length).toBeLessThan(signedIn.length);
    expect(names(refreshed)).toEqual(chunkNames(refreshed.length));
    expect(await chunks()).toEqual(refreshed);
    expect(session.error).toBeUndefined();
    expect((session.accessTokenExpires ?? 0) * 1000).toBeGreaterThan(Date.now());
    expect(big.auth.stats.refreshes - refreshes).toBe(1);
    expect(big.auth.stats.invalidGrants - invalid).toBe(0);
    await context.close();
  });
});
