// `npm run bench:request-path`: what the request-path refresh costs a request whose token is not
// due (the common case: one decode, no upstream call, no Set-Cookie), beside next-auth's own
// getToken() on the same request, interleaved so both see the same machine. Prints p50 and p95
// per call and the ratio; the goal is at most 1.2x getToken alone.

import { NextRequest } from "next/server";
import type { AuthOptions } from "next-auth";
import { encode, getToken } from "next-auth/jwt";
import { sessionRefresh } from "../../src/next/index.ts";
import { createRefreshingJwtCallback, createSessionCallback } from "../../src/server/index.ts";

const SECRET = "bench-secret-0123456789-0123456789";
const RUNS = 3000;
const WARMUP = 300;
const authOptions: AuthOptions = {
  secret: SECRET,
  providers: [],
  callbacks: {
    jwt: createRefreshingJwtCallback({ refresh: async () => Promise.reject(new Error("not due: never called")) }),
    session: createSessionCallback(),
  },
};
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
  },
});
const request = () =>
  new NextRequest("http://localhost:3000/dashboard", {
    headers: { cookie: `next-auth.session-token=${cookie}; theme=dark` },
  });
const refresh = sessionRefresh(authOptions);

const timings = { proxy: [] as number[], getToken: [] as number[] };
for (let i = 0; i < WARMUP + RUNS; i++) {
  for (const kind of i % 2 === 0 ? (["proxy", "getToken"] as const) : (["getToken", "proxy"] as const)) {
    const req = request();
    const started = performance.now();
    if (kind === "proxy") {
      const response = await refresh(req);
      if (response.headers.get("set-cookie")) throw new Error("the bench token was refreshed: it must not be due");
    } else {
      const token = await getToken({ req, secret: SECRET });
      if (!token) throw new Error("getToken found no token");
    }
    if (i >= WARMUP) timings[kind].push(performance.now() - started);
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const rows = (["proxy", "getToken"] as const).map((kind) => ({
  what: kind === "proxy" ? "sessionRefresh (not due)" : "next-auth getToken alone",
  "p50 µs": Math.round(quantile(timings[kind], 0.5) * 1000),
  "p95 µs": Math.round(quantile(timings[kind], 0.95) * 1000),
}));
console.table(rows);
const [proxy, alone] = rows;
if (!proxy || !alone) throw new Error("no timings");
console.log(
  `request path, not due: p50 ${(proxy["p50 µs"] / alone["p50 µs"]).toFixed(2)}x getToken, ` +
    `p95 ${(proxy["p95 µs"] / alone["p95 µs"]).toFixed(2)}x (${RUNS} requests each, cookie ${cookie.length} B)`,
);
