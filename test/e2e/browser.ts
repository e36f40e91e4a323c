// Driving the example app in Chromium as a user would: sign in through the authorization server's
// own forms, and keep a record of every state the badge shows.
import type { BrowserContext, Page } from "playwright";

declare global {
  interface Window {
    __badgeStates?: string[];
  }
}

/** Records every `data-state` the badge takes, from the first paint on. */
export async function recordBadge(context: BrowserContext) {
  await context.addInitScript(() => {
    window.__badgeStates = [];
    const record = () => {
      const state = document.querySelector(".narkit-badge")?.getAttribute("data-state");
      const states = window.__badgeStates ?? [];
      if (state && states.at(-1) !== state) states.push(state);
    };
    new MutationObserver(record).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

export const badgeStates = (page: Page) => page.evaluate(() => window.__badgeStates ?? []);
export const badgeState = (page: Page) => page.locator(".narkit-badge").getAttribute("data-state");

/** Seconds left on the access token as the badge's countdown shows it (it ticks every second), or null. */
export async function secondsLeft(page: Page): Promise<number | null> {
  const duration = await page
    .locator(".narkit-badge time")
    .getAttribute("datetime", { timeout: 1000 })
    .catch(() => null);
  const match = duration?.match(/^PT(\d+)S$/);
  return match ? Number(match[1]) : null;
}

/** Signs `user` in through the app's button, the server's login form and its consent form. */
export async function signIn(page: Page, appUrl: string, issuer: string, user: string) {
  await page.goto(appUrl);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`${issuer}/**`);
  await page.locator("input[name=login]").fill(user);
  await page.locator("input[name=password]").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${appUrl}/**`);
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 15_000 });
}

/** Counts the page's requests to /api/auth/session. */
export function countSessionRequests(page: Page) {
  const counter = { count: 0 };
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/session") counter.count += 1;
  });
  return counter;
}
