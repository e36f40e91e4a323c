import type { ServerAccessToken } from "next-auth-refresh-kit/next";
import { config } from "./config";

/**
 * Calls the authorization server's userinfo with the session's access token, sent as its type
 * says: a bearer token as is, a DPoP-bound one through `fetch`, which adds the proof.
 */
export function userinfo(token: Extract<ServerAccessToken, { status: "valid" }>): Promise<Response> {
  const url = `${config.issuer}/me`;
  if (token.tokenType === "DPoP") {
    if (!token.fetch) throw new Error("a DPoP-bound token, and no dpop key to prove it");
    return token.fetch(url);
  }
  return fetch(url, { headers: { authorization: `Bearer ${token.accessToken}` }, cache: "no-store" });
}
