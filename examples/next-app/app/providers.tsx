"use client";
import type { Session } from "next-auth";
import { SessionProvider, useSession } from "next-auth/react";
import { RefreshingSessionProvider, RefreshTokenHandler } from "next-auth-refresh-kit";
import { type ReactNode, useEffect, useState } from "react";

export function Providers({
  children,
  mode,
  recipeLeadSeconds,
  session,
}: {
  children: ReactNode;
  mode: "kit" | "handler" | "recipe";
  recipeLeadSeconds: number;
  /** From the server render; `undefined` makes the provider fetch it. */
  session?: Session | null | undefined;
}) {
  if (mode === "recipe") return <RecipeProviders leadSeconds={recipeLeadSeconds}>{children}</RecipeProviders>;
  if (mode === "handler") return <HandlerProviders session={session}>{children}</HandlerProviders>;
  // The session says when to fetch it again: no timing to set here.
  return (
    <RefreshingSessionProvider
      {...(session === undefined ? {} : { session })}
      onRefreshError={(error) => console.warn("session ended:", error)}
    >
      {children}
    </RefreshingSessionProvider>
  );
}

// An app that keeps next-auth's own SessionProvider and lets the kit's handler set its interval.
function HandlerProviders({ children, session }: { children: ReactNode; session?: Session | null | undefined }) {
  const [refetchInterval, setRefetchInterval] = useState(0);
  return (
    <SessionProvider {...(session === undefined ? {} : { session })} refetchInterval={refetchInterval}>
      <RefreshTokenHandler onIntervalChange={setRefetchInterval}>{children}</RefreshTokenHandler>
    </SessionProvider>
  );
}

// The blog recipe's client side, for the benchmark only: refetchInterval from the expiry, 0 when due.
function RecipeProviders({ children, leadSeconds }: { children: ReactNode; leadSeconds: number }) {
  const [interval, setInterval] = useState(0);
  return (
    <SessionProvider refetchInterval={interval}>
      <RecipeRefreshTokenHandler leadSeconds={leadSeconds} setInterval={setInterval} />
      {children}
    </SessionProvider>
  );
}

function RecipeRefreshTokenHandler(props: { leadSeconds: number; setInterval: (seconds: number) => void }) {
  const { data: session } = useSession();
  useEffect(() => {
    if (session) {
      const timeRemaining = Math.round(
        ((session.accessTokenExpires ?? 0) - props.leadSeconds * 1000 - Date.now()) / 1000,
      );
      props.setInterval(timeRemaining > 0 ? timeRemaining : 0);
    }
  }, [session, props]);
  return null;
}
