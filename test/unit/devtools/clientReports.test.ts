// The session client's reports to the devtools (development builds): why each fetch started, and
// each failure's code, with real HTTP and fake timers only for time.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { planRefetch } from "../../../src/core/planRefetch.ts";
import { failureCode, type InspectedEvent } from "../../../src/react/inspector.ts";
import { createSessionClient } from "../../../src/react/sessionClient.ts";

let status = 200;
let hang = false;
let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((_request, response) => {
    if (hang) return;
    const session = {
      user: { name: "A" },
      accessTokenExpires: Math.floor(Date.now() / 1000) + 60,
      refetchInSeconds: 30,
    };
    response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(session));
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
  status = 200;
  hang = false;
});

/** A page: the globals a session client listens on. */
function stubPage() {
  const window = new EventTarget();
  vi.stubGlobal("window", window);
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "visible" }));
  return window;
}

/** A started client on `authUrl` (this test's server by default), and what it reported. */
async function reportingClient(authUrl = `${base}/api/auth`, window = stubPage()) {
  const reports: InspectedEvent[] = [];
  const listener = (event: InspectedEvent) => reports.push(event);
  const client = createSessionClient(undefined, {
    authUrl,
    basePath: "/api/auth",
    syncKey: `k-${Math.random()}`,
    refetchOnWindowFocus: () => true,
    refetchWhenOffline: () => false,
    plan: (session, receivedAt, now) => planRefetch(session, now, { receivedAt }),
  });
  const inspector = client.inspector;
  if (!inspector) throw new Error("a development build's client has an inspector");
  inspector.listeners.add(listener);
  const stop = client.start();
  const settle = async () => {
    for (let i = 0; i < 20 && client.getState().fetching; i++) await new Promise((r) => setTimeout(r, 25));
  };
  const done = () => {
    stop();
    inspector.listeners.delete(listener);
  };
  return { client, inspector, window, reports, settle, done };
}

describe("the session client tells the devtools why it fetched", () => {
  it("start, focus, online, update, the devtools' fetch now, then a failure's code and the retry", async () => {
    const { client, inspector, window, reports, settle, done } = await reportingClient();
    await new Promise((r) => setTimeout(r, 0));
    await settle();
    expect(reports).toEqual([{ type: "fetch", reason: "start" }]);

    // Shown after 5 s: a focus fetch (the focus dedupe is 5 s).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6_000 });
    window.dispatchEvent(new Event("visibilitychange"));
    await settle();
    expect(reports.at(-1)).toEqual({ type: "fetch", reason: "focus" });

    await client.update({ theme: "dark" });
    expect(reports.at(-1)).toEqual({ type: "fetch", reason: "update" });

    status = 503;
    inspector.fetchNow();
    await settle();
    expect(reports.slice(-2)).toEqual([
      { type: "fetch", reason: "devtools" },
      { type: "failed", code: "HTTP 503" },
    ]);
    expect(client.getState().failures).toBe(1);

    // Back online with a failure on record: the leader catches up at once.
    status = 200;
    window.dispatchEvent(new Event("online"));
    await settle();
    expect(reports.slice(-1)).toEqual([{ type: "fetch", reason: "online" }]);
    done();
    // A stopped client's fetch now does nothing.
    inspector.fetchNow();
    await settle();
    expect(reports.at(-1)).toEqual({ type: "fetch", reason: "online" });
  });

  it("the retry after a failure, and a fetch that times out", async () => {
    hang = true;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { reports, done } = await reportingClient();
    await vi.advanceTimersByTimeAsync(10_000); // the fetch timeout
    expect(reports).toEqual([
      { type: "fetch", reason: "start" },
      { type: "failed", code: "timeout" },
    ]);
    hang = false;
    await vi.advanceTimersByTimeAsync(5_000); // the first retry's delay
    expect(reports[2]).toEqual({ type: "fetch", reason: "retry" });
    done();
  });

  it("a stopped client's late failure is no one's news", async () => {
    hang = true;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { reports, inspector, done } = await reportingClient();
    await vi.advanceTimersByTimeAsync(0);
    done(); // a story or a page that unmounts its provider while a fetch hangs
    const late: InspectedEvent[] = [];
    const listener = (event: InspectedEvent) => late.push(event);
    inspector.listeners.add(listener);
    await vi.advanceTimersByTimeAsync(10_000);
    inspector.listeners.delete(listener);
    expect(reports).toEqual([{ type: "fetch", reason: "start" }]);
    expect(late).toEqual([]);
  });

  it("the codes: a network error and an answer that is not a session", async () => {
    const { fetchSession } = await import("../../../src/react/fetchSession.ts");
    const codes: string[] = [];
    await fetchSession("http://127.0.0.1:1/api/auth/session", undefined, (code) => codes.push(code));
    vi.stubGlobal("fetch", async () => Response.json([1, 2]));
    await fetchSession("/api/auth/session", undefined, (code) => codes.push(code));
    expect(codes).toEqual(["network", "not a session"]);
    expect(failureCode(new DOMException("", "AbortError"))).toBe("timeout");
  });

  it("two clients on one page: each one's reasons and failures are its own", async () => {
    // Two providers with different basePaths: one on this test's server, which answers 503, one
    // on a port where nothing listens. Both fail in the same turn of the event loop.
    status = 503;
    const window = stubPage();
    const a = await reportingClient(`${base}/api/auth`, window);
    const b = await reportingClient("http://127.0.0.1:1/other/auth", window);
    await new Promise((r) => setTimeout(r, 0));
    await Promise.all([a.settle(), b.settle()]);
    expect(a.reports).toEqual([
      { type: "fetch", reason: "start" },
      { type: "failed", code: "HTTP 503" },
    ]);
    expect(b.reports).toEqual([
      { type: "fetch", reason: "start" },
      { type: "failed", code: "network" },
    ]);
    // One client's fetch now fetches that client alone.
    status = 200;
    a.inspector.fetchNow();
    await a.settle();
    expect(a.reports.at(-1)).toEqual({ type: "fetch", reason: "devtools" });
    expect(b.reports).toHaveLength(2);
    a.done();
    b.done();
  });
});
