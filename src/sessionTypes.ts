// Module augmentation: the session fields the kit's session callback sends to the browser, typed
// on next-auth's own `Session`. Types only (no code): both the root entry and `./server` re-export
// it, so an app or a UI package that imports either one sees them.

declare module "next-auth" {
  interface Session {
    /** When the access token expires, epoch seconds. */
    accessTokenExpires?: number;
    /** The access token's remaining lifetime in seconds by the server's clock when the session was sent. */
    accessTokenExpiresInSeconds?: number;
    /** When the session ends (its refresh token dies, or the app's cap), epoch seconds; absent when no end is known. */
    sessionEndsAt?: number;
    /** The session's remaining lifetime in seconds by the server's clock when the session was sent. */
    sessionEndsInSeconds?: number;
    /** Seconds from now, by the server's clock, until the browser should fetch the session again. */
    refetchInSeconds?: number;
    /** `RefreshAccessTokenError` once the session cannot be kept alive; `RefreshAccessTokenRetrying` while refreshes fail transiently. */
    error?: string;
    /** With `RefreshAccessTokenError`: `interaction_required` when the provider needs the user to sign in again to continue (multi-factor authentication, consent). */
    errorReason?: "interaction_required";
    /** Only with `createSessionCallback({ exposeAccessToken: true })`. */
    accessToken?: string;
  }
}

export type {};
