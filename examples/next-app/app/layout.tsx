import "next-auth-refresh-kit/styles.css";
import type { ReactNode } from "react";
import { config } from "../lib/config";
import { Providers } from "./providers";

export const metadata = { title: "next-auth-refresh-kit example" };
export const dynamic = "force-dynamic";

// No getServerSession here: a Server Component cannot set cookies, so a refresh it triggered would
// rotate the refresh token without saving the new one. The client fetches /api/auth/session instead.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers mode={config.mode} leadSeconds={config.leadSeconds}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
