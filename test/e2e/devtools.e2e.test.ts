// The session devtools in the example app's production build, forced on as a staging deploy would
// (SESSION_DEVTOOLS=1 sets `force`): opened after one refresh, the timeline and the log show it,
// and the report copied to the clipboard holds none of the tokens the authorization server issued.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./browser.ts";
import { startWorld, until, type World } from "./harness.ts";
import { LIFETIME_MS } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit", { env: { SESSION_DEVTOOLS: "1" } });
});
afterAll(async () => {
  await world?.stop();
});

describe("SessionDevtools in the example app", () => {
  it("after one refresh: the timeline and the log show it, and the copied report holds no token", async () => {
    const context = await world.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "dora");
    const refreshesBefore = world.auth.stats.refreshes;
    await until(() => world.auth.stats.refreshes > refreshesBefore, 2 * LIFETIME_MS, "one refresh");
    await page.locator('.narkit-badge[data-state="active"]').waitFor();

    // The corner button names the status; the keyboard opens it, and the focus moves into the panel.
    const toggle = page.getByRole("button", { name: "Session: active" });
    await toggle.focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("region", { name: "Session devtools" });
    await panel.waitFor();
    expect(await panel.evaluate((element) => element === document.activeElement)).toBe(true);

    // The log: the refresh observed (a later expiry), after the fetch that brought it.
    const log = panel.getByRole("list", { name: "Session events" });
    await log.locator('li[data-event="refresh"]').first().waitFor();
    const entries = await log.locator("li").allTextContents();
    expect(entries.find((entry) => entry.includes("refresh:"))).toMatch(
      /^\d\d:\d\d:\d\d refresh: expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\+\d+ s\)$/,
    );
    // A production build: the client does not say why it fetched, and the panel says so.
    expect(entries).toContainEqual(expect.stringMatching(/fetch: reason reported in development builds$/));
    expect(entries).toContainEqual(expect.stringMatching(/lead: this tab fetches for all$/));
    // ...and cannot be asked to fetch now.
    expect(await panel.getByRole("button", { name: "Fetch now" }).isDisabled()).toBe(true);

    // The timeline: now, the next poll, expiry, the refresh as a dot.
    const timeline = panel.getByRole("img", { name: "Session timeline" });
    for (const mark of ["now", "poll", "expiry", "event-refresh"]) {
      expect(await timeline.locator(`[data-mark="${mark}"]`).count(), mark).toBeGreaterThan(0);
    }
    expect(await panel.getByTestId("devtools-role").textContent()).toMatch(/^leader since \d\d:\d\d:\d\d$/);
    mkdirSync("test/e2e/__output__", { recursive: true });
    await page.screenshot({ path: "test/e2e/__output__/devtools-after-one-refresh.png" });

    // The report: copied to the clipboard, JSON, with the refresh in it and no token anywhere.
    await panel.getByRole("button", { name: "Copy report" }).click();
    await panel.getByText(/^Report copied/).waitFor();
    const json = await page.evaluate(() => navigator.clipboard.readText());
    const report = JSON.parse(json);
    expect(report.session).toMatchObject({ authStatus: "authenticated", status: "active", error: null });
    expect(report.events.map((event: { type: string }) => event.type)).toContain("refresh");
    expect(report.versions.next).toMatch(/^\d+\.\d+\.\d+/);
    const cookies = (await context.cookies()).map((cookie) => cookie.value).filter((value) => value.length > 20);
    const secrets = [...world.auth.stats.issuedTokens, ...cookies];
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    expect(secrets.filter((secret) => json.includes(secret))).toEqual([]);
    expect(json).not.toContain("dora");

    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await toggle.evaluate((element) => element === document.activeElement)).toBe(true);
    await context.close();
  });
});
