// Module augmentation: importing `next-auth-refresh-kit/server` types the kit's session and JWT fields.
import type { RefreshingJwtFields } from "./types.js";

declare module "next-auth" {
  interface Session {
    /** When the access token expires, epoch seconds. */
    accessTokenExpires?: number;
    /** The access token's remaining lifetime in seconds by the server's clock when the session was sent. */
    accessTokenExpiresInSeconds?: number;
    /** Seconds from now, by the server's clock, until the browser should fetch the session again. */
    refetchInSeconds?: number;
    /** `RefreshAccessTokenError` once the session cannot be kept alive; `RefreshAccessTokenRetrying` while refreshes fail transiently. */
    error?: string;
    /** Only with `createSessionCallback({ exposeAccessToken: true })`. */
    accessToken?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT extends RefreshingJwtFields {}
}
