import * as oauth from "oauth4webapi";
import { MAX_TIMER_DELAY_MS } from "../core/constants.js";
import { basicCredential, type ClientCredentials, checkClientCredentials, clientAuthentication } from "./clientAuth.js";
import { asksForNonce, checkDpopKey, type DpopKey, dpopHandle, dpopTokenType } from "./dpop.js";
import { RefreshError } from "./RefreshError.js";
import { statedRefreshTokenEnd } from "./refreshTokenEnd.js";
import { parseExpiresIn } from "./tokenExpiry.js";

export type { ClientAuthMethod, ClientPrivateKey } from "./clientAuth.js";
export { isClientAuthMethod } from "./clientAuth.js";

/** Where and how to refresh: the provider settings for the OAuth `refresh_token` grant. */
export interface RefreshGrantSettings extends ClientCredentials {
  /** The authorization server's token endpoint URL. */
  tokenEndpoint: string | URL;
  /**
   * The authorization server's issuer identifier: the `aud` of a JWT client assertion. Read from
   * the provider's discovery document where there is one; default the token endpoint.
   */
  issuer?: string | undefined;
  /** Ask for a narrower scope (RFC 6749 §6); omitted, the server keeps the original scope. */
  scope?: string;
  /** Give up after this long. Default 10. */
  timeoutSeconds?: number;
  /** The `fetch` to use; default the global one, read at call time. */
  fetch?: typeof fetch;
  /**
   * The `token_type`s the app sends as they must be sent (case-insensitive). Default `["Bearer"]`,
   * and `["DPoP", "Bearer"]` with `dpop`: a sender-constrained token (`DPoP`) sent as a bearer
   * token would fail or be weakened, so any other type is refused with `unsupported_token_type`
   * unless listed here.
   */
  tokenTypes?: readonly string[];
  /**
   * DPoP (RFC 9449): the key every refresh proves possession of, a `CryptoKeyPair` (its public key
   * extractable) or a private JWK. The refresh sends a proof, and retries once when the server
   * asks for a nonce; the access tokens come back DPoP-bound. Every instance needs the same key: a
   * DPoP-bound refresh token can be used with its key only.
   */
  dpop?: DpopKey | undefined;
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
  /** `DPoP` for a DPoP-bound access token; absent for a bearer token. */
  tokenType?: "DPoP";
}

/** The grant's result: the token set plus the server's whole JSON answer (holds tokens: keep it server-side). */
export interface RefreshGrantResult extends TokenSet {
  raw: Record<string, unknown>;
}

const DEFAULT_TIMEOUT_SECONDS = 10;
/** A timer holds at most 2^31-1 ms; a longer timeout would fire at once. */
const MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMER_DELAY_MS / 1000);
/** A token answer is a few kB (Entra ID's, with its ID token, under 10): more is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;
const INTEGER_STRING = /^\d+$/;

/** An answer as the kit read it: its status, headers and whole body (bounded). */
interface Answer {
  status: number;
  headers: Headers;
  /** The body as a JSON object, or `null` when it is not one. */
  json: Record<string, unknown> | null;
}

/**
 * The OAuth 2.0 refresh grant (RFC 6749 §6) on oauth4webapi, which builds the request (client
 * authentication included) and parses the answer. The kit's layer around it: the hard deadline,
 * a bounded body, redaction of every secret, the providers' looser answers (an OAuth error in a
 * 200, numbers as strings, any content type), the one expiry reading, and a `RefreshError` whose
 * code says whether to retry. `now` (epoch ms) anchors `expires_in`.
 */
export async function refreshAccessToken(
  settings: RefreshGrantSettings & { refreshToken: string },
  now: number = Date.now(),
): Promise<RefreshGrantResult> {
  const { refreshToken, scope } = settings;
  if (typeof refreshToken !== "string" || refreshToken === "")
    throw new TypeError("refreshToken must be a non-empty string");
  const tokenEndpoint = checkGrantSettings(settings);
  const timeoutMs = (settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const redact = redactor(secretsOf(settings));
  const as: oauth.AuthorizationServer = { issuer: settings.issuer ?? tokenEndpoint, token_endpoint: tokenEndpoint };
  const client: oauth.Client = { client_id: settings.clientId };
  const authenticate = clientAuthentication(settings);
  return withDeadline(timeoutMs, async (signal) => {
    const dpop = settings.dpop && (await dpopHandle(settings.dpop));
    // One retry where the server asks for a DPoP nonce (the handle keeps the one it sent).
    for (let attempt = 0; ; attempt += 1) {
      let answer: Answer | undefined;
      const send = boundedFetch(settings.fetch, timeoutMs, redact, (read) => {
        answer = read;
      });
      const response = await oauth
        .refreshTokenGrantRequest(as, client, authenticate, refreshToken, {
          [oauth.customFetch]: send,
          [oauth.allowInsecureRequests]: true,
          signal,
          ...(dpop ? { DPoP: dpop } : {}),
          ...(scope === undefined ? {} : { additionalParameters: { scope } }),
        })
        .catch((error: unknown) => {
          if (signal.aborted) throw timeoutError(timeoutMs);
          throw error instanceof RefreshError ? error : new RefreshError("network", redact(describe(error)));
        });
      const read = answer as Answer;
      if (dpop && asksForNonce(read.status, read.headers, read.json)) {
        if (attempt === 0 && read.headers.has("dpop-nonce")) continue;
        const why =
          attempt === 0 ? "without sending one (no DPoP-Nonce header)" : "again, after the retry with its nonce";
        throw new RefreshError("use_dpop_nonce", `the token endpoint asked for a DPoP nonce ${why}`, {
          status: read.status,
          oauthError: "use_dpop_nonce",
        });
      }
      const result = await readAnswer(as, client, response, read, now, redact);
      checkTokenType(result.raw.token_type, settings.tokenTypes ?? (dpop ? DPOP_TOKEN_TYPES : undefined));
      return result;
    }
  });
}

/** What a grant with DPoP accepts: the bound token, and a bearer token from a server that did not bind it. */
export const DPOP_TOKEN_TYPES: readonly string[] = ["DPoP", "Bearer"];

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
 * The `fetch` oauth4webapi sends with: the app's (or the global one), never following a redirect
 * (a `network` error), the body read here whole and at most 1 MB, a transport fault a redacted
 * `network` error. It hands oauth4webapi the same answer rebuilt (JSON said as JSON, without the
 * ID token), and the kit the status, headers and JSON.
 */
function boundedFetch(
  custom: typeof fetch | undefined,
  timeoutMs: number,
  redact: (s: string) => string,
  keep: (answer: Answer) => void,
): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const signal = init.signal ?? undefined;
    let response: Response;
    try {
      // `error`, not oauth4webapi's `manual`: a redirect is refused all the same, and fetch need not
      // clone the request (a copy of its body per call) to be able to follow one.
      response = await (custom ?? globalThis.fetch)(url, { ...init, redirect: "error", cache: "no-store" });
    } catch (error) {
      if (signal?.aborted) throw timeoutError(timeoutMs);
      throw new RefreshError("network", redact(describe(error)));
    }
    let text: string;
    try {
      text = await readBounded(response);
    } catch (error) {
      if (signal?.aborted) throw timeoutError(timeoutMs);
      if (error instanceof RefreshError) throw error;
      throw new RefreshError("network", `the body could not be read (${redact(describe(error))})`, {
        status: response.status,
      });
    }
    const json = parseJsonObject(text);
    keep({ status: response.status, headers: response.headers, json });
    const headers = new Headers(response.headers);
    if (json !== null) headers.set("content-type", "application/json");
    const empty = response.status === 204 || response.status === 205 || response.status === 304;
    // The ID token is the kit's to keep (the sign-out hint), not oauth4webapi's to validate: see readAnswer.
    const body = json !== null && "id_token" in json ? JSON.stringify({ ...json, id_token: undefined }) : text;
    return new Response(empty ? null : body, { status: response.status, headers });
  };
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_ANSWER_BYTES) throw tooLarge(response.status, response);
  // A declared length is all fetch will read (it fails a longer body): read it at once.
  if (response.headers.has("content-length") || !response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) throw tooLarge(response.status, response, reader);
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(body);
}

function tooLarge(status: number, response: Response, reader?: ReadableStreamDefaultReader<Uint8Array>): RefreshError {
  (reader ? reader.cancel() : response.body?.cancel())?.catch(() => {});
  return new RefreshError("invalid_response", `the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MB`, {
    status,
  });
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

/**
 * Checks the grant settings, throwing a `TypeError`/`RangeError` that names the bad one; returns
 * the token endpoint as a string. Called by the jwt callback's first call, so a typo fails the
 * first sign-in rather than the first refresh (maybe an hour later).
 */
export function checkGrantSettings(settings: RefreshGrantSettings): string {
  const { tokenEndpoint, issuer } = settings;
  checkClientCredentials(settings);
  const timeout = settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(typeof timeout === "number" && timeout > 0 && timeout <= MAX_TIMEOUT_SECONDS)) {
    throw new RangeError(`timeoutSeconds must be > 0 and <= ${MAX_TIMEOUT_SECONDS}, got ${String(timeout)}`);
  }
  const endpoint = tokenEndpoint instanceof URL ? tokenEndpoint.href : tokenEndpoint;
  if (typeof endpoint !== "string" || !URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    throw new TypeError(
      `tokenEndpoint must be an absolute http(s) URL, got "${String(endpoint)}" (is its variable set?)`,
    );
  }
  if (issuer !== undefined && (typeof issuer !== "string" || issuer === "")) {
    throw new TypeError("issuer must be a non-empty string");
  }
  if (settings.dpop !== undefined) checkDpopKey(settings.dpop);
  return new URL(endpoint).toString();
}

/**
 * Reads the answer: the kit's classification of failures first (statuses, and an OAuth error in
 * any status, as GitHub sends one with 200), then oauth4webapi's parse of a success, and the kit's
 * own reading of the lifetimes. The ID token is kept as the sign-out hint only (identity comes from
 * the sign-in): it is not validated here, so an issuer's ID token quirks cannot end a session.
 */
async function readAnswer(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  response: Response,
  answer: Answer,
  now: number,
  redact: (s: string) => string,
): Promise<RefreshGrantResult> {
  const { status, headers } = answer;
  const { json } = answer;
  const retryAfterSeconds = parseRetryAfter(headers.get("retry-after"), now);
  if (status === 429) {
    throw new RefreshError("rate_limited", "the token endpoint asks to slow down", { status, retryAfterSeconds });
  }
  if (status >= 500) {
    throw new RefreshError("http_5xx", "the token endpoint failed", {
      status,
      ...oauthDetails(json, redact),
      retryAfterSeconds,
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
      { status, ...details, retryAfterSeconds },
    );
  }
  // An app's own fetch may hand back a redirect rather than refuse it: not followed either.
  if (status >= 300 && status < 400) {
    throw new RefreshError("http_error", "the token endpoint redirected (not followed)", { status });
  }
  // A 4xx without an OAuth body is not the authorization server's word (a proxy, a WAF page): transient.
  if (status !== 200) throw new RefreshError("http_error", "unexpected answer", { status });
  if (json === null) throw new RefreshError("invalid_response", "the body is not a JSON object", { status });

  const lifetime = parseExpiresIn(json.expires_in);
  if (lifetime === undefined) {
    throw new RefreshError("invalid_response", "expires_in is not a non-negative number of seconds", { status });
  }
  const { id_token } = json;
  const parsed = await oauth.processRefreshTokenResponse(as, client, response).catch((error: unknown) => {
    if (error instanceof oauth.UnsupportedOperationError) {
      throw new RefreshError(
        "unsupported_token_type",
        `token_type "${String(json.token_type).slice(0, 40)}" is not OAuth's`,
        {
          status,
        },
      );
    }
    // oauth4webapi's message names the field; its cause (the body, with tokens) is not kept.
    throw new RefreshError("invalid_response", redact(error instanceof Error ? error.message : "unreadable answer"), {
      status,
    });
  });
  return {
    accessToken: parsed.access_token,
    expiresAt: lifetime === null ? null : now + lifetime * 1000,
    ...(parsed.refresh_token === undefined ? {} : { refreshToken: parsed.refresh_token }),
    ...(typeof id_token === "string" && id_token !== "" ? { idToken: id_token } : {}),
    ...optional("refreshTokenExpiresAt", statedRefreshTokenEnd(json, now)),
    ...optional("tokenType", dpopTokenType(parsed.token_type)),
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

/** What must never leave: the refresh token, the client secret and its Basic credential, a PEM key. */
function secretsOf(settings: RefreshGrantSettings & { refreshToken: string }): string[] {
  const { refreshToken, clientId, clientSecret, clientPrivateKey } = settings;
  const secrets = [refreshToken];
  if (typeof clientSecret === "string" && clientSecret !== "") {
    // The Basic credential (base64 of id:secret) too: a server that echoes the header would leak it.
    secrets.push(clientSecret, basicCredential(clientId, clientSecret));
  }
  if (typeof clientPrivateKey?.key === "string") secrets.push(clientPrivateKey.key);
  return secrets;
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
