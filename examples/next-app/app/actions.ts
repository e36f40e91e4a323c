"use server";
import { getServerSession } from "next-auth";
import { serverComponentAuthOptions } from "../lib/auth";

/** A Server Action that reads the session, with the options that never refresh (see the route handler). */
export async function whoAmI(): Promise<string> {
  const session = await getServerSession(serverComponentAuthOptions);
  return session?.user?.name ?? "nobody";
}
