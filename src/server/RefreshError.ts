/** Why a refresh failed: an OAuth `error` code (RFC 6749 §5.2) or a transport/response fault. */
export type RefreshErrorCode =
  | "invalid_grant"
  | "interaction_required"
  | "invalid_client"
  | "unauthorized_client"
  | "invalid_request"
  | "invalid_scope"
  | "unsupported_grant_type"
  | "temporarily_unavailable"
  | "server_error"
  | "oauth_error"
  | "http_error"
  | "network"
  | "timeout"
  | "http_5xx"
  | "rate_limited"
  | "invalid_response"
  | "unsupported_token_type"
  | "invalid_client_key"
  | "use_dpop_nonce"
  | "store_unavailable";

const OAUTH_CODES = new Set<RefreshErrorCode>([
  "invalid_grant",
  "invalid_client",
  "unauthorized_client",
  "invalid_request",
  "invalid_scope",
  "unsupported_grant_type",
  "temporarily_unavailable",
  "server_error",
]);

/**
 * How the kit treats each failure (RFC 6749 §5.2, HTTP semantics):
 * - terminal, the session ends at once: the grant is dead (`invalid_grant`, or a provider's
 *   dead-grant code such as GitHub's `bad_refresh_token`, which it sends with a 200), or the
 *   provider needs the user at its sign-in page (`interaction_required`: OIDC's
 *   `interaction_required`, `login_required`, `consent_required`, and Entra ID's `invalid_grant`
 *   AADSTS50076/50079, multi-factor authentication required);
 * - transient, retried with backoff (past expiry, for a bounded time): network errors, timeouts,
 *   5xx, 408, 429, `temporarily_unavailable`, `server_error`, a 4xx without an OAuth body (a proxy's
 *   or WAF's page), a malformed answer, a second DPoP nonce demand in a row (`use_dpop_nonce`:
 *   the first is retried at once), the refresh store;
 * - neither, refused: any other OAuth error (`invalid_request`, `invalid_client`,
 *   `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`, an unknown code), a
 *   `token_type` the app does not send (`unsupported_token_type`), and a `clientPrivateKey` that
 *   cannot sign (`invalid_client_key`). The same
 *   request cannot succeed, but the access token still works: kept and retried with backoff while
 *   it is valid, the session ends at the first such answer after expiry.
 */
const TRANSIENT_CODES = new Set<RefreshErrorCode>([
  "temporarily_unavailable",
  "server_error",
  "http_error",
  "network",
  "timeout",
  "http_5xx",
  "rate_limited",
  "invalid_response",
  "use_dpop_nonce",
  "store_unavailable",
]);

/** OAuth `error` values that say the refresh token is dead, whatever the HTTP status. */
const DEAD_GRANT_ERRORS = new Set(["invalid_grant", "bad_refresh_token"]);

/** OIDC `error` values that say the user must come to the provider's sign-in page. */
const INTERACTION_ERRORS = new Set(["interaction_required", "login_required", "consent_required"]);

/** Entra ID's `invalid_grant` descriptions that mean "sign in again interactively" (MFA), not a dead token. */
const ENTRA_INTERACTION = /^AADSTS500(76|79):/;

/** Details a `RefreshError` is made from. None of them may hold a token or a secret. */
export interface RefreshErrorDetails {
  status?: number | undefined;
  oauthError?: string | undefined;
  description?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

/**
 * A failed refresh, as data: `code`, HTTP `status`, whether it is `terminal` (the refresh token is
 * dead) or `transient` (the same request may succeed later; neither: refused, see above), and the
 * server's OAuth `error`/`error_description`. Its message and properties never contain a token or
 * the client secret.
 */
export class RefreshError extends Error {
  override readonly name = "RefreshError";
  readonly code: RefreshErrorCode;
  readonly status: number | undefined;
  /** The same request may succeed later: retry with backoff. */
  readonly transient: boolean;
  /** The refresh token is dead: the session ends now. */
  readonly terminal: boolean;
  readonly oauthError: string | undefined;
  readonly description: string | undefined;
  /** Seconds the server asked us to wait (`Retry-After`), if it did. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: RefreshErrorCode, message: string, details: RefreshErrorDetails = {}) {
    const status = details.status === undefined ? "" : ` (HTTP ${details.status})`;
    super(`Access token refresh failed: ${code}${status}: ${message}`);
    this.code = code;
    this.status = details.status;
    this.transient = TRANSIENT_CODES.has(code);
    this.terminal = code === "invalid_grant" || code === "interaction_required";
    this.oauthError = details.oauthError;
    this.description = details.description;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /**
   * The code for an OAuth `error` value (and its `error_description`): the standard ones by name,
   * the ones asking for the user's sign-in (Entra's AADSTS50076/50079 included) as
   * `interaction_required`, a provider's dead-grant code (`bad_refresh_token`) as `invalid_grant`,
   * anything else `oauth_error`.
   */
  static codeFor(oauthError: string, description = ""): RefreshErrorCode {
    if (INTERACTION_ERRORS.has(oauthError)) return "interaction_required";
    if (oauthError === "invalid_grant" && ENTRA_INTERACTION.test(description)) return "interaction_required";
    if (DEAD_GRANT_ERRORS.has(oauthError)) return "invalid_grant";
    return OAUTH_CODES.has(oauthError as RefreshErrorCode) ? (oauthError as RefreshErrorCode) : "oauth_error";
  }
}

/** True when `error` is a terminal refresh failure: the refresh token will never work again. */
export function isTerminalRefreshError(error: unknown): error is RefreshError {
  return error instanceof RefreshError && error.terminal;
}
