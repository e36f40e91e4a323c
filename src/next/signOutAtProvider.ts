import type { NextRequest } from "next/server";
import type { NextAuthOptionsLike } from "../server/authConfig.js";
import type { RefreshingJwt } from "../server/types.js";
import { isAuthJs } from "./nextAuthMajor.js";
import { openSessionCookie, type SessionCookieConfig, sessionCookieConfig } from "./sessionCookieConfig.js";
import { isSessionCookie } from "./sessionCookies.js";
import { providerSignOutOf } from "./sessionEndsOf.js";

// biome-ignore lint/suspicious/noExplicitAny: next-auth v4's App Router handler is typed `any`.
type RouteHandler = (request: NextRequest, context?: any) => Promise<Response> | Response;

/**
 * The auth route's handler (`NextAuth(authOptions)` under v4, v5's `handlers`), with sign-out
 * reaching the identity provider: after next-auth's own sign-out (its CSRF check, `events.signOut`,
 * the cookie cleared), the refresh token is revoked at the provider (RFC 7009; best effort, bounded
 * by `signOut.timeoutSeconds`) and the browser is sent to its end-session endpoint with
 * `id_token_hint`, `client_id` and `post_logout_redirect_uri` (OIDC RP-Initiated Logout), instead
 * of next-auth's destination. `signOut()` in app code and next-auth's sign-out page go through it.
 * A provider without these endpoints (GitHub) signs out as next-auth does.
 */
export function signOutAtProvider<Handler extends RouteHandler | { GET: RouteHandler; POST: RouteHandler }>(
  handler: Handler,
  authOptions: NextAuthOptionsLike,
): Handler {
  if (typeof handler === "function") {
    // One handler for GET and POST (v4): only a POST signs out. A Pages Router call (req, res) is
    // not a Request: passed through, as next-auth's own sign-out.
    return ((request: NextRequest, context?: unknown) =>
      request instanceof Request && request.method === "POST"
        ? signOut(handler, request, context, authOptions)
        : handler(request, context)) as Handler;
  }
  if (typeof handler?.POST !== "function" || typeof handler.GET !== "function") {
    throw new TypeError("signOutAtProvider takes the auth route's handler: NextAuth(authOptions), or v5's handlers");
  }
  const { POST } = handler;
  return {
    ...handler,
    POST: (request: NextRequest, context?: unknown) => signOut(POST, request, context, authOptions),
  };
}

async function signOut(
  post: RouteHandler,
  request: NextRequest,
  context: unknown,
  authOptions: NextAuthOptionsLike,
): Promise<Response> {
  const parts = providerSignOutOf(authOptions);
  if (!parts || !new URL(request.url).pathname.endsWith("/signout")) return post(request, context);
  // Read before next-auth clears it: the refresh token to revoke, the ID token for the hint.
  const config = sessionCookieConfig(authOptions, await isAuthJs(), new URL(request.url).protocol === "https:");
  const token = (await openSessionCookie(request.cookies.getAll(), config))?.token as RefreshingJwt | undefined;
  const response = await post(request, context);
  if (!token || !clearsSession(response, config)) return response;
  const destination = await destinationOf(response);
  if (destination === undefined) return response;
  const url = await parts.end(token, new URL(destination.url, request.url).toString());
  return url === undefined ? response : destination.to(url);
}

/** Whether next-auth's answer deletes the session cookie (or a chunk of it): the sign-out happened. */
function clearsSession(response: Response, config: SessionCookieConfig): boolean {
  return response.headers.getSetCookie().some((cookie) => {
    const [pair = "", ...attributes] = cookie.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    const session = config.names.some((n) => isSessionCookie(name, n));
    return (
      session &&
      pair.endsWith("=") &&
      attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a))
    );
  });
}

/**
 * Where next-auth sends the browser, and how to change it: `{ url }` for its client (v5 keeps the
 * `Location` header beside it), else the `Location` of a redirect (a form posted without JavaScript).
 */
async function destinationOf(response: Response): Promise<{ url: string; to(url: string): Response } | undefined> {
  const location = response.headers.get("location");
  const json = response.headers.get("content-type")?.includes("application/json");
  const body: unknown = json
    ? await response
        .clone()
        .json()
        .catch(() => null)
    : null;
  const url = (body as { url?: unknown } | null)?.url;
  if (typeof url !== "string" && location === null) return undefined;
  return {
    url: typeof url === "string" ? url : (location as string),
    to(target) {
      const headers = new Headers(response.headers);
      if (location !== null) headers.set("location", target);
      if (typeof url !== "string") return new Response(null, { status: response.status, headers });
      headers.delete("content-length");
      return new Response(JSON.stringify({ ...(body as object), url: target }), { status: response.status, headers });
    },
  };
}
