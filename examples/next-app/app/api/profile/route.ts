import { getServerSession } from "next-auth";
import { serverComponentAuthOptions } from "../../../lib/auth";

/**
 * A route handler that reads the session. It uses the options that never refresh: in the App
 * Router, getServerSession() cannot keep a rotated cookie. The browser's fetch of
 * /api/auth/session does the refresh.
 */
export async function GET() {
  const session = await getServerSession(serverComponentAuthOptions);
  if (!session) return Response.json({ error: "unauthenticated" }, { status: 401 });
  return Response.json({ name: session.user?.name ?? null, error: session.error ?? null });
}
