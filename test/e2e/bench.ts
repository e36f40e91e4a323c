// `npm run bench:e2e`: request counts per access-token lifetime, for 1, 3 and 5 tabs, for the kit's
// provider, for the kit's handler under next-auth's own SessionProvider, and for the blog recipe as
// published (its refetchInterval handler and its naive jwt callback), against the real authorization
// server. Counted: every /api/auth/session request of every tab once all tabs are open (headless
// tabs get no focus or visibility events, so there are no focus refetches to leave out). Prints a
// table; it is a measurement, not a test.
import type { Page } from "playwright";
import { badgeState, countSessionRequests, recordBadge, signIn } from "./browser.ts";
import { startWorld, TIMING } from "./harness.ts";

const LIFETIMES = 3;
const OBSERVE_MS = LIFETIMES * TIMING.accessTokenSeconds * 1000;

const rows = [];
for (const mode of ["kit", "handler", "recipe"] as const) {
  const world = await startWorld(mode);
  try {
    // 1, 3 and 5 tabs side by side, as three users with their own grants.
    const runs = await Promise.all(
      [1, 3, 5].map(async (tabs) => {
        const user = `${mode}-${tabs}-tabs`;
        const context = await world.browser.newContext();
        await recordBadge(context);
        const first = await context.newPage();
        await signIn(first, world.appUrl, world.auth.issuer, user);
        const pages: Page[] = [first];
        for (let i = 1; i < tabs; i += 1) {
          const tab = await context.newPage();
          await tab.goto(world.appUrl);
          await tab.locator(".narkit-badge[data-state]").waitFor();
          pages.push(tab);
        }
        const counters = pages.map(countSessionRequests);
        const before = { ...(world.auth.stats.byAccount[user] ?? { refreshes: 0, invalidGrants: 0 }) };
        await new Promise((resolve) => setTimeout(resolve, OBSERVE_MS));
        const after = world.auth.stats.byAccount[user] ?? { refreshes: 0, invalidGrants: 0 };
        const states = await Promise.all(pages.map(badgeState));
        const protectedOk = (await first.request.get(`${world.appUrl}/api/me`)).status() === 200;
        await context.close();
        const sessionRequests = counters.reduce((sum, c) => sum + c.count, 0);
        const refreshes = after.refreshes - before.refreshes;
        return {
          mode,
          tabs,
          "session requests / lifetime": +(sessionRequests / LIFETIMES).toFixed(1),
          "upstream refreshes / lifetime": +(refreshes / LIFETIMES).toFixed(1),
          // Each token is replaced before it expires, so a refresh cycle is shorter than a lifetime.
          "session requests / refresh": refreshes === 0 ? "-" : +(sessionRequests / refreshes).toFixed(2),
          invalid_grant: after.invalidGrants - before.invalidGrants,
          "badge at the end": [...new Set(states)].join(","),
          "protected route": protectedOk ? 200 : "refused",
        };
      }),
    );
    rows.push(...runs);
  } finally {
    await world.stop();
  }
}
console.log(
  `access tokens live ${TIMING.accessTokenSeconds} s; kit and handler: refreshed ${TIMING.kitWindowSeconds} s before expiry, fetched when the session says; recipe: window ${TIMING.recipeWindowSeconds} s, client lead ${TIMING.recipeLeadSeconds} s; observed ${LIFETIMES} lifetimes`,
);
console.table(rows);
