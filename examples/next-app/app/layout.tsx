import "next-auth-refresh-kit/styles.css";
import { getServerSession } from "next-auth";
import type { ReactNode } from "react";
import { authOptions } from "../lib/auth";
import { Providers } from "./providers";

export const metadata = { title: "next-auth-refresh-kit example" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  return (
    <html lang="en">
      <body>
        <Providers session={session}>{children}</Providers>
      </body>
    </html>
  );
}
