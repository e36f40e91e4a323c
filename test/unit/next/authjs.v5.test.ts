// The kit under next-auth v5 (Auth.js): its jwt and session callbacks inside v5's own NextAuth(), and
// the request path with v5's cookie names and salted seal. In this project (unit-v5) the kit's own
// `next-auth` imports resolve to the v5 beta, installed beside v4 as `next-auth-v5`; the test names
// it outright. Everything is real but the token endpoint, a local HTTP server.
import { NextRequest, NextResponse } from "next/server";
import NextAuth, { type NextAuthConfig, type Session } from "next-auth-v5";
import { decode, encode, type JWT } from "next-auth-v5/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

let jar: Array<{ name: string; value: string }> = [];
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => jar, get: (name: string) => jar.find((c) => c.name === name), set() {} }),
  headers: async () =>
    new Headers({
      host: "localhost:3000",
      "x-forwarded-proto": "http",
      cookie: jar.map((c) => `${c.name}=${c.value}`).join("; "),
    }),
}));
const { getAccessToken, readSessionToken, sessionRefresh } = await import("../../../src/next/index.ts");
const { isAuthJs } = await import("../../../src/next/nextAuthMajor.ts");
const { createRefreshingJwtCallback, createSessionCallback, serverComponentAuthOptions } = await import(
  "../../../src/server/index.ts"
);

const SECRET = "authjs-secret-for-tests-0123456789";
const NAME = "authjs.session-token";
const SECURE_NAME = "__Secure-authjs.session-token";
const server = tokenServerForFile({ lifetimeSeconds: 3600 });

function config(): NextAuthConfig {
  const jwt = createRefreshingJwtCallback({
    provider: { tokenEndpoint: server.url, clientId: "app", clientSecret: "app-secret" },
  });
  return { secret: SECRET, trustHost: true, providers: [], callbacks: { jwt, session: createSessionCallback() } };
}

/** A v5 session cookie as Auth.js wrote it at sign-in, sealed with the cookie's name as salt. */
async function sessionCookie(expiresInMs: number, salt = NAME) {
  const now = Date.now();
  const token: JWT = {
    name: "Ada",
    sub: "user-1",
    accessToken: "at-old",
    accessTokenExpires: now + expiresInMs,
    refreshAt: now + expiresInMs - 600_000,
    refreshToken: server.issue(),
  };
  return encode({ token, secret: SECRET, salt });
}

// With the headers Next gives every request: v5 builds its own session URL from them.
const request = (cookies: Record<string, string>, url = "http://localhost:3000/dashboard") =>
  new NextRequest(url, {
    headers: {
      host: new URL(url).host,
      "x-forwarded-proto": new URL(url).protocol.slice(0, -1),
      cookie: Object.entries(cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join("; "),
    },
  });

/** The session token the response sets under `name`, joined from its chunks. */
function written(response: Response, name = NAME): string | null {
  const cookies = new NextResponse(null, response).cookies.getAll().filter((cookie) => cookie.value !== "");
  return readSessionToken(cookies, name)?.token ?? null;
}

afterEach(() => {
  vi.unstubAllEnvs();
  jar = [];
});

describe("next-auth v5 (Auth.js)", () => {
  it("is recognised from the installed next-auth/jwt", async () => {
    expect(await isAuthJs()).toBe(true);
  });

  it("v5's own session route runs the kit's callbacks: a due token is refreshed once, the session shows the new expiry", async () => {
    const { handlers } = NextAuth(config());
    const response = await handlers.GET(
      request({ [NAME]: await sessionCookie(60_000) }, "http://localhost:3000/api/auth/session"),
    );
    const session = (await response.json()) as Session & { accessTokenExpires?: number; accessToken?: string };
    expect(server.stats.refreshed).toBe(1);
    expect(session.user?.name).toBe("Ada");
    expect((session.accessTokenExpires ?? 0) * 1000).toBeGreaterThan(Date.now() + 3000_000);
    expect(session.accessToken).toBeUndefined(); // the token stays on the server
    const token = await decode({ token: written(response) ?? "", secret: SECRET, salt: NAME });
    expect(token?.accessToken).not.toBe("at-old");
  });

  it("update(): the kit's POST of { csrfToken, data } to v5's session route answers with the session", async () => {
    const { handlers } = NextAuth(config());
    const csrf = await handlers.GET(request({}, "http://localhost:3000/api/auth/csrf"));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = new NextResponse(null, csrf).cookies.get("authjs.csrf-token")?.value ?? "";
    const url = "http://localhost:3000/api/auth/session";
    const response = await handlers.POST(
      new NextRequest(url, {
        method: "POST",
        headers: {
          host: "localhost:3000",
          "x-forwarded-proto": "http",
          "content-type": "application/json",
          cookie: `${NAME}=${await sessionCookie(3600_000)}; authjs.csrf-token=${csrfCookie}`,
        },
        body: JSON.stringify({ csrfToken, data: { theme: "dark" } }),
      }),
    );
    const session = (await response.json()) as Session | null;
    expect(response.status).toBe(200);
    expect(session?.user?.name).toBe("Ada");
    expect(server.stats.calls).toBe(0); // not due: nothing refreshed
  });

  it("the request path refreshes an authjs.session-token cookie and writes it back sealed as v5 seals it", async () => {
    const response = await sessionRefresh(config())(request({ [NAME]: await sessionCookie(60_000), other: "kept" }));
    expect(server.stats.refreshed).toBe(1);
    const value = written(response);
    const token = await decode({ token: value ?? "", secret: SECRET, salt: NAME });
    expect(token?.accessTokenExpires).toBeGreaterThan(Date.now() + 3000_000);
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`${NAME}=${value}`);
    expect(response.headers.get("x-middleware-request-cookie")).toContain("other=kept");
    expect(written(response, "next-auth.session-token")).toBeNull();
  });

  it("on https: the __Secure- cookie, its name the salt", async () => {
    const cookie = await sessionCookie(60_000, SECURE_NAME);
    const response = await sessionRefresh(config())(request({ [SECURE_NAME]: cookie }, "https://app.test/dashboard"));
    expect(server.stats.refreshed).toBe(1);
    const token = await decode({ token: written(response, SECURE_NAME) ?? "", secret: SECRET, salt: SECURE_NAME });
    expect(token?.accessToken).toMatch(/^at-/);
    expect(token?.accessToken).not.toBe("at-old");
  });

  it("reads AUTH_SECRET when the config has no secret", async () => {
    vi.stubEnv("AUTH_SECRET", SECRET);
    const { secret: _, ...withoutSecret } = config();
    await sessionRefresh(withoutSecret)(request({ [NAME]: await sessionCookie(60_000) }));
    expect(server.stats.refreshed).toBe(1);
  });

  it("composed with v5's auth middleware: authorized sees the refreshed session, no second refresh, the kit's cookie wins", async () => {
    const seen: Array<Session | null> = [];
    const base = config();
    const { auth } = NextAuth({
      ...base,
      callbacks: {
        ...base.callbacks,
        authorized: ({ auth: session }) => {
          seen.push(session);
          return true;
        },
      },
    });
    const response = await sessionRefresh(base, auth)(request({ [NAME]: await sessionCookie(60_000) }));
    expect(server.stats.refreshed).toBe(1);
    const shown = seen[0] as (Session & { accessTokenExpires?: number }) | undefined;
    expect((shown?.accessTokenExpires ?? 0) * 1000).toBeGreaterThan(Date.now() + 3000_000);
    const value = written(response);
    const token = await decode({ token: value ?? "", secret: SECRET, salt: NAME });
    expect(token?.accessTokenExpires).toBeGreaterThan(Date.now() + 3000_000);
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`${NAME}=${value}`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("composed with auth((request) => ...): the app's middleware reads request.auth with the new expiry", async () => {
    const base = config();
    const { auth } = NextAuth(base);
    const guarded = auth((req) => {
      const expires = Number((req.auth as { accessTokenExpires?: number } | null)?.accessTokenExpires) * 1000;
      return expires > Date.now() ? NextResponse.next() : NextResponse.redirect(new URL("/signin", req.url));
    });
    const response = await sessionRefresh(base, guarded)(request({ [NAME]: await sessionCookie(60_000) }));
    expect(server.stats.refreshed).toBe(1);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
    // The page of this request (its Server Components' auth()) is forwarded the new cookie: v5's own
    // refresh in its middleware sets it on the response only.
    expect(response.headers.get("x-middleware-request-cookie")).toContain(`${NAME}=${written(response)}`);
  });

  it("getAccessToken reads the v5 cookie", async () => {
    jar = [{ name: NAME, value: await sessionCookie(3600_000) }];
    expect(await getAccessToken(config())).toMatchObject({ status: "valid", accessToken: "at-old" });
  });

  it("auth() with serverComponentAuthOptions reads a due session without refreshing it", async () => {
    jar = [{ name: NAME, value: await sessionCookie(60_000) }];
    const { auth } = NextAuth(serverComponentAuthOptions(config()));
    const session = (await auth()) as (Session & { accessTokenExpires?: number }) | null;
    expect(session?.user?.name).toBe("Ada");
    expect(server.stats.calls).toBe(0);
  });
});
