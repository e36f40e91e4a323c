// The refresh token's own end: read from the provider's answers (Keycloak's refresh_expires_in,
// GitHub's refresh_token_expires_in), kept through rotations that do not restate it, capped by the
// app's sessionMaxSeconds, and never refreshed past. Over real HTTP, on the callback's own clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { statusAt } from "../../../src/core/deriveSessionStatus.ts";
import { sessionTimeline } from "../../../src/core/timeline.ts";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  type RefreshingJwt,
} from "../../../src/server/index.ts";
import { sessionEndAfter, statedRefreshTokenEnd } from "../../../src/server/refreshTokenEnd.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";

const NOW = Date.UTC(2026, 11, 7, 9, 0, 0);
const SECOND = 1000;
let server: TokenServer;
let now = NOW;
let refreshes = 0;
/** Keycloak-like: 30 s access tokens, an idle timeout of 120 s that each refresh renews (or what a function says). */
let refreshExpiresIn: number | undefined | (() => number) = 120;

beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());
beforeEach(() => {
  now = NOW;
  refreshes = 0;
  refreshExpiresIn = 120;
  server.respond(() => {
    refreshes += 1;
    return {
      body: {
        access_token: `at-${refreshes}`,
        token_type: "Bearer",
        expires_in: 30,
        refresh_token: `rt-${refreshes}`,
        ...(refreshExpiresIn === undefined
          ? {}
          : { refresh_expires_in: typeof refreshExpiresIn === "function" ? refreshExpiresIn() : refreshExpiresIn }),
      },
    };
  });
});

const callback = (extra: object = {}) =>
  createRefreshingJwtCallback({
    provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret" },
    coordinator: createRefreshCoordinator({ now: () => now }),
    now: () => now,
    ...extra,
  });

const signIn = (jwt: ReturnType<typeof callback>, account: object = { refresh_expires_in: 120 }) =>
  jwt({ token: { sub: "u1" }, account: { access_token: "at-0", expires_in: 30, refresh_token: "rt-0", ...account } });

describe("the refresh token's end, as the provider states it", () => {
  it("reads refresh_expires_in and refresh_token_expires_in (numbers or digit strings); 0 or nonsense says nothing", () => {
    expect(statedRefreshTokenEnd({ refresh_expires_in: 1800 }, NOW)).toBe(NOW + 1800_000);
    expect(statedRefreshTokenEnd({ refresh_token_expires_in: "15897600" }, NOW)).toBe(NOW + 15_897_600_000);
    // Keycloak's offline tokens: 0, which does not mean "never"; and it means no end is known.
    expect(statedRefreshTokenEnd({ refresh_expires_in: 0 }, NOW)).toBeUndefined();
    for (const value of [undefined, null, -5, "1e3", Number.NaN, {}]) {
      expect(statedRefreshTokenEnd({ refresh_expires_in: value }, NOW)).toBeUndefined();
    }
  });

  it("keeps the end through a rotation that does not restate it, and caps it at sessionMaxSeconds", () => {
    expect(sessionEndAfter({ stated: undefined, previous: NOW, signedInAt: 0, maxSeconds: undefined })).toBe(NOW);
    expect(sessionEndAfter({ stated: NOW + 5, previous: NOW, signedInAt: 0, maxSeconds: undefined })).toBe(NOW + 5);
    expect(sessionEndAfter({ stated: NOW, previous: undefined, signedInAt: NOW - 10_000, maxSeconds: 5 })).toBe(
      NOW - 5000,
    );
    expect(sessionEndAfter({ stated: undefined, previous: undefined, signedInAt: NOW, maxSeconds: 60 })).toBe(
      NOW + 60_000,
    );
    expect(sessionEndAfter({ stated: undefined, previous: undefined, signedInAt: NOW, maxSeconds: undefined })).toBe(
      undefined,
    );
  });
});

describe("createRefreshingJwtCallback and the session's end", () => {
  it("an active user inside a 120 s idle timeout that each refresh renews stays signed in for 10 minutes", async () => {
    const jwt = callback();
    let token: RefreshingJwt = await signIn(jwt);
    expect(token.sessionEndsAt).toBe(NOW + 120 * SECOND);
    // A request every 10 s: each refresh (7.5 s before each 30 s token's expiry) renews the end.
    while (now < NOW + 600 * SECOND) {
      now += 10 * SECOND;
      token = await jwt({ token });
      expect(token.error).toBeUndefined();
      expect(token.sessionEndsAt).toBeGreaterThan(now);
    }
    expect(refreshes).toBeGreaterThanOrEqual(20);
  });

  it("a request late to a refresh (served from the grace period) gets the refresh's new end and ID token too", async () => {
    server.respond(() => {
      refreshes += 1;
      return {
        body: { access_token: "at-1", token_type: "Bearer", expires_in: 30, refresh_expires_in: 300, id_token: "id-1" },
      };
    });
    const jwt = callback();
    const token = await signIn(jwt);
    now += 25 * SECOND;
    const first = await jwt({ token });
    const late = await jwt({ token });
    expect(refreshes).toBe(1);
    expect(late).toMatchObject({ sessionEndsAt: now + 300 * SECOND, idToken: "id-1" });
    expect(first.sessionEndsAt).toBe(late.sessionEndsAt);
  });

  it("an idle user past the idle timeout is signed out at the next request, with no call upstream", async () => {
    const jwt = callback();
    const token = await signIn(jwt);
    now += 121 * SECOND;
    const after = await jwt({ token });
    expect(after.error).toBe("RefreshAccessTokenError");
    expect(after.refreshToken).toBeUndefined();
    expect(refreshes).toBe(0);
    // Server code reading the cookie meanwhile sees it ended too.
    expect((await jwt.withoutRefresh({ token })).error).toBe("RefreshAccessTokenError");
  });

  it("an absolute lifetime does not slide when the token rotates", async () => {
    refreshExpiresIn = undefined;
    const jwt = callback();
    let token: RefreshingJwt = await signIn(jwt, { refresh_token_expires_in: 60 });
    now += 25 * SECOND;
    token = await jwt({ token });
    expect(refreshes).toBe(1);
    expect(token.sessionEndsAt).toBe(NOW + 60 * SECOND);
    now = NOW + 60 * SECOND;
    expect((await jwt({ token })).error).toBe("RefreshAccessTokenError");
    expect(refreshes).toBe(1);
  });

  it("sessionMaxSeconds caps a session whose provider says nothing, and the earlier end wins", async () => {
    refreshExpiresIn = undefined;
    const capped = await signIn(callback({ sessionMaxSeconds: 90 }), {});
    expect(capped.sessionEndsAt).toBe(NOW + 90 * SECOND);
    const earlier = await signIn(callback({ sessionMaxSeconds: 3600 }));
    expect(earlier.sessionEndsAt).toBe(NOW + 120 * SECOND);
    expect(() => callback({ sessionMaxSeconds: 0 })).toThrow(/sessionMaxSeconds/);
    // Keycloak's offline token (0) and no cap: no end.
    expect((await signIn(callback(), { refresh_expires_in: 0 })).sessionEndsAt).toBeUndefined();
  });

  it("the browser shows ending, counting down, in the window before an end no refresh moves, and ended at it, with no call upstream after", async () => {
    // Keycloak's SSO Session Max: each refresh states what is left of the same 120 s.
    const end = NOW + 120 * SECOND;
    refreshExpiresIn = () => Math.round((end - now) / SECOND);
    const jwt = callback();
    const sessionOf = createSessionCallback({ now: () => now });
    let token: RefreshingJwt = await signIn(jwt);
    const seen: [number, string, number | null][] = [];
    let refreshesAtEnd = -1;
    // The browser fetches its session every 5 s and judges it as the badge does (a 60 s window).
    for (let at = 0; at <= 150; at += 5) {
      now = NOW + at * SECOND;
      if (at === 120) refreshesAtEnd = refreshes;
      token = await jwt({ token });
      const session = sessionOf({ session: { expires: "" }, token });
      const [status] = statusAt({ authStatus: "authenticated", session, now, receivedAt: now, endingSeconds: 60 });
      const { endsAt } = sessionTimeline(session, now, 420, 60);
      seen.push([at, status, endsAt === null ? null : Math.ceil((endsAt - now) / SECOND)]);
    }
    const statusAtSecond = (at: number) => seen.find(([t]) => t === at)?.[1];
    expect(seen.filter(([at, status]) => at < 60 && status === "ending")).toEqual([]);
    // The countdown runs down to the end with the wall clock: 60 s left at 60 s, 5 s at 115 s.
    expect(seen.filter(([at]) => at >= 60 && at < 120)).toEqual(
      Array.from({ length: 12 }, (_, i) => [60 + 5 * i, "ending", 60 - 5 * i]),
    );
    expect([120, 135, 150].map(statusAtSecond)).toEqual(["error", "error", "error"]);
    expect(refreshes).toBeGreaterThanOrEqual(4);
    expect(refreshes).toBe(refreshesAtEnd);
  });

  it("the browser's session says when it ends (epoch seconds) and comes back by then", async () => {
    const jwt = callback();
    const token = await signIn(jwt, { refresh_expires_in: 20, expires_in: 3600 });
    const session = createSessionCallback({ now: () => now })({ session: { expires: "" }, token });
    expect(session).toMatchObject({
      sessionEndsAt: (NOW + 20_000) / 1000,
      sessionEndsInSeconds: 20,
      refetchInSeconds: 20,
    });
  });
});
