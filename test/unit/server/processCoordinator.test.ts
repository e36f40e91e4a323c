// Single flight must not depend on how many callback objects exist: next-auth's advanced
// initialization builds its options per request, and a Next app's proxy bundle builds its own
// beside the route handlers'. Real HTTP against the rotating, reuse-detecting token endpoint.
import { describe, expect, it } from "vitest";
import { createRefreshingJwtCallback } from "../../../src/server/index.ts";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

const server = tokenServerForFile({ lifetimeSeconds: 3600 });
const callback = () =>
  createRefreshingJwtCallback({ provider: { tokenEndpoint: server.url, clientId: "app", clientSecret: "s" } });

describe("the process's default coordinator", () => {
  it("callbacks created per request share one refresh of one refresh token: 1 upstream call, 0 invalid_grant", async () => {
    const refreshToken = server.issue();
    const due = { sub: "u", accessToken: "old", accessTokenExpires: Date.now() + 60_000, refreshAt: 0, refreshToken };
    const results = await Promise.all(Array.from({ length: 5 }, () => callback()({ token: { ...due } })));
    expect(server.stats.refreshed).toBe(1);
    expect(server.stats.invalidGrant).toBe(0);
    expect(new Set(results.map((token) => token.accessToken)).size).toBe(1);
    expect(results.every((token) => token.error === undefined)).toBe(true);
  });

  it("a late request with the old cookie, through another callback, gets the new tokens (grace period)", async () => {
    const refreshToken = server.issue();
    const due = { sub: "u", accessToken: "old", accessTokenExpires: Date.now() + 60_000, refreshAt: 0, refreshToken };
    const first = await callback()({ token: { ...due } });
    const late = await callback()({ token: { ...due } });
    expect(server.stats.refreshed).toBe(1);
    expect(server.stats.invalidGrant).toBe(0);
    expect(late.accessToken).toBe(first.accessToken);
  });
});
