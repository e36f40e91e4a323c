import { auth } from "../../../lib/auth";

/** A route handler that reads the session with the auth() that never refreshes. */
export async function GET() {
  const session = await auth();
  if (!session) return Response.json({ error: "unauthenticated" }, { status: 401 });
  return Response.json({ name: session.user?.name ?? null, error: session.error ?? null });
}
