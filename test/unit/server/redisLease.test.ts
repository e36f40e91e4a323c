// The Redis lock on a real redis-server: it cannot lapse under a holder that is still working (a
// slow discovery and a slow grant, from 4 processes), a result the store refused is never given
// away to a waiter by a released lock, and the store's faults are told in both modes.
import { createClient } from "redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisRefreshStore,
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  type RefreshingJwt,
  type RefreshStore,
} from "../../../src/server/index.ts";
import { type RedisServer, startRedisServer } from "../../support/redisServer.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";
import { startWorkers, type Worker } from "../../support/workers.ts";

const SECRET = "test-store-secret-0123456789";
let redis: RedisServer;
const cleanups: (() => Promise<void>)[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(async () => {
  await redis?.close();
});

async function tokenServer(options: Parameters<typeof startTokenServer>[0]): Promise<TokenServer> {
  const server = await startTokenServer(options);
  cleanups.push(() => server.close());
  return server;
}

async function redisClient() {
  const client = createClient({ url: redis.url });
  client.on("error", () => {});
  await client.connect();
  cleanups.push(async () => void (await client.quit().catch(() => client.destroy())));
  return client;
}

const expired = (refreshToken: string): RefreshingJwt => ({
  sub: "u1",
  accessToken: "at-old",
  accessTokenExpires: Date.now() - 1000,
  refreshToken,
});

describe("the lock's lease", { timeout: 90_000 }, () => {
  it("4 processes, discovery 8 s and grant 9 s (longer than the 15 s lease together): 1 grant per rotation, 0 invalid_grant", async () => {
    const server = await tokenServer({ lifetimeSeconds: 3600, delayMs: 9000, discoveryDelayMs: 8000 });
    const started: Worker[] = await startWorkers(4, {
      tokenUrl: server.url,
      wellKnown: server.wellKnown,
      redisUrl: redis.url,
    });
    cleanups.push(async () => void (await Promise.all(started.map((w) => w.exit()))));
    let token = expired(server.issue());
    const rotations: string[] = [];
    for (let rotation = 1; rotation <= 2; rotation += 1) {
      const before = { ...server.stats };
      const runs = await Promise.all(started.map((w) => w.run(token, 3)));
      const results = runs.flatMap((r) => r.results);
      rotations.push(
        `rotation ${rotation}: ${server.stats.refreshed - before.refreshed} grant(s), ` +
          `${server.stats.invalidGrant - before.invalidGrant} invalid_grant, ` +
          `${results.filter((r) => r.error || r.failures).length} of ${results.length} callers failed`,
      );
      expect(server.stats.refreshed - before.refreshed).toBe(1);
      expect(server.stats.invalidGrant - before.invalidGrant).toBe(0);
      expect(results.every((r) => r.error === undefined && r.failures === undefined)).toBe(true);
      expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
      // The next rotation starts from the new cookie's tokens, expired again.
      token = expired(results[0]?.refreshToken as string);
    }
    console.info(rotations.join("; "));
  });
});

describe("a result the store refused", { timeout: 30_000 }, () => {
  it("the holder keeps the lock and stores it again: the waiting instance gets it, and replays nothing", async () => {
    const server = await tokenServer({ lifetimeSeconds: 3600, delayMs: 300 });
    const client = await redisClient();
    const redisStore = createRedisRefreshStore({ client, secret: SECRET });
    // The holder's store fails its first SET (Redis blinked between the grant and the write).
    let failNextSet = true;
    const blinking: RefreshStore = {
      get: (key) => redisStore.get(key),
      lock: (key, ttlMs) => redisStore.lock?.(key, ttlMs) ?? Promise.resolve(null),
      set: (key, outcome, ttlMs) => {
        if (failNextSet) {
          failNextSet = false;
          return Promise.reject(new Error("connection reset"));
        }
        return redisStore.set(key, outcome, ttlMs);
      },
    };
    const storeErrors: unknown[] = [];
    const instance = (store: RefreshStore) =>
      createRefreshingJwtCallback({
        provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
        coordinator: createRefreshCoordinator({ store, lockSeconds: 1, onStoreError: (e) => storeErrors.push(e) }),
      });
    const token = expired(server.issue());
    const holding = instance(blinking)({ token: { ...token } });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the holder has the lock
    const waiting = instance(redisStore)({ token: { ...token } });
    const [held, waited] = await Promise.all([holding, waiting]);
    expect(held.error).toBeUndefined();
    expect(waited).toMatchObject({ accessToken: held.accessToken, refreshToken: held.refreshToken });
    expect(server.stats).toMatchObject({ refreshed: 1, invalidGrant: 0 });
    expect(storeErrors).toHaveLength(1);
  });
});

describe("onStoreError", () => {
  it("is told in retry-later mode (a locking store) too, and the refresh fails as store_unavailable", async () => {
    const told: unknown[] = [];
    const down: RefreshStore = {
      get: () => Promise.reject(new Error("ECONNREFUSED")),
      set: () => Promise.reject(new Error("ECONNREFUSED")),
      lock: () => Promise.reject(new Error("ECONNREFUSED")),
    };
    const coordinator = createRefreshCoordinator({ store: down, onStoreError: (e) => told.push(e) });
    const error = await coordinator.run("rt-1", async () => ({ accessToken: "at", expiresAt: null })).catch((e) => e);
    expect(error).toMatchObject({ code: "store_unavailable" });
    expect(told.map(String)).toEqual(["Error: ECONNREFUSED"]);
  });
});

describe("a lock taken after its caller gave up (a client that queued the command while Redis was away)", () => {
  it("is released as soon as it is taken", async () => {
    let release = 0;
    const late: RefreshStore = {
      get: () => undefined,
      set: () => {},
      // Answers after the coordinator's 100 ms store timeout, with the lock taken.
      lock: () =>
        new Promise((resolve) =>
          setTimeout(
            () =>
              resolve(async () => {
                release += 1;
              }),
            300,
          ),
        ),
    };
    const coordinator = createRefreshCoordinator({ store: late, storeTimeoutSeconds: 0.1 });
    const error = await coordinator
      .run("rt-late", async () => ({ accessToken: "at", expiresAt: null }))
      .catch((e) => e);
    expect(error).toMatchObject({ code: "store_unavailable" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(release).toBe(1);
  });
});
