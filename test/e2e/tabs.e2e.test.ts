// The kit's own session client in a real browser against the example app and the real
// authorization server: several tabs, the app unreachable, the browser offline, a sign-out.
// The app sits behind the harness's proxy, which can reset every connection (a deploy, a proxy
// restart) while `next start` and its cookies carry on.
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState, countSessionRequests } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { BAD_STATES, LIFETIME_MS, worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit", { proxy: true });
});
afterAll(async () => {
  await world?.stop();
});

const { newUserContext, protectedStatus, signedInTabs, statesAfterSignIn, untilRefreshTime } = worldSteps(() => world);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const states = (tabs: Page[]) => Promise.all(tabs.map(badgeState));
const allIn = async (tabs: Page[], state: string) => (await states(tabs)).every((s) => s === state);
const total = (counters: { count: number }[]) => counters.reduce((sum, c) => sum + c.count, 0);

describe.sequential("tabs and faults", () => {
  it("the app unreachable for 10 s around a poll, 3 tabs: never signed out, all active again within one backoff step", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "carol", 3);
    // From 3 s before the server's next refresh time to 7 s after it.
    const session = await (await context.request.get(`${world.appUrl}/api/auth/session`)).json();
    await sleep(Math.max(0, Number(session.refetchInSeconds) - 3) * 1000);
    const counters = tabs.map(countSessionRequests);
    world.proxy?.setDown(true);
    const samples: string[] = [];
    const sampling = setInterval(() => void states(tabs).then((s) => samples.push(...s.map(String))), 200);
    await sleep(10_000);
    world.proxy?.setDown(false);
    const back = Date.now();
    await until(() => allIn(tabs, "active"), 20_000, "all tabs active again");
    const recoveredMs = Date.now() - back;
    clearInterval(sampling);

    expect(samples).toContain("reconnecting");
    expect(samples).not.toEqual(expect.arrayContaining(BAD_STATES));
    for (const tab of tabs) expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
    // Failed at the poll (~3 s in) and at its 5 s retry; the next retry waits 10 s.
    expect(recoveredMs).toBeLessThanOrEqual(10_000 + 1500);
    // The leader alone tried: the poll, the retries, and the one that got through.
    expect(total(counters)).toBeLessThanOrEqual(4);
    expect(await protectedStatus(tabs[0] as Page)).toBe(200);
    expect(world.auth.stats.invalidGrants).toBe(0);
    console.info(`app down 10 s: all 3 tabs active ${recoveredMs} ms after it came back, ${total(counters)} fetches`);
    await context.close();
  });

  it("offline for one lifetime: offline at once in every tab, then one catch-up fetch for all", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "dave", 3);
    const counters = tabs.map(countSessionRequests);
    const wentOffline = Date.now();
    await context.setOffline(true);
    await until(() => allIn(tabs, "offline"), 1000, "every badge offline within 1 s");
    const offlineMs = Date.now() - wentOffline;
    await sleep(LIFETIME_MS);
    expect(total(counters)).toBe(0);

    await context.setOffline(false);
    await until(() => allIn(tabs, "active"), 10_000, "all tabs active after the network came back");
    await sleep(2000); // nothing more follows
    expect(total(counters)).toBe(1);
    for (const tab of tabs) expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
    expect(await protectedStatus(tabs[0] as Page)).toBe(200);
    console.info(`offline shown in all 3 tabs after ${offlineMs} ms; ${total(counters)} fetch when back`);
    await context.close();
  });

  it("a hidden leader hands over: the visible tab makes the scheduled fetches", async () => {
    const context = await newUserContext();
    const [first, second] = (await signedInTabs(context, "grace", 2)) as [Page, Page];
    const [firstCount, secondCount] = [first, second].map(countSessionRequests) as [
      { count: number },
      { count: number },
    ];
    // The first tab signed in first, so it leads: it alone makes the next scheduled fetch.
    await untilRefreshTime(context);
    await until(async () => firstCount.count > 0, 5000, "the first tab's scheduled fetch");
    expect(secondCount.count).toBe(0);
    // It goes to the background as a tab does (the page sees visibilityState "hidden" and a
    // visibilitychange event); the second stays in view and takes over the schedule.
    await first.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    });
    const [hidden, visible] = [first, second].map(countSessionRequests) as [{ count: number }, { count: number }];
    await sleep(LIFETIME_MS + 2000);
    expect(hidden.count).toBe(0);
    expect(visible.count).toBeGreaterThanOrEqual(1);
    expect(await allIn([first, second], "active")).toBe(true);
    expect(world.auth.stats.invalidGrants).toBe(0);
    console.info(`hidden leader: ${hidden.count} fetches; visible tab: ${visible.count} in one lifetime`);
    await context.close();
  });

  it("signing out in the leading tab signs every other tab out within 1 s", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "erin", 3);
    const [first, ...others] = tabs as [Page, ...Page[]];
    // The first tab signed in first and leads: the hard case, since it navigates away as it signs out.
    const clicked = Date.now();
    await first.getByRole("button", { name: "Sign out" }).click();
    await until(() => allIn(others, "unauthenticated"), 1000, "the other tabs signed out within 1 s");
    const signedOutMs = Date.now() - clicked;
    console.info(`signed out in the other 2 tabs ${signedOutMs} ms after the click`);
    await context.close();
  });

  it("signing out in a following tab signs every other tab out within 1 s", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "frank", 3);
    const [first, second, third] = tabs as [Page, Page, Page];
    await second.getByRole("button", { name: "Sign out" }).click();
    await until(() => allIn([first, third], "unauthenticated"), 1000, "the other tabs signed out within 1 s");
    await context.close();
  });
});
