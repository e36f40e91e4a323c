// The back-channel logout route against real signed JWTs: an issuer on a loopback port serves its
// discovery document and JWKS, the route verifies with jose, records in the jwt callback's store,
// and the jwt callback (as the proxy and getAccessToken use it) then ends exactly that session.
import { UnsecuredJWT } from "jose";
import type { AuthOptions } from "next-auth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backChannelLogout } from "../../../src/next/index.ts";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  type RefreshingJwt,
  type RefreshingJwtCallback,
} from "../../../src/server/index.ts";
import { type LogoutIssuer, startLogoutIssuer } from "../../support/logoutIssuer.ts";

const CLIENT_ID = "app";
let idp: LogoutIssuer;
let jwt: RefreshingJwtCallback;
let route: (request: Request) => Promise<Response>;

beforeAll(async () => {
  idp = await startLogoutIssuer(CLIENT_ID);
});
afterAll(() => idp?.close());
beforeEach(() => {
  // A coordinator of its own per test: a fresh memory store, nothing recorded.
  jwt = createRefreshingJwtCallback({
    provider: { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: "secret" },
    coordinator: createRefreshCoordinator(),
  });
  const authOptions: AuthOptions = { secret: "s".repeat(32), providers: [], callbacks: { jwt } };
  route = backChannelLogout(authOptions);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A session as the jwt callback makes it at sign-in, from an ID token with this `sub` and `sid`. */
async function signIn(sub: string, sid?: string): Promise<RefreshingJwt> {
  const id_token = await idp.idToken({ sub, ...(sid ? { sid } : {}) });
  const account = { access_token: `at-${sub}`, expires_in: 3600, refresh_token: `rt-${sub}`, id_token };
  return jwt({ token: { sub }, account });
}

function post(body: string, contentType = "application/x-www-form-urlencoded", headers: Record<string, string> = {}) {
  return route(
    new Request("http://localhost:3000/api/auth/backchannel-logout", {
      method: "POST",
      headers: { "content-type": contentType, ...headers },
      body,
    }),
  );
}
const form = (logoutToken: string) => new URLSearchParams({ logout_token: logoutToken }).toString();
const ended = (token: RefreshingJwt) => jwt.sessionEnds.isEnded(token);

describe("backChannelLogout (OIDC Back-Channel Logout 1.0)", () => {
  it("keeps the ID token's sid and sub server-side at sign-in (and the ID token, for sign-out), none in the session", async () => {
    const token = await signIn("user-1", "sid-1");
    expect(token.idpSession).toEqual({ iss: idp.issuer, sub: "user-1", sid: "sid-1" });
    expect(typeof token.signedInAt).toBe("number");
    expect(token.idToken).toMatch(/^eyJ/);
    const session = createSessionCallback()({ session: { expires: "" }, token });
    expect(JSON.stringify(session)).not.toMatch(/eyJ|sid-1/);
  });

  it("a valid logout token: 200, no-store, and only that session ends (its tab is signed out at the next read)", async () => {
    const [mine, myOtherDevice, someoneElse] = [
      await signIn("user-1", "sid-1"),
      await signIn("user-1", "sid-2"),
      await signIn("user-2", "sid-3"),
    ];
    await sleep(2);
    const response = await post(form(await idp.logoutToken({ sid: "sid-1", sub: "user-1" })));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");

    const after = await jwt({ token: mine });
    expect(after.error).toBe("RefreshAccessTokenError");
    expect(after.accessToken).toBeUndefined();
    expect(after.refreshToken).toBeUndefined();
    expect(await jwt.withoutRefresh({ token: mine })).toMatchObject({ error: "RefreshAccessTokenError" });
    expect((await jwt({ token: myOtherDevice })).error).toBeUndefined();
    expect((await jwt({ token: someoneElse })).error).toBeUndefined();
  });

  it("a logout of the sub alone ends every session of that user, and none signed in after it", async () => {
    const [phone, laptop, other] = [
      await signIn("user-1", "sid-1"),
      await signIn("user-1"),
      await signIn("user-2", "sid-9"),
    ];
    await sleep(2);
    expect((await post(form(await idp.logoutToken({ sid: undefined, sub: "user-1" })))).status).toBe(200);
    expect([await ended(phone), await ended(laptop), await ended(other)]).toEqual([true, true, false]);
    await sleep(2);
    expect(await ended(await signIn("user-1", "sid-new"))).toBe(false);
  });

  describe("a bad logout token or body gets 400 with an error body and changes nothing", () => {
    const bad: Array<[string, () => Promise<string | [string, string]>]> = [
      ["a wrong signature", () => idp.logoutToken({}, "stranger")],
      ["a wrong aud", () => idp.logoutToken({ aud: "another-app" })],
      ["a wrong iss", () => idp.logoutToken({ iss: "https://evil.example" })],
      ["an expired iat", () => idp.logoutToken({ iat: Math.floor(Date.now() / 1000) - 600, exp: undefined })],
      ["an expired exp", () => idp.logoutToken({ exp: Math.floor(Date.now() / 1000) - 600 })],
      ["missing events", () => idp.logoutToken({ events: undefined })],
      ["events without the back-channel event", () => idp.logoutToken({ events: { other: {} } })],
      ["a nonce present", () => idp.logoutToken({ nonce: "n-1" })],
      ["neither sid nor sub", () => idp.logoutToken({ sid: undefined, sub: undefined })],
      ["no jti", () => idp.logoutToken({ jti: undefined })],
      [
        "an unsigned alg: none token",
        async () =>
          new UnsecuredJWT({ sub: "user-1", sid: "sid-1", jti: "j", events: { x: {} } })
            .setIssuer(idp.issuer)
            .setAudience(CLIENT_ID)
            .setIssuedAt()
            .encode(),
      ],
      [
        "an HMAC token",
        async () => {
          const { SignJWT } = await import("jose");
          return new SignJWT({
            sid: "sid-1",
            jti: "j-h",
            events: { "http://schemas.openid.net/event/backchannel-logout": {} },
          })
            .setProtectedHeader({ alg: "HS256", kid: "k1" })
            .setIssuer(idp.issuer)
            .setAudience(CLIENT_ID)
            .setIssuedAt()
            .sign(new TextEncoder().encode("k".repeat(32)));
        },
      ],
      ["a JWS whose payload is not JSON", async () => `${b64('{"alg":"RS256","kid":"k1"}')}.${b64("not json")}.c2ln`],
      ["not a JWT at all", async () => "not-a-jwt"],
      ["a 1 MB body", async () => [`${form(await idp.logoutToken())}&pad=${"x".repeat(1024 * 1024)}`, "form"]],
      ["a non-form (JSON) body", async () => [JSON.stringify({ logout_token: await idp.logoutToken() }), "json"]],
      ["a body without a logout_token", async () => ["state=1", "form"]],
    ];
    for (const [name, make] of bad) {
      it(name, async () => {
        const session = await signIn("user-1", "sid-1");
        await sleep(2);
        const made = await make();
        const [body, type] = typeof made === "string" ? [form(made), "form"] : made;
        const response = await post(body, type === "json" ? "application/json" : "application/x-www-form-urlencoded");
        expect(response.status).toBe(400);
        expect(response.headers.get("cache-control")).toBe("no-store");
        const answer = (await response.json()) as { error: string; error_description: string };
        expect(answer.error).toBe("invalid_request");
        expect(answer.error_description).not.toContain("eyJ");
        expect(await ended(session)).toBe(false);
      });
    }

    it("a replayed jti: the second delivery is refused and ends no session signed in since", async () => {
      const token = await idp.logoutToken({ sid: undefined, sub: "user-2" });
      await sleep(2);
      expect((await post(form(token))).status).toBe(200);
      await sleep(2);
      const since = await signIn("user-2", "sid-later");
      await sleep(2);
      const replay = await post(form(token));
      expect(replay.status).toBe(400);
      expect(((await replay.json()) as { error_description: string }).error_description).toMatch(/already used/);
      expect(await ended(since)).toBe(false);
    });

    it("a body declared larger than the cap is refused unread", async () => {
      const response = await post("logout_token=x", undefined, { "content-length": String(10 * 1024 * 1024) });
      expect(response.status).toBe(400);
    });
  });

  it("an issuer whose keys cannot be read: 503, nothing recorded, and the next logout tries again", async () => {
    const gone = backChannelLogout({ secret: "s".repeat(32), providers: [], callbacks: { jwt } } as AuthOptions, {
      issuer: idp.issuer,
      jwksUri: "http://127.0.0.1:9/jwks",
      timeoutSeconds: 0.5,
    });
    const session = await signIn("user-1", "sid-1");
    const response = await gone(
      new Request("http://localhost/api/auth/backchannel-logout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form(await idp.logoutToken()),
      }),
    );
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toBe("temporarily_unavailable");
    expect(await ended(session)).toBe(false);
  });

  it("refuses, at creation, a jwt callback that is not the kit's", () => {
    expect(() =>
      backChannelLogout({ callbacks: { jwt: async ({ token }: { token: object }) => token } } as never),
    ).toThrow(/createRefreshingJwtCallback/);
  });
});

function b64(text: string): string {
  return Buffer.from(text).toString("base64url");
}
