// Two instances of the example app (`next start` x 2) behind a round-robin proxy (a load balancer
// without sticky sessions), sharing one real redis-server through the kit's Redis store, against
// the rotating, reuse-detecting authorization server.
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState, secondsLeft } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { BAD_STATES, LIFETIME_MS, worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit", { instances: 2, redis: true });
});
afterAll(async () => {
  await world?.stop();
});

const { newUserContext, holdSessionFetches, untilRefreshTime, signedInTabs, statesAfterSignIn, protectedStatus } =
  worldSteps(() => world);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const account = (user: string) => world.auth.stats.byAccount[user] ?? { refreshes: 0, invalidGrants: 0 };

describe.sequential("several instances on one Redis", () => {
  it("back-channel logout: the server ends one user's session; each instance serves it signed out, every tab of that user at its next poll, another user untouched", async () => {
    const jo = await newUserContext();
    const joTabs = await signedInTabs(jo, "jo", 2);
    const [reloaded, polling] = joTabs as [Page, Page];
    const kim = await newUserContext();
    const [kimTab] = (await signedInTabs(kim, "kim", 1)) as [Page];

    await world.auth.endSession("jo");
    // An instance trusts a "not ended" answer for sessionEndTrustSeconds (1 s): past it, none serves the session.
    await sleep(1100);
    const served = [...(world.proxy?.served ?? [])];
    for (let i = 0; i < 2; i += 1) expect(await protectedStatus(reloaded)).toBe(401);
    await reloaded.reload();
    await reloaded.locator('.narkit-badge[data-state="error"]').waitFor({ timeout: 5000 });
    // Round robin: both instances answered jo's requests since the logout.
    expect(world.proxy?.served.every((n, i) => n > (served[i] ?? 0))).toBe(true);
    // The tab left alone signs out at its next poll (the refresh time, within one lifetime).
    const accepted = Date.now();
    await until(async () => (await badgeState(polling)) === "error", LIFETIME_MS, "jo's other tab signed out");
    console.info(`back-channel logout: the polling tab signed out ${Date.now() - accepted} ms after the check`);

    expect(await badgeState(kimTab)).toBe("active");
    expect(await protectedStatus(kimTab)).toBe(200);
    await Promise.all([jo.close(), kim.close()]);
  });

  it("3 tabs, 3 rotations, each with a burst of 10 session fetches over both instances at the refresh time: 1 upstream refresh per rotation, 0 invalid_grant", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "frank", 3);
    for (let rotation = 1; rotation <= 3; rotation += 1) {
      // The tabs' own fetches are held, so the burst is the only traffic at the refresh time.
      const hold = await holdSessionFetches(context);
      await untilRefreshTime(context);
      const before = account("frank").refreshes;
      const servedBefore = [...(world.proxy?.served ?? [])];
      const statuses = await Promise.all(
        Array.from({ length: 10 }, () =>
          context.request.get(`${world.appUrl}/api/auth/session`).then((r) => r.status()),
        ),
      );
      expect(statuses).toEqual(Array(10).fill(200));
      expect(account("frank").refreshes - before).toBe(1);
      // Round robin: both instances answered part of the burst.
      expect(world.proxy?.served.map((n, i) => n - (servedBefore[i] ?? 0)).every((n) => n >= 5)).toBe(true);
      await hold.release();
    }
    expect(account("frank").invalidGrants).toBe(0);
    for (const tab of tabs) {
      await tab.locator('.narkit-badge[data-state="active"]').waitFor();
      expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
      expect(await protectedStatus(tab)).toBe(200);
    }
    await context.close();
  });

  it("Redis stopped across a refresh: nobody signed out, no call hangs; Redis back: refreshes resume without a restart", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "grace", 3);
    // Right after a refresh, stop Redis for 25 s: the next refresh time (15 s on) falls inside.
    const refreshes = account("grace").refreshes;
    await until(() => account("grace").refreshes > refreshes, LIFETIME_MS, "a refresh");
    // ...once its answer has reached the browser: every tab counts down from the new token. Stopped
    // earlier, a request sent with the old cookie meanwhile writes it back over the new one (no
    // store to hand it the new tokens), and the next refresh replays a rotated token.
    const fresh = LIFETIME_MS / 1000 - 5;
    for (const tab of tabs) {
      await until(async () => ((await secondsLeft(tab)) ?? 0) > fresh, 5000, "the refreshed token in every tab");
    }
    await world.redis?.stop();
    const downUntil = Date.now() + 25_000;
    let slowest = 0;
    while (Date.now() < downUntil) {
      const started = Date.now();
      const response = await context.request.get(`${world.appUrl}/api/auth/session`);
      slowest = Math.max(slowest, Date.now() - started);
      expect(response.status()).toBe(200);
      const session = await response.json();
      expect(session.user?.name).toBe("grace");
      expect(session.error).not.toBe("RefreshAccessTokenError");
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    // Every store call is bounded (1 s): a session fetch never waits on a Redis that is gone.
    expect(slowest).toBeLessThan(5000);
    const during = account("grace").refreshes;
    for (const tab of tabs) expect(BAD_STATES).not.toContain(await badgeState(tab));
    await world.redis?.start();
    const logFrom = world.appLog.length;
    await until(() => account("grace").refreshes > during, 2 * LIFETIME_MS, "a refresh after Redis is back").catch(
      (error: Error) => {
        // What both instances logged since Redis came back (refresh failures by code, Redis errors).
        throw new Error(`${error.message}\n${world.appLog.slice(logFrom).join("").slice(-4000)}`);
      },
    );
    for (const tab of tabs) {
      await tab.locator('.narkit-badge[data-state="active"]').waitFor({ timeout: LIFETIME_MS });
      expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
    }
    expect(account("grace").invalidGrants).toBe(0);
    console.log(`e2e: Redis down 25 s; slowest session fetch ${slowest} ms; refreshes resumed after it returned`);
    await context.close();
  });
});
