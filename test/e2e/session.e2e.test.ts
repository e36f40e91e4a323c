// The kit against a real authorization server (oidc-provider: 20 s access tokens, rotating refresh
// tokens with reuse detection) and the example app built from the packed tarball, in Chromium.
// Waits are for conditions (refresh counts at the server, badge states), never fixed sleeps.
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeStyle, luminance } from "../support/badgeStyle.ts";
import { badgeState, countSessionRequests, secondsLeft, signIn } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { BAD_STATES, LIFETIME_MS, worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit");
});
afterAll(async () => {
  await world?.stop();
});

const { newUserContext, protectedStatus, holdSessionFetches, untilRefreshTime, signedInTabs, statesAfterSignIn } =
  worldSteps(() => world);

describe.sequential("signed in across refreshes", () => {
  it("one tab sits through 3+ access-token lifetimes and a reload: never signed out, refreshed at the server, token works", async () => {
    const context = await newUserContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "alice");
    await page.locator('.narkit-badge[data-state="active"]').waitFor();
    // A production build mounts the devtools and renders nothing of them (they are not forced here).
    expect(await page.locator(".narkit-devtools-toggle, .narkit-devtools").count()).toBe(0);
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

    // A reload at the refresh time, with the browser's own session fetches held back: the proxy
    // refreshes on the reload's own request, once, before the page renders with the new token;
    // the Server Component's getServerSession itself never refreshes (it could not save the cookie).
    const hold = await holdSessionFetches(context);
    await untilRefreshTime(context);
    const beforeReload = world.auth.stats.refreshes;
    await page.reload();
    await page.locator(".narkit-badge[data-state]").waitFor();
    expect(await badgeState(page)).not.toBe("loading"); // rendered signed in by the server
    expect(world.auth.stats.refreshes - beforeReload).toBe(1);
    await hold.release();
    await page.locator('.narkit-badge[data-state="active"]').waitFor();
    expect(world.auth.stats.invalidGrants).toBe(0);
    expect(await protectedStatus(page)).toBe(200);
    await context.close();
  });

  it("three tabs for 3+ lifetimes plus a burst inside the refresh window: 0 invalid_grant, all signed in", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "bob", 3);
    const refreshesBefore = world.auth.stats.refreshes;
    const invalidBefore = world.auth.stats.invalidGrants;
    await until(() => world.auth.stats.refreshes >= refreshesBefore + 3, 4 * LIFETIME_MS, "3 refreshes with 3 tabs");

    // Burst: with the tabs' own fetches held at the refresh time, the session is fetched 3 times at
    // once with the same cookie: one upstream refresh.
    const hold = await holdSessionFetches(context);
    await untilRefreshTime(context);
    const beforeBurst = world.auth.stats.refreshes;
    const statuses = await Promise.all(
      tabs.map(() => context.request.get(`${world.appUrl}/api/auth/session`).then((r) => r.status())),
    );
    expect(statuses).toEqual([200, 200, 200]);
    expect(world.auth.stats.refreshes - beforeBurst).toBe(1);
    await hold.release();

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

  it("the authorization server unreachable for 30 s straddling expiry, 3 tabs: never signed out, back within one backoff step", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "dave", 3);
    const first = tabs[0] as Page;
    // Right after a refresh the token has 20 s; stop the server 10 s before expiry, so the outage
    // spans the refresh time (5 s before expiry) and the expiry itself.
    const refreshes = world.auth.stats.refreshes;
    await until(() => world.auth.stats.refreshes > refreshes, LIFETIME_MS, "a refresh");
    await until(async () => ((await secondsLeft(first)) ?? 99) <= 10, LIFETIME_MS, "10 s before expiry");
    await world.auth.stop();
    const downAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    // During the outage the session is kept and shown as expiring (retrying), never as over.
    for (const tab of tabs) expect(await badgeState(tab)).toBe("expiring");
    await world.auth.start();
    const upAt = Date.now();
    // Retries come at 5, 10, 20 s after the first failure: the one in force when the server returns
    // is at most 20 s away (+ one poll's round trip).
    for (const tab of tabs) await tab.locator('.narkit-badge[data-state="active"]').waitFor({ timeout: 25_000 });
    const backAfterMs = Date.now() - upAt;
    console.log(
      `e2e: server down ${Math.round((upAt - downAt) / 1000)} s; all 3 tabs active ${backAfterMs} ms after it returned`,
    );
    for (const tab of tabs) {
      expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
      expect(await protectedStatus(tab)).toBe(200);
    }
    expect(world.auth.stats.byAccount.dave?.invalidGrants ?? 0).toBe(0);
    await context.close();
  });

  it("route handlers and Server Actions at the refresh time: the proxy refreshes once, they never refresh themselves", async () => {
    const context = await newUserContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "erin");
    const hold = await holdSessionFetches(context);
    await untilRefreshTime(context);
    const before = world.auth.stats.refreshes;
    // The README's advice: getServerSession(serverComponentAuthOptions) in both. The route
    // handler's request passes the proxy, which refreshes and saves the cookie: once.
    const profile = await context.request.get(`${world.appUrl}/api/profile`);
    expect(profile.status()).toBe(200);
    expect(await profile.json()).toEqual({ name: "erin", error: null });
    expect(world.auth.stats.refreshes).toBe(before + 1);
    // The Server Action's request carries the refreshed cookie: nothing is due, nothing refreshes.
    await page.getByRole("button", { name: "Who am I (Server Action)" }).click();
    await expect.poll(() => page.getByTestId("action-result").textContent()).toBe("erin");
    expect(world.auth.stats.refreshes).toBe(before + 1);
    // The browser's held fetch gets the refreshed session, and the session goes on.
    await hold.release();
    await until(() => world.auth.stats.refreshes > before + 1, 2 * LIFETIME_MS, "the refresh after that");
    expect(world.auth.stats.byAccount.erin?.invalidGrants ?? 0).toBe(0);
    expect((await context.request.get(`${world.appUrl}/api/profile`)).status()).toBe(200);
    await page.locator('.narkit-badge[data-state="active"]').waitFor();
    await context.close();
  });

  it("the badge is styled in light and dark mode in the app as Next 16 builds it (Turbopack, Lightning CSS)", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const context = await world.browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(world.appUrl);
      const badge = page.locator(".narkit-badge");
      await badge.waitFor();
      const style = await badgeStyle(badge);
      await badge.screenshot({ path: `test/e2e/__output__/badge-${colorScheme}.png` });
      const light = luminance(style.background);
      // A pill with its own background and a visible icon, light on a light page, dark on a dark one.
      expect(style.background, `${colorScheme}: ${JSON.stringify(style)}`).not.toBe("rgba(0, 0, 0, 0)");
      expect(style.icon, `${colorScheme}: ${JSON.stringify(style)}`).not.toBe("rgba(0, 0, 0, 0)");
      if (colorScheme === "light") expect(light).toBeGreaterThan(0.7);
      else expect(light).toBeLessThan(0.3);
      expect(Math.abs(luminance(style.color) - light)).toBeGreaterThan(0.5);
      await context.close();
    }
  });
});
