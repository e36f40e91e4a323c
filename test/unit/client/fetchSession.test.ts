// What a session answer means, over real HTTP (a local server): only a 200 decides between a
// session and signed out; everything else is a failure that keeps the last session.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/core/refreshWindow.ts";
import { fetchSession } from "../../../src/react/fetchSession.ts";

const answers: Record<string, [number, string, string?]> = {
  "/session": [200, JSON.stringify({ user: { name: "A" }, accessTokenExpires: 1 })],
  "/empty": [200, "{}"],
  "/null": [200, "null"],
  "/array": [200, "[]"],
  "/html": [200, "<!doctype html><p>Sign in to the Wi-Fi", "text/html"],
  "/503": [503, JSON.stringify({ message: "down" })],
  "/404": [404, "{}"],
};

let server: Server;
let base = "";
const bodies: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      bodies.push(`${request.method} ${body}`);
      if (request.url === "/hang-up") return request.socket.destroy();
      const [status, text, type = "application/json"] = answers[request.url ?? ""] ?? [500, ""];
      response.writeHead(status, { "Content-Type": type }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchSession", () => {
  it("gives the session for a 200 with one", async () => {
    await expect(fetchSession(`${base}/session`)).resolves.toEqual({ user: { name: "A" }, accessTokenExpires: 1 });
  });

  it("gives null (signed out) only for a 200 with {} or null", async () => {
    await expect(fetchSession(`${base}/empty`)).resolves.toBeNull();
    await expect(fetchSession(`${base}/null`)).resolves.toBeNull();
  });

  it("fails (undefined), never signs out, on a 5xx, a 404, HTML, a non-object or a reset connection", async () => {
    for (const path of ["/503", "/404", "/html", "/array", "/hang-up"]) {
      await expect(fetchSession(`${base}${path}`), path).resolves.toBeUndefined();
    }
  });

  it("fails when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchSession(`http://127.0.0.1:${port}/session`)).resolves.toBeUndefined();
  });

  it("POSTs update()'s body as JSON", async () => {
    await fetchSession(`${base}/session`, { csrfToken: "t", data: { theme: "dark" } });
    expect(bodies.at(-1)).toBe('POST {"csrfToken":"t","data":{"theme":"dark"}}');
  });
});

describe("retryDelayMs (one backoff rule for the server's refresh and the client's fetch)", () => {
  it("waits 5 s after the first failure, doubling to at most 60 s", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryDelayMs)).toEqual([5000, 10000, 20000, 40000, 60000, 60000, 60000]);
  });
});
