import { getAccessToken } from "next-auth-refresh-kit/next";
import { authOptions } from "../../../lib/auth";
import { userinfo } from "../../../lib/userinfo";

/** A protected route: calls the authorization server's userinfo with the session's access token. */
export async function GET() {
  const token = await getAccessToken(authOptions);
  if (token.status !== "valid") return Response.json({ error: token.status }, { status: 401 });
  const answer = await userinfo(token);
  return Response.json(answer.ok ? await answer.json() : { error: "userinfo refused" }, { status: answer.status });
}
