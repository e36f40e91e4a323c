"use client";
import type { Session } from "next-auth";
import { RefreshingSessionProvider } from "next-auth-refresh-kit";
import type { ReactNode } from "react";

export function Providers({ children, session }: { children: ReactNode; session: Session | null }) {
  return (
    <RefreshingSessionProvider session={session} onRefreshError={(error) => console.warn("session ended:", error)}>
      {children}
    </RefreshingSessionProvider>
  );
}
