import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  allHandlers,
  createSessionBackend,
  type SessionScenario,
  scenarios,
  sessionHandlers,
} from "../../src/msw/index.ts";

const ORIGIN = "http://app.test";
const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

/** A backend for `scenario` behind the handlers, on a fake clock (Date only) at NOW. */
function serve(scenario: SessionScenario) {
  vi.useFakeTimers({ toFake: ["Date"], now: NOW });
  const backend = createSessionBackend(scenario);
  server.use(...allHandlers(sessionHandlers(backend)));
  const session = async () => (await fetch(`${ORIGIN}/api/auth/session`)).json();
  return { backend, session };
}

describe("sessionHandlers over createSessionBackend (real fetch through MSW's Node interceptor)", () => {
  it("answers a signed-in session with the kit's fields and no token value", async () => {
    const { backend, session } = serve(scenarios.active);
    const body = await session();
    expect(body).toMatchObject({
      user: { name: "Ada Lovelace", email: "ada@example.test", image: null },
      accessTokenExpires: NOW / 1000 + 3600,
      accessTokenExpiresInSeconds: 3600,
    });
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/fake-(access|refresh)/);
    expect(json).not.toContain("refreshToken");
    expect(backend.count("poll")).toBe(1);
  });

  it("keeps the last session it served, and when, signed out included (the Session panel draws it)", async () => {
    const { backend, session } = serve(scenarios.active);
    expect(backend.lastServed).toBeNull();
    await session();
    expect(backend.lastServed).toMatchObject({ at: NOW, session: { accessTokenExpiresInSeconds: 3600 } });
    await backend.signOut();
    vi.setSystemTime(NOW + 60_000);
    expect(await session()).toEqual({});
    expect(backend.lastServed).toEqual({ at: NOW + 60_000, session: null });
  });

  it("answers {} when signed out, as next-auth's server does", async () => {
    const { session } = serve(scenarios.unauthenticated);
    expect(await session()).toEqual({});
  });

  it("refreshes inside the window, rotates, and logs it", async () => {
    const { backend, session } = serve(scenarios.refreshRotates);
    await session();
    vi.setSystemTime(NOW + 13 * 60_000);
    const body = await session();
    expect(body.accessTokenExpiresInSeconds).toBe(3600);
    expect(backend.events.map((e) => e.type)).toEqual(["poll", "poll", "refresh", "rotate"]);
  });

  it("refreshFails ends in RefreshAccessTokenError", async () => {
    const { backend, session } = serve(scenarios.refreshFails);
    vi.setSystemTime(NOW + 13 * 60_000);
    expect((await session()).error).toBe("RefreshAccessTokenError");
    expect(backend.events.at(-1)).toMatchObject({ type: "error", detail: "invalid_grant" });
  });

  it("refreshFlaky fails twice transiently, backs off, then succeeds", async () => {
    const { backend, session } = serve(scenarios.refreshFlaky);
    for (const at of [780, 785, 790, 795]) {
      vi.setSystemTime(NOW + at * 1000);
      await session();
    }
    expect(backend.count("retry")).toBe(2);
    expect(backend.count("refresh")).toBe(1);
    expect(backend.count("error")).toBe(0);
  });

  it("clockSkewed: the absolute expiry follows the server's clock, the lifetime does not", async () => {
    const { session } = serve(scenarios.clockSkewed);
    const body = await session();
    expect(body.accessTokenExpires).toBe(NOW / 1000 + 1800 + 3600);
    expect(body.accessTokenExpiresInSeconds).toBe(3600);
  });

  it("malformedExpiry answers garbage and no lifetime", async () => {
    const { session } = serve(scenarios.malformedExpiry);
    const body = await session();
    expect(body.accessTokenExpires).toBe("soon");
    expect(body).not.toHaveProperty("accessTokenExpiresInSeconds");
  });

  it("network down: the session request fails as a network error", async () => {
    const { backend } = serve(scenarios.networkDown);
    await expect(fetch(`${ORIGIN}/api/auth/session`)).rejects.toThrow(TypeError);
    expect(backend.count("network-error")).toBe(1);
  });

  it("answers csrf, providers, _log, sign-in and sign-out as next-auth's client expects", async () => {
    const { backend, session } = serve(scenarios.unauthenticated);
    expect(await (await fetch(`${ORIGIN}/api/auth/csrf`)).json()).toEqual({ csrfToken: "mock-csrf-token" });
    const providers = await (await fetch(`${ORIGIN}/api/auth/providers`)).json();
    expect(providers.mock).toMatchObject({ id: "mock", type: "oauth", signinUrl: `${ORIGIN}/api/auth/signin/mock` });
    expect((await fetch(`${ORIGIN}/api/auth/_log`, { method: "POST" })).status).toBe(200);

    const form = { method: "POST", body: new URLSearchParams({ callbackUrl: `${ORIGIN}/page`, json: "true" }) };
    expect(await (await fetch(`${ORIGIN}/api/auth/signin/mock`, form)).json()).toEqual({ url: `${ORIGIN}/page` });
    expect((await session()).user.name).toBe("Test User");
    expect(await (await fetch(`${ORIGIN}/api/auth/signout`, form)).json()).toEqual({ url: `${ORIGIN}/page` });
    expect(await session()).toEqual({});
    expect(backend.events.map((e) => e.type)).toEqual(["signin", "poll", "signout", "poll"]);
  });

  it("sessionEnding: the end is on the session, a refresh does not move it, and at it the session ends with no call upstream", async () => {
    const { backend, session } = serve(scenarios.sessionEnding);
    const first = await session();
    expect(first).toMatchObject({ sessionEndsAt: NOW / 1000 + 360, sessionEndsInSeconds: 360 });
    expect(JSON.stringify(first)).not.toMatch(/idToken|eyJ/);
    vi.setSystemTime(NOW + 100_000);
    const refreshed = await session();
    expect(backend.count("refresh")).toBe(1);
    expect(refreshed).toMatchObject({ sessionEndsAt: NOW / 1000 + 360, sessionEndsInSeconds: 260 });
    // The browser is told to come back by the end, not at the next refresh of a token that outlives it.
    expect(refreshed.refetchInSeconds).toBeLessThanOrEqual(260);
    vi.setSystemTime(NOW + 360_000);
    expect((await session()).error).toBe("RefreshAccessTokenError");
    expect(backend.count("refresh")).toBe(1);
  });

  it("signOutAtProvider: the refresh token revoked at the fake provider, the browser sent to its end-session URL", async () => {
    const { backend, session } = serve(scenarios.signOutAtProvider);
    const revoked: string[] = [];
    server.events.on("request:start", async ({ request }) => {
      if (request.url.endsWith("/revoke")) revoked.push(await request.clone().text());
    });
    await session();
    const form = { method: "POST", body: new URLSearchParams({ callbackUrl: `${ORIGIN}/page`, json: "true" }) };
    const { url } = await (await fetch(`${ORIGIN}/api/auth/signout`, form)).json();
    const endSession = new URL(url);
    expect(endSession.origin + endSession.pathname).toBe("https://idp.example.test/logout");
    expect(endSession.searchParams.get("client_id")).toBe("storybook");
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/page`);
    expect(endSession.searchParams.get("id_token_hint")).toMatch(/^eyJ/);
    expect(revoked.map((body) => Object.fromEntries(new URLSearchParams(body)))).toEqual([
      { token: expect.stringMatching(/^fake-refresh-\d+$/), token_type_hint: "refresh_token" },
    ]);
    expect(backend.events.map((e) => e.type)).toEqual(["poll", "signout", "revoke"]);
    expect(await session()).toEqual({});
    server.events.removeAllListeners();
  });

  it("revocationDown: the provider answers 503, and the sign-out completes all the same", async () => {
    const { backend, session } = serve(scenarios.revocationDown);
    const form = { method: "POST", body: new URLSearchParams({ callbackUrl: `${ORIGIN}/page`, json: "true" }) };
    const { url } = await (await fetch(`${ORIGIN}/api/auth/signout`, form)).json();
    expect(url).toMatch(/^https:\/\/idp\.example\.test\/logout\?/);
    expect(backend.events.at(-1)).toEqual({ at: NOW, type: "revoke-failed", detail: "HTTP 503" });
    expect(await session()).toEqual({});
  });

  it("backChannelLogout: the provider ends the session after 30 s; the next fetch ends it; a new sign-in is not ended", async () => {
    const { backend, session } = serve(scenarios.backChannelLogout);
    expect((await session()).error).toBeUndefined();
    vi.setSystemTime(NOW + 31_000);
    const ended = await session();
    expect(ended.error).toBe("RefreshAccessTokenError");
    expect(backend.count("backchannel-logout")).toBe(1);
    expect(backend.count("refresh")).toBe(0);
    vi.setSystemTime(NOW + 40_000);
    backend.signIn();
    expect((await session()).error).toBeUndefined();
  });

  it("groups can be overridden one at a time", async () => {
    const { backend } = serve(scenarios.active);
    const groups = sessionHandlers(backend, { basePath: "/auth" });
    server.resetHandlers(...allHandlers({ ...groups, csrf: [] }));
    expect((await fetch(`${ORIGIN}/auth/session`)).status).toBe(200);
    await expect(fetch(`${ORIGIN}/auth/csrf`)).rejects.toThrow();
  });
});
