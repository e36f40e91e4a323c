import { SessionStatusBadge } from "next-auth-refresh-kit";
import { getAccessToken } from "next-auth-refresh-kit/next";
import { Suspense } from "react";
import { authOptions } from "../../lib/auth";
import { userinfo } from "../../lib/userinfo";

export const metadata = { title: "userinfo (server)" };

/** A Server Component that calls the authorization server's userinfo with the session's access token. */
export default function UserinfoPage() {
  return (
    <main>
      <h1>userinfo, from the server</h1>
      <SessionStatusBadge />
      <Suspense fallback={<p>…</p>}>
        <Userinfo />
      </Suspense>
    </main>
  );
}

async function Userinfo() {
  const token = await getAccessToken(authOptions);
  if (token.status !== "valid") return <p data-testid="userinfo">{token.status}</p>;
  const answer = await userinfo(token);
  const body = answer.ok ? ((await answer.json()) as { sub?: string }) : null;
  return (
    <p data-testid="userinfo" data-status={answer.status}>
      {answer.status} {body?.sub ?? ""}
    </p>
  );
}
