"use client";
import { signIn, signOut, useSession } from "next-auth/react";
import { SessionStatusBadge, useSessionStatus } from "next-auth-refresh-kit";
import { useState } from "react";
import { whoAmI } from "./actions";
import { UserMenu } from "./UserMenu";

export default function Home() {
  const { data: session } = useSession();
  const { status, secondsLeft } = useSessionStatus();
  const [actionResult, setActionResult] = useState("");
  return (
    <main>
      <h1>next-auth-refresh-kit example</h1>
      <UserMenu />
      <SessionStatusBadge countdown="always" onSignIn={() => void signIn("example")} />
      <p data-testid="status">{status}</p>
      <p>{secondsLeft === null ? "no expiry" : `access token expires in ${secondsLeft} s`}</p>
      {/* Signed out, the badge's own "Sign in" signs in. */}
      {session && (
        <>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
          <button type="button" onClick={() => void whoAmI().then(setActionResult)}>
            Who am I (Server Action)
          </button>
          <output data-testid="action-result">{actionResult}</output>
        </>
      )}
    </main>
  );
}
