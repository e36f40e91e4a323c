import "next-auth-refresh-kit/styles.css";
import "./globals.css";
import { getServerSession } from "next-auth";
import type { ReactNode } from "react";
import { serverComponentAuthOptions } from "../lib/auth";
import { config } from "../lib/config";
import { Providers } from "./providers";

export const metadata = { title: "next-auth-refresh-kit example" };
export const dynamic = "force-dynamic";

// A Server Component cannot set cookies, so its session comes from the options that never refresh:
// the page renders signed in at once, and the client's poll does the refresh, where it is saved.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = config.mode === "recipe" ? undefined : await getServerSession(serverComponentAuthOptions);
  return (
    <html lang="en">
      <body>
        <Providers mode={config.mode} recipeLeadSeconds={config.recipeLeadSeconds} session={session}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
