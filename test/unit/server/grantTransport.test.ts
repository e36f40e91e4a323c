import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RefreshError, refreshAccessToken } from "../../../src/server/index.ts";

// A token endpoint that misbehaves at the HTTP level, over real sockets: what the grant's own
// layer (deadline, bounded body, no redirects, redaction) must hold against, whatever oauth4webapi does.

const REFRESH = "rt-adversarial-refresh-token";
const SECRET = "adversarial-client-secret";

type Behaviour = (req: IncomingMessage, res: ServerResponse) => void;
let behaviour: Behaviour = (_req, res) => res.end();
let hits = 0;
let otherHits = 0;
let server: Server;
let other: Server;
let url = "";
let otherUrl = "";

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<[Server, string]> {
  const s = createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  [server, url] = await listen((req, res) => {
    hits += 1;
    req.resume();
    req.on("end", () => behaviour(req, res));
  });
  [other, otherUrl] = await listen((req, res) => {
    otherHits += 1;
    req.resume();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ access_token: "stolen", token_type: "Bearer", expires_in: 60 }));
  });
});
afterEach(() => {
  hits = 0;
  otherHits = 0;
});
afterAll(async () => {
  for (const s of [server, other]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

async function failure(timeoutSeconds = 2): Promise<RefreshError> {
  const error = await refreshAccessToken(
    { tokenEndpoint: `${url}/token`, clientId: "kit", clientSecret: SECRET, refreshToken: REFRESH, timeoutSeconds },
    Date.now(),
  ).then(
    () => expect.unreachable("the grant should have failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RefreshError);
  const text = JSON.stringify({
    ...(error as object),
    message: (error as Error).message,
    stack: (error as Error).stack,
  });
  expect(text).not.toContain(REFRESH);
  expect(text).not.toContain(SECRET);
  return error as RefreshError;
}

describe("the grant against a hostile token endpoint", () => {
  it("a slow drip (a byte every 100 ms, never done) fails with timeout at the deadline", async () => {
    behaviour = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const drip = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(drip));
    };
    const started = performance.now();
    const error = await failure(0.5);
    expect(error).toMatchObject({ code: "timeout", transient: true });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("a 10 MB body is not read past 1 MB: invalid_response, transient", async () => {
    let written = 0;
    behaviour = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 10 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => {
        written = Number.POSITIVE_INFINITY;
      });
      pump();
    };
    const error = await failure();
    expect(error).toMatchObject({ code: "invalid_response", status: 200, transient: true });
    expect(error.message).toContain("larger than 1 MB");
  });

  it("a declared 10 MB body is refused before it is read", async () => {
    behaviour = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
      res.write("{");
    };
    expect(await failure()).toMatchObject({ code: "invalid_response", transient: true });
  });

  it("a redirect to another host is not followed: the refresh token goes nowhere else", async () => {
    behaviour = (_req, res) => {
      res.writeHead(307, { location: `${otherUrl}/token` });
      res.end();
    };
    const error = await failure();
    expect(error).toMatchObject({ code: "network", transient: true });
    expect(error.message).toContain("redirect");
    expect(hits).toBe(1);
    expect(otherHits).toBe(0);
  });

  it("an app's own fetch that hands back the redirect instead: not followed either, http_error", async () => {
    const redirecting: typeof fetch = async () =>
      new Response(null, { status: 302, headers: { location: `${otherUrl}/token` } });
    const error = await refreshAccessToken(
      {
        tokenEndpoint: `${url}/token`,
        clientId: "kit",
        clientSecret: SECRET,
        refreshToken: REFRESH,
        fetch: redirecting,
      },
      Date.now(),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "http_error", status: 302, transient: true });
    expect(otherHits).toBe(0);
  });

  it("secrets echoed back in an error are redacted", async () => {
    behaviour = (req, res) => {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: "invalid_grant",
          error_description: `bad ${REFRESH} for ${req.headers.authorization} (${SECRET})`,
        }),
      );
    };
    const error = await failure();
    expect(error).toMatchObject({ code: "invalid_grant", terminal: true });
    expect(error.description).toBe("bad [redacted] for Basic [redacted] ([redacted])");
  });
});
