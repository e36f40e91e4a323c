import "./globals.css";
import "next-auth-refresh-kit/styles.css";
import { connection } from "next/server";
import { RefreshingSessionProvider } from "next-auth-refresh-kit";
import { type ReactNode, Suspense } from "react";
import { auth } from "../lib/auth";
import { config } from "../lib/config";
import { BenchmarkProviders } from "./providers";

export const metadata = { title: "next-auth-refresh-kit example (next-auth v5)" };

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

// The session is request data, read inside <Suspense>, with the auth() that never refreshes: the
// proxy has already refreshed a due token for this request.
async function WithSession({ children }: { children: ReactNode }) {
  await connection();
  const session = await auth();
  if (config.mode === "handler") {
    return (
      <BenchmarkProviders mode="handler" recipeLeadSeconds={config.recipeLeadSeconds} session={session}>
        {children}
      </BenchmarkProviders>
    );
  }
  return <RefreshingSessionProvider session={session}>{children}</RefreshingSessionProvider>;
}
