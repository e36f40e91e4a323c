// The addon's "Session" panel as a person uses it, in Storybook's own UI (the manager): open a
// story, pick the panel, move the clock with its buttons, read the timeline and the log; change a
// Playground control and watch the session start over. Screenshots of the panel at three instants
// of IntervalRecalculates go to test/browse/__output__/.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright";
import { expect } from "vitest";

const OUTPUT = "test/browse/__output__";

async function openPanel(page: Page, baseUrl: string, storyId: string, position = "bottom") {
  await page.goto(`${baseUrl}/?path=/story/${storyId}&panel=${position}`);
  await page.getByRole("tab", { name: "Session" }).click();
  const panel = page.locator('section[aria-label="Session"]');
  await panel.waitFor({ timeout: 30_000 });
  return panel;
}

const nowText = (page: Page) => page.getByTestId("session-now").textContent();

/** Waits until the panel's clock reads `expected` (the play or a button may still be moving it). */
async function untilNow(page: Page, expected: string) {
  await expect.poll(() => nowText(page), { timeout: 15_000 }).toBe(expected);
}

export async function checkSessionPanel(browser: Browser, baseUrl: string) {
  mkdirSync(OUTPUT, { recursive: true });
  // The panel on the right, full height, for the screenshots; at the bottom for the Controls.
  const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    const id = "components-refreshingsessionprovider--interval-recalculates";
    const panel = await openPanel(page, baseUrl, id, "right");
    const marks = (kind: string) => panel.locator(`svg [data-mark="${kind}"]`).count();
    const log = panel.getByRole("list", { name: "Session events" });

    // 1. The story's play has run: fetched at 09:10, refreshed; next poll 10:00, expiry 10:10.
    await untilNow(page, "2026-01-15 09:10:00 UTC");
    await expect.poll(() => log.textContent()).toContain("2026-01-15 09:10:00 refresh");
    for (const kind of ["now", "poll", "expiry", "window", "event-refresh"]) expect(await marks(kind), kind).toBe(1);
    await panel.screenshot({ path: `${OUTPUT}/session-panel-1-after-play.png` });

    // 2. +5 min: the clock moves, nothing is due.
    await panel.getByRole("button", { name: "+5 min" }).click();
    await untilNow(page, "2026-01-15 09:15:00 UTC");
    await panel.screenshot({ path: `${OUTPUT}/session-panel-2-plus-5-min.png` });

    // 3. To next poll: at 10:00 the client fetches and the server refreshes again.
    const refreshes = (await log.textContent())?.match(/ refresh/g)?.length ?? 0;
    await panel.getByRole("button", { name: "To next poll" }).click();
    await untilNow(page, "2026-01-15 10:00:00 UTC");
    await expect.poll(async () => (await log.textContent())?.match(/ refresh/g)?.length ?? 0).toBe(refreshes + 1);
    await expect.poll(() => log.textContent()).toContain("2026-01-15 10:00:00 refresh");
    await panel.screenshot({ path: `${OUTPUT}/session-panel-3-next-poll.png` });

    // The Playground: a control builds the scenario; an upstream that fails ends the session at the next poll.
    await page.setViewportSize({ width: 1400, height: 1600 });
    const playground = await openPanel(page, baseUrl, "components-playground--playground");
    await expect.poll(() => playground.getByTestId("session-status").textContent()).toBe("active");
    await page.getByRole("tab", { name: "Controls" }).click();
    await page.locator("#control-upstream").selectOption("fails");
    await page.getByRole("tab", { name: "Session" }).click();
    await expect.poll(() => playground.textContent()).toContain("scenario playground");
    await playground.getByRole("button", { name: "To next poll" }).click();
    await expect.poll(() => playground.getByTestId("session-status").textContent(), { timeout: 15_000 }).toBe("error");
    await expect.poll(() => playground.getByRole("list", { name: "Session events" }).textContent()).toContain("error");
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

/** Every option the README documents for the provider, next-auth's inherited ones included. */
const PROVIDER_OPTIONS = [
  "session",
  "basePath",
  "baseUrl",
  "refetchOnWindowFocus",
  "refetchWhenOffline",
  "syncKey",
  "leadSeconds",
  "floorSeconds",
  "fallbackSeconds",
  "onIntervalChange",
  "onRefresh",
  "onRefreshError",
];

/** The provider's Docs page, as a reader opens it: its props table lists every documented option. */
export async function checkPropsTable(browser: Browser, baseUrl: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
  try {
    await page.goto(`${baseUrl}/iframe.html?id=components-refreshingsessionprovider--docs&viewMode=docs`);
    const table = page.locator(".docblock-argstable").first();
    await table.waitFor({ timeout: 30_000 });
    const names = await table.locator("tbody tr td:first-child").allTextContents();
    const missing = PROVIDER_OPTIONS.filter((option) => !names.some((name) => name.trim().startsWith(option)));
    expect(missing, `props table rows: ${names.join(", ")}`).toEqual([]);
  } finally {
    await page.close();
  }
}
