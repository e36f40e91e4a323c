import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One answer of the scripted token endpoint. */
export interface ScriptedAnswer {
  status?: number;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the connection without an answer. */
  hangUp?: boolean;
}

/** What the endpoint received. */
export interface ReceivedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

export type TokenHandler = (request: ReceivedRequest) => ScriptedAnswer | Promise<ScriptedAnswer>;

/**
 * A real HTTP token endpoint on 127.0.0.1 for tests and benchmarks. By default it behaves like
 * a strict rotating authorization server: each refresh token works once, its reuse is answered
 * with `invalid_grant` and revokes the whole family (as real servers with reuse detection do).
 */
export async function startTokenServer(
  options: {
    lifetimeSeconds?: number;
    delayMs?: number;
    discoveryDelayMs?: number;
    /** More fields of the discovery document (e.g. `token_endpoint_auth_methods_supported`). */
    discovery?: Record<string, unknown>;
    /** Keep every request in `requests` (default true; a benchmark's millions would not fit). */
    record?: boolean;
  } = {},
) {
  const lifetimeSeconds = options.lifetimeSeconds ?? 3600;
  const requests: ReceivedRequest[] = [];
  const stats = { calls: 0, refreshed: 0, invalidGrant: 0, discovery: 0 };
  // refresh token -> family id; a used token keeps its family so a reuse can revoke it.
  const live = new Map<string, string>();
  const used = new Map<string, string>();
  const revoked = new Set<string>();
  let handler: TokenHandler = rotate;
  let base = "";

  function issue(family = randomBytes(6).toString("hex")): string {
    const token = `rt-${randomBytes(16).toString("hex")}`;
    live.set(token, family);
    return token;
  }

  async function rotate(request: ReceivedRequest): Promise<ScriptedAnswer> {
    if (options.delayMs) await sleep(options.delayMs);
    const token = request.form.get("refresh_token") ?? "";
    const family = live.get(token);
    if (family === undefined || revoked.has(family)) {
      const reused = used.get(token);
      if (reused !== undefined) revoked.add(reused);
      stats.invalidGrant += 1;
      return { status: 400, body: { error: "invalid_grant", error_description: "grant request is invalid" } };
    }
    live.delete(token);
    used.set(token, family);
    stats.refreshed += 1;
    return {
      body: {
        access_token: `at-${randomBytes(16).toString("hex")}`,
        token_type: "Bearer",
        expires_in: lifetimeSeconds,
        refresh_token: issue(family),
      },
    };
  }

  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/.well-known/openid-configuration") {
      // An OIDC discovery document, as slow as asked (a cold identity provider).
      stats.discovery += 1;
      void sleep(options.discoveryDelayMs ?? 0).then(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ issuer: base, token_endpoint: `${base}/token`, ...options.discovery }));
      });
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request = {
        method: req.method ?? "",
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString()),
      };
      if (options.record !== false) requests.push(request);
      stats.calls += 1;
      const answer = await handler(request);
      if (answer.delayMs) await sleep(answer.delayMs);
      if (answer.hangUp) {
        req.socket.destroy();
        return;
      }
      const json = typeof answer.body !== "string";
      res.writeHead(answer.status ?? 200, {
        "content-type": json ? "application/json" : "text/html",
        "cache-control": "no-store",
        ...answer.headers,
      });
      res.end(json ? JSON.stringify(answer.body ?? {}) : answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/token`,
    /** The OIDC discovery document, which names `url` as its token endpoint. */
    wellKnown: `${base}/.well-known/openid-configuration`,
    requests,
    stats,
    /** A fresh refresh token (a new grant). */
    issue,
    /** Answer every request with `next` from now on. */
    respond(next: TokenHandler | ScriptedAnswer) {
      handler = typeof next === "function" ? next : () => next;
    },
    /** Back to the rotating, reuse-detecting behaviour. */
    rotating() {
      handler = rotate;
    },
    reset() {
      requests.length = 0;
      Object.assign(stats, { calls: 0, refreshed: 0, invalidGrant: 0, discovery: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TokenServer = Awaited<ReturnType<typeof startTokenServer>>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
