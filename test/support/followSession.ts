// A browser that fetches the session exactly when the kit's client plan says, against a real
// token endpoint, on simulated time: the server's timing contract measured end to end in one process.
import { planRefetch } from "../../src/index.ts";
import { createRefreshingJwtCallback, createSessionCallback, type RefreshingJwt } from "../../src/server/index.ts";
import { startTokenServer } from "./tokenServer.ts";

export interface FollowResult {
  refreshes: number;
  sessionFetches: number;
  /** Sessions answered with an error (`RefreshAccessTokenError` or retrying). */
  errors: number;
  invalidGrant: number;
}

/** Signs in with `lifetimeSeconds` tokens at `start`, then follows the session for `durationMs`. */
export async function followSession(lifetimeSeconds: number, durationMs: number, start = Date.UTC(2026, 0, 1)) {
  const server = await startTokenServer({ lifetimeSeconds });
  try {
    let now = start;
    const jwt = createRefreshingJwtCallback({
      provider: { tokenEndpoint: server.url, clientId: "kit", clientSecret: "secret-value" },
      now: () => now,
    });
    const session = createSessionCallback({ now: () => now });
    let token: RefreshingJwt = await jwt({
      token: { sub: "u1" },
      account: { access_token: "at-0", expires_in: lifetimeSeconds, refresh_token: server.issue() },
    });
    const result: FollowResult = { refreshes: 0, sessionFetches: 0, errors: 0, invalidGrant: 0 };
    while (now < start + durationMs) {
      token = await jwt({ token });
      const out = session({ session: { expires: "x" }, token });
      result.sessionFetches += 1;
      if (out.error) result.errors += 1;
      now += Math.max(1, planRefetch(out, now, { receivedAt: now }).intervalSeconds) * 1000;
    }
    return { ...result, refreshes: server.stats.refreshed, invalidGrant: server.stats.invalidGrant };
  } finally {
    await server.close();
  }
}
