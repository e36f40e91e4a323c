// The kit on next-auth v5 (Auth.js): the example app with v5's wiring (`npm run test:example:v5`),
// against the real authorization server, in Chromium. The request path (a returning user, a
// burst), 3 tabs sharing one session client, a sign-out in one tab, and every refresh token used
// once: the double refresh of v5's own middleware refresh does not happen. Then the kit's handler
// under v5's own SessionProvider.
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState, countSessionRequests } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { burst, returningUser } from "./requestPathSteps.ts";
import { BAD_STATES, LIFETIME_MS, worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit", { app: "v5" });
});
afterAll(async () => {
  await world?.stop();
});

const { newUserContext, protectedStatus, signedInTabs, statesAfterSignIn } = worldSteps(() => world);
const allIn = async (tabs: Page[], state: string) =>
  (await Promise.all(tabs.map(badgeState))).every((s) => s === state);

describe.sequential("next-auth v5", () => {
  it("a returning user: the first server render gets 200, never 'expired'", () => returningUser(world, "v5-dana"));

  it("a prefetch burst: 10 concurrent navigations with one overdue cookie, one upstream refresh", () =>
    burst(world, "v5-erin"));

  it("3 tabs for 2 lifetimes: 1 session request per refresh, all signed in, the token works at the server", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "v5-bob", 3);
    const counters = tabs.map(countSessionRequests);
    const before = { ...(world.auth.stats.byAccount["v5-bob"] ?? { refreshes: 0, invalidGrants: 0 }) };
    await new Promise((resolve) => setTimeout(resolve, 2 * LIFETIME_MS));
    const after = world.auth.stats.byAccount["v5-bob"] ?? { refreshes: 0, invalidGrants: 0 };
    const requests = counters.reduce((sum, c) => sum + c.count, 0);
    const refreshes = after.refreshes - before.refreshes;
    console.info(
      `v5, 3 tabs, 2 lifetimes: ${requests} session requests, ${refreshes} refreshes ` +
        `(${(requests / refreshes).toFixed(2)} per refresh), ${after.invalidGrants - before.invalidGrants} invalid_grant`,
    );
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(requests).toBe(refreshes);
    expect(after.invalidGrants - before.invalidGrants).toBe(0);
    for (const tab of tabs) {
      expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
      expect(await badgeState(tab)).toBe("active");
    }
    expect(await protectedStatus(tabs[0] as Page)).toBe(200);
    await context.close();
  });

  it("signing out in one tab signs the other tabs out within 1 s", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "v5-frank", 3);
    const [first, second, third] = tabs as [Page, Page, Page];
    const clicked = Date.now();
    await second.getByRole("button", { name: "Sign out" }).click();
    await until(() => allIn([first, third], "unauthenticated"), 1000, "the other tabs signed out within 1 s");
    console.info(`v5: signed out in the other 2 tabs ${Date.now() - clicked} ms after the click`);
    await context.close();
  });

  it("throughout: every refresh token was presented once (1 upstream refresh per rotation), 0 invalid_grant", () => {
    const { refreshRequests, refreshTokensPresented, refreshes, invalidGrants } = world.auth.stats;
    console.info(
      `v5 throughout: ${refreshRequests} refresh requests for ${refreshTokensPresented} refresh tokens ` +
        `(${(refreshRequests / refreshTokensPresented).toFixed(2)} per rotation), ${refreshes} refreshed, ${invalidGrants} invalid_grant`,
    );
    expect(refreshTokensPresented).toBeGreaterThanOrEqual(4); // the returning user, the burst, the 3 tabs
    expect(refreshRequests).toBe(refreshTokensPresented);
    expect(invalidGrants).toBe(0);
  });
});

describe.sequential("next-auth v5, the kit's handler under v5's SessionProvider", () => {
  let handler: World;
  beforeAll(async () => {
    handler = await startWorld("handler", { app: "v5" });
  });
  afterAll(async () => {
    await handler?.stop();
  });
  const steps = worldSteps(() => handler);

  it("2 tabs for 2 lifetimes: refreshed before expiry, never signed out, 0 invalid_grant", async () => {
    const context = await steps.newUserContext();
    const tabs = await steps.signedInTabs(context, "v5-handler", 2);
    await new Promise((resolve) => setTimeout(resolve, 2 * LIFETIME_MS));
    const { refreshes = 0, invalidGrants = 0 } = handler.auth.stats.byAccount["v5-handler"] ?? {};
    console.info(`v5 handler mode, 2 tabs, 2 lifetimes: ${refreshes} refreshes, ${invalidGrants} invalid_grant`);
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(invalidGrants).toBe(0);
    for (const tab of tabs) {
      expect(await steps.statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
      expect(await badgeState(tab)).toBe("active");
    }
    expect(await steps.protectedStatus(tabs[0] as Page)).toBe(200);
    await context.close();
  });
});
