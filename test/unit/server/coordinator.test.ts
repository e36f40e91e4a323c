import { describe, expect, it } from "vitest";
import {
  createRefreshCoordinator,
  hashRefreshToken,
  MemoryRefreshStore,
  RefreshError,
  type TokenSet,
} from "../../../src/server/index.ts";

const tokens = (n: number): TokenSet => ({ accessToken: `at-${n}`, expiresAt: 1000 * n, refreshToken: `rt-${n}` });
const led = (n: number) => ({ ...tokens(n), shared: false });
const shared = (n: number) => ({ ...tokens(n), shared: true });

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("createRefreshCoordinator", () => {
  it("shares one in-flight refresh between concurrent callers of the same token", async () => {
    const coordinator = createRefreshCoordinator();
    const gate = deferred<TokenSet>();
    let calls = 0;
    const refresh = () => {
      calls += 1;
      return gate.promise;
    };
    const all = Promise.all(Array.from({ length: 10 }, () => coordinator.run("rt-old", refresh)));
    await new Promise((r) => setTimeout(r, 10));
    gate.resolve(tokens(1));
    expect(await all).toEqual([led(1), ...Array(9).fill(shared(1))]);
    expect(calls).toBe(1);
  });

  it("serves a settled success to late callers within the grace period, then refreshes again", async () => {
    let now = 0;
    const coordinator = createRefreshCoordinator({
      store: new MemoryRefreshStore({ now: () => now }),
      graceSeconds: 30,
    });
    let calls = 0;
    const refresh = async () => tokens(++calls);
    expect(await coordinator.run("rt-old", refresh)).toEqual(led(1));
    now = 29_999;
    expect(await coordinator.run("rt-old", refresh)).toEqual(shared(1));
    expect(calls).toBe(1);
    now = 30_000;
    expect(await coordinator.run("rt-old", refresh)).toEqual(led(2));
    expect(calls).toBe(2);
  });

  it("keeps different refresh tokens apart", async () => {
    const coordinator = createRefreshCoordinator();
    const a = await coordinator.run("rt-a", async () => tokens(1));
    const b = await coordinator.run("rt-b", async () => tokens(2));
    expect([a.accessToken, b.accessToken]).toEqual(["at-1", "at-2"]);
  });

  it("keeps a transient failure until its first retry is due (Retry-After or 5 s), then refreshes again", async () => {
    let now = 0;
    const coordinator = createRefreshCoordinator({ now: () => now });
    let calls = 0;
    const failing = async (): Promise<TokenSet> => {
      calls += 1;
      throw new RefreshError("http_5xx", "down", { status: 503, retryAfterSeconds: 8 });
    };
    const burst = await Promise.allSettled([coordinator.run("rt", failing), coordinator.run("rt", failing)]);
    expect(burst.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    now = 7_999; // a late caller with the same token: told to wait, no upstream call
    await expect(coordinator.run("rt", failing)).rejects.toMatchObject({ transient: true, retryAfterSeconds: 1 });
    expect(calls).toBe(1);
    now = 8_000;
    expect(await coordinator.run("rt", async () => tokens(7))).toEqual(led(7));
  });

  it("remembers a terminal failure briefly, so a burst does not replay a dead token", async () => {
    let now = 0;
    const coordinator = createRefreshCoordinator({ store: new MemoryRefreshStore({ now: () => now }) });
    let calls = 0;
    const rejected = async (): Promise<TokenSet> => {
      calls += 1;
      throw new RefreshError("invalid_grant", "invalid_grant", { status: 400 });
    };
    await expect(coordinator.run("rt", rejected)).rejects.toMatchObject({ code: "invalid_grant" });
    await expect(coordinator.run("rt", rejected)).rejects.toMatchObject({ code: "invalid_grant", transient: false });
    expect(calls).toBe(1);
    now = 5_000;
    await expect(coordinator.run("rt", rejected)).rejects.toThrow(RefreshError);
    expect(calls).toBe(2);
  });

  it("keys the store by a SHA-256 of the refresh token, never the token", async () => {
    const keys: string[] = [];
    const values: string[] = [];
    const coordinator = createRefreshCoordinator({
      store: {
        get: () => undefined,
        set: (key, outcome) => {
          keys.push(key);
          values.push(JSON.stringify(outcome));
        },
      },
    });
    await coordinator.run(
      "rt-plain-secret",
      async () => ({ ...tokens(1), raw: { huge: "x".repeat(10_000) } }) as TokenSet,
    );
    expect(keys).toEqual([await hashRefreshToken("rt-plain-secret")]);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[0]).not.toContain("rt-plain-secret");
    expect(values[0]).not.toContain("huge");
  });

  it("rejects invalid options", () => {
    expect(() => createRefreshCoordinator({ graceSeconds: -1 })).toThrow(RangeError);
  });
});

describe("MemoryRefreshStore", () => {
  it("is bounded: the oldest entries go first", () => {
    const store = new MemoryRefreshStore({ maxEntries: 2, now: () => 0 });
    store.set("a", { ok: true, tokens: tokens(1) }, 1000);
    store.set("b", { ok: true, tokens: tokens(2) }, 1000);
    store.set("c", { ok: true, tokens: tokens(3) }, 1000);
    expect(store.size).toBe(2);
    expect(store.get("a")).toBeUndefined();
    expect(store.get("c")).toEqual({ ok: true, tokens: tokens(3) });
  });

  it("sheds no live entry: 40 refreshes a second for a 30 s grace period are all kept", () => {
    let now = 0;
    const store = new MemoryRefreshStore({ now: () => now });
    for (let i = 0; i < 1200; i += 1, now += 25) store.set(`k${i}`, { ok: true, tokens: tokens(i) }, 30_000);
    now -= 25;
    const kept = Array.from({ length: 1200 }, (_, i) => store.get(`k${i}`)).filter(Boolean);
    expect(kept).toHaveLength(1200);
  });

  it("an entry with a long TTL does not hold expired ones behind it", () => {
    let now = 0;
    const store = new MemoryRefreshStore({ now: () => now });
    store.set("long", { ok: true, tokens: tokens(0) }, 3600_000);
    for (let i = 0; i < 20_000; i += 1, now += 10) store.set(`k${i}`, { ok: true, tokens: tokens(i) }, 1000);
    // 100 live (1 s at 100 a second), the long one, and at most as many expired again.
    expect(store.size).toBeLessThanOrEqual(2 * 1024 + 1);
    expect(store.get("long")).toBeDefined();
  });

  it("drops expired entries", () => {
    let now = 0;
    const store = new MemoryRefreshStore({ now: () => now });
    store.set("a", { ok: true, tokens: tokens(1) }, 1000);
    now = 1000;
    store.set("b", { ok: true, tokens: tokens(2) }, 1000);
    expect(store.size).toBe(1);
    expect(store.get("a")).toBeUndefined();
  });
});
