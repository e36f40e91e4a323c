// An identity provider's sign-out endpoints over real HTTP on a loopback port: a discovery document
// naming a revocation endpoint (RFC 7009) and an end-session endpoint (RP-Initiated Logout), with
// the revocation requests it received, and a revocation that can fail or hang.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Revocation {
  authorization: string | undefined;
  form: URLSearchParams;
}

export interface SignOutProvider {
  issuer: string;
  revocations: Revocation[];
  /** `ok`: 200; `error`: 503; `hang`: never answers. */
  revocation: "ok" | "error" | "hang";
  /** A loopback URL that refuses connections: a server that is down. */
  refused: string;
  close(): Promise<void>;
}

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk) => {
      text += chunk;
    });
    request.on("end", () => resolve(text));
  });

export async function startSignOutProvider(): Promise<SignOutProvider> {
  // A port that was just free and is closed again: connections to it are refused.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const refusedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));

  const hung = new Set<import("node:http").ServerResponse>();
  const provider: SignOutProvider = {
    issuer: "",
    revocations: [],
    revocation: "ok",
    refused: `http://127.0.0.1:${refusedPort}`,
    close: async () => {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer(async (request, response) => {
    const { issuer } = provider;
    if (request.url === "/.well-known/openid-configuration") {
      response.setHeader("Content-Type", "application/json");
      response.end(
        JSON.stringify({
          issuer,
          token_endpoint: `${issuer}/token`,
          revocation_endpoint: `${issuer}/revoke`,
          end_session_endpoint: `${issuer}/session/end`,
        }),
      );
    } else if (request.url === "/revoke" && request.method === "POST") {
      provider.revocations.push({
        authorization: request.headers.authorization,
        form: new URLSearchParams(await body(request)),
      });
      if (provider.revocation === "hang") {
        hung.add(response);
        return;
      }
      response.statusCode = provider.revocation === "ok" ? 200 : 503;
      response.end();
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return provider;
}
