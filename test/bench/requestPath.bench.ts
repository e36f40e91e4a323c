// `npm run bench:request-path`: what the request-path refresh costs a request whose token is not
// due (the common case: one decode, no upstream call, no Set-Cookie), beside next-auth's own
// getToken() on the same request, interleaved so that all see the same machine. The token carries
// an identity provider's session, so the back-channel logout check runs: on the memory store, and
// on a real redis-server (loopback) with and without the one-second trust of a "not ended" answer.
// Prints p50 and p95 per call, the ratios, and Redis commands per request; the goal for the memory
// store is at most 1.2x getToken alone.

import { NextRequest } from "next/server";
import type { AuthOptions } from "next-auth";
import { encode, getToken } from "next-auth/jwt";
import { createClient } from "redis";
import { sessionRefresh } from "../../src/next/index.ts";
import {
  createRedisRefreshStore,
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  type RedisClientLike,
} from "../../src/server/index.ts";
import { startRedisServer } from "../support/redisServer.ts";

const SECRET = "bench-secret-0123456789-0123456789";
const RUNS = 3000;
const WARMUP = 300;
const never = async () => Promise.reject(new Error("not due: never called"));
const optionsWith = (jwt: ReturnType<typeof createRefreshingJwtCallback>): AuthOptions => ({
  secret: SECRET,
  providers: [],
  callbacks: { jwt, session: createSessionCallback() },
});
const now = Date.now();
const cookie = await encode({
  secret: SECRET,
  token: {
    sub: "user-1",
    name: "Ada Lovelace",
    email: "ada@example.test",
    accessToken: `at-${"x".repeat(800)}`,
    accessTokenExpires: now + 3600_000,
    refreshAt: now + 3000_000,
    refreshToken: `rt-${"y".repeat(400)}`,
    signedInAt: now - 60_000,
    idpSession: { iss: "https://idp.example.test/realms/kit", sub: "user-1", sid: "5f0c1d2e-sid" },
  },
});
const request = () =>
  new NextRequest("http://localhost:3000/dashboard", {
    headers: { cookie: `next-auth.session-token=${cookie}; theme=dark` },
  });

const redis = await startRedisServer();
const client = createClient({ url: redis.url });
await client.connect();
let commands = 0;
const counted: RedisClientLike = {
  sendCommand: (args: string[]) => {
    commands++;
    return client.sendCommand(args);
  },
};
const redisProxy = (trustSeconds: number) =>
  sessionRefresh(
    optionsWith(
      createRefreshingJwtCallback({
        refresh: never,
        coordinator: createRefreshCoordinator({ store: createRedisRefreshStore({ client: counted, secret: SECRET }) }),
        sessionEndTrustSeconds: trustSeconds,
      }),
    ),
  );

const kinds = {
  "sessionRefresh (not due, check on, memory store)": sessionRefresh(
    optionsWith(createRefreshingJwtCallback({ refresh: never })),
  ),
  "sessionRefresh (not due, check on, Redis, every request reads)": redisProxy(0),
  "sessionRefresh (not due, check on, Redis, 1 s trust)": redisProxy(1),
  "next-auth getToken alone": async (req: NextRequest) => {
    if (!(await getToken({ req, secret: SECRET }))) throw new Error("getToken found no token");
    return null;
  },
} as const;
type Kind = keyof typeof kinds;
const names = Object.keys(kinds) as Kind[];
const timings = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Kind, number[]>;
const commandsOf = Object.fromEntries(names.map((name) => [name, 0])) as Record<Kind, number>;
for (let i = 0; i < WARMUP + RUNS; i++) {
  // Each round in another order, so that no kind always runs first.
  const order = names.map((_, k) => names[(k + i) % names.length] as Kind);
  for (const kind of order) {
    const req = request();
    const before = commands;
    const started = performance.now();
    const response = await kinds[kind](req);
    if (i >= WARMUP) {
      timings[kind].push(performance.now() - started);
      commandsOf[kind] += commands - before;
    }
    if (response?.headers.get("set-cookie"))
      throw new Error(`${kind}: the bench token was written: it must not be due`);
  }
}
await client.quit();
await redis.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const alone = timings["next-auth getToken alone"];
const rows = names.map((kind) => ({
  what: kind,
  "p50 µs": Math.round(quantile(timings[kind], 0.5) * 1000),
  "p95 µs": Math.round(quantile(timings[kind], 0.95) * 1000),
  "p50 x getToken": (quantile(timings[kind], 0.5) / quantile(alone, 0.5)).toFixed(2),
  "p95 x getToken": (quantile(timings[kind], 0.95) / quantile(alone, 0.95)).toFixed(2),
  "Redis commands / request": (commandsOf[kind] / RUNS).toFixed(3),
}));
console.table(rows);
const memory = rows[0];
if (!memory) throw new Error("no timings");
console.log(
  `request path, not due, memory store: p50 ${memory["p50 x getToken"]}x getToken, p95 ${memory["p95 x getToken"]}x ` +
    `(${RUNS} requests each, cookie ${cookie.length} B)`,
);
