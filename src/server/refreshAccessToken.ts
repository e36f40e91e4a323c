import { MAX_TIMER_DELAY_MS } from "../core/constants.js";
import { RefreshError } from "./RefreshError.js";
import { statedRefreshTokenEnd } from "./refreshTokenEnd.js";
import { parseExpiresIn } from "./tokenExpiry.js";

/** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = "client_secret_basic" | "client_secret_post";

/** Whether the kit speaks this client authentication. */
export function isClientAuthMethod(method: unknown): method is ClientAuthMethod {
  return method === "client_secret_basic" || method === "client_secret_post";
}

/** Where and how to refresh: the provider settings for the OAuth `refresh_token` grant. */
export interface RefreshGrantSettings {
  /** The authorization server's token endpoint URL. */
  tokenEndpoint: string | URL;
  clientId: string;
  clientSecret: string;
  /** Default `client_secret_basic`. */
  clientAuth?: ClientAuthMethod;
  /** Ask for a narrower scope (RFC 6749 §6); omitted, the server keeps the original scope. */
  scope?: string;
  /** Give up after this long. Default 10. */
  timeoutSeconds?: number;
  /** The `fetch` to use; default the global one, read at call time. */
  fetch?: typeof fetch;
  /**
   * The `token_type`s the app sends as they must be sent (case-insensitive). Default `["Bearer"]`:
   * a sender-constrained token (`DPoP`) sent as a bearer token would fail or be weakened, so any
   * other type is refused with `unsupported_token_type` unless listed here.
   */
  tokenTypes?: readonly string[];
}

/** A refreshed token set. */
export interface TokenSet {
  accessToken: string;
  /** Epoch ms; `null` when the server sent no `expires_in`. */
  expiresAt: number | null;
  /** Present only when the server rotated the refresh token. */
  refreshToken?: string;
  /** Present only when the answer carried a new ID token (kept server-side, for sign-out). */
  idToken?: string;
  /** When the refresh token dies (epoch ms), where the answer says (`refresh_expires_in`, `refresh_token_expires_in`). */
  refreshTokenExpiresAt?: number;
}

/** The grant's result: the token set plus the server's whole JSON answer (holds tokens: keep it server-side). */
export interface RefreshGrantResult extends TokenSet {
  raw: Record<string, unknown>;
}

const DEFAULT_TIMEOUT_SECONDS = 10;
/** A timer holds at most 2^31-1 ms; a longer timeout would fire at once. */
const MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMER_DELAY_MS / 1000);
const INTEGER_STRING = /^\d+$/;

/**
 * The OAuth 2.0 refresh grant (RFC 6749 §6): POSTs `grant_type=refresh_token` to the token
 * endpoint, validates the answer (§5.1) and returns the new tokens, or throws a `RefreshError`
 * whose code says whether to retry. `now` (epoch ms) anchors `expires_in`.
 */
export async function refreshAccessToken(
  settings: RefreshGrantSettings & { refreshToken: string },
  now: number = Date.now(),
): Promise<RefreshGrantResult> {
  const request = buildRefreshRequest(settings);
  const timeoutMs = (settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  // The Basic credential (base64 of id:secret) too: a server that echoes the header would leak it.
  const redact = redactor([settings.refreshToken, settings.clientSecret, basicCredential(settings)]);
  const doFetch = settings.fetch ?? globalThis.fetch;
  return withDeadline(timeoutMs, async (signal) => {
    let response: Response;
    try {
      response = await doFetch(request.url, { ...request.init, signal });
    } catch (error) {
      if (signal.aborted) throw timeoutError(timeoutMs);
      throw new RefreshError("network", redact(describe(error)));
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      if (signal.aborted) throw timeoutError(timeoutMs);
      throw new RefreshError("network", `the body could not be read (${describe(error)})`, { status: response.status });
    }
    const result = parseRefreshResponse(response, body, now, redact);
    checkTokenType(result.raw.token_type, settings.tokenTypes);
    return result;
  });
}

const timeoutError = (timeoutMs: number) => new RefreshError("timeout", `no answer within ${timeoutMs / 1000} s`);

/**
 * Runs `work` with an abort signal, and settles within `timeoutMs` whatever `work` does: at the
 * deadline the signal aborts and the call fails with a `timeout`, even if a `fetch` ignores the
 * signal and never settles (a custom fetch, a proxy agent). Nobody waits on a hung call.
 */
export function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError(timeoutMs));
    }, timeoutMs);
  });
  const running = work(controller.signal);
  running.catch(() => {}); // settled after the deadline: nobody is listening any more
  return Promise.race([running, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Throws `unsupported_token_type` (refused) for a `token_type` outside `accepted` (default Bearer),
 * compared case-insensitively (RFC 6749 §5.1). An absent type passes: the grant requires one, and
 * next-auth's sign-in account may lack it.
 */
export function checkTokenType(tokenType: unknown, accepted: readonly string[] = ["Bearer"]): void {
  if (tokenType === undefined || tokenType === null) return;
  const type = String(tokenType).toLowerCase();
  if (accepted.some((allowed) => allowed.toLowerCase() === type)) return;
  throw new RefreshError(
    "unsupported_token_type",
    `token_type "${String(tokenType).slice(0, 40)}" is not one the app sends (tokenTypes: ${accepted.join(", ")})`,
  );
}

/** Builds the token request: form body, client authentication, no caching. */
export function buildRefreshRequest(settings: RefreshGrantSettings & { refreshToken: string }): {
  url: string;
  init: RequestInit;
} {
  const { refreshToken, scope } = settings;
  if (typeof refreshToken !== "string" || refreshToken === "")
    throw new TypeError("refreshToken must be a non-empty string");
  const url = checkGrantSettings(settings);

  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken });
  if (scope !== undefined) form.set("scope", scope);
  return { url, init: clientRequest(settings, form) };
}

/**
 * A POST of `form` from the client to one of the server's endpoints (token, revocation), with the
 * client's credentials as its method puts them: a Basic header, or `client_id`/`client_secret` in the form.
 */
export function clientRequest(settings: RefreshGrantSettings, form: URLSearchParams): RequestInit {
  const { clientId, clientSecret, clientAuth = "client_secret_basic" } = settings;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  if (clientAuth === "client_secret_basic") {
    headers.authorization = `Basic ${basicCredential(settings)}`;
  } else {
    form.set("client_id", clientId);
    form.set("client_secret", clientSecret);
  }
  return { method: "POST", headers, body: form.toString(), cache: "no-store", redirect: "error" };
}

/**
 * Checks the grant settings, throwing a `TypeError`/`RangeError` that names the bad one; returns
 * the token endpoint as a string. Called by the jwt callback's first call, so a typo fails the
 * first sign-in rather than the first refresh (maybe an hour later).
 */
export function checkGrantSettings(settings: RefreshGrantSettings): string {
  const { tokenEndpoint, clientId, clientSecret, clientAuth = "client_secret_basic" } = settings;
  if (typeof clientId !== "string" || clientId === "") throw new TypeError("clientId must be a non-empty string");
  if (typeof clientSecret !== "string") throw new TypeError("clientSecret must be a string");
  if (!isClientAuthMethod(clientAuth)) {
    throw new TypeError(`clientAuth must be "client_secret_basic" or "client_secret_post", got ${String(clientAuth)}`);
  }
  const timeout = settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(typeof timeout === "number" && timeout > 0 && timeout <= MAX_TIMEOUT_SECONDS)) {
    throw new RangeError(`timeoutSeconds must be > 0 and <= ${MAX_TIMEOUT_SECONDS}, got ${String(timeout)}`);
  }
  if (typeof tokenEndpoint !== "string" || !URL.canParse(tokenEndpoint)) {
    throw new TypeError(`tokenEndpoint must be an absolute URL, got "${String(tokenEndpoint)}" (is its variable set?)`);
  }
  return new URL(tokenEndpoint).toString();
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64, so ":" or "%" in them survive. */
function basicCredential({ clientId, clientSecret }: RefreshGrantSettings): string {
  return btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
}

function parseRefreshResponse(
  response: Response,
  text: string,
  now: number,
  redact: (s: string) => string,
): RefreshGrantResult {
  const { status } = response;
  const json = parseJsonObject(text);

  if (status === 429) {
    throw new RefreshError("rate_limited", "the token endpoint asks to slow down", {
      status,
      retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after"), now),
    });
  }
  if (status >= 500) {
    throw new RefreshError("http_5xx", "the token endpoint failed", {
      status,
      ...oauthDetails(json, redact),
      retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after"), now),
    });
  }
  if (status === 408) throw new RefreshError("timeout", "the token endpoint timed out the request", { status });
  const details = oauthDetails(json, redact);
  // Some providers answer an OAuth error with 200: the body decides, not the status (RFC 6749 §5.2).
  if (details.oauthError !== undefined) {
    const suffix = details.description ? ` (${details.description})` : "";
    throw new RefreshError(
      RefreshError.codeFor(details.oauthError, details.description),
      `${details.oauthError}${suffix}`,
      {
        status,
        ...details,
        retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after"), now),
      },
    );
  }
  // A 4xx without an OAuth body is not the authorization server's word (a proxy, a WAF page): transient.
  if (status !== 200) throw new RefreshError("http_error", "unexpected answer", { status });

  if (json === null) throw new RefreshError("invalid_response", "the body is not a JSON object", { status });
  const { access_token, token_type, expires_in, refresh_token } = json;
  if (typeof access_token !== "string" || access_token === "") {
    throw new RefreshError("invalid_response", "access_token is missing or not a string", { status });
  }
  if (typeof token_type !== "string" || token_type === "") {
    throw new RefreshError("invalid_response", "token_type is missing or not a string", { status });
  }
  if (refresh_token !== undefined && (typeof refresh_token !== "string" || refresh_token === "")) {
    throw new RefreshError("invalid_response", "refresh_token is not a non-empty string", { status });
  }
  const lifetime = parseExpiresIn(expires_in);
  if (lifetime === undefined) {
    throw new RefreshError("invalid_response", "expires_in is not a non-negative number of seconds", { status });
  }
  return {
    accessToken: access_token,
    expiresAt: lifetime === null ? null : now + lifetime * 1000,
    ...(typeof refresh_token === "string" ? { refreshToken: refresh_token } : {}),
    ...(typeof json.id_token === "string" && json.id_token !== "" ? { idToken: json.id_token } : {}),
    ...optional("refreshTokenExpiresAt", statedRefreshTokenEnd(json, now)),
    raw: json,
  };
}

function oauthDetails(json: Record<string, unknown> | null, redact: (s: string) => string) {
  const oauthError = typeof json?.error === "string" ? redact(json.error).slice(0, 100) : undefined;
  const description =
    typeof json?.error_description === "string" ? redact(json.error_description).slice(0, 300) : undefined;
  return { oauthError, description };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Seconds from a `Retry-After` header: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (INTEGER_STRING.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - now) / 1000)) : undefined;
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+");
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Removes every secret (and its form-encoded spelling) from a string that came from elsewhere. */
function redactor(secrets: readonly string[]): (text: string) => string {
  const needles = secrets
    .filter((s) => s.length >= 4)
    .flatMap((s) => [s, formEncode(s), encodeURIComponent(s)])
    .filter((s, i, all) => all.indexOf(s) === i);
  return (text) => needles.reduce((out, needle) => out.split(needle).join("[redacted]"), text);
}

/** `{ [name]: value }`, or nothing when `value` is undefined. */
function optional<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, V>);
}
