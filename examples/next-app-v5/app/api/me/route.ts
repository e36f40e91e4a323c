import { getAccessToken } from "next-auth-refresh-kit/next";
import { authOptions } from "../../../lib/auth";
import { config } from "../../../lib/config";

/** A protected route: calls the authorization server's userinfo with the session's access token. */
export async function GET() {
  const token = await getAccessToken(authOptions);
  if (token.status !== "valid") return Response.json({ error: token.status }, { status: 401 });
  const userinfo = await fetch(`${config.issuer}/me`, { headers: { authorization: `Bearer ${token.accessToken}` } });
  return Response.json(userinfo.ok ? await userinfo.json() : { error: "userinfo refused" }, {
    status: userinfo.status,
  });
}
