// A sender-constrained token is never sent as a bearer token, and a dead session carries no access
// token to the browser.
import { describe, expect, it } from "vitest";
import {
  createRefreshingJwtCallback,
  createSessionCallback,
  type RefreshError,
  refreshAccessToken,
} from "../../../src/server/index.ts";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

const NOW = Date.UTC(2026, 11, 3, 12);
const server = tokenServerForFile({ lifetimeSeconds: 3600 });
const settings = () => ({ tokenEndpoint: server.url, clientId: "kit", clientSecret: "s", refreshToken: "rt-1" });
const dpop = { access_token: "at-new", token_type: "DPoP", expires_in: 300, refresh_token: "rt-2" };

describe("token_type", () => {
  it("the grant refuses a DPoP token by default, with a code (not transient, not terminal)", async () => {
    server.respond({ body: dpop });
    const error = (await refreshAccessToken(settings(), NOW).catch((e: unknown) => e)) as RefreshError;
    expect(error).toMatchObject({ code: "unsupported_token_type", transient: false, terminal: false });
    expect(error.message).not.toContain("at-new");
  });

  it("accepts it when the app lists it in tokenTypes; Bearer in any case by default", async () => {
    server.respond({ body: dpop });
    expect(await refreshAccessToken({ ...settings(), tokenTypes: ["DPoP"] }, NOW)).toMatchObject({
      accessToken: "at-new",
    });
    server.respond({ body: { ...dpop, token_type: "bearer" } });
    expect(await refreshAccessToken(settings(), NOW)).toMatchObject({ accessToken: "at-new" });
  });

  it("a sign-in with a DPoP token fails with the code, unless the app lists it", async () => {
    const account = { access_token: "at", token_type: "DPoP", expires_in: 300, refresh_token: "rt" };
    const provider = { tokenEndpoint: server.url, clientId: "kit", clientSecret: "s" };
    await expect(createRefreshingJwtCallback({ provider })({ token: {}, account })).rejects.toMatchObject({
      code: "unsupported_token_type",
    });
    const listed = createRefreshingJwtCallback({ provider: { ...provider, tokenTypes: ["DPoP"] } });
    expect(await listed({ token: {}, account })).toMatchObject({ accessToken: "at" });
  });
});

describe("session callback, exposeAccessToken", () => {
  it("a dead session carries no access token; a live one does", () => {
    const session = createSessionCallback({ exposeAccessToken: true, now: () => NOW });
    const base = { accessToken: "at-1", accessTokenExpires: NOW + 60_000 };
    const dead = session({ session: { expires: "x" }, token: { ...base, error: "RefreshAccessTokenError" } });
    expect(dead.error).toBe("RefreshAccessTokenError");
    expect(dead).not.toHaveProperty("accessToken");
    expect(session({ session: { expires: "x" }, token: base }).accessToken).toBe("at-1");
  });
});
