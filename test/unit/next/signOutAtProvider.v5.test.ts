// Sign-out that reaches the identity provider under next-auth v5 (Auth.js): v5's own `handlers`,
// wrapped, answer v5's client signOut() (a POST with X-Auth-Return-Redirect) with the provider's
// end-session URL, after revoking the refresh token over real HTTP.
import { NextRequest, NextResponse } from "next/server";
import NextAuth, { type NextAuthConfig } from "next-auth-v5";
import { encode, type JWT } from "next-auth-v5/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signOutAtProvider } from "../../../src/next/index.ts";
import { createRefreshCoordinator, createRefreshingJwtCallback } from "../../../src/server/index.ts";
import { type SignOutProvider, startSignOutProvider } from "../../support/signOutProvider.ts";

const SECRET = "authjs-sign-out-secret-0123456789";
const NAME = "authjs.session-token";
const ORIGIN = "http://localhost:3000";
let idp: SignOutProvider;

beforeAll(async () => {
  idp = await startSignOutProvider();
});
afterAll(() => idp?.close());

const jwtOf = (options: NextAuthConfig) => options.callbacks?.jwt as unknown as (params: object) => Promise<JWT>;

function config(): NextAuthConfig {
  const jwt = createRefreshingJwtCallback({
    provider: { issuer: idp.issuer, clientId: "app", clientSecret: "app-secret" },
    coordinator: createRefreshCoordinator(),
  });
  return { secret: SECRET, trustHost: true, providers: [], callbacks: { jwt } };
}

const headers = (cookie: string) => ({ host: "localhost:3000", "x-forwarded-proto": "http", cookie });

describe("signOutAtProvider (next-auth v5's handlers)", () => {
  it("answers v5's signOut() with the end-session URL, the refresh token revoked and the cookie cleared", async () => {
    const options = config();
    const { GET, POST } = signOutAtProvider(NextAuth(options).handlers, options);
    const token = await jwtOf(options)({
      token: { sub: "ada" },
      account: {
        access_token: "at-1",
        expires_in: 3600,
        refresh_token: "rt-v5",
        id_token: "id-v5",
        token_type: "Bearer",
      },
    });
    const session = await encode({ token, secret: SECRET, salt: NAME });
    const csrf = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: headers("") }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = new NextResponse(null, csrf).cookies.get("authjs.csrf-token")?.value ?? "";

    const response = await POST(
      new NextRequest(`${ORIGIN}/api/auth/signout`, {
        method: "POST",
        headers: {
          ...headers(`${NAME}=${session}; authjs.csrf-token=${csrfCookie}`),
          "content-type": "application/x-www-form-urlencoded",
          "X-Auth-Return-Redirect": "1",
        },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/dashboard` }).toString(),
      }),
    );

    const { url } = (await response.json()) as { url: string };
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({
      id_token_hint: "id-v5",
      client_id: "app",
      post_logout_redirect_uri: `${ORIGIN}/dashboard`,
    });
    expect(response.headers.getSetCookie().some((c) => c.startsWith(`${NAME}=;`))).toBe(true);
    expect(idp.revocations.map((r) => r.form.get("token"))).toEqual(["rt-v5"]);
  });
});
