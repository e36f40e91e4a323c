import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RefreshError, refreshAccessToken } from "../../../src/server/index.ts";
import { startTokenServer, type TokenServer } from "../../support/tokenServer.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const SECRET = "s3cr:et%with+odd chars";
const REFRESH = "rt-super-secret-refresh-token";

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterEach(() => {
  server.rotating();
  server.reset();
});
afterAll(() => server.close());

const settings = () => ({
  tokenEndpoint: server.url,
  clientId: "kit client",
  clientSecret: SECRET,
  refreshToken: REFRESH,
});

/** Runs the grant expecting a RefreshError, and checks no secret leaks through it. */
async function failure(extra: object = {}): Promise<RefreshError> {
  const error = await refreshAccessToken({ ...settings(), ...extra }, NOW).then(
    () => expect.unreachable("the grant should have failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RefreshError);
  const everything = JSON.stringify({
    ...(error as object),
    message: (error as Error).message,
    stack: (error as Error).stack,
  });
  expect(everything).not.toContain(REFRESH);
  expect(everything).not.toContain(SECRET);
  expect(everything).not.toContain(encodeURIComponent(SECRET));
  return error as RefreshError;
}

describe("refreshAccessToken: the request", () => {
  it("POSTs grant_type=refresh_token with client_secret_basic, id and secret form-encoded (RFC 6749 §2.3.1)", async () => {
    server.respond({ body: { access_token: "at-1", token_type: "Bearer", expires_in: 3600 } });
    await refreshAccessToken(settings(), NOW);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
    expect(Object.fromEntries(request?.form ?? [])).toEqual({ grant_type: "refresh_token", refresh_token: REFRESH });
    const basic = Buffer.from((request?.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
    expect(basic).toBe("kit+client:s3cr%3Aet%25with%2Bodd+chars");
  });

  it("sends the credentials in the body with client_secret_post, and the scope when asked", async () => {
    server.respond({ body: { access_token: "at-1", token_type: "Bearer", expires_in: 3600 } });
    await refreshAccessToken({ ...settings(), clientAuth: "client_secret_post", scope: "openid api" }, NOW);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      grant_type: "refresh_token",
      refresh_token: REFRESH,
      client_id: "kit client",
      client_secret: SECRET,
      scope: "openid api",
    });
  });

  it("rejects bad settings before any request", async () => {
    await expect(refreshAccessToken({ ...settings(), refreshToken: "" })).rejects.toThrow("refreshToken must be");
    await expect(refreshAccessToken({ ...settings(), tokenEndpoint: "not a url" })).rejects.toThrow(TypeError);
    await expect(refreshAccessToken({ ...settings(), timeoutSeconds: 0 })).rejects.toThrow(
      "timeoutSeconds must be > 0",
    );
    // @ts-expect-error: an unknown method is a type error and a run-time error
    await expect(refreshAccessToken({ ...settings(), clientAuth: "tls_client_auth" })).rejects.toThrow(
      "clientAuth must be one of",
    );
    await expect(refreshAccessToken({ ...settings(), clientAuth: "private_key_jwt" })).rejects.toThrow(
      "private_key_jwt needs clientPrivateKey",
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("refreshAccessToken: success", () => {
  it("returns the new access token and expiry in epoch ms, with the rotated refresh token", async () => {
    const rt = server.issue();
    const result = await refreshAccessToken({ ...settings(), refreshToken: rt }, NOW);
    expect(result.accessToken).toMatch(/^at-/);
    expect(result.expiresAt).toBe(NOW + 3600_000);
    expect(result.refreshToken).toMatch(/^rt-/);
    expect(result.refreshToken).not.toBe(rt);
    expect(result.raw.token_type).toBe("Bearer");
  });

  it("omits refreshToken when the server does not rotate", async () => {
    server.respond({ body: { access_token: "at-2", token_type: "bearer", expires_in: 60 } });
    const result = await refreshAccessToken(settings(), NOW);
    expect(result).toEqual({
      accessToken: "at-2",
      expiresAt: NOW + 60_000,
      raw: { access_token: "at-2", token_type: "bearer", expires_in: 60 },
    });
    expect("refreshToken" in result).toBe(false);
  });

  it("gives expiresAt null when expires_in is absent (RFC 6749 §5.1 allows it)", async () => {
    server.respond({ body: { access_token: "at-3", token_type: "Bearer" } });
    expect((await refreshAccessToken(settings(), NOW)).expiresAt).toBeNull();
  });

  it('accepts expires_in as a decimal string ("3600"), as some providers send it', async () => {
    server.respond({ body: { access_token: "at-4", token_type: "Bearer", expires_in: "3600" } });
    expect((await refreshAccessToken(settings(), NOW)).expiresAt).toBe(NOW + 3600_000);
  });
});

describe("refreshAccessToken: terminal failures", () => {
  it("invalid_grant (400) is terminal and carries the OAuth error and description", async () => {
    server.respond({ status: 400, body: { error: "invalid_grant", error_description: "refresh token revoked" } });
    const error = await failure();
    expect(error).toMatchObject({
      code: "invalid_grant",
      status: 400,
      transient: false,
      oauthError: "invalid_grant",
      description: "refresh token revoked",
    });
    expect(error.message).toBe(
      "Access token refresh failed: invalid_grant (HTTP 400): invalid_grant (refresh token revoked)",
    );
  });

  it("invalid_client with 401 is terminal", async () => {
    server.respond({
      status: 401,
      body: { error: "invalid_client" },
      headers: { "www-authenticate": 'Basic realm="x"' },
    });
    expect(await failure()).toMatchObject({ code: "invalid_client", status: 401, transient: false });
  });

  it("an unknown OAuth error code is oauth_error, refused: not transient, not terminal", async () => {
    server.respond({ status: 400, body: { error: "account_suspended" } });
    expect(await failure()).toMatchObject({
      code: "oauth_error",
      oauthError: "account_suspended",
      transient: false,
      terminal: false,
    });
  });

  it("a 4xx without an OAuth body (a wrong endpoint, a proxy) is http_error, retried", async () => {
    server.respond({ status: 404, body: "<html>Not Found</html>" });
    expect(await failure()).toMatchObject({ code: "http_error", status: 404, transient: true });
  });

  it("redacts a token the server echoes back in its error description", async () => {
    server.respond({ status: 400, body: { error: "invalid_grant", error_description: `token ${REFRESH} is revoked` } });
    expect((await failure()).description).toBe("token [redacted] is revoked");
  });
});

describe("refreshAccessToken: transient failures", () => {
  it.each([500, 502, 503])("HTTP %i is transient http_5xx", async (status) => {
    server.respond({ status, body: "<html>Bad Gateway</html>" });
    expect(await failure()).toMatchObject({ code: "http_5xx", status, transient: true });
  });

  it("503 with Retry-After (seconds) records it", async () => {
    server.respond({ status: 503, body: { error: "temporarily_unavailable" }, headers: { "retry-after": "120" } });
    expect(await failure()).toMatchObject({ code: "http_5xx", retryAfterSeconds: 120, transient: true });
  });

  it("429 with Retry-After (HTTP date) is rate_limited", async () => {
    const at = new Date(NOW + 90_000).toUTCString();
    server.respond({ status: 429, body: "slow down", headers: { "retry-after": at } });
    expect(await failure()).toMatchObject({
      code: "rate_limited",
      status: 429,
      retryAfterSeconds: 90,
      transient: true,
    });
  });

  it.each([
    ["an HTML body", "<html><body>Sign in to the proxy</body></html>", "the body is not a JSON object"],
    ["non-JSON", "access_token=abc", "the body is not a JSON object"],
    ["a JSON array", [1, 2], "the body is not a JSON object"],
    // oauth4webapi's parse, its message naming the field.
    ["no access_token", { token_type: "Bearer", expires_in: 60 }, '"access_token" property must be a string'],
    ["a numeric access_token", { access_token: 42, token_type: "Bearer" }, '"access_token" property must be a string'],
    ["no token_type", { access_token: "at", expires_in: 60 }, '"token_type" property must be a string'],
    ["expires_in as a word", { access_token: "at", token_type: "Bearer", expires_in: "soon" }, "expires_in is not"],
    ["expires_in negative", { access_token: "at", token_type: "Bearer", expires_in: -5 }, "expires_in is not"],
    [
      "expires_in as a decimal-point string",
      { access_token: "at", token_type: "Bearer", expires_in: "1e3" },
      "expires_in",
    ],
    [
      "an empty refresh_token",
      { access_token: "at", token_type: "Bearer", refresh_token: "" },
      '"refresh_token" property must not be empty',
    ],
    ["a numeric scope", { access_token: "at", token_type: "Bearer", scope: 7 }, '"scope" property must be a string'],
  ])("a 200 with %s is invalid_response", async (_, body, message) => {
    server.respond({ body });
    const error = await failure();
    expect(error).toMatchObject({ code: "invalid_response", status: 200, transient: true });
    expect(error.message).toContain(message);
  });

  it("times out after timeoutSeconds", async () => {
    server.respond({ delayMs: 1000, body: {} });
    const started = performance.now();
    const error = await failure({ timeoutSeconds: 0.2 });
    expect(error).toMatchObject({ code: "timeout", transient: true });
    expect(error.message).toContain("no answer within 0.2 s");
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("a hang-up is a network error", async () => {
    server.respond({ hangUp: true });
    expect(await failure()).toMatchObject({ code: "network", transient: true, status: undefined });
  });

  it("connection refused is a network error", async () => {
    const closed = await unusedPort();
    expect(await failure({ tokenEndpoint: `http://127.0.0.1:${closed}/token` })).toMatchObject({
      code: "network",
      transient: true,
    });
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
