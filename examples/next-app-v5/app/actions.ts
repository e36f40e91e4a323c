"use server";
import { auth } from "../lib/auth";

/** A Server Action that reads the session with the auth() that never refreshes. */
export async function whoAmI(): Promise<string> {
  const session = await auth();
  return session?.user?.name ?? "nobody";
}
