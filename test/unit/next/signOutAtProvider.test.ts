// Sign-out that reaches the identity provider, through next-auth v4's own App Router handler: its
// CSRF token fetched and posted as next-auth's signOut() posts it, the session cookie sealed by
// next-auth, and the provider's discovery, revocation and end-session endpoints over real HTTP.
// next/headers exists only inside a Next request: here it reads the test's cookie jar.

import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import type { AuthOptions } from "next-auth";
import NextAuth from "next-auth";
import { encode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type SignOutProvider, startSignOutProvider } from "../../support/signOutProvider.ts";

let jar: Array<{ name: string; value: string }> = [];
// next-auth v4 require()s next/headers (CommonJS, out of vi.mock's reach): its module is set in
// require's cache, as next-auth resolves it.
const nextAuthRequire = createRequire(createRequire(import.meta.url).resolve("next-auth"));
const headersPath = nextAuthRequire.resolve("next/headers");
nextAuthRequire.cache[headersPath] = {
  id: headersPath,
  filename: headersPath,
  loaded: true,
  exports: {
    cookies: async () => ({ getAll: () => jar }),
    headers: async () => new Headers({ host: "localhost:3000" }),
  },
} as unknown as NodeModule;
// The kit's serverSignOut imports next/headers as an ES module: the same jar, and what it deletes.
let deleted: string[] = [];
vi.mock("next/headers", () => ({
  cookies: async () => ({
    getAll: () => jar,
    set: (name: string, value: string, options: { maxAge?: number }) => {
      if (value === "" && options.maxAge === 0) deleted.push(name);
    },
  }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
const { serverSignOut, signOutAtProvider } = await import("../../../src/next/index.ts");
const { createRefreshingJwtCallback, createRefreshCoordinator } = await import("../../../src/server/index.ts");
type ProviderSignOutEvent = import("../../../src/server/index.ts").ProviderSignOutEvent;

const SECRET = "sign-out-secret-for-tests-0123456789";
const SESSION = "next-auth.session-token";
const ORIGIN = "http://localhost:3000";
let idp: SignOutProvider;
let events: ProviderSignOutEvent[];

beforeAll(async () => {
  idp = await startSignOutProvider();
});
afterAll(() => idp?.close());
beforeEach(() => {
  jar = [];
  deleted = [];
  events = [];
  idp.revocations = [];
  idp.revocation = "ok";
  process.env.NEXTAUTH_URL = ORIGIN;
});

function authOptions(signOut: object = {}, provider?: object): AuthOptions {
  const jwt = createRefreshingJwtCallback({
    provider: provider ?? { issuer: idp.issuer, clientId: "app", clientSecret: "app-secret" },
    coordinator: createRefreshCoordinator(),
    signOut: { onSignOut: (event) => events.push(event), ...signOut },
  });
  return { secret: SECRET, session: { strategy: "jwt" }, providers: [], callbacks: { jwt } };
}

/** next-auth's own handler, wrapped, called as Next calls an App Router route. */
function route(options: AuthOptions) {
  const handler = signOutAtProvider(NextAuth(options), options);
  return (method: "GET" | "POST", action: string, body?: URLSearchParams) => {
    const request = new NextRequest(`${ORIGIN}/api/auth/${action}`, {
      method,
      headers: {
        cookie: jar.map((c) => `${c.name}=${c.value}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    });
    return handler(request, { params: Promise.resolve({ nextauth: [action] }) }) as Promise<Response>;
  };
}

/** Signed in: next-auth's sealed cookie over the token the jwt callback made from the provider's answer. */
async function signIn(options: AuthOptions, idToken = "id-token-of-ada") {
  const jwt = options.callbacks?.jwt as (params: object) => Promise<JWT>;
  const token = await jwt({
    token: { sub: "ada" },
    account: { access_token: "at-1", expires_in: 3600, refresh_token: "rt-1", id_token: idToken, token_type: "Bearer" },
  });
  jar.push({ name: SESSION, value: await encode({ token, secret: SECRET }) });
}

/** next-auth's signOut() in the browser: its CSRF token, then a JSON sign-out POST. */
async function signOut(call: ReturnType<typeof route>, { json = true, csrf = true } = {}) {
  const answer = await call("GET", "csrf");
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  for (const cookie of answer.headers.getSetCookie()) {
    const [name, value] = cookie.split(";")[0]?.split("=") ?? [];
    if (name && value) jar.push({ name, value: decodeURIComponent(value) });
  }
  const form = new URLSearchParams({ csrfToken: csrf ? csrfToken : "forged", callbackUrl: `${ORIGIN}/dashboard` });
  if (json) form.set("json", "true");
  return call("POST", "signout", form);
}

const clearsSession = (response: Response) =>
  response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=;`) && /Max-Age=0/i.test(c));

describe("signOutAtProvider (next-auth v4's App Router handler)", () => {
  it("revokes the refresh token and sends the browser to the end-session endpoint with the ID token as hint", async () => {
    const options = authOptions();
    await signIn(options);
    const response = await signOut(route(options));

    expect(clearsSession(response)).toBe(true);
    const { url } = (await response.json()) as { url: string };
    const end = new URL(url);
    expect(end.origin + end.pathname).toBe(`${idp.issuer}/session/end`);
    expect(Object.fromEntries(end.searchParams)).toEqual({
      id_token_hint: "id-token-of-ada",
      client_id: "app",
      post_logout_redirect_uri: `${ORIGIN}/dashboard`,
    });
    expect(idp.revocations).toHaveLength(1);
    const [revocation] = idp.revocations;
    expect(Object.fromEntries(revocation?.form ?? [])).toEqual({ token: "rt-1", token_type_hint: "refresh_token" });
    expect(revocation?.authorization).toBe(`Basic ${btoa("app:app-secret")}`);
    expect(events).toEqual([{ revocation: "revoked", endSession: true }]);
  });

  it("sends a fixed post_logout_redirect_uri when one is set, and credentials in the form for client_secret_post", async () => {
    const options = authOptions(
      { postLogoutRedirectUri: `${ORIGIN}/signed-out` },
      {
        issuer: idp.issuer,
        clientId: "app",
        clientSecret: "app-secret",
        client: { token_endpoint_auth_method: "client_secret_post" },
      },
    );
    await signIn(options);
    const { url } = (await (await signOut(route(options))).json()) as { url: string };
    expect(new URL(url).searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/signed-out`);
    expect(idp.revocations[0]?.authorization).toBeUndefined();
    expect(idp.revocations[0]?.form.get("client_secret")).toBe("app-secret");
  });

  it("rewrites the redirect of a sign-out form posted without JavaScript", async () => {
    const options = authOptions();
    await signIn(options);
    const response = await signOut(route(options), { json: false });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(`${idp.issuer}/session/end?id_token_hint=`);
    expect(clearsSession(response)).toBe(true);
  });

  it("leaves a refused sign-out (a forged CSRF token) alone: nothing revoked, still signed in", async () => {
    const options = authOptions();
    await signIn(options);
    const response = await signOut(route(options), { csrf: false });
    expect(clearsSession(response)).toBe(false);
    expect(((await response.json()) as { url: string }).url).toContain("csrf=true");
    expect(idp.revocations).toEqual([]);
    expect(events).toEqual([]);
  });

  it("signs out locally at once when the revocation endpoint is down, and still ends the provider's session", async () => {
    const options = authOptions({ revocationEndpoint: `${idp.refused}/revoke` });
    await signIn(options);
    const started = performance.now();
    const response = await signOut(route(options));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(clearsSession(response)).toBe(true);
    expect(((await response.json()) as { url: string }).url).toMatch(`${idp.issuer}/session/end?`);
    expect(events).toEqual([{ revocation: "failed", endSession: true }]);
  });

  it("signs out as next-auth does when the provider's discovery is down", async () => {
    const options = authOptions({}, { issuer: idp.refused, clientId: "app", clientSecret: "app-secret" });
    await signIn(options);
    const response = await signOut(route(options));
    expect(clearsSession(response)).toBe(true);
    expect(await response.json()).toEqual({ url: `${ORIGIN}/dashboard` });
    expect(events).toEqual([{ revocation: "unsupported", endSession: false }]);
  });

  it("gives up on a revocation that hangs after signOut.timeoutSeconds, the user signed out", async () => {
    const options = authOptions({ timeoutSeconds: 0.3 });
    await signIn(options);
    idp.revocation = "hang";
    const started = performance.now();
    const response = await signOut(route(options));
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1000);
    expect(clearsSession(response)).toBe(true);
    expect(((await response.json()) as { url: string }).url).toMatch(`${idp.issuer}/session/end?`);
    expect(events).toEqual([{ revocation: "failed", endSession: true }]);
  });

  it("says a refused revocation's status", async () => {
    const options = authOptions();
    await signIn(options);
    idp.revocation = "error";
    await signOut(route(options));
    expect(events).toEqual([{ revocation: "failed", status: 503, endSession: true }]);
  });

  it("signs out as next-auth does for a provider without these endpoints (GitHub: no discovery)", async () => {
    const options = authOptions(
      {},
      { tokenEndpoint: `${idp.issuer}/token`, clientId: "app", clientSecret: "app-secret" },
    );
    await signIn(options);
    const response = await signOut(route(options));
    expect(clearsSession(response)).toBe(true);
    expect(await response.json()).toEqual({ url: `${ORIGIN}/dashboard` });
    expect(idp.revocations).toEqual([]);
    expect(events).toEqual([{ revocation: "unsupported", endSession: false }]);
  });

  it("revokes without ending the provider's session, or ends it without revoking, as set", async () => {
    const revokeOnly = authOptions({ endSessionEndpoint: false });
    await signIn(revokeOnly);
    expect(await (await signOut(route(revokeOnly))).json()).toEqual({ url: `${ORIGIN}/dashboard` });
    expect(idp.revocations).toHaveLength(1);

    jar = [];
    const endOnly = authOptions({ revocationEndpoint: false, endSessionEndpoint: `${idp.issuer}/other/end` });
    await signIn(endOnly);
    const { url } = (await (await signOut(route(endOnly))).json()) as { url: string };
    expect(url).toMatch(`${idp.issuer}/other/end?`);
    expect(idp.revocations).toHaveLength(1);
    expect(events.at(-1)).toEqual({ revocation: "unsupported", endSession: true });
  });

  it("passes a sign-out without a session, and every other route, through untouched", async () => {
    const options = authOptions();
    const call = route(options);
    expect(await (await signOut(call)).json()).toEqual({ url: `${ORIGIN}/dashboard` });
    expect((await call("GET", "providers")).status).toBe(200);
    expect(idp.revocations).toEqual([]);
  });

  it("passes a Pages Router call (req, res) through to next-auth as it is", async () => {
    const calls: unknown[] = [];
    const pages = signOutAtProvider(async (req: unknown, res: unknown) => {
      calls.push([req, res]);
      return new Response();
    }, authOptions());
    const req = { method: "POST", url: "/api/auth/signout", query: { nextauth: ["signout"] } };
    await pages(req as never, { status() {} });
    expect(calls).toHaveLength(1);
    expect(idp.revocations).toEqual([]);
  });

  it("refuses what is not an auth route's handler, and a setting that is not a URL", () => {
    const options = authOptions();
    expect(() => signOutAtProvider({} as never, options)).toThrow(/auth route's handler/);
    expect(() =>
      createRefreshingJwtCallback({
        refresh: async () => ({ accessToken: "a", expiresAt: null }),
        signOut: { endSessionEndpoint: "/end" },
      }),
    ).toThrow(/signOut.endSessionEndpoint must be an absolute URL/);
  });
});

describe("serverSignOut (a Server Action)", () => {
  it("deletes the session cookie and its chunks, revokes, and returns the end-session URL", async () => {
    const options = authOptions();
    await signIn(options);
    const session = jar[0] as { value: string };
    jar = [
      { name: `${SESSION}.0`, value: session.value.slice(0, 100) },
      { name: `${SESSION}.1`, value: session.value.slice(100) },
      { name: "theme", value: "dark" },
    ];
    const url = await serverSignOut(options, "/goodbye");
    expect(deleted).toEqual([`${SESSION}.0`, `${SESSION}.1`]);
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({
      id_token_hint: "id-token-of-ada",
      client_id: "app",
      post_logout_redirect_uri: `${ORIGIN}/goodbye`,
    });
    expect(idp.revocations.map((r) => r.form.get("token"))).toEqual(["rt-1"]);
  });

  it("returns the app's own page without a session, or for a provider without an end-session endpoint", async () => {
    expect(await serverSignOut(authOptions(), "/")).toBe("/");
    const options = authOptions({ endSessionEndpoint: false });
    await signIn(options);
    expect(await serverSignOut(options, "/")).toBe("/");
    expect(deleted).toEqual([SESSION]);
    expect(idp.revocations).toHaveLength(1);
  });
});
