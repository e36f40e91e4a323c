// Naming the provider once: createRefreshingJwtCallback takes the same next-auth provider object as
// `providers: [...]` and finds the token endpoint itself (its token URL, or OIDC discovery), over
// real HTTP: a local discovery document in front of the rotating token server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AuthOptions } from "next-auth";
import KeycloakProvider from "next-auth/providers/keycloak";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRefreshingJwtCallback,
  type RefreshingJwt,
  serverComponentAuthOptions,
} from "../../../src/server/index.ts";
import { tokenServerForFile } from "../../support/tokenServerForFile.ts";

const server = tokenServerForFile({ lifetimeSeconds: 3600 });
let issuerServer: Server;
let issuer = "";
const discovery = { requests: 0, down: false };
beforeAll(async () => {
  issuerServer = createServer((request, response) => {
    discovery.requests += 1;
    if (discovery.down) return response.writeHead(503).end("down");
    if (request.url?.endsWith("/.well-known/openid-configuration")) {
      return response
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ issuer, token_endpoint: server.url, authorization_endpoint: `${issuer}/auth` }));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => issuerServer.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/realms/kit`;
});
afterAll(() => new Promise<void>((resolve) => issuerServer.close(() => resolve())));

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const due = (refreshToken: string): RefreshingJwt => ({
  sub: "u1",
  accessToken: "at-old",
  accessTokenExpires: NOW + 60_000,
  refreshAt: NOW - 1,
  refreshToken,
});

describe("createRefreshingJwtCallback({ provider: <next-auth provider> })", () => {
  it("reads the token endpoint from the issuer's discovery document, once per process", async () => {
    discovery.requests = 0;
    const provider = KeycloakProvider({ clientId: "kit", clientSecret: "s3cret", issuer });
    const jwt = createRefreshingJwtCallback({ provider, now: () => NOW });
    const first = await jwt({ token: due(server.issue()) });
    const second = await jwt({ token: due(server.issue()) });
    expect([first.error, second.error]).toEqual([undefined, undefined]);
    expect(first.accessToken).toMatch(/^at-/);
    expect(server.stats.refreshed).toBe(2);
    expect(discovery.requests).toBe(1);
    // client_secret_basic by default, with the provider's own credentials.
    const auth = server.requests.at(-1)?.headers.authorization ?? "";
    expect(Buffer.from(auth.replace(/^Basic /, ""), "base64").toString()).toBe("kit:s3cret");
  });

  it("uses an explicit token URL without discovery, and the provider's client auth method", async () => {
    discovery.requests = 0;
    const jwt = createRefreshingJwtCallback({
      provider: {
        token: server.url,
        clientId: "kit",
        clientSecret: "s3cret",
        client: { token_endpoint_auth_method: "client_secret_post" },
      },
      now: () => NOW,
    });
    const token = await jwt({ token: due(server.issue()) });
    expect(token.error).toBeUndefined();
    expect(discovery.requests).toBe(0);
    expect(server.requests.at(-1)?.form.get("client_secret")).toBe("s3cret");
  });

  it("a discovery document that cannot be read is transient: tokens kept, retried, then it works", async () => {
    discovery.down = true;
    const provider = {
      wellKnown: `${issuer}-other/.well-known/openid-configuration`,
      clientId: "kit",
      clientSecret: "x",
    };
    let now = NOW;
    const jwt = createRefreshingJwtCallback({ provider, now: () => now });
    const refreshToken = server.issue();
    const failed = await jwt({ token: due(refreshToken) });
    expect(failed.error).toBeUndefined();
    expect(failed.refreshFailures).toBe(1);
    expect(failed.refreshToken).toBe(refreshToken);
    discovery.down = false;
    now = (failed.refreshRetryAt as number) + 1;
    const retried = await jwt({ token: failed });
    expect(retried.refreshFailures).toBeUndefined();
    expect(retried.refreshToken).not.toBe(refreshToken);
  });

  it("builds without the environment (next build imports lib/auth.ts), and fails clearly at the first call", async () => {
    const unusable = [
      [{ clientId: "kit", clientSecret: "x" }, /no `token` URL, `wellKnown` or `issuer`/],
      [{ issuer, clientSecret: "x" }, /clientId/],
      // next-auth's KeycloakProvider with its issuer unset (an env var missing at build time).
      [
        KeycloakProvider({ clientId: "kit", clientSecret: "x", issuer: "" }),
        /discovery URL "\/.well-known\/openid-configuration" is not an absolute URL \(is its issuer set\?\)/,
      ],
      [
        { issuer, clientId: "kit", clientSecret: "x", client: { token_endpoint_auth_method: "private_key_jwt" } },
        /private_key_jwt needs clientPrivateKey/,
      ],
      [
        { issuer, clientId: "kit", clientSecret: "x", client: { token_endpoint_auth_method: "tls_client_auth" } },
        /tls_client_auth.*not supported/,
      ],
      [{ tokenEndpoint: "", clientId: "kit", clientSecret: "x" }, /tokenEndpoint/],
    ] as const;
    for (const [provider, message] of unusable) {
      const jwt = createRefreshingJwtCallback({ provider });
      // The first call of either callback (a sign-in, a session read) says what is wrong, every time.
      await expect(jwt({ token: {} })).rejects.toThrow(message);
      await expect(jwt.withoutRefresh({ token: {} })).rejects.toThrow(message);
    }
  });
});

describe("serverComponentAuthOptions(authOptions)", () => {
  it("swaps the kit's jwt callback for the one that never refreshes", async () => {
    const jwt = createRefreshingJwtCallback({ provider: { token: server.url, clientId: "kit", clientSecret: "x" } });
    const authOptions: AuthOptions = { providers: [], callbacks: { jwt } };
    const options = serverComponentAuthOptions(authOptions);
    expect(options.callbacks?.jwt).toBe(jwt.withoutRefresh);
    const token = due(server.issue());
    await expect(options.callbacks?.jwt?.({ token } as never)).resolves.toBe(token);
    expect(server.stats.refreshed).toBe(0);
  });

  it("refuses options whose jwt callback is not the kit's", () => {
    expect(() => serverComponentAuthOptions({ providers: [], callbacks: { jwt: async ({ token }) => token } })).toThrow(
      /createRefreshingJwtCallback/,
    );
  });
});
