import "./globals.css";
import "next-auth-refresh-kit/styles.css";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { RefreshingSessionProvider } from "next-auth-refresh-kit";
import { SessionDevtools } from "next-auth-refresh-kit/devtools";
import { type ReactNode, Suspense } from "react";
import { serverComponentAuthOptions } from "../lib/auth";
import { config } from "../lib/config";
import { BenchmarkProviders } from "./providers";

export const metadata = { title: "next-auth-refresh-kit example" };

// The README's layout (the badge is on the page here, with a countdown).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Suspense>
          <WithSession>{children}</WithSession>
        </Suspense>
      </body>
    </html>
  );
}

// The session is request data: with Next 16's cacheComponents it is read inside <Suspense>. A Server
// Component cannot set cookies, so it reads with the options that never refresh: the page renders
// signed in at once, and the client's fetch does the refresh, where the cookie is saved.
async function WithSession({ children }: { children: ReactNode }) {
  await connection(); // request time: signed out, next-auth makes a CSRF token with crypto.randomBytes
  const { mode, recipeLeadSeconds } = config;
  if (mode === "recipe") {
    return (
      <BenchmarkProviders mode={mode} recipeLeadSeconds={recipeLeadSeconds}>
        {children}
      </BenchmarkProviders>
    );
  }
  const session = await getServerSession(serverComponentAuthOptions);
  if (mode === "handler") {
    return (
      <BenchmarkProviders mode={mode} recipeLeadSeconds={recipeLeadSeconds} session={session}>
        {children}
      </BenchmarkProviders>
    );
  }
  return (
    <RefreshingSessionProvider session={session}>
      {children}
      {/* In development only; a production build shows it when forced (the e2e's SESSION_DEVTOOLS=1). */}
      <SessionDevtools force={config.devtools} />
    </RefreshingSessionProvider>
  );
}
