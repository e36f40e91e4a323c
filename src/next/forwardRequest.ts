import { NextResponse } from "next/server";

/**
 * `response`, made to forward `request`'s current headers (its cookies included) to the page, as
 * `NextResponse.next({ request: { headers } })` does. When a middleware already forwards headers of
 * its own, only the cookie header is added to what it forwards: its other choices stay. A redirect
 * or a response of its own renders no page: nothing to forward.
 */
export function forwardRequestCookies(response: NextResponse, request: Request): NextResponse {
  const rendersPage = response.headers.has("x-middleware-next") || response.headers.has("x-middleware-rewrite");
  if (!rendersPage) return response;
  const cookie = request.headers.get("cookie") ?? "";
  const overridden = response.headers.get("x-middleware-override-headers");
  if (overridden !== null) {
    const keys = overridden.split(",").filter(Boolean);
    if (!keys.includes("cookie")) response.headers.set("x-middleware-override-headers", [...keys, "cookie"].join(","));
    response.headers.set("x-middleware-request-cookie", cookie);
    return response;
  }
  const forwarded = NextResponse.next({ request: { headers: request.headers } });
  for (const [key, value] of forwarded.headers) {
    if (key === "x-middleware-override-headers" || key.startsWith("x-middleware-request-")) {
      response.headers.set(key, value);
    }
  }
  return response;
}
