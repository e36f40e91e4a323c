// The servers people use, as the example app meets them: oidc-provider with the client
// authenticated by private_key_jwt (a signed assertion, no secret) and DPoP (RFC 9449) with a
// server nonce, as enterprise Entra ID, Okta and FAPI 2.0 deployments run. next-auth signs in with
// the key; the kit refreshes with it, binding every access token to the app's DPoP key, and server
// code calls userinfo with a proof.
import { exportJWK, generateKeyPair } from "jose";
import type { Page } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeState, countSessionRequests } from "./browser.ts";
import { startWorld, type World } from "./harness.ts";
import { BAD_STATES, LIFETIME_MS, worldSteps } from "./steps.ts";

let world: World;
beforeAll(async () => {
  const client = await generateKeyPair("ES256", { extractable: true });
  const dpop = await generateKeyPair("ES256", { extractable: true });
  const kid = "e2e-client-key";
  const publicJwk = { ...(await exportJWK(client.publicKey)), kid, alg: "ES256", use: "sig" };
  const privateJwk = { ...(await exportJWK(client.privateKey)), kid, alg: "ES256" };
  world = await startWorld("kit", {
    authServer: { clientJwks: { keys: [publicJwk] }, dpop: { requireNonce: true } },
    env: {
      OAUTH_CLIENT_JWK: JSON.stringify(privateJwk),
      OAUTH_DPOP_JWK: JSON.stringify(await exportJWK(dpop.privateKey)),
    },
  });
});
afterAll(async () => {
  await world?.stop();
});

const { newUserContext, protectedStatus, signedInTabs, statesAfterSignIn } = worldSteps(() => world);

describe.sequential("private_key_jwt and DPoP against oidc-provider", () => {
  it("3 tabs for 3 lifetimes: 1 upstream refresh per rotation, each with a signed assertion and a DPoP-bound token; server code proves it", async () => {
    const context = await newUserContext();
    const tabs = await signedInTabs(context, "pkjwt-ada", 3);
    const counters = tabs.map(countSessionRequests);
    const before = { ...world.auth.stats };
    await new Promise((resolve) => setTimeout(resolve, 3 * LIFETIME_MS));
    const after = world.auth.stats;
    const refreshes = after.refreshes - before.refreshes;
    const requests = counters.reduce((sum, c) => sum + c.count, 0);
    console.info(
      `private_key_jwt + DPoP, 3 tabs, 3 lifetimes: ${refreshes} refreshes, ` +
        `${after.refreshRequests - before.refreshRequests} refresh requests for ` +
        `${after.refreshTokensPresented - before.refreshTokensPresented} refresh tokens, ` +
        `${after.clientAssertions - before.clientAssertions} signed assertions, ` +
        `${after.dpopBound - before.dpopBound} DPoP-bound tokens, ${after.dpopNonceDemands} nonce demands, ` +
        `${requests} session requests, ${after.invalidGrants} invalid_grant`,
    );
    expect(refreshes).toBeGreaterThanOrEqual(3);
    // One upstream call per rotation: no refresh token presented twice.
    expect(after.refreshRequests - before.refreshRequests).toBe(
      after.refreshTokensPresented - before.refreshTokensPresented,
    );
    expect(after.clientAssertions - before.clientAssertions).toBe(refreshes);
    expect(after.dpopBound - before.dpopBound).toBe(refreshes);
    // The first proof of the process had no nonce: asked for one, retried once, then remembered.
    expect(after.dpopNonceDemands).toBeGreaterThanOrEqual(1);
    expect(after.dpopNonceDemands).toBeLessThanOrEqual(refreshes);
    expect(after.invalidGrants).toBe(0);
    expect(requests).toBe(refreshes);
    for (const tab of tabs) {
      expect(await statesAfterSignIn(tab)).not.toEqual(expect.arrayContaining(BAD_STATES));
      expect(await badgeState(tab)).toBe("active");
    }
    // A route handler calls userinfo with the DPoP-bound token and a proof (nonce retried).
    expect(await protectedStatus(tabs[0] as Page)).toBe(200);
    const page = tabs[0] as Page;
    await page.goto(`${world.appUrl}/userinfo`);
    await expect.poll(() => page.getByTestId("userinfo").getAttribute("data-status")).toBe("200");
    await context.close();
  });
});
