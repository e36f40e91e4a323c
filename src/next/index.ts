// `next-auth-refresh-kit/next`: the request path in a Next.js app. The refresh for middleware.ts
// or proxy.ts, and the access-token getter for server code.
export type { NextAuthOptionsLike } from "../server/authConfig.js";
export { type BackChannelLogoutOptions, backChannelLogout } from "./backChannelLogout.js";
export { getAccessToken, type ServerAccessToken } from "./getAccessToken.js";
export { serverSignOut } from "./serverSignOut.js";
export { CHUNK_SIZE, readSessionToken, sessionCookieName, sessionCookieWrites } from "./sessionCookies.js";
export { type ComposedMiddleware, type SessionRefreshMiddleware, sessionRefresh } from "./sessionRefresh.js";
export { signOutAtProvider } from "./signOutAtProvider.js";
