// An OIDC issuer for back-channel logout tests, over real HTTP on a loopback port: its discovery
// document and JWKS, ID tokens for sign-ins, and logout tokens signed with its key (or, for the
// bad cases, with another key, another algorithm, or none).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";

export const BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

export interface LogoutIssuer {
  issuer: string;
  /** Requests for the JWKS so far. */
  jwksReads: () => number;
  /** An ID token as the token endpoint would give it at sign-in. */
  idToken(claims: { sub: string; sid?: string }): Promise<string>;
  /** A logout token: valid by default; `claims` override or (as `undefined`) remove its claims. */
  logoutToken(claims?: Record<string, unknown>, signWith?: "issuer" | "stranger"): Promise<string>;
  close(): Promise<void>;
}

export async function startLogoutIssuer(clientId: string): Promise<LogoutIssuer> {
  const [own, stranger] = await Promise.all([generateKeyPair("RS256"), generateKeyPair("RS256")]);
  const jwk = { ...(await exportJWK(own.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  let reads = 0;
  const server = createServer((request, response) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.setHeader("Content-Type", "application/json");
    if (request.url === "/.well-known/openid-configuration") {
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` }));
    } else if (request.url === "/jwks") {
      reads++;
      response.end(JSON.stringify({ keys: [jwk] }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sign = (payload: JWTPayload, key: CryptoKey) =>
    new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: "k1", typ: "logout+jwt" }).sign(key);

  return {
    issuer,
    jwksReads: () => reads,
    idToken: ({ sub, sid }) =>
      new SignJWT({ ...(sid ? { sid } : {}), nonce: "n-1" })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(issuer)
        .setSubject(sub)
        .setAudience(clientId)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(own.privateKey),
    logoutToken(claims = {}, signWith = "issuer") {
      const payload: Record<string, unknown> = {
        iss: issuer,
        aud: clientId,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 120,
        jti: crypto.randomUUID(),
        sub: "user-1",
        sid: "sid-1",
        events: { [BACKCHANNEL_EVENT]: {} },
        ...claims,
      };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      return sign(payload, signWith === "issuer" ? own.privateKey : stranger.privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
