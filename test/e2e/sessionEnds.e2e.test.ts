// How a session ends, in a real browser against the example app (built from the packed tarball)
// and the real authorization server (oidc-provider with revocation and RP-Initiated Logout):
// a sign-out that reaches the server, and one while its revocation endpoint is down.
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit");
});
afterAll(async () => {
  await world?.stop();
});

const { newUserContext, signedInTabs } = worldSteps(() => world);
const allIn = async (tabs: Page[], state: string) =>
  (await Promise.all(tabs.map(badgeState))).every((s) => s === state);

describe.sequential("how a session ends", () => {
  it("signing out revokes the refresh token, ends the server's session (its login asked again) and signs 3 other tabs out within 1 s", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "hana", 4);
    const [first, ...others] = tabs as [Page, ...Page[]];
    const refreshToken = world.auth.stats.refreshTokenOf.hana as string;
    expect(refreshToken).toBeTruthy();

    // What the browser is given holds no token: the session JSON and the page.
    const shown = JSON.stringify(await (await first.request.get(`${world.appUrl}/api/auth/session`)).json());
    const page = await first.content();
    const leaked = [...world.auth.stats.issuedTokens].filter((token) => shown.includes(token) || page.includes(token));
    expect(leaked).toEqual([]);

    const revocations = world.auth.stats.revocations;
    const clicked = Date.now();
    await first.getByRole("button", { name: "Sign out" }).click();
    await until(() => allIn(others, "unauthenticated"), 1000, "the other 3 tabs signed out within 1 s");
    console.info(`signed out in the other 3 tabs ${Date.now() - clicked} ms after the click`);

    // The signing-out tab is at the server's end-session page, which asks before it ends its session.
    await first.waitForURL(`${world.auth.issuer}/session/end**`);
    await first.getByRole("button", { name: "Yes, sign me out" }).click();
    await first.waitForURL(`${world.appUrl}/**`);
    expect(world.auth.stats.revocations).toBe(revocations + 1);
    expect(await world.auth.refreshWith(refreshToken)).toEqual({ status: 400, error: "invalid_grant" });

    // The server's session is gone: signing in again asks for the credentials.
    await first.getByRole("button", { name: "Sign in", exact: true }).click();
    await first.waitForURL(`${world.auth.issuer}/**`);
    await first.locator("input[name=login]").waitFor({ timeout: 10_000 });
    await context.close();
  });

  it("with the revocation endpoint down, signing out still signs every tab out within 1 s; the server keeps the refresh token", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "ivan", 2);
    const [first, second] = tabs as [Page, Page];
    const refreshToken = world.auth.stats.refreshTokenOf.ivan as string;
    world.auth.revocation.down = true;
    try {
      const revocations = world.auth.stats.revocations;
      const clicked = Date.now();
      await first.getByRole("button", { name: "Sign out" }).click();
      await until(() => allIn([second], "unauthenticated"), 1000, "the other tab signed out within 1 s");
      console.info(`revocation down: the other tab signed out ${Date.now() - clicked} ms after the click`);
      await first.waitForURL(`${world.auth.issuer}/session/end**`);
      expect(world.auth.stats.revocations).toBe(revocations + 1);
      // The server was not told: the refresh token it issued still works there until it expires.
      expect((await world.auth.refreshWith(refreshToken)).status).toBe(200);
    } finally {
      world.auth.revocation.down = false;
    }
    await context.close();
  });
});
