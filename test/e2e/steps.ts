// Steps the e2e suites share, bound to their world: a user's context, held session fetches, the
// server's refresh time, signed-in tabs, and what the badge went through.
import type { BrowserContext, Page, Route } from "playwright";
import { badgeStates, recordBadge, signIn } from "./browser.ts";
import { TIMING, type World } from "./harness.ts";

export const LIFETIME_MS = TIMING.accessTokenSeconds * 1000;
/** Badge states a signed-in user must never see while the grant is alive. */
export const BAD_STATES = ["error", "expired", "unauthenticated"];

export function worldSteps(getWorld: () => World) {
  async function newUserContext(): Promise<BrowserContext> {
    const context = await getWorld().browser.newContext();
    await recordBadge(context);
    return context;
  }

  /** The protected route, with the page's cookies: 200 means the access token works at the server. */
  const protectedStatus = (page: Page) => page.request.get(`${getWorld().appUrl}/api/me`).then((r) => r.status());

  /**
   * Holds every /api/auth/session request of `context` (its own fetches) while the test acts at the
   * refresh time before the browser does; `release()` lets them through.
   */
  async function holdSessionFetches(context: BrowserContext) {
    const held: Route[] = [];
    const state = { holding: true };
    await context.route("**/api/auth/session", (route) => {
      if (state.holding) held.push(route);
      else void route.continue();
    });
    return {
      release: async () => {
        state.holding = false;
        await Promise.all(held.splice(0).map((route) => route.continue().catch(() => {})));
      },
    };
  }

  /**
   * Waits until the server's refresh time, as the session names it (`refetchInSeconds`, rounded up
   * by the server, so never early). Asked outside the window, the session fetch refreshes nothing;
   * asked inside it (it then says 0), it just refreshed, so ask again for the next one.
   */
  async function untilRefreshTime(context: BrowserContext) {
    for (;;) {
      const session = await (await context.request.get(`${getWorld().appUrl}/api/auth/session`)).json();
      const seconds = Number(session.refetchInSeconds);
      if (!Number.isFinite(seconds)) throw new Error(`no refetchInSeconds on the session: ${JSON.stringify(session)}`);
      if (seconds >= 2) {
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /** Signs `user` in in one tab, then opens `count - 1` more, each shown signed in. */
  async function signedInTabs(context: BrowserContext, user: string, count: number): Promise<Page[]> {
    const tabs = [await context.newPage()];
    await signIn(tabs[0] as Page, getWorld().appUrl, getWorld().auth.issuer, user);
    while (tabs.length < count) {
      const tab = await context.newPage();
      await tab.goto(getWorld().appUrl);
      await tab.locator('.narkit-badge[data-state="active"]').waitFor();
      tabs.push(tab);
    }
    return tabs;
  }

  /** Badge states since sign-in (the states before it, signed out, are expected). */
  async function statesAfterSignIn(page: Page) {
    const states = await badgeStates(page);
    return states.slice(states.lastIndexOf("active") === -1 ? 0 : states.indexOf("active"));
  }

  return { newUserContext, protectedStatus, holdSessionFetches, untilRefreshTime, signedInTabs, statesAfterSignIn };
}
