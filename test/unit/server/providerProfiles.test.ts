// The refresh as seven identity providers answer it (test/support/providerProfiles.ts), through
// next-auth's own provider objects pointed at a local token endpoint, the real jwt callback and the
// coordinator, over real HTTP on the callback's clock.
import Auth0Provider from "next-auth/providers/auth0";
import AzureADProvider from "next-auth/providers/azure-ad";
import CognitoProvider from "next-auth/providers/cognito";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import KeycloakProvider from "next-auth/providers/keycloak";
import OktaProvider from "next-auth/providers/okta";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createRefreshCoordinator,
  createRefreshingJwtCallback,
  createSessionCallback,
  MemoryRefreshStore,
  type RefreshingJwt,
} from "../../../src/server/index.ts";
import { actAs, PROFILES, type ProviderName } from "../../support/providerProfiles.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";

const NOW = Date.UTC(2026, 11, 7, 10, 0, 0);
const SECOND = 1000;
const credentials = { clientId: "kit-client", clientSecret: "kit-client-secret" };
let server: TokenServer;
let now = NOW;

beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());
beforeEach(() => {
  now = NOW;
  server.reset();
});

/** next-auth's provider object for each, with only its endpoints moved to the local server. */
function providerOf(name: ProviderName) {
  const issuer = new URL(server.wellKnown).origin;
  switch (name) {
    case "google":
      return GoogleProvider({ ...credentials, wellKnown: server.wellKnown });
    case "entra":
      return AzureADProvider({ ...credentials, tenantId: "contoso", wellKnown: server.wellKnown });
    case "auth0":
      return Auth0Provider({ ...credentials, issuer });
    case "okta":
      return OktaProvider({ ...credentials, issuer });
    case "cognito":
      return CognitoProvider({ ...credentials, issuer });
    case "keycloak":
      return KeycloakProvider({ ...credentials, issuer });
    case "github":
      // GitHub has no discovery: its token URL is configured.
      return GitHubProvider({ ...credentials, token: server.url });
  }
}

/** One app instance: its jwt callback and coordinator; instances given one store share refreshes. */
const instance = (name: ProviderName, store = new MemoryRefreshStore({ now: () => now })) =>
  createRefreshingJwtCallback({
    provider: providerOf(name),
    coordinator: createRefreshCoordinator({ store, now: () => now }),
    now: () => now,
  });

const due = (token: RefreshingJwt) => {
  now = Math.max(now, token.refreshAt ?? token.accessTokenExpires ?? now);
};

describe.each(Object.keys(PROFILES) as ProviderName[])("%s", (name) => {
  const profile = PROFILES[name];
  let grant: ReturnType<typeof actAs>;
  let jwt: ReturnType<typeof instance>;
  const signIn = () =>
    jwt({
      token: { sub: "u1" },
      account: {
        provider: name,
        type: "oauth",
        providerAccountId: "u1",
        access_token: `${name}-at-0`,
        expires_at: Math.floor(now / 1000) + 3600,
        refresh_token: grant.issue(),
        token_type: "bearer",
        id_token: "id-0",
      },
    });

  beforeEach(() => {
    grant = actAs(server, profile, () => now);
    jwt = instance(name);
  });

  it(`a refresh keeps the right refresh token (${profile.rotation === "none" ? "the old one: none comes back" : "the new one"}), and the next refresh works with it`, async () => {
    let token = await signIn();
    const first = token.refreshToken;
    due(token);
    token = await jwt({ token });
    expect(token.error).toBeUndefined();
    expect(grant.stats.refreshes).toBe(1);
    if (profile.rotation === "none") {
      expect(token.refreshToken).toBe(first);
    } else {
      expect(token.refreshToken).toMatch(new RegExp(`^${name}-rt-`));
      expect(token.refreshToken).not.toBe(first);
    }
    expect(token.accessToken).toMatch(new RegExp(`^${name}-at-`));
    // Kept server-side for the sign-out: a new ID token where the answer has one, else the old one.
    if (profile.answer({ accessToken: "" }).id_token === undefined) expect(token.idToken).toBe("id-0");
    else expect(token.idToken).toMatch(/^eyJ/);
    due(token);
    const second = await jwt({ token });
    expect(second.error).toBeUndefined();
    expect(grant.stats).toMatchObject({ refreshes: 2, dead: 0 });
  });

  it("a burst of 10 makes 1 upstream call; 10 late ones within the grace make none", async () => {
    const token = await signIn();
    due(token);
    const burst = await Promise.all(Array.from({ length: 10 }, () => jwt({ token: { ...token } })));
    expect(server.stats.calls).toBe(1);
    expect(new Set(burst.map((t) => t.accessToken)).size).toBe(1);
    expect(burst.every((t) => t.error === undefined)).toBe(true);
    // Tabs still sending the old cookie 10 s later: served the same tokens, no reuse upstream.
    now += 10 * SECOND;
    const late = await Promise.all(Array.from({ length: 10 }, () => jwt({ token: { ...token } })));
    expect(server.stats.calls).toBe(1);
    expect(late.map((t) => [t.accessToken, t.refreshToken])).toEqual(burst.map((t) => [t.accessToken, t.refreshToken]));
    expect(grant.stats.dead).toBe(0);
  });

  it(`its dead-grant answer (${profile.dead.status} ${(profile.dead.body as { error: string }).error}) ends the session, with no retry`, async () => {
    const token = await signIn();
    grant.revoke();
    due(token);
    const ended = await jwt({ token });
    expect(ended.error).toBe("RefreshAccessTokenError");
    expect(ended.refreshToken).toBeUndefined();
    now += 60 * SECOND;
    await jwt({ token: ended });
    expect(server.stats.calls).toBe(1);
  });

  it("a 503 keeps the session and its refresh token; the retry refreshes", async () => {
    const token = await signIn();
    grant.failNext(1);
    due(token);
    const kept = await jwt({ token });
    expect(kept.error).not.toBe("RefreshAccessTokenError");
    expect(kept.refreshToken).toBe(token.refreshToken);
    expect(kept.accessToken).toBe(token.accessToken);
    now += 60 * SECOND;
    const retried = await jwt({ token: kept });
    expect(retried.error).toBeUndefined();
    expect(retried.accessToken).not.toBe(token.accessToken);
    expect(grant.stats).toMatchObject({ failing: 1, refreshes: 1, dead: 0 });
  });
});

describe("what each provider's own rules add", () => {
  const signedIn = (grant: ReturnType<typeof actAs>): RefreshingJwt => ({
    sub: "u1",
    accessToken: "at-0",
    accessTokenExpires: now,
    refreshToken: grant.issue(),
  });

  it("Auth0: a second instance with its own store reuses the old token and Auth0 revokes the family; on one store it is served", async () => {
    const grant = actAs(server, PROFILES.auth0, () => now);
    const token = signedIn(grant);
    await instance("auth0")({ token });
    const elsewhere = await instance("auth0")({ token });
    expect(elsewhere.error).toBe("RefreshAccessTokenError");
    expect(grant.stats.dead).toBe(1);

    const again = actAs(server, PROFILES.auth0, () => now);
    const shared = new MemoryRefreshStore({ now: () => now });
    const second = signedIn(again);
    const first = await instance("auth0", shared)({ token: second });
    const served = await instance("auth0", shared)({ token: second });
    expect(served.accessToken).toBe(first.accessToken);
    expect(again.stats).toMatchObject({ refreshes: 1, dead: 0 });
  });

  it("Okta: within its 30 s grace a second instance gets the same successor; after it the family is revoked", async () => {
    const grant = actAs(server, PROFILES.okta, () => now);
    const token = signedIn(grant);
    const first = await instance("okta")({ token });
    now += 20 * SECOND;
    const withinGrace = await instance("okta")({ token });
    expect(withinGrace.refreshToken).toBe(first.refreshToken);
    now += 20 * SECOND;
    expect((await instance("okta")({ token })).error).toBe("RefreshAccessTokenError");
    expect(grant.stats).toMatchObject({ refreshes: 2, dead: 1 });
  });

  it("GitHub: asks for JSON, reads numbers sent as strings and the refresh token's 6-month end; the old pair dies at once", async () => {
    const grant = actAs(server, PROFILES.github, () => now);
    const token = signedIn(grant);
    const jwt = instance("github");
    const refreshed = await jwt({ token });
    expect(server.requests.at(-1)?.headers.accept).toBe("application/json");
    expect(refreshed.accessTokenExpires).toBe(now + 28_800 * SECOND);
    expect(refreshed.sessionEndsAt).toBe(now + 15_811_200 * SECOND);
    // Without the coordinator's grace (another instance), the used token is dead: 200 bad_refresh_token.
    now += 60 * SECOND;
    expect((await instance("github")({ token })).error).toBe("RefreshAccessTokenError");
  });

  it("Entra ID: AADSTS50076 (multi-factor authentication required) ends the session with the reason interaction_required; a dead token has none", async () => {
    const session = createSessionCallback({ now: () => now });
    const mfa = {
      error: "invalid_grant",
      error_description:
        "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
      error_codes: [50076],
      suberror: "basic_action",
    };
    for (const [body, reason] of [
      [mfa, "interaction_required"],
      [PROFILES.entra.dead.body, undefined],
    ] as const) {
      server.respond({ status: 400, body });
      const ended = await instance("entra")({
        token: { sub: "u1", accessToken: "at-0", accessTokenExpires: now, refreshToken: "rt-0" },
      });
      expect(ended).toMatchObject({ error: "RefreshAccessTokenError" });
      expect(ended.errorReason).toBe(reason);
      expect(session({ session: { expires: "" }, token: ended }).errorReason).toBe(reason);
    }
  });

  it("Keycloak: refresh_expires_in sets the session's end, renewed by each refresh", async () => {
    const grant = actAs(server, PROFILES.keycloak, () => now);
    const refreshed = await instance("keycloak")({ token: signedIn(grant) });
    expect(refreshed.sessionEndsAt).toBe(now + 1800 * SECOND);
  });

  it("Google and Cognito: no refresh token comes back, so the old one is kept; the new ID token replaces the old", async () => {
    for (const name of ["google", "cognito"] as const) {
      const grant = actAs(server, PROFILES[name], () => now);
      const token = { ...signedIn(grant), idToken: "id-0" };
      const refreshed = await instance(name)({ token });
      expect(refreshed.refreshToken).toBe(token.refreshToken);
      expect(refreshed.idToken).toMatch(/^eyJ/);
    }
  });
});
