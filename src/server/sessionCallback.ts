import type { Session } from "next-auth";
import { REFRESH_ACCESS_TOKEN_RETRYING } from "../core/constants.js";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { refreshAtOf } from "./refreshAtOf.js";
import type { RefreshingJwt } from "./types.js";

/** The session fields the kit sets itself. */
const KIT_FIELDS = new Set([
  "expires",
  "accessTokenExpires",
  "accessTokenExpiresInSeconds",
  "refetchInSeconds",
  "error",
  "errorReason",
  "accessToken",
  "accessTokenType",
  "sessionEndsAt",
  "sessionEndsInSeconds",
  // Server-side only: what a back-channel logout names, and the sign-out's hint.
  "idpSession",
  "idToken",
]);

/** Options of `createSessionCallback`. */
export interface SessionCallbackOptions {
  /** Put the access token on the session the browser sees. Default `false`. */
  exposeAccessToken?: boolean;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
  /**
   * The app's own fields for the browser's session, from the token (say
   * `(token) => ({ roles: token.roles, user: { id: token.sub } })`): added to the session, `user`
   * merged into its user. Declare them on next-auth's `Session` to type `useSession()`. The kit's
   * own fields win over fields of the same name, and a value equal to the refresh or ID token is dropped.
   */
  fields?: (token: RefreshingJwt) => Record<string, unknown>;
}

/** The parameters the kit reads from next-auth's `session` callback. */
export interface SessionCallbackParams {
  session: Session;
  token: RefreshingJwt;
}

/**
 * A next-auth `session` callback (v4 and v5): tells the browser when the access token expires
 * (epoch seconds, plus the remaining lifetime by the server's clock), when to fetch the session
 * again (`refetchInSeconds`, by the server's clock: the one timing source,
 * docs/how-it-works.md#when-the-server-refreshes) and whether the session is dead
 * (`RefreshAccessTokenError`) or retrying (`RefreshAccessTokenRetrying`). Builds the session field
 * by field, so the refresh token, retry state and any other JWT field can never reach the browser;
 * the access token only on opt-in.
 */
export function createSessionCallback(
  options: SessionCallbackOptions = {},
): (params: SessionCallbackParams) => Session {
  const { exposeAccessToken = false, fields } = options;
  /**
   * The app's fields for this token: none of the kit's own names, none that holds the refresh
   * token, nor the access token without `exposeAccessToken`.
   */
  const appFieldsOf = (token: RefreshingJwt): { user?: object; [field: string]: unknown } => {
    const secret = (field: unknown) =>
      (token.refreshToken !== undefined && field === token.refreshToken) ||
      (token.idToken !== undefined && field === token.idToken) ||
      (!exposeAccessToken && token.accessToken !== undefined && field === token.accessToken);
    const safe = (value: Record<string, unknown> = {}) =>
      Object.fromEntries(Object.entries(value).filter(([name, field]) => !KIT_FIELDS.has(name) && !secret(field)));
    const { user, ...rest } = safe(fields?.(token));
    return typeof user === "object" && user !== null ? { ...rest, user: safe(user as Record<string, unknown>) } : rest;
  };
  const clock = options.now ?? (() => Date.now());
  return function sessionCallback({ session, token }) {
    const now = clock();
    const { user: userFields, ...appFields } = appFieldsOf(token);
    const next: Session = { ...appFields, expires: session.expires };
    if (session.user || userFields) {
      const { name = null, email = null, image = null } = session.user ?? {};
      next.user = { ...userFields, name, email, image };
    }
    const expiresAt = normalizeExpiry(token.accessTokenExpires);
    if (expiresAt !== null) {
      next.accessTokenExpires = Math.floor(expiresAt / 1000);
      next.accessTokenExpiresInSeconds = Math.max(0, Math.floor((expiresAt - now) / 1000));
    }
    const endsAt = typeof token.error === "string" ? undefined : token.sessionEndsAt;
    if (typeof endsAt === "number") {
      next.sessionEndsAt = Math.floor(endsAt / 1000);
      next.sessionEndsInSeconds = Math.max(0, Math.floor((endsAt - now) / 1000));
    }
    // Back at the session's end at the latest, to be told it ended.
    const attemptAt = nextAttemptAt(token, expiresAt);
    const comeBackAt = typeof endsAt === "number" && (attemptAt === null || endsAt < attemptAt) ? endsAt : attemptAt;
    // Rounded up: a browser that comes back on time finds the server ready to refresh.
    if (comeBackAt !== null) next.refetchInSeconds = Math.max(0, Math.ceil((comeBackAt - now) / 1000));
    if (typeof token.error === "string") {
      next.error = token.error;
      if (token.errorReason) next.errorReason = token.errorReason;
    } else if ((token.refreshFailures ?? 0) > 0) next.error = REFRESH_ACCESS_TOKEN_RETRYING;
    // A dead session's access token is of no use to anyone: it is not sent.
    const alive = typeof token.error !== "string";
    if (exposeAccessToken && alive && typeof token.accessToken === "string") next.accessToken = token.accessToken;
    return next;
  };
}

/**
 * When the server will next act on this token (epoch ms): its refresh time, or its retry time
 * after a failure; the expiry when it cannot refresh; `null` once the session is dead.
 */
function nextAttemptAt(token: RefreshingJwt, expiresAt: number | null): number | null {
  if (typeof token.error === "string") return null;
  if (typeof token.refreshToken !== "string" || token.refreshToken === "") return expiresAt;
  const refreshAt = refreshAtOf(token, expiresAt);
  if (refreshAt === null) return null;
  return Math.max(refreshAt, typeof token.refreshRetryAt === "number" ? token.refreshRetryAt : refreshAt);
}
