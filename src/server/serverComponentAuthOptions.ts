import type { NextAuthOptionsLike } from "./authConfig.js";
import type { RefreshingJwtCallback } from "./jwtCallback.js";

/**
 * The options for every `getServerSession()` (v5: an `auth()` of its own, from
 * `NextAuth(serverComponentAuthOptions(config))`) in the App Router but `/api/auth/session` (Server
 * Components, route handlers, Server Actions): `authOptions` with the kit's `jwt` callback swapped
 * for its variant that never refreshes. Both majors drop the cookies they would set there, so a
 * refresh would rotate the refresh token without saving the new one. Throws a `TypeError` when
 * `callbacks.jwt` is not `createRefreshingJwtCallback(...)`.
 */
export function serverComponentAuthOptions<Options extends NextAuthOptionsLike>(authOptions: Options): Options {
  const jwt = authOptions.callbacks?.jwt as Partial<RefreshingJwtCallback> | undefined;
  if (typeof jwt?.withoutRefresh !== "function") {
    throw new TypeError("serverComponentAuthOptions: callbacks.jwt must be createRefreshingJwtCallback(...)");
  }
  return { ...authOptions, callbacks: { ...authOptions.callbacks, jwt: jwt.withoutRefresh as never } };
}
