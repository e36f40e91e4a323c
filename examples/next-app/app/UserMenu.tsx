"use client";
import { useSession } from "next-auth/react";

/** Who is signed in, from next-auth's own useSession(): the kit's provider feeds it. */
export function UserMenu() {
  const { data: session, status } = useSession();
  if (status === "loading") return <p data-testid="user-menu">…</p>;
  if (!session) return <p data-testid="user-menu">Not signed in</p>;
  if (session.error === "RefreshAccessTokenError") return <p data-testid="user-menu">Your session ended</p>;
  return <p data-testid="user-menu">Signed in as {session.user?.name ?? "you"}</p>;
}
