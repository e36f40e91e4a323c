import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { config } from "../../../lib/config";

/** A protected route: calls the authorization server's userinfo with the session's access token. */
export async function GET(request: NextRequest) {
  const token = await getToken({ req: request });
  if (typeof token?.accessToken !== "string") return Response.json({ error: "unauthenticated" }, { status: 401 });
  const userinfo = await fetch(`${config.issuer}/me`, { headers: { authorization: `Bearer ${token.accessToken}` } });
  return Response.json(userinfo.ok ? await userinfo.json() : { error: "userinfo refused" }, {
    status: userinfo.status,
  });
}
