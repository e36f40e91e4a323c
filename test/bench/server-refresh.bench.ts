// K concurrent jwt callbacks carrying the same token at expiry, against a real HTTP token
// endpoint that rotates refresh tokens and rejects reuse. Prints upstream calls and errors for
// the kit and for a callback written the recipe's way (refresh per request). Not a timed test.

import { encode } from "next-auth/jwt";
import { createRefreshingJwtCallback, type RefreshingJwt, refreshAccessToken } from "../../src/server/index.ts";
import { followSession } from "../support/followSession.ts";
import { startTokenServer } from "../support/tokenServer.ts";
import { benchInstances } from "./instances.ts";
import { soak, storeHeap } from "./soak.ts";

const WINDOW_MS = 600_000;
const server = await startTokenServer({ lifetimeSeconds: 3600, delayMs: 20 });
const provider = { tokenEndpoint: server.url, clientId: "bench", clientSecret: "bench-secret" };

// The recipe: refresh inside the window on every request, mark any failure as an error.
async function recipeJwt({ token }: { token: RefreshingJwt }): Promise<RefreshingJwt> {
  if (Date.now() < (token.accessTokenExpires ?? 0) - WINDOW_MS) return token;
  try {
    const result = await refreshAccessToken({ ...provider, refreshToken: token.refreshToken ?? "" });
    return {
      ...token,
      accessToken: result.accessToken,
      accessTokenExpires: result.expiresAt ?? 0,
      refreshToken: result.refreshToken ?? token.refreshToken ?? "",
    };
  } catch {
    return { ...token, error: "RefreshAccessTokenError" };
  }
}

async function burst(k: number, jwt: (p: { token: RefreshingJwt }) => Promise<RefreshingJwt>) {
  server.reset();
  const token: RefreshingJwt = { accessToken: "at", accessTokenExpires: Date.now(), refreshToken: server.issue() };
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: k }, () => jwt({ token: { ...token } })));
  return {
    upstream: server.stats.calls,
    invalidGrant: server.stats.invalidGrant,
    errors: results.filter((t) => t.error).length,
    accessTokens: new Set(results.filter((t) => !t.error).map((t) => t.accessToken)).size,
    ms: Math.round(performance.now() - started),
  };
}

const rows = [];
for (const k of [1, 5, 20, 100]) {
  const kit = await burst(k, createRefreshingJwtCallback({ provider }));
  const recipe = await burst(k, recipeJwt);
  rows.push({
    K: k,
    "kit upstream": kit.upstream,
    "kit errors": kit.errors,
    "kit distinct tokens": kit.accessTokens,
    "kit ms": kit.ms,
    "recipe upstream": recipe.upstream,
    "recipe invalid_grant": recipe.invalidGrant,
    "recipe errors": recipe.errors,
    "recipe ms": recipe.ms,
  });
}
console.log("Concurrent callbacks at expiry (one process):");
console.table(rows);

// `-- --instances 2,4`: the same burst over several processes, with and without the Redis store.
const instancesFlag = process.argv.indexOf("--instances");
if (instancesFlag !== -1) {
  const counts = (process.argv[instancesFlag + 1] ?? "2,4").split(",").map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--instances takes process counts, e.g. 2,4");
  await benchInstances(server, counts);
}
await server.close();

// Lifetime sweep: a browser that fetches when the session says, over a simulated day, against the
// real endpoint. Refreshes per hour against the natural rate (one per lifetime: 3600 / lifetime).
const DAY_MS = 86_400_000;
const sweep = [];
for (const lifetime of [30, 300, 3600, 86_400]) {
  const result = await followSession(lifetime, DAY_MS);
  const perHour = result.refreshes / 24;
  const natural = 3600 / lifetime;
  sweep.push({
    "lifetime s": lifetime,
    refreshes: result.refreshes,
    "refreshes/h": Number(perHour.toFixed(3)),
    "natural/h": Number(natural.toFixed(3)),
    ratio: Number((perHour / natural).toFixed(2)),
    "session fetches": result.sessionFetches,
    errors: result.errors,
    invalid_grant: result.invalidGrant,
  });
}
console.log("Lifetime sweep, one simulated day (ratio must stay <= 1.5):");
console.table(sweep);

// The session cookie with 1.5 KB tokens: next-auth's own JWE encoding, as the browser stores it.
const big = (prefix: string) => `${prefix}${"x".repeat(1536 - prefix.length)}`;
const base = { sub: "user-1", name: "Ada Lovelace", email: "ada@example.test", picture: null };
const kitToken = {
  ...base,
  accessToken: big("at-"),
  accessTokenExpires: Date.now() + 3_600_000,
  refreshAt: Date.now() + 3_000_000,
  refreshToken: big("rt-"),
};
const withUserCopy = {
  ...kitToken,
  user: { id: "user-1", name: "Ada Lovelace", email: "ada@example.test", image: null },
};
const secret = "bench-secret-0123456789-0123456789";
const size = async (token: Record<string, unknown>) => (await encode({ token, secret })).length;
console.log("Session cookie value, 1.5 KB access and refresh tokens (next-auth chunks above ~4 KB):");
console.table([
  { token: "kit (no user copy)", bytes: await size(kitToken) },
  { token: "with the former user copy", bytes: await size(withUserCopy) },
]);

// The memory store's heap for 100,000 live grace entries, then the soak: 10,000 sessions with
// 5-minute tokens through one simulated day (`--soak-sessions N`, `--soak-hours H` to shorten it;
// the full day makes some 3.8 million real HTTP refreshes, half an hour or more on 2 cores).
const flag = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`${name} takes a positive number`);
  return value;
};
console.log("The memory store, 100,000 live entries:");
console.table([storeHeap(100_000)]);
const soakSessions = flag("--soak-sessions", 10_000);
const soakHours = flag("--soak-hours", 24);
console.log(
  `Soak: ${soakSessions} sessions, 5-minute tokens, ${soakHours} simulated hours (heap must not grow after the first hour):`,
);
const soaked = await soak({ sessions: soakSessions, hours: soakHours });
const { "heap MB": heap, "store entries": entries, ...figures } = soaked;
console.table([figures]);
console.table([
  { "": "heap MB", ...heap },
  { "": "store entries", ...entries },
]);
