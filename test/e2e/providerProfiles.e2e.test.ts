// Two providers' refresh behaviour end to end: oidc-provider answering as Keycloak does (a refresh
// token on every sign-in, `refresh_expires_in` counting down to the SSO session's fixed end, and
// "Session not active" past it) and as Auth0 does (a dead refresh token is HTTP 403), with the
// example app in Chromium. The unit suite runs all seven profiles; these two are the ones whose
// difference the browser sees.
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState, signIn } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { LIFETIME_MS, worldSteps } from "./steps.ts";

const allIn = async (tabs: Page[], state: string) =>
  (await Promise.all(tabs.map(badgeState))).every((s) => s === state);

describe.sequential("as Keycloak: the SSO session's end", () => {
  const SSO_MAX_SECONDS = 70;
  let world: World;
  beforeAll(async () => {
    world = await startWorld("kit", {
      authServer: { profile: { name: "keycloak", ssoSessionMaxSeconds: SSO_MAX_SECONDS } },
    });
  });
  afterAll(async () => {
    await world?.stop();
  });
  const { newUserContext } = worldSteps(() => world);

  it("3 tabs say ending and count down to the end refresh_expires_in gives, end together at it, and nothing refreshes after it", async () => {
    const context = await newUserContext();
    const first = await context.newPage();
    const signedIn = Date.now();
    await signIn(first, world.appUrl, world.auth.issuer, "kc-ada");
    const end = signedIn + SSO_MAX_SECONDS * 1000;
    const tabs = [first];
    while (tabs.length < 3) {
      const tab = await context.newPage();
      await tab.goto(world.appUrl);
      tabs.push(tab);
    }
    // Within the ending window (300 s) from the sign-in on: the badge says so, with a countdown.
    await until(() => allIn(tabs, "ending"), 10_000, "every tab says ending");
    const text = (await first.locator(".narkit-badge").textContent()) ?? "";
    expect(text).toContain("Session ending");
    const refreshesBefore = world.auth.stats.refreshes;
    await until(() => allIn(tabs, "error"), SSO_MAX_SECONDS * 1000 + 10_000, "every tab ended");
    const endedAt = Date.now();
    console.info(
      `Keycloak profile: ${world.auth.stats.refreshes - refreshesBefore} refreshes while ending, ` +
        `ended ${((endedAt - end) / 1000).toFixed(1)} s after the stated end, ` +
        `${world.auth.stats.refreshesAfterEnd} refreshes after it, ${world.auth.stats.invalidGrants} invalid_grant`,
    );
    // Refreshed while the session lasted (20 s tokens), ended at the stated end, not a lifetime later.
    expect(world.auth.stats.refreshes - refreshesBefore).toBeGreaterThanOrEqual(2);
    expect(endedAt).toBeGreaterThanOrEqual(end - 1000);
    expect(endedAt - end).toBeLessThan(5000);
    expect(await first.getByRole("button", { name: "Sign in again" }).count()).toBe(1);
    // The kit knew the end: it never asked for a refresh past it.
    await new Promise((resolve) => setTimeout(resolve, LIFETIME_MS / 2));
    expect(world.auth.stats.refreshesAfterEnd).toBe(0);
    expect(world.auth.stats.invalidGrants).toBe(0);
    await context.close();
  });
});

describe.sequential("as Auth0: a dead refresh token is a 403", () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld("kit", { authServer: { profile: { name: "auth0" } } });
  });
  afterAll(async () => {
    await world?.stop();
  });
  const { newUserContext, signedInTabs } = worldSteps(() => world);

  it("a revoked grant: its 403 ends the session at the next refresh in all 3 tabs, with one upstream call and no retry", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "a0-bea", 3);
    const invalidBefore = world.auth.stats.invalidGrants;
    await world.auth.revokeAccount("a0-bea");
    const revoked = Date.now();
    await until(() => allIn(tabs, "error"), LIFETIME_MS + 10_000, "every tab ended");
    // Past the terminal outcome's memory (5 s): a retry would show here.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const { forbidden } = world.auth.stats;
    const invalidGrants = world.auth.stats.invalidGrants - invalidBefore;
    console.info(
      `Auth0 profile: ended in 3 tabs ${((Date.now() - revoked - 6000) / 1000).toFixed(1)} s or less after the revocation, ` +
        `${forbidden} 403 answers, ${invalidGrants} invalid_grant`,
    );
    expect(forbidden).toBe(1);
    expect(invalidGrants).toBe(1);
    for (const tab of tabs) expect(await badgeState(tab)).toBe("error");
    await context.close();
  });
});
