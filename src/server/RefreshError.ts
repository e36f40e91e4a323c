/** Why a refresh failed: an OAuth `error` code (RFC 6749 §5.2) or a transport/response fault. */
export type RefreshErrorCode =
  | "invalid_grant"
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
 * The only codes that end a session (DESIGN §5): the authorization server says, in OAuth terms,
 * that the grant or the client is dead. Every other failure keeps the refresh token and retries:
 * a network fault, a 5xx, a proxy's or WAF's page, and also a misconfiguration (`invalid_scope`,
 * `invalid_request`, an unknown code), which a fix on the app's side can cure without a new login.
 */
const TERMINAL_CODES = new Set<RefreshErrorCode>(["invalid_grant", "invalid_client", "unauthorized_client"]);

/** Details a `RefreshError` is made from. None of them may hold a token or a secret. */
export interface RefreshErrorDetails {
  status?: number | undefined;
  oauthError?: string | undefined;
  description?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

/**
 * A failed refresh, as data: `code`, HTTP `status`, whether it is `transient` (retry later) or
 * terminal (the refresh token is dead), and the server's OAuth `error`/`error_description`.
 * Its message and properties never contain a token or the client secret.
 */
export class RefreshError extends Error {
  override readonly name = "RefreshError";
  readonly code: RefreshErrorCode;
  readonly status: number | undefined;
  readonly transient: boolean;
  readonly oauthError: string | undefined;
  readonly description: string | undefined;
  /** Seconds the server asked us to wait (`Retry-After`), if it did. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: RefreshErrorCode, message: string, details: RefreshErrorDetails = {}) {
    const status = details.status === undefined ? "" : ` (HTTP ${details.status})`;
    super(`Access token refresh failed: ${code}${status}: ${message}`);
    this.code = code;
    this.status = details.status;
    this.transient = !TERMINAL_CODES.has(code);
    this.oauthError = details.oauthError;
    this.description = details.description;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** The code for an OAuth `error` value: the standard ones by name, anything else `oauth_error`. */
  static codeFor(oauthError: string): RefreshErrorCode {
    return OAUTH_CODES.has(oauthError as RefreshErrorCode) ? (oauthError as RefreshErrorCode) : "oauth_error";
  }
}

/** True when `error` is a terminal refresh failure: the refresh token will never work again. */
export function isTerminalRefreshError(error: unknown): error is RefreshError {
  return error instanceof RefreshError && !error.transient;
}
