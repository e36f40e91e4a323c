// K concurrent jwt callbacks carrying the same token at expiry, against a real HTTP token
// endpoint that rotates refresh tokens and rejects reuse. Prints upstream calls and errors for
// the kit and for a callback written the recipe's way (refresh per request). Not a timed test.
import { createRefreshingJwtCallback, type RefreshingJwt, refreshAccessToken } from "../../src/server/index.ts";
import { startTokenServer } from "../support/tokenServer.ts";

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
console.table(rows);
await server.close();
