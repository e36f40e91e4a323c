"use client";
import { signIn, useSession } from "next-auth/react";
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
      {/* The badge offers "Sign in" when signed out and, with offerSignOut, "Sign out" when signed in:
          next-auth's signOut(), which the auth route's signOutAtProvider takes to the provider. */}
      <SessionStatusBadge countdown="always" offerSignOut onSignIn={() => void signIn("example")} />
      <p data-testid="status">{status}</p>
      <p>{secondsLeft === null ? "no expiry" : `access token expires in ${secondsLeft} s`}</p>
      {session && (
        <>
          <button type="button" onClick={() => void whoAmI().then(setActionResult)}>
            Who am I (Server Action)
          </button>
          <output data-testid="action-result">{actionResult}</output>
        </>
      )}
    </main>
  );
}
