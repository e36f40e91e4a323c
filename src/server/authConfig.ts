/**
 * What the kit reads of next-auth's options, typed so that v4's `AuthOptions` and v5's
 * `NextAuthConfig` (the object given to `NextAuth(...)`) both fit. The app's own `encode`,
 * `decode` and callbacks are only passed on, so their parameters are left to next-auth. (Options
 * the kit does not read are listed as `unknown`, so that an object holding only those still fits.)
 */
export interface NextAuthOptionsLike {
  /** v5 also takes several, newest first; else `AUTH_SECRET` (v5) or `NEXTAUTH_SECRET`. */
  secret?: string | string[] | undefined;
  useSecureCookies?: boolean | undefined;
  session?: { maxAge?: number | undefined; strategy?: unknown; updateAge?: unknown } | undefined;
  cookies?:
    | {
        sessionToken?:
          | {
              name?: string | undefined;
              options?: {
                httpOnly?: boolean | undefined;
                sameSite?: unknown;
                path?: string | undefined;
                secure?: boolean | undefined;
                domain?: string | undefined;
              };
            }
          | undefined;
        callbackUrl?: unknown;
        csrfToken?: unknown;
        pkceCodeVerifier?: unknown;
        state?: unknown;
        nonce?: unknown;
      }
    | undefined;
  jwt?: { encode?(params: never): unknown; decode?(params: never): unknown; maxAge?: unknown } | undefined;
  callbacks?:
    | {
        jwt?(params: never): unknown;
        session?: unknown;
        signIn?: unknown;
        redirect?: unknown;
        authorized?: unknown;
      }
    | undefined;
}
