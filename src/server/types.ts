import type { JWT } from "next-auth/jwt";

/** The token fields the kit keeps in next-auth's JWT. Instants are epoch ms. */
export interface RefreshingJwtFields {
  accessToken?: string;
  /** `DPoP` when the access token is DPoP-bound (sent with a proof); absent for a bearer token. */
  accessTokenType?: "DPoP";
  /** When the access token expires, epoch **ms** (the session shows seconds). */
  accessTokenExpires?: number;
  refreshToken?: string;
  /** `RefreshAccessTokenError` once the session cannot be kept alive. */
  error?: string;
  /**
   * Why, where the user can do something other than start over: `interaction_required`, the
   * provider needs the user at its sign-in page (multi-factor authentication, consent).
   */
  errorReason?: "interaction_required";
  /** When the server refreshes the access token, epoch ms (`refreshAtFor`, decided when it was issued). */
  refreshAt?: number;
  /** Failed refreshes in a row, for backoff. */
  refreshFailures?: number;
  /** After a failed refresh, no refresh is tried before this instant (epoch ms). */
  refreshRetryAt?: number;
  /** The first failed refresh after the access token expired (epoch ms): bounds the retries. */
  refreshFailingSince?: number;
  /** When the user signed in (epoch ms): a back-channel logout recorded later ends this session. */
  signedInAt?: number;
  /** The identity provider's session, from the ID token at sign-in: what a back-channel logout names. */
  idpSession?: IdpSession;
  /**
   * When the session ends (epoch ms): the refresh token's end as the provider states it, capped by
   * `sessionMaxSeconds`. No refresh runs past it; at it the session is signed out.
   */
  sessionEndsAt?: number;
  /** The provider's latest ID token (sign-in, or a refresh that sent one): the sign-out's `id_token_hint`. */
  idToken?: string;
}

/** The identity provider's session behind a sign-in (claims of its ID token). Never shown to the browser. */
export interface IdpSession {
  iss: string;
  sub: string;
  sid?: string;
}

/** next-auth's JWT with the kit's fields. */
export type RefreshingJwt = JWT & RefreshingJwtFields;

/** The fields of next-auth's `account` (an OAuth token response) read at sign-in. */
export interface SignInAccount {
  access_token?: string;
  /** Epoch seconds. */
  expires_at?: number;
  /** Seconds from now, when `expires_at` is absent: a number, or a digit string as some providers send it. */
  expires_in?: number | string;
  /** `Bearer`, or a type the app lists in `tokenTypes`. */
  token_type?: string;
  refresh_token?: string;
  /** The ID token: its `iss`/`sub`/`sid` name the session, and it is kept server-side for sign-out. */
  id_token?: string;
  /** Anything else the provider sent (`scope`, ...) is ignored. */
  [field: string]: unknown;
}
