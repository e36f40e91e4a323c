// The request-path cases the e2e suites share (next-auth v4 and v5): a user back after the access
// token expired, and a burst of navigations carrying one overdue cookie.
import type { BrowserContext } from "playwright";
import { expect } from "vitest";
import { badgeStates, recordBadge, signIn } from "./browser.ts";
import type { World } from "./harness.ts";

/** Waits until the access token of the session in `context` has expired (by its own expiry). */
export async function untilExpired(world: World, context: BrowserContext) {
  const session = (await (await context.request.get(`${world.appUrl}/api/auth/session`)).json()) as {
    accessTokenExpires?: number;
  };
  const expiresAt = (session.accessTokenExpires ?? 0) * 1000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 2000));
}

/**
 * A user back after the access token expired: signed in, every tab closed, then a Server
 * Component page that calls userinfo with the access token, and the badge sampled for 10 s.
 */
export async function returningUser(world: World, user: string) {
  const context = await world.browser.newContext();
  await recordBadge(context);
  const page = await context.newPage();
  await signIn(page, world.appUrl, world.auth.issuer, user);
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
    `returning user (${world.label}): userinfo 200 on the first render; badge ${[...new Set(painted)].join(" -> ")}; ` +
      `${samples.length} samples; ${world.auth.stats.refreshes - refreshes} refresh(es), ` +
      `${world.auth.stats.invalidGrants - invalid} invalid_grant`,
  );
  expect([...painted, ...samples]).not.toContain("expired");
  expect(signInShown.every((count) => count === 0)).toBe(true);
  expect(samples.at(-1)).toBe("active");
  expect(world.auth.stats.refreshes - refreshes).toBe(1);
  expect(world.auth.stats.invalidGrants - invalid).toBe(0);
  await context.close();
}

export async function burst(world: World, user: string) {
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
