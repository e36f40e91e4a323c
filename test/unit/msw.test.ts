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
    backend.signOut();
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

  it("groups can be overridden one at a time", async () => {
    const { backend } = serve(scenarios.active);
    const groups = sessionHandlers(backend, { basePath: "/auth" });
    server.resetHandlers(...allHandlers({ ...groups, csrf: [] }));
    expect((await fetch(`${ORIGIN}/auth/session`)).status).toBe(200);
    await expect(fetch(`${ORIGIN}/auth/csrf`)).rejects.toThrow();
  });
});
