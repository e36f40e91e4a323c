// The soak run of `npm run bench:server`: N sessions with short tokens through one simulated day,
// through the real jwt and session callbacks and the default coordinator (memory store) against
// the local rotating, reuse-detecting token endpoint. Every session fetches when its session says
// (as the kit's client does), and every tenth refresh is followed by a late request still
// carrying the old cookie (another tab). Prints upstream calls per rotation, invalid_grant and the
// heap after a full GC at the start, after the first hour, at mid-day and at the end.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  MemoryRefreshStore,
  type RefreshingJwt,
} from "../../src/server/index.ts";
import { startTokenServerProcess } from "../support/tokenServerProcess.ts";

setFlagsFromString("--expose_gc");
const gc = runInNewContext("gc") as () => void;
const heapMb = () => {
  gc();
  gc();
  return Number((process.memoryUsage().heapUsed / 1048576).toFixed(1));
};

export async function soak({ sessions = 10_000, hours = 24, lifetimeSeconds = 300, concurrency = 128 } = {}) {
  const server = await startTokenServerProcess(lifetimeSeconds);
  const start = Date.UTC(2026, 11, 3);
  let now = start;
  const clock = () => now;
  // The coordinator the callback would make for itself, made here so its store can be counted.
  const store = new MemoryRefreshStore({ now: clock });
  const jwt = createRefreshingJwtCallback({
    provider: { tokenEndpoint: server.url, clientId: "soak", clientSecret: "soak-secret" },
    coordinator: createRefreshCoordinator({ store, now: clock }),
    now: clock,
  });
  const session = createSessionCallback({ now: clock });
  const tokens: RefreshingJwt[] = [];
  const nextAt: number[] = [];
  const heap: Record<string, number> = {};
  const entries: Record<string, number> = {};
  let late = 0;
  let lateFailed = 0;
  let signedOut = 0;
  const wall = performance.now();

  const schedule = (i: number, token: RefreshingJwt) => {
    tokens[i] = token;
    const seconds = session({ session: { expires: "" }, token }).refetchInSeconds;
    nextAt[i] = seconds === undefined ? Number.POSITIVE_INFINITY : now + Math.max(1, seconds) * 1000;
  };
  // Sign-ins spread over the first lifetime.
  for (let i = 0; i < sessions; i += 1) {
    now = start + Math.floor((i / sessions) * lifetimeSeconds * 1000);
    const account = { access_token: `at-${i}`, expires_in: lifetimeSeconds, refresh_token: await server.issue() };
    schedule(i, await jwt({ token: { sub: `u${i}` }, account }));
  }
  heap.start = heapMb();
  const before = await server.stats();
  const end = start + hours * 3_600_000;
  // After the first hour, then every quarter of the run.
  const marks = [1, hours / 4, hours / 2, (3 * hours) / 4]
    .filter((h, i, all) => h >= 1 && all.indexOf(h) === i)
    .map((h) => ({ at: start + h * 3_600_000, name: `${h} h` }));
  const TICK_MS = 1000;
  for (now = start + lifetimeSeconds * 1000; now <= end; now += TICK_MS) {
    const due: number[] = [];
    for (let i = 0; i < sessions; i += 1) if ((nextAt[i] as number) <= now) due.push(i);
    for (let from = 0; from < due.length; from += concurrency) {
      await Promise.all(
        due.slice(from, from + concurrency).map(async (i) => {
          const before = tokens[i] as RefreshingJwt;
          const after = await jwt({ token: before });
          if (after.error) signedOut += 1;
          if (after.refreshToken !== before.refreshToken && i % 10 === 0) {
            // A late tab with the old cookie: the grace period answers it, no replay.
            late += 1;
            const replay = await jwt({ token: before });
            if (replay.error || replay.accessToken !== after.accessToken) lateFailed += 1;
          }
          schedule(i, after);
        }),
      );
    }
    const mark = marks[0];
    if (mark && now >= mark.at) {
      heap[mark.name] = heapMb();
      entries[mark.name] = store.size;
      marks.shift();
    }
  }
  heap.end = heapMb();
  const after = await server.stats();
  const rotations = after.refreshed - before.refreshed;
  const expected = sessions * ((hours * 3600) / lifetimeSeconds - 1);
  await server.close();
  return {
    sessions,
    hours,
    "token s": lifetimeSeconds,
    rotations,
    "rotations / expected": Number((rotations / expected).toFixed(3)),
    "upstream calls / rotation": Number(((after.calls - before.calls) / rotations).toFixed(3)),
    invalid_grant: after.invalidGrant,
    "signed out": signedOut,
    "late tabs": late,
    "late tabs failed": lateFailed,
    "heap MB": heap,
    "store entries": entries,
    "wall s": Math.round((performance.now() - wall) / 1000),
  };
}

/** The default memory store's heap for `count` live entries (token sets as a provider issues them). */
export function storeHeap(count = 100_000) {
  const before = heapMb();
  const store = new MemoryRefreshStore({ now: () => 0 });
  for (let i = 0; i < count; i += 1) {
    const key = i.toString(16).padStart(64, "0");
    const tokens = {
      accessToken: `at-${key.slice(0, 40)}`,
      expiresAt: 3_600_000,
      refreshToken: `rt-${key.slice(0, 40)}`,
    };
    store.set(key, { ok: true, tokens }, 30_000);
  }
  const after = heapMb();
  return {
    entries: store.size,
    "heap MB": Number((after - before).toFixed(1)),
    "bytes / entry": Math.round(((after - before) * 1048576) / count),
  };
}
