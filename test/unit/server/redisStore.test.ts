// The Redis store on a real redis-server (started and stopped here), against the real rotating,
// reuse-detecting token endpoint, from several processes: one refresh per refresh token across
// instances, encrypted values, a crashed holder, and Redis going away and coming back.
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisRefreshStore,
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  hashRefreshToken,
  type RedisClientLike,
  type RefreshFailureEvent,
  type RefreshingJwt,
} from "../../../src/server/index.ts";
import { type RedisServer, startRedisServer } from "../../support/redisServer.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";
import { startWorkers, type Worker } from "../../support/workers.ts";

const SECRET = "test-store-secret-0123456789";
let redis: RedisServer;
let server: TokenServer;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  [redis, server] = await Promise.all([startRedisServer(), startTokenServer({ lifetimeSeconds: 3600, delayMs: 50 })]);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  server.rotating();
  server.reset();
  if (!(await ping())) await redis.start();
});
afterAll(async () => {
  await server?.close();
  await redis?.close();
});

async function ping(): Promise<boolean> {
  const client = createClient({ url: redis.url, socket: { reconnectStrategy: false } });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.quit();
    return true;
  } catch {
    return false;
  }
}

/** A connected client (node-redis, ioredis, or node-redis seen through eval only), closed after the test. */
async function connect(
  kind: "node-redis" | "ioredis" | "eval",
): Promise<RedisClientLike & { raw: (args: string[]) => Promise<unknown> }> {
  if (kind === "ioredis") {
    const io = new Redis(redis.url);
    io.on("error", () => {});
    cleanups.push(async () => void io.disconnect());
    return { call: (c: string, ...a: string[]) => io.call(c, ...a), raw: ([c, ...a]) => io.call(c as string, ...a) };
  }
  const client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
  cleanups.push(async () => void (await client.quit().catch(() => client.destroy())));
  if (kind === "eval") {
    // Only `eval`, as an HTTP client such as @upstash/redis offers it.
    return {
      eval: (script: string, keys: string[], args: string[]) =>
        client.sendCommand(["EVAL", script, String(keys.length), ...keys, ...args]),
      raw: (args) => client.sendCommand(args),
    };
  }
  return { sendCommand: (args: string[]) => client.sendCommand(args), raw: (args) => client.sendCommand(args) };
}

async function workers(count: number, init: Parameters<typeof startWorkers>[1]): Promise<Worker[]> {
  const started = await startWorkers(count, init);
  cleanups.push(async () => void (await Promise.all(started.map((w) => w.exit()))));
  return started;
}

const expired = (refreshToken: string): RefreshingJwt => ({
  sub: "u1",
  accessToken: "at-old",
  accessTokenExpires: Date.now() - 1000,
  refreshToken,
});

// Forking worker processes takes a few seconds on a loaded 2-core machine (the whole suite runs at once).
const SLOW = { timeout: 30_000 };

describe.each(["node-redis", "ioredis", "eval"] as const)("createRedisRefreshStore with %s", SLOW, (kind) => {
  it("4 processes x 5 concurrent callbacks at expiry: 1 upstream call, 0 invalid_grant, one new access token", async () => {
    const instances = await workers(4, { tokenUrl: server.url, redisUrl: redis.url, client: kind });
    const token = expired(server.issue());
    const runs = await Promise.all(instances.map((w) => w.run(token, 5)));
    const results = runs.flatMap((r) => r.results);
    expect(server.stats).toMatchObject({ calls: 1, refreshed: 1, invalidGrant: 0 });
    expect(results.every((r) => r.error === undefined && r.failures === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
  });

  it("stores results encrypted: a raw GET shows no token, keys are hashes", async () => {
    const client = await connect(kind);
    const jwt = createRefreshingJwtCallback({
      provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
      coordinator: createRefreshCoordinator({ store: createRedisRefreshStore({ client, secret: SECRET }) }),
    });
    const rt = server.issue();
    const next = await jwt({ token: expired(rt) });
    const key = `narkit:result:${await hashRefreshToken(rt)}`;
    const raw = String(await client.raw(["GET", key]));
    expect(raw.length).toBeGreaterThan(40);
    for (const secret of [rt, rt.slice(0, 8), next.accessToken ?? "?", next.refreshToken ?? "?", "at-", "rt-"]) {
      expect(raw).not.toContain(secret);
    }
    expect(Number(await client.raw(["PTTL", key]))).toBeGreaterThan(25_000);
    const keys = (await client.raw(["KEYS", "narkit:*"])) as string[];
    for (const k of keys) expect(k).toMatch(/^narkit:(result|lock):[0-9a-f]{64}$/);
  });

  it("back-channel logout: an ended session seen by every instance, a jti taken once, hashed keys with the session's TTL", async () => {
    const client = await connect(kind);
    const prefix = `bcl-${kind}:`;
    const instance = () =>
      createRefreshingJwtCallback({
        provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
        coordinator: createRefreshCoordinator({ store: createRedisRefreshStore({ client, secret: SECRET, prefix }) }),
        sessionEndTrustSeconds: 0,
      });
    const [a, b] = [instance(), instance()];
    const iss = "https://idp.example";
    const signedInAt = Date.now() - 1000;
    const session = (sub: string, sid: string) => ({
      ...expired(server.issue()),
      accessTokenExpires: Date.now() + 3600_000,
      refreshAt: Date.now() + 3000_000,
      idpSession: { iss, sub, sid },
      signedInAt,
    });
    const store = a.sessionEnds.store;
    expect(await store?.claimOnce(`jti ${iss} j-1`, 60_000)).toBe(true);
    expect(await b.sessionEnds.store?.claimOnce(`jti ${iss} j-1`, 60_000)).toBe(false);
    await store?.endSession(`sid ${iss} sid-1`, Date.now(), 60_000);

    const ended = await b({ token: session("user-1", "sid-1") });
    expect(ended).toMatchObject({ error: "RefreshAccessTokenError" });
    expect(ended.accessToken).toBeUndefined();
    expect((await b({ token: session("user-1", "sid-2") })).error).toBeUndefined();
    expect((await a({ token: session("user-2", "sid-1x") })).error).toBeUndefined();

    const keys = (await client.raw(["KEYS", `${prefix}*`])) as string[];
    expect(keys.length).toBe(2);
    for (const k of keys) expect(k).toMatch(new RegExp(`^${prefix}(ended|claimed):[0-9a-f]{64}$`));
    const endedKey = keys.find((k) => k.includes(":ended:")) ?? "";
    expect(Number(await client.raw(["PTTL", endedKey]))).toBeGreaterThan(50_000);
  });
});

describe("failure modes", SLOW, () => {
  it("without the Redis store, the same burst over 4 processes makes more than 1 upstream call (the test can tell)", async () => {
    const instances = await workers(4, { tokenUrl: server.url });
    const token = expired(server.issue());
    await Promise.all(instances.map((w) => w.run(token, 5)));
    expect(server.stats.calls).toBeGreaterThan(1);
    expect(server.stats.invalidGrant).toBeGreaterThan(0);
  });

  it("a holder that crashes mid-refresh releases the lock on expiry: the next caller refreshes", async () => {
    const [holder] = await workers(1, { tokenUrl: server.url, redisUrl: redis.url, mode: "hang", lockSeconds: 1 });
    const client = await connect("node-redis");
    const rt = server.issue();
    void holder?.run(expired(rt), 1).catch(() => {});
    const lockKey = `narkit:lock:${await hashRefreshToken(rt)}`;
    while ((await client.raw(["EXISTS", lockKey])) !== 1) await new Promise((r) => setTimeout(r, 20));
    holder?.process.kill("SIGKILL");
    const jwt = createRefreshingJwtCallback({
      provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
      coordinator: createRefreshCoordinator({
        store: createRedisRefreshStore({ client, secret: SECRET }),
        lockSeconds: 1,
      }),
    });
    const next = await jwt({ token: expired(rt) });
    expect(next.error).toBeUndefined();
    expect(next.refreshFailures).toBeUndefined();
    expect(server.stats).toMatchObject({ refreshed: 1, invalidGrant: 0 });
  });

  it("Redis stopped: the ended-session check fails open within its bound, is reported, and is not asked again for a while", async () => {
    // A client of its own, destroyed at the end: its abandoned read waits in its offline queue.
    const client = createClient({ url: redis.url });
    client.on("error", () => {});
    await client.connect();
    cleanups.push(async () => void client.destroy());
    const errors: RefreshFailureEvent[] = [];
    const jwt = createRefreshingJwtCallback({
      provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
      coordinator: createRefreshCoordinator({ store: createRedisRefreshStore({ client, secret: SECRET }) }),
      onError: (e) => errors.push(e),
    });
    const token = {
      ...expired(server.issue()),
      accessTokenExpires: Date.now() + 3600_000,
      refreshAt: Date.now() + 3000_000,
      idpSession: { iss: "https://idp.example", sub: "user-1", sid: "sid-1" },
      signedInAt: Date.now(),
    };
    await redis.stop();
    const started = performance.now();
    expect((await jwt({ token })).error).toBeUndefined();
    const first = performance.now() - started;
    const again = performance.now();
    expect((await jwt({ token })).error).toBeUndefined();
    const second = performance.now() - again;
    expect(first).toBeLessThan(1000);
    expect(second).toBeLessThan(50);
    expect(errors).toMatchObject([{ code: "store_unavailable", outcome: "continued" }]);
    expect(server.stats.calls).toBe(0);
  });

  it("Redis stopped: no hang, no upstream call, tokens kept as a transient failure; Redis back: refreshes resume without a restart", async () => {
    const client = await connect("node-redis");
    const errors: RefreshFailureEvent[] = [];
    let now = Date.now();
    const jwt = createRefreshingJwtCallback({
      provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
      coordinator: createRefreshCoordinator({
        store: createRedisRefreshStore({ client, secret: SECRET }),
        storeTimeoutSeconds: 0.3,
        now: () => now,
      }),
      onError: (e) => errors.push(e),
      now: () => now,
    });
    await redis.stop();
    const rt = server.issue();
    const started = performance.now();
    const during = await jwt({ token: { ...expired(rt), accessTokenExpires: now - 1000 } });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(during).toMatchObject({ refreshToken: rt, refreshFailures: 1 });
    expect(during.error).toBeUndefined();
    expect(server.stats.calls).toBe(0);
    expect(errors).toMatchObject([{ code: "store_unavailable", transient: true, outcome: "retry" }]);

    await redis.start();
    now = (during.refreshRetryAt ?? now) + 1;
    // node-redis reconnects on its own; the first call after the restart may still find it reconnecting.
    let after = await jwt({ token: during });
    for (let i = 0; i < 20 && after.refreshFailures !== undefined; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      now = (after.refreshRetryAt ?? now) + 1;
      after = await jwt({ token: after });
    }
    expect(after.refreshFailures).toBeUndefined();
    expect(after.accessToken).not.toBe("at-old");
    expect(server.stats).toMatchObject({ refreshed: 1, invalidGrant: 0 });
  });
});
