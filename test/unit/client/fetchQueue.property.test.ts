// The session client's one fetch queue, driven by random interleavings of what makes it fetch
// (its schedule, focus, online, a sign-in/out elsewhere, update()) against a fake server with
// random latencies: the session shown only ever moves to an answer issued later, the last
// answer issued is the one that stays, and update() resolves to its own POST's answer.
import fc from "fast-check";
import type { Session } from "next-auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { planRefetch } from "../../../src/core/planRefetch.ts";
import { createSessionClient } from "../../../src/react/sessionClient.ts";

type Action =
  | { kind: "wait"; ms: number }
  | { kind: "focus" }
  | { kind: "online" }
  | { kind: "auth" }
  | { kind: "update" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 8000 }) }),
  fc.constant({ kind: "focus" as const }),
  fc.constant({ kind: "online" as const }),
  fc.constant({ kind: "auth" as const }),
  fc.constant({ kind: "update" as const }),
);

/** A next-auth session route with a version that each update() bumps; every answer says which request it is. */
function fakeServer(latencies: number[]) {
  let issued = 0;
  let version = 0;
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const index = issued++;
    const latency = latencies[index % latencies.length] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, latency));
    if (url.endsWith("/csrf")) return Response.json({ csrfToken: "csrf" });
    if (init?.method === "POST") version += 1;
    const session = {
      user: { name: `v${version}` },
      expires: "2099-01-01T00:00:00.000Z",
      issued: index,
      accessTokenExpires: Math.floor(Date.now() / 1000) + 60,
      refetchInSeconds: 30,
    };
    return Response.json(session);
  });
  return { fetch };
}

let restore: Array<() => void> = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  const window = new EventTarget();
  vi.stubGlobal("window", window);
  restore = [() => vi.unstubAllGlobals()];
});
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  vi.useRealTimers();
});

async function play(actions: Action[], latencies: number[]) {
  const server = fakeServer(latencies);
  vi.stubGlobal("fetch", server.fetch);
  const client = createSessionClient(undefined, {
    authUrl: "/api/auth",
    basePath: "/api/auth",
    syncKey: `queue-${Math.random()}`,
    refetchOnWindowFocus: () => true,
    refetchWhenOffline: () => false,
    plan: (session, receivedAt, now) => planRefetch(session, now, { receivedAt }),
  });
  const shown: number[] = [];
  client.subscribe(() => {
    const session = client.getState().session as (Session & { issued?: number }) | null | undefined;
    if (typeof session?.issued === "number" && shown.at(-1) !== session.issued) shown.push(session.issued);
  });
  const stop = client.start();
  const updates: Array<Promise<{ result: Session | null; issuedBefore: number }>> = [];
  try {
    await vi.advanceTimersByTimeAsync(0);
    for (const step of actions) {
      if (step.kind === "wait") await vi.advanceTimersByTimeAsync(step.ms);
      else if (step.kind === "focus") window.dispatchEvent(new Event("visibilitychange"));
      else if (step.kind === "online") window.dispatchEvent(new Event("online"));
      else if (step.kind === "auth") {
        const event = new Event("storage") as StorageEvent;
        Object.assign(event, { key: "nextauth.message", newValue: '{"event":"session"}' });
        window.dispatchEvent(event);
      } else {
        const issuedBefore = server.fetch.mock.calls.length;
        updates.push(client.update({ n: updates.length }).then((result) => ({ result, issuedBefore })));
      }
      await vi.advanceTimersByTimeAsync(1);
    }
    // Let everything queued settle (each request answers within a second).
    await vi.advanceTimersByTimeAsync(20_000);
    const settled = await Promise.all(updates);
    return { shown, settled, calls: server.fetch.mock.calls.length };
  } finally {
    stop();
  }
}

describe("the session client's fetch queue", () => {
  it("10,000 random interleavings: the session shown only moves to later-issued answers, and update() gets its own", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 8 }),
        async (actions, latencies) => {
          const { shown, settled } = await play(actions, latencies);
          // Never back to an answer issued before the one shown.
          for (let i = 1; i < shown.length; i += 1) expect(shown[i]).toBeGreaterThan(shown[i - 1] as number);
          for (const { result, issuedBefore } of settled) {
            const session = result as (Session & { issued: number }) | null;
            // update()'s answer is its own POST: issued after everything before it was asked for.
            if (session) expect(session.issued).toBeGreaterThanOrEqual(issuedBefore);
          }
        },
      ),
      { numRuns: 10_000 },
    );
  }, 300_000);
});
