// The kit against a real authorization server (oidc-provider: 20 s access tokens, rotating refresh
// tokens with reuse detection) and the example app built from the packed tarball, in Chromium.
// Waits are for conditions (refresh counts at the server, badge states), never fixed sleeps.
import type { BrowserContext, Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState, badgeStates, countSessionRequests, recordBadge, secondsLeft, signIn } from "./browser.ts";
import { startWorld, TIMING, until, type World } from "./harness.ts";

const LIFETIME_MS = TIMING.accessTokenSeconds * 1000;
const BAD_STATES = ["error", "expired", "unauthenticated"];

let world: World;
beforeAll(async () => {
  world = await startWorld("kit");
});
afterAll(async () => {
  await world?.stop();
});

async function newUserContext(): Promise<BrowserContext> {
  const context = await world.browser.newContext();
  await recordBadge(context);
  return context;
}

/** The protected route, with the page's cookies: 200 means the access token works at the server. */
const protectedStatus = (page: Page) => page.request.get(`${world.appUrl}/api/me`).then((r) => r.status());

/** Waits until the page's token is inside the server's refresh window but before the client's poll. */
function untilInsideRefreshWindow(page: Page) {
  const inside = async () => {
    const left = await secondsLeft(page);
    return left !== null && left < TIMING.refreshWindowSeconds && left > TIMING.leadSeconds + 1;
  };
  return until(inside, LIFETIME_MS, "the token inside the refresh window, before the poll");
}

/** Badge states since sign-in (the states before it, signed out, are expected). */
async function statesAfterSignIn(page: Page) {
  const states = await badgeStates(page);
  return states.slice(states.lastIndexOf("active") === -1 ? 0 : states.indexOf("active"));
}

describe.sequential("signed in across refreshes", () => {
  it("one tab sits through 3+ access-token lifetimes and a reload: never signed out, refreshed at the server, token works", async () => {
    const context = await newUserContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "alice");
    await page.locator('.narkit-badge[data-state="active"]').waitFor();
    const requests = countSessionRequests(page);
    const refreshesBefore = world.auth.stats.refreshes;

    // Three refreshes at the server means three lifetimes of the first token's schedule.
    await until(() => world.auth.stats.refreshes >= refreshesBefore + 3, 4 * LIFETIME_MS, "3 refreshes");
    expect(await statesAfterSignIn(page)).not.toEqual(expect.arrayContaining(BAD_STATES));
    expect(await badgeState(page)).toBe("active");
    expect(await protectedStatus(page)).toBe(200);
    expect(world.auth.stats.invalidGrants).toBe(0);
    // About one poll per lifetime (plus focus refetches): far from a request storm.
    expect(requests.count).toBeLessThanOrEqual(3 * 3);

    // A reload inside the refresh window: the Server Component's getServerSession must not refresh
    // (it could not save the rotated cookie); the client's poll refreshes and the session lives on.
    await untilInsideRefreshWindow(page);
    const beforeReload = world.auth.stats.refreshes;
    await page.reload();
    await page.locator(".narkit-badge[data-state]").waitFor();
    expect(await badgeState(page)).not.toBe("loading"); // rendered signed in by the server
    expect(world.auth.stats.refreshes).toBe(beforeReload);
    await until(() => world.auth.stats.refreshes > beforeReload, LIFETIME_MS, "the client's refresh after the reload");
    await page.locator('.narkit-badge[data-state="active"]').waitFor();
    expect(world.auth.stats.invalidGrants).toBe(0);
    expect(await protectedStatus(page)).toBe(200);
    await context.close();
  });

  it("three tabs for 3+ lifetimes plus a burst inside the refresh window: 0 invalid_grant, all signed in", async () => {
    const context = await newUserContext();
    const tabs = [await context.newPage()];
    await signIn(tabs[0] as Page, world.appUrl, world.auth.issuer, "bob");
    for (let i = 1; i < 3; i += 1) {
      const tab = await context.newPage();
      await tab.goto(world.appUrl);
      await tab.locator('.narkit-badge[data-state="active"]').waitFor();
      tabs.push(tab);
    }
    const refreshesBefore = world.auth.stats.refreshes;
    const invalidBefore = world.auth.stats.invalidGrants;
    await until(() => world.auth.stats.refreshes >= refreshesBefore + 3, 4 * LIFETIME_MS, "3 refreshes with 3 tabs");

    // Burst: every tab fetches the session at the same instant, just inside the refresh window.
    const first = tabs[0] as Page;
    await untilInsideRefreshWindow(first);
    const beforeBurst = world.auth.stats.refreshes;
    const statuses = await Promise.all(
      tabs.map((tab) => tab.evaluate(() => fetch("/api/auth/session").then((r) => r.status))),
    );
    expect(statuses).toEqual([200, 200, 200]);
    expect(world.auth.stats.refreshes - beforeBurst).toBe(1);

    expect(world.auth.stats.invalidGrants - invalidBefore).toBe(0);
    for (const tab of tabs) {
      expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
      expect(await protectedStatus(tab)).toBe(200);
    }
    await context.close();
  });

  it("a revoked grant: the badge reaches error within one refetch, and Sign in again leads to the login page", async () => {
    const context = await newUserContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "carol");
    await world.auth.revokeAccount("carol");
    await page.locator('.narkit-badge[data-state="error"]').waitFor({ timeout: LIFETIME_MS + 5000 });
    await page.getByRole("button", { name: "Sign in again" }).click();
    // The authorization server's interaction: its login form, or its consent form while it still
    // remembers the user's login there.
    await page.waitForURL(`${world.auth.issuer}/interaction/**`);
    await page.locator("input[name=login], button:text('Continue')").first().waitFor();
    await context.close();
  });

  it("the authorization server down for a while: no sign-out while the token is valid, recovery after", async () => {
    const context = await newUserContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "dave");
    const requests = countSessionRequests(page);
    // Right after a refresh the token has a whole lifetime; take the server down then.
    const refreshes = world.auth.stats.refreshes;
    await until(() => world.auth.stats.refreshes > refreshes, LIFETIME_MS, "a refresh");
    await world.auth.stop();
    // The next poll tries to refresh and fails (connection refused): the session keeps its token.
    const polls = requests.count;
    await until(() => requests.count > polls, LIFETIME_MS, "a poll while the server is down");
    expect(BAD_STATES).not.toContain(await badgeState(page));
    await world.auth.start();
    await until(() => world.auth.stats.refreshes > refreshes + 1, LIFETIME_MS, "a refresh after the server is back");
    await page.locator('.narkit-badge[data-state="active"]').waitFor();
    expect(await statesAfterSignIn(page)).not.toEqual(expect.arrayContaining(BAD_STATES));
    expect(await protectedStatus(page)).toBe(200);
    await context.close();
  });
});
