"use client";
import type { Session } from "next-auth";
import { SessionProvider, useSession } from "next-auth/react";
import { RefreshTokenHandler } from "next-auth-refresh-kit";
import { type ReactNode, useEffect, useState } from "react";

/**
 * The two other modes of the request-count benchmark (`npm run bench:e2e`): the kit's handler under
 * next-auth's own SessionProvider, and the blog recipe. The app itself (mode `kit`) renders the
 * kit's provider straight from the layout, as the README shows.
 */
export function BenchmarkProviders({
  children,
  mode,
  recipeLeadSeconds,
  session,
}: {
  children: ReactNode;
  mode: "handler" | "recipe";
  recipeLeadSeconds: number;
  session?: Session | null;
}) {
  if (mode === "recipe") return <RecipeProviders leadSeconds={recipeLeadSeconds}>{children}</RecipeProviders>;
  return <HandlerProviders session={session}>{children}</HandlerProviders>;
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
