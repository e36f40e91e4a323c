// The session client where browsers differ: Safari 15.4-15.6 (no AbortSignal.timeout), no Web
// Locks or BroadcastChannel, a message from another version of the kit, and a follower that must
// not fetch while the leader's fetch is on its way.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { planRefetch } from "../../../src/core/planRefetch.ts";
import { fetchSession } from "../../../src/react/fetchSession.ts";
import { createSessionClient, type SessionClient } from "../../../src/react/sessionClient.ts";

const SESSION = { user: { name: "A" }, expires: "2099-01-01T00:00:00.000Z" };
const answer = () => ({ ...SESSION, accessTokenExpires: Math.floor(Date.now() / 1000) + 60, refetchInSeconds: 30 });

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/hang") return; // never answers
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(SESSION));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function client(syncKey = `k-${Math.random()}`): SessionClient {
  return createSessionClient(undefined, {
    authUrl: "/api/auth",
    basePath: "/api/auth",
    syncKey,
    refetchOnWindowFocus: () => true,
    refetchWhenOffline: () => false,
    plan: (session, receivedAt, now) => planRefetch(session, now, { receivedAt }),
  });
}

describe("Safari 15.4-15.6: no AbortSignal.timeout", () => {
  it("fetches the session, and still gives up on a server that never answers", async () => {
    vi.stubGlobal("AbortSignal", { timeout: undefined });
    await expect(fetchSession(`${base}/session`)).resolves.toEqual(SESSION);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const hanging = fetchSession(`${base}/hang`);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(hanging).resolves.toBeUndefined();
  });
});

describe("each missing browser API in turn: the client still fetches and schedules", () => {
  for (const missing of ["BroadcastChannel", "navigator.locks", "AbortSignal.timeout"]) {
    it(`without ${missing}`, async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
      vi.stubGlobal("window", new EventTarget());
      if (missing === "BroadcastChannel") vi.stubGlobal("BroadcastChannel", undefined);
      if (missing === "navigator.locks") vi.stubGlobal("navigator", {});
      if (missing === "AbortSignal.timeout") vi.stubGlobal("AbortSignal", { timeout: undefined });
      const fetch = vi.fn(async () => Response.json(answer()));
      vi.stubGlobal("fetch", fetch);
      const session = client();
      const stop = session.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(session.getState()).toMatchObject({ session: { user: { name: "A" } }, leader: true });
      await vi.advanceTimersByTimeAsync(31_000); // the server said: again in 30 s
      expect(fetch).toHaveBeenCalledTimes(2);
      stop();
    });
  }
});

describe("tab messages", () => {
  it("a message of another version or an unknown type is ignored, not counted as a failure", async () => {
    vi.stubGlobal("window", new EventTarget());
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json(answer())),
    );
    const key = `k-${Math.random()}`;
    const session = client(key);
    const stop = session.start();
    await vi.waitFor(() => expect(session.getState().session).toMatchObject({ user: { name: "A" } }));
    const other = new BroadcastChannel(`narkit:${key}`);
    other.postMessage({ type: "hello" });
    other.postMessage({ type: "failed", failures: 1 });
    other.postMessage({ v: 99, type: "session", session: null, at: Date.now() + 1000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(session.getState()).toMatchObject({ failures: 0, session: { user: { name: "A" } } });
    other.close();
    stop();
  });
});

describe("next-auth v5's broadcast", () => {
  it("a sign-out in another tab, told on v5's `next-auth` channel, is fetched at once; other messages are not", async () => {
    vi.stubGlobal("window", new EventTarget());
    let signedIn = true;
    const fetch = vi.fn(async () => Response.json(signedIn ? answer() : {}));
    vi.stubGlobal("fetch", fetch);
    const session = client();
    const stop = session.start();
    await vi.waitFor(() => expect(session.getState().session).toMatchObject({ user: { name: "A" } }));
    const nextAuth = new BroadcastChannel("next-auth");
    nextAuth.postMessage({ event: "other" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetch).toHaveBeenCalledTimes(1);
    signedIn = false;
    // What v5's signOut() posts in the tab that signed out.
    nextAuth.postMessage({ event: "session", data: { trigger: "signout" } });
    await vi.waitFor(() => expect(session.getState().session).toBeNull(), { timeout: 1000 });
    expect(fetch).toHaveBeenCalledTimes(2);
    nextAuth.close();
    stop();
  });
});

describe("a sign-in or sign-out elsewhere, in a follower", () => {
  it("waits for the leader's fetch on its way instead of fetching too: one fetch for both tabs", async () => {
    // Web Locks that grant the first tab and keep the other queued: one leader, one follower.
    let held = false;
    const locks = {
      request: (_name: string, _options: unknown, callback: () => Promise<void>) => {
        if (held) return new Promise(() => {});
        held = true;
        return callback();
      },
    };
    vi.stubGlobal("navigator", { locks });
    const window = new EventTarget();
    vi.stubGlobal("window", window);
    vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
    let slow = false;
    const fetches: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        fetches.push(slow ? "after sign-in" : "first");
        // The leader's fetch is slow when the server refreshes upstream.
        if (slow) await new Promise((resolve) => setTimeout(resolve, 1200));
        return Response.json(answer());
      }),
    );
    const key = `k-${Math.random()}`;
    const [leader, follower] = [client(key), client(key)];
    const stops = [leader.start(), follower.start()];
    await vi.waitFor(() => expect(leader.getState().leader).toBe(true));
    await vi.waitFor(() => expect(follower.getState().session).toMatchObject({ user: { name: "A" } }));
    expect(follower.getState().leader).toBe(false);
    slow = true;
    const event = Object.assign(new Event("storage"), { key: "nextauth.message", newValue: '{"event":"session"}' });
    window.dispatchEvent(event); // both tabs hear next-auth's broadcast
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(fetches.filter((f) => f === "after sign-in")).toHaveLength(1);
    for (const stop of stops) stop();
  });
});

describe("an injected environment", () => {
  it("runs on the given clock, timers and browser facts, and tells `track` of the client", async () => {
    let now = Date.UTC(2026, 11, 3);
    const timers: Array<{ at: number; callback: () => void }> = [];
    const tracked: unknown[] = [];
    const fetch = vi.fn(async () =>
      Response.json({ ...SESSION, accessTokenExpires: Math.floor(now / 1000) + 60, refetchInSeconds: 30 }),
    );
    vi.stubGlobal("fetch", fetch);
    vi.stubGlobal("window", new EventTarget());
    const session = createSessionClient(undefined, {
      authUrl: "/api/auth",
      basePath: "/api/auth",
      syncKey: "injected",
      refetchOnWindowFocus: () => true,
      refetchWhenOffline: () => false,
      plan: (s, receivedAt, at) => planRefetch(s, at, { receivedAt }),
      environment: {
        now: () => now,
        setTimer(callback, delayMs) {
          const timer = { at: now + delayMs, callback };
          timers.push(timer);
          return () => timers.splice(timers.indexOf(timer), 1);
        },
        track: (state) => {
          tracked.push(state);
          return () => {};
        },
        online: () => true,
        visible: () => true,
        locks: () => undefined,
        channel: () => null,
      },
    });
    const stop = session.start();
    await vi.waitFor(() => expect(session.getState().session).toMatchObject({ user: { name: "A" } }));
    expect(tracked).toHaveLength(1);
    expect(session.getState()).toMatchObject({ leader: true, receivedAt: now });
    // One timer, at the time the server named, on the injected clock.
    expect(timers.map((t) => t.at - now)).toEqual([30_000]);
    now += 30_000;
    timers.shift()?.callback();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    stop();
  });
});
