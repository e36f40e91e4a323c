// `npm run bench:server -- --instances 2,4`: K concurrent jwt callbacks at expiry, all carrying the
// same refresh token, spread over P processes, against the real rotating, reuse-detecting token
// endpoint, with and without the Redis store (a real redis-server on loopback). Prints upstream
// calls, invalid_grant, the callers' latency, and Redis round trips per refresh. Not a timed test.
import { refreshAccessToken } from "../../src/server/index.ts";
import { startRedisServer } from "../support/redisServer.ts";
import type { TokenServer } from "../support/tokenServer.ts";
import { startWorkers } from "../support/workers.ts";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function benchInstances(server: TokenServer, processCounts: number[]) {
  const redis = await startRedisServer();
  // The grant's own latency, for comparison: one refresh with no contention, median of 9.
  const grant: number[] = [];
  for (let i = 0; i < 9; i += 1) {
    const started = performance.now();
    await refreshAccessToken({
      tokenEndpoint: server.url,
      clientId: "bench",
      clientSecret: "x",
      refreshToken: server.issue(),
    });
    grant.push(performance.now() - started);
  }
  const grantMs = percentile(grant, 50);
  const rows = [];
  try {
    for (const processes of processCounts) {
      for (const withRedis of [true, false]) {
        const workers = await startWorkers(processes, {
          tokenUrl: server.url,
          ...(withRedis ? { redisUrl: redis.url, client: "node-redis" as const } : {}),
        });
        try {
          for (const k of [1, 5, 20, 100]) {
            server.reset();
            const token = {
              sub: "u",
              accessToken: "at",
              accessTokenExpires: Date.now() - 1000,
              refreshToken: server.issue(),
            };
            const share = (i: number) => Math.floor(k / processes) + (i < k % processes ? 1 : 0);
            const runs = await Promise.all(workers.map((w, i) => (share(i) > 0 ? w.run(token, share(i)) : null)));
            const results = runs.flatMap((r) => r?.results ?? []);
            const ms = results.map((r) => r.ms);
            const commands = runs.reduce((sum, r) => sum + (r?.redisCommands ?? 0), 0);
            rows.push({
              processes,
              store: withRedis ? "redis" : "memory",
              K: k,
              upstream: server.stats.calls,
              invalid_grant: server.stats.invalidGrant,
              "signed out": results.filter((r) => r.error).length,
              "p50 ms": Math.round(percentile(ms, 50)),
              "p95 ms": Math.round(percentile(ms, 95)),
              "p95 - grant ms": Math.round(percentile(ms, 95) - grantMs),
              "redis cmds / refresh": withRedis
                ? Number((commands / Math.max(1, server.stats.refreshed)).toFixed(1))
                : "-",
            });
          }
        } finally {
          await Promise.all(workers.map((w) => w.exit()));
        }
      }
    }
  } finally {
    await redis.close();
  }
  console.log(
    `Several instances: K callbacks at expiry over P processes (the grant alone: ${Math.round(grantMs)} ms, p50):`,
  );
  console.table(rows);
}
