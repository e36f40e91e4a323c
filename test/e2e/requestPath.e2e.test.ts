// The request-path refresh (proxy.ts with next-auth-refresh-kit/next) against a real authorization
// server and the example app built from the packed tarball: a user back after the access token
// expired, and a burst of requests carrying one overdue cookie.
import type { BrowserContext } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeStates, recordBadge, signIn } from "./browser.ts";
import { startWorld, type World } from "./harness.ts";
import { worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  world = await startWorld("kit");
});
afterAll(async () => {
  await world?.stop();
});
const { newUserContext } = worldSteps(() => world);

/** Waits until the access token of the session in `context` has expired (by its own expiry). */
async function untilExpired(world: World, context: BrowserContext) {
  const session = (await (await context.request.get(`${world.appUrl}/api/auth/session`)).json()) as {
    accessTokenExpires?: number;
  };
  const expiresAt = (session.accessTokenExpires ?? 0) * 1000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 2000));
}

describe.sequential("fresh on every request", () => {
  it("a returning user: every tab closed past the token's expiry, the first server render gets 200, never 'expired'", async () => {
    const context = await newUserContext();
    await recordBadge(context);
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "dana");
    await page.close(); // every tab closed: nothing in the browser refreshes now
    await untilExpired(world, context);
    const refreshes = world.auth.stats.refreshes;
    const invalid = world.auth.stats.invalidGrants;

    const back = await context.newPage();
    await back.goto(`${world.appUrl}/userinfo`);
    // The Server Component called userinfo with the access token on its first render.
    expect(await back.getByTestId("userinfo").getAttribute("data-status")).toBe("200");
    const samples: string[] = [];
    const signInShown: number[] = [];
    const started = Date.now();
    while (Date.now() - started < 10_000) {
      samples.push((await back.locator(".narkit-badge").getAttribute("data-state")) ?? "none");
      signInShown.push(await back.getByRole("button", { name: "Sign in again" }).count());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const painted = await badgeStates(back);
    console.info(
      `returning user: userinfo 200 on the first render; badge ${[...new Set(painted)].join(" -> ")}; ` +
        `${samples.length} samples; ${world.auth.stats.refreshes - refreshes} refresh(es), ` +
        `${world.auth.stats.invalidGrants - invalid} invalid_grant`,
    );
    expect([...painted, ...samples]).not.toContain("expired");
    expect(signInShown.every((count) => count === 0)).toBe(true);
    expect(samples.at(-1)).toBe("active");
    expect(world.auth.stats.refreshes - refreshes).toBe(1);
    expect(world.auth.stats.invalidGrants - invalid).toBe(0);
    await context.close();
  });

  it("the tab's session fetch and navigations at the same instant, one cookie: one refresh, 0 invalid_grant", async () => {
    const context = await newUserContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, "gina");
    await page.close();
    await untilExpired(world, context);
    const refreshes = world.auth.stats.refreshes;
    const invalid = world.auth.stats.invalidGrants;
    // What a tab does at its refresh time (GET /api/auth/session), while the user navigates: the
    // proxy handles both, so one coordinator sees every request with this refresh token.
    // All with the same cookie, as requests already on their way carry it.
    const cookie = (await context.cookies(world.appUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
    const get = (path: string) => fetch(`${world.appUrl}${path}`, { headers: { cookie } }).then((r) => r.status);
    const answers = await Promise.all([
      get("/api/auth/session"),
      ...Array.from({ length: 4 }, () => get("/userinfo")),
      get("/api/auth/session"),
    ]);
    console.info(
      `session fetch + navigations: ${answers.join(",")}; ${world.auth.stats.refreshes - refreshes} refresh(es), ` +
        `${world.auth.stats.invalidGrants - invalid} invalid_grant`,
    );
    expect(answers).toEqual(Array(6).fill(200));
    expect(world.auth.stats.refreshes - refreshes).toBe(1);
    expect(world.auth.stats.invalidGrants - invalid).toBe(0);
    const session = (await (await context.request.get(`${world.appUrl}/api/auth/session`)).json()) as {
      error?: string;
    };
    expect(session.error).toBeUndefined();
    await context.close();
  });

  it("a burst: 10 concurrent navigations with one overdue cookie, one upstream refresh, every render saw a valid token", () =>
    burst(world, "erin"));
});

describe.sequential("fresh on every request, two instances on one Redis", () => {
  let pair: World;
  beforeAll(async () => {
    pair = await startWorld("kit", { instances: 2, redis: true });
  });
  afterAll(async () => {
    await pair?.stop();
  });
  it("the same burst through a round-robin proxy: one upstream refresh across both instances", () =>
    burst(pair, "frank"));
});

async function burst(world: World, user: string) {
  {
    const context = await world.browser.newContext();
    const page = await context.newPage();
    await signIn(page, world.appUrl, world.auth.issuer, user);
    await page.close();
    await untilExpired(world, context);
    const cookie = (await context.cookies(world.appUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
    const refreshes = world.auth.stats.refreshes;
    const invalid = world.auth.stats.invalidGrants;
    const pages = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${world.appUrl}/userinfo`, { headers: { cookie } }).then(async (r) => ({
          status: r.status,
          html: await r.text(),
          cacheControl: r.headers.get("cache-control"),
        })),
      ),
    );
    const userinfo = pages.map((p) => p.html.match(/data-testid="userinfo" data-status="(\d+)"/)?.[1] ?? "none");
    console.info(
      `burst (${world.proxy ? "2 instances, Redis" : "1 instance"}): userinfo ${userinfo.join(",")}; ${world.auth.stats.refreshes - refreshes} refresh(es), ` +
        `${world.auth.stats.invalidGrants - invalid} invalid_grant; cache-control ${pages[0]?.cacheControl}`,
    );
    expect(pages.map((p) => p.status)).toEqual(Array(10).fill(200));
    expect(userinfo).toEqual(Array(10).fill("200"));
    expect(world.auth.stats.refreshes - refreshes).toBe(1);
    expect(world.auth.stats.invalidGrants - invalid).toBe(0);
    expect(pages.every((p) => p.cacheControl?.includes("no-store"))).toBe(true);
    await context.close();
  }
}
