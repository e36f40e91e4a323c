import { REFRESH_ACCESS_TOKEN_ERROR } from "../core/constants.js";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { ASSUMED_LIFETIME_MS, refreshAtFor, retryDelayMs } from "../core/refreshWindow.js";
import { assertSeconds } from "../core/timing.js";
import { createRefreshCoordinator, type RefreshCoordinator } from "./coordinator.js";
import { discoveryUrlOf } from "./discovery.js";
import { type DpopKey, dpopTokenType } from "./dpop.js";
import { grantSettingsFromProvider, type OAuthProviderLike, type ProviderGrantOptions } from "./providerGrant.js";
import { createProviderSignOut, type ProviderSignOut, type ProviderSignOutOptions } from "./providerSignOut.js";
import { RefreshError } from "./RefreshError.js";
import {
  checkGrantSettings,
  checkTokenType,
  DPOP_TOKEN_TYPES,
  type RefreshGrantSettings,
  refreshAccessToken,
  type TokenSet,
} from "./refreshAccessToken.js";
import { refreshAtOf } from "./refreshAtOf.js";
import { isRefreshDue, usableRefreshToken } from "./refreshDue.js";
import { isPastSessionEnd, sessionEndAfter, statedRefreshTokenEnd } from "./refreshTokenEnd.js";
import { canEndSessions, idpSessionOf, type SessionEndStore, sessionEndCheck } from "./sessionEnds.js";
import { expiresAtOf } from "./tokenExpiry.js";
import type { RefreshingJwt, SignInAccount } from "./types.js";

/** What `onRefresh` receives, once per upstream refresh: facts, never a token. */
export interface RefreshEvent {
  /** Whether the server sent a new refresh token. */
  rotated: boolean;
  /** New expiry, epoch ms, or `null` if the server sent none. */
  expiresAt: number | null;
}

/** What `onError` receives: the failure's code and what the kit did about it, never a token. */
export interface RefreshFailureEvent {
  /**
   * The refresh's `RefreshError` code (`unknown` for anything else a custom `refresh` threw), or a
   * fault of the helpers' own parts: `store_unavailable` (the coordinator's store threw or timed
   * out; refreshes went on in-process), `hook_failed` (`onRefresh` threw; ignored).
   */
  code: RefreshError["code"] | "unknown" | "hook_failed";
  status: number | undefined;
  transient: boolean;
  /**
   * `retry`: tokens kept, retried after `retryAt`; `signed-out`: the session now carries
   * `RefreshAccessTokenError`; `continued`: a helper's fault, the outcome is unchanged.
   */
  outcome: "retry" | "signed-out" | "continued";
  retryAt?: number;
}

interface CommonOptions {
  /**
   * Refresh once the access token is this close to expiry. Default: adapts to the token's lifetime
   * (a quarter of it, at most 600 s). Never more than half the lifetime, whatever is set.
   */
  refreshWindowSeconds?: number;
  /**
   * Past the access token's expiry, transient failures (the server down, timeouts, 5xx) are retried
   * for at most this long, counted from the first failure after expiry; then the session ends.
   * Default 3600.
   */
  retryAfterExpirySeconds?: number;
  /**
   * Shares refreshes between concurrent requests. Default: the process's one, in memory. Its store
   * also keeps back-channel logouts (docs/how-it-works.md#how-a-session-ends).
   */
  coordinator?: RefreshCoordinator;
  /**
   * The longest a session lives from its sign-in, whatever its refreshes, for providers that do
   * not say when their refresh tokens die (Auth0, Entra ID, Cognito). Default: no cap. Where the
   * provider says (`refresh_expires_in`, `refresh_token_expires_in`), the earlier end wins.
   */
  sessionMaxSeconds?: number;
  /**
   * With a shared store (Redis): how long this process trusts that a session was not ended by a
   * back-channel logout, so that a request and the page it renders read the store once. An ended
   * session may be served for this long by an instance that checked it just before. Default 1.
   */
  sessionEndTrustSeconds?: number;
  /**
   * How a sign-out reaches the provider, through `signOutAtProvider` on the auth route: the refresh
   * token revoked, the browser sent to the end-session endpoint (docs/how-it-works.md#how-a-session-ends).
   */
  signOut?: ProviderSignOutOptions;
  /** Called once per upstream refresh (not for callers that shared it). A throw is reported and ignored. */
  onRefresh?: (event: RefreshEvent) => void;
  /** Called when a refresh fails, or a helper's own part faults. A throw is ignored. */
  onError?: (event: RefreshFailureEvent) => void;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
  /**
   * The app's own fields for the token, read once at sign-in from next-auth's `user`, `account`
   * and `profile` (say `{ roles: profile.roles }`). They stay on the JWT through every refresh;
   * `createSessionCallback({ fields })` shows them to the browser. The kit's own fields win over
   * fields of the same name.
   */
  signInFields?: (params: SignInFieldsParams) => Record<string, unknown>;
}

/** What `signInFields` is given at sign-in. */
export interface SignInFieldsParams {
  token: RefreshingJwt;
  account: SignInAccount;
  /** next-auth's `user` (from the provider's `profile()`, or the adapter). */
  user?: unknown;
  /** The provider's raw profile (OIDC claims, or the userinfo answer). */
  profile?: unknown;
}

/**
 * Options of `createRefreshingJwtCallback`: the same next-auth provider object the app puts in
 * `providers: [...]` (its token URL or OIDC discovery, client id, secret and auth method are read
 * from it, with `grant` for what it does not carry), explicit grant settings, or a `refresh` function.
 */
export type RefreshingJwtCallbackOptions = CommonOptions &
  (
    | { refresh: (token: { refreshToken: string }) => Promise<TokenSet>; provider?: never; grant?: never }
    | { provider: RefreshGrantSettings; refresh?: never; grant?: never }
    | { provider: OAuthProviderLike; grant?: ProviderGrantOptions; refresh?: never }
  );

/** The parameters the kit reads from next-auth's `jwt` callback. */
export interface JwtCallbackParams {
  token: RefreshingJwt;
  account?: SignInAccount | null;
  user?: object | null;
  profile?: object | undefined;
}

/** A next-auth `jwt` callback, with a variant that never refreshes. */
export type RefreshingJwtCallback = ((params: JwtCallbackParams) => Promise<RefreshingJwt>) & {
  /** What the proxy, `getAccessToken` and the back-channel logout route share with the callback. */
  sessionEnds: SessionEnds;
  /** What `signOutAtProvider` does at the provider. */
  providerSignOut: ProviderSignOut;
  /**
   * The same callback without refreshing: sign-in mapping only, every other token as it is. For
   * `getServerSession()` anywhere but `/api/auth/session` in the App Router (Server Components,
   * route handlers, Server Actions): next-auth v4 drops the cookies it would set there, so a
   * refresh would rotate the refresh token without saving the new one.
   */
  withoutRefresh: (params: JwtCallbackParams) => Promise<RefreshingJwt>;
};

/** How sessions end by back-channel logout: the check, the store, and the provider that logs out. */
export interface SessionEnds {
  /** Whether the identity provider ended this token's session after its sign-in. Never throws. */
  isEnded(token: RefreshingJwt): Promise<boolean>;
  /** Where logouts are recorded: the coordinator's store, `undefined` if it cannot keep them. */
  store: SessionEndStore | undefined;
  /** The provider's issuer, discovery URL and client id, where the callback's options name them. */
  provider: { issuer?: string; discoveryUrl?: string; clientId?: string };
  now: () => number;
}

/**
 * A next-auth `jwt` callback (v4 and v5) that maps the provider's tokens at sign-in and refreshes
 * the access token at its `refreshAt` (docs/how-it-works.md#when-the-server-refreshes), through a
 * coordinator that collapses concurrent refreshes. A dead grant marks `RefreshAccessTokenError` at
 * once; a refused refresh (another OAuth error) at expiry; a transient fault after
 * `retryAfterExpirySeconds` past expiry. Until then the tokens are kept and the refresh backs off.
 * Faults of the hooks never change the outcome.
 */
export function createRefreshingJwtCallback(options: RefreshingJwtCallbackOptions): RefreshingJwtCallback {
  const { refreshWindowSeconds, retryAfterExpirySeconds = 3600, sessionEndTrustSeconds = 1 } = options;
  if (refreshWindowSeconds !== undefined) assertSeconds("refreshWindowSeconds", refreshWindowSeconds, 0);
  assertSeconds("retryAfterExpirySeconds", retryAfterExpirySeconds, 0);
  assertSeconds("sessionEndTrustSeconds", sessionEndTrustSeconds, 0);
  const { sessionMaxSeconds } = options;
  const keepIdToken = options.signOut?.endSessionEndpoint !== false;
  if (sessionMaxSeconds !== undefined) assertSeconds("sessionMaxSeconds", sessionMaxSeconds, 1);
  const clock = options.now ?? (() => Date.now());
  const refreshGrant = lazyRefresh(options, clock);
  // With the real clock, the process's one coordinator; a callback given its own clock (a test, a
  // simulation) lives in its own time and gets its own.
  const coordinator =
    options.coordinator ??
    (options.now === undefined ? processCoordinator() : createRefreshCoordinator({ now: clock }));
  const warnOnce = onceWarner();
  const endStore = coordinator.store !== undefined && canEndSessions(coordinator.store) ? coordinator.store : undefined;
  const isEnded = endStore
    ? sessionEndCheck(endStore, {
        timeoutMs: SESSION_END_READ_MS,
        trustMs: sessionEndTrustSeconds * 1000,
        now: clock,
        onStoreError: () =>
          report({ code: "store_unavailable", status: undefined, transient: true, outcome: "continued" }),
      })
    : async () => false;

  function report(event: RefreshFailureEvent): void {
    try {
      // A hook may be async: a rejection is as harmless as a throw.
      Promise.resolve(options.onError?.(event)).catch(() => {});
    } catch {
      // onError is the last line of reporting: nothing to tell about its own fault.
    }
  }

  function notifyRefresh(event: RefreshEvent): void {
    const failed = () => report({ code: "hook_failed", status: undefined, transient: true, outcome: "continued" });
    try {
      Promise.resolve(options.onRefresh?.(event)).catch(failed);
    } catch {
      failed();
    }
  }

  /**
   * The expiry and refresh time of a token issued at `issuedAt`, the same after sign-in and after a
   * refresh: a token without a usable expiry is taken for a 1-hour token (and said once); the
   * window rule lives in `refreshAtFor`.
   */
  function plan(issuedAt: number, expiresAt: number | null): { accessTokenExpires: number; refreshAt: number } {
    if (expiresAt === null) {
      warnOnce("no-expiry", "the provider sent no usable expiry: treating the access token as a 1-hour token");
    } else if (refreshWindowSeconds !== undefined && refreshWindowSeconds * 2000 > expiresAt - issuedAt) {
      warnOnce("window", `refreshWindowSeconds=${refreshWindowSeconds} exceeds half the token's lifetime: using half`);
    }
    const end = expiresAt ?? issuedAt + ASSUMED_LIFETIME_MS;
    return { accessTokenExpires: end, refreshAt: refreshAtFor(issuedAt, end, refreshWindowSeconds) };
  }

  async function withoutRefresh({ token, account, user, profile }: JwtCallbackParams): Promise<RefreshingJwt> {
    refreshGrant();
    const now = clock();
    if (account) return signIn({ token, account, user, profile }, now);
    if (isPastSessionEnd(token, now)) return signedOut(token);
    return (await isEnded(token)) ? endedByProvider(token) : token;
  }

  async function jwt({ token, account, user, profile }: JwtCallbackParams): Promise<RefreshingJwt> {
    const refresh = refreshGrant();
    const now = clock();
    if (account) return signIn({ token, account, user, profile }, now);
    if (token.error) return token;
    // The refresh token is dead by now: no refresh is tried past the session's end.
    if (isPastSessionEnd(token, now)) return signedOut(token);
    if (await isEnded(token)) return endedByProvider(token);

    const expiresAt = normalizeExpiry(token.accessTokenExpires);
    const refreshToken = usableRefreshToken(token);
    const refreshAt = refreshAtOf(token, expiresAt, refreshWindowSeconds) ?? plan(now, null).refreshAt;
    // Kept on the token when first planned here, or a plan counted from `now` would slide forever.
    if (!isRefreshDue({ ...token, refreshAt }, now, refreshWindowSeconds)) {
      return token.refreshAt === refreshAt || expiresAt !== null ? token : { ...token, refreshAt };
    }
    if (refreshToken === undefined) return expiresAt !== null && now >= expiresAt ? signedOut(token) : token;

    try {
      const result = await coordinator.run(refreshToken, () => refresh({ refreshToken }));
      if (!result.shared) notifyRefresh({ rotated: result.refreshToken !== undefined, expiresAt: result.expiresAt });
      return refreshed(token, result, now);
    } catch (error) {
      return failed(token, error, expiresAt, now);
    }
  }

  /**
   * After a failed refresh (the table at `RefreshError`): a dead grant ends the session; a refused
   * refresh keeps the tokens while the access token works and ends the session after expiry; a
   * transient fault keeps them, and past expiry for `retryAfterExpirySeconds` at most.
   */
  function failed(token: RefreshingJwt, error: unknown, expiresAt: number | null, now: number): RefreshingJwt {
    const failure = error instanceof RefreshError ? error : undefined;
    const transient = failure?.transient ?? true;
    const base = { code: failure?.code ?? "unknown", status: failure?.status, transient } as const;
    const expired = expiresAt !== null && now >= expiresAt;
    const failingSince = expired ? (token.refreshFailingSince ?? now) : undefined;
    const givenUp = failingSince !== undefined && now - failingSince >= retryAfterExpirySeconds * 1000;
    if (failure?.terminal || (!transient && expired) || givenUp) {
      report({ ...base, outcome: "signed-out" });
      const ended = signedOut(token);
      // Not a dead token but a provider asking for the user: the app can say "sign in again to continue".
      if (failure?.code === "interaction_required") ended.errorReason = "interaction_required";
      return ended;
    }
    const failures = (token.refreshFailures ?? 0) + 1;
    const retryAt = now + retryDelayMs(failures, failure?.retryAfterSeconds);
    report({ ...base, outcome: "retry", retryAt });
    return {
      ...token,
      refreshFailures: failures,
      refreshRetryAt: retryAt,
      ...(failingSince === undefined ? {} : { refreshFailingSince: failingSince }),
    };
  }

  function signIn(params: SignInFieldsParams, now: number): RefreshingJwt {
    const { token, account } = params;
    // A sender-constrained token (DPoP) must not be kept to be sent as a bearer token: the sign-in fails.
    checkTokenType(account.token_type, tokenTypesOf(options));
    // next-auth keeps name, email, picture and sub on the token already: no copy of the user.
    const { user: _copy, ...rest } = withoutRefreshState({ ...token, ...options.signInFields?.(params) });
    const next: RefreshingJwt = rest;
    if (typeof account.access_token === "string") next.accessToken = account.access_token;
    setAccessTokenType(next, account.token_type);
    Object.assign(next, plan(now, expiresAtOf(account, now)));
    if (typeof account.refresh_token === "string" && account.refresh_token !== "")
      next.refreshToken = account.refresh_token;
    else delete next.refreshToken;
    // What a back-channel logout names (sid, sub), and since when this session counts.
    next.signedInAt = now;
    const idpSession = idpSessionOf(account.id_token);
    if (idpSession) next.idpSession = idpSession;
    else delete next.idpSession;
    setSessionEnd(next, statedRefreshTokenEnd(account, now), undefined);
    // The sign-out's id_token_hint: the provider then ends this session without asking. Not kept
    // (nor its size in the cookie) for an app that turned the end-session redirect off.
    if (keepIdToken && typeof account.id_token === "string" && account.id_token !== "") next.idToken = account.id_token;
    else delete next.idToken;
    return next;
  }

  function refreshed(token: RefreshingJwt, result: TokenSet, now: number): RefreshingJwt {
    const { user: _copy, ...rest } = withoutRefreshState(token);
    const next: RefreshingJwt = { ...rest, accessToken: result.accessToken };
    setAccessTokenType(next, result.tokenType);
    // Keep the old refresh token unless the server rotated it (RFC 6749 §6).
    if (result.refreshToken !== undefined) next.refreshToken = result.refreshToken;
    if (keepIdToken && result.idToken !== undefined) next.idToken = result.idToken;
    Object.assign(next, plan(now, result.expiresAt));
    setSessionEnd(next, result.refreshTokenExpiresAt, token.sessionEndsAt);
    return next;
  }

  function setAccessTokenType(next: RefreshingJwt, tokenType: unknown): void {
    const type = dpopTokenType(tokenType);
    if (type === undefined) delete next.accessTokenType;
    else next.accessTokenType = type;
  }

  function setSessionEnd(next: RefreshingJwt, stated: number | undefined, previous: number | undefined): void {
    const end = sessionEndAfter({ stated, previous, signedInAt: next.signedInAt, maxSeconds: sessionMaxSeconds });
    if (end === undefined) delete next.sessionEndsAt;
    else next.sessionEndsAt = end;
  }

  const sessionEnds: SessionEnds = { isEnded, store: endStore, provider: providerOf(options), now: clock };
  const providerSignOut = createProviderSignOut(
    options.provider,
    (options as { grant?: ProviderGrantOptions }).grant,
    options.signOut,
  );
  // Both carry the session-end parts: getAccessToken and the kit's routes take either options.
  const parts = { sessionEnds, providerSignOut };
  const callback = Object.assign(jwt, { withoutRefresh: Object.assign(withoutRefresh, parts), ...parts });
  // The DPoP key too, for getAccessToken's proofs: a property of the callbacks (never in the JWT),
  // not enumerable, so logging the auth options does not print a private key.
  const dpop = { value: dpopOf(options), enumerable: false };
  Object.defineProperty(callback, "dpop", dpop);
  Object.defineProperty(callback.withoutRefresh, "dpop", dpop);
  return callback;
}

/** The issuer, discovery URL and client id of the callback's provider, where its options give them. */
function providerOf(options: RefreshingJwtCallbackOptions): SessionEnds["provider"] {
  const provider = options.provider as (OAuthProviderLike & { tokenEndpoint?: string }) | undefined;
  if (provider === undefined) return {};
  const merged = { ...provider, ...provider.options };
  const found: SessionEnds["provider"] = {};
  if (typeof merged.issuer === "string") found.issuer = merged.issuer;
  const discoveryUrl = discoveryUrlOf(merged);
  if (discoveryUrl !== undefined) found.discoveryUrl = discoveryUrl;
  if (typeof merged.clientId === "string") found.clientId = merged.clientId;
  return found;
}

type Refresh = (token: { refreshToken: string }) => Promise<TokenSet>;

/** The ended-session check runs on every request: a store slower than this counts as down. */
const SESSION_END_READ_MS = 500;

/** The token types the app accepts: the grant settings' or the provider grant's `tokenTypes`, else Bearer. */
function tokenTypesOf(options: RefreshingJwtCallbackOptions): readonly string[] | undefined {
  const { provider, grant } = options as {
    provider?: { tokenTypes?: readonly string[]; dpop?: DpopKey };
    grant?: ProviderGrantOptions;
  };
  return provider?.tokenTypes ?? grant?.tokenTypes ?? (dpopOf(options) ? DPOP_TOKEN_TYPES : undefined);
}

/** The DPoP key of the callback's grant, if DPoP is on. */
export function dpopOf(options: RefreshingJwtCallbackOptions): DpopKey | undefined {
  const { provider, grant } = options as { provider?: { dpop?: DpopKey }; grant?: ProviderGrantOptions };
  return provider?.dpop ?? grant?.dpop;
}

/**
 * The process's default coordinator, in memory: every callback without one of its own shares it
 * (one per request under next-auth's advanced initialization; the proxy's bundle beside the route
 * handlers'), so single flight and the grace period do not depend on how many callbacks exist. It
 * is keyed by the refresh token's hash, which no two users share.
 */
function processCoordinator(): RefreshCoordinator {
  const holder = globalThis as unknown as Record<symbol, RefreshCoordinator | undefined>;
  const key = Symbol.for("next-auth-refresh-kit.coordinator");
  holder[key] ??= createRefreshCoordinator();
  return holder[key];
}

/**
 * The refresh, as a getter. Which one (`refresh` or `provider`) is checked now; the provider's
 * values (URLs, credentials) mostly come from the environment, which `next build` often runs
 * without while it imports lib/auth.ts, so they are checked at the first call of either callback
 * (a sign-in, a session read), with the same clear error on every call until fixed.
 */
function lazyRefresh(options: RefreshingJwtCallbackOptions, clock: () => number): () => Refresh {
  const { provider, refresh } = options;
  if (typeof refresh === "function") {
    if (provider) throw new TypeError("Pass either `refresh` or `provider`, not both.");
    return () => refresh;
  }
  if (!provider) throw new TypeError("createRefreshingJwtCallback needs `refresh` or `provider` settings.");
  let resolved: Refresh | undefined;
  return () => {
    resolved ??= providerRefresh(provider, options.grant, clock);
    return resolved;
  };
}

function providerRefresh(
  provider: NonNullable<RefreshingJwtCallbackOptions["provider"]>,
  grant: RefreshingJwtCallbackOptions["grant"],
  clock: () => number,
): Refresh {
  if ("tokenEndpoint" in provider) {
    // Fail at the first call, not at the first refresh (maybe an hour later), on a malformed setting.
    checkGrantSettings(provider);
    return ({ refreshToken }) => refreshAccessToken({ ...provider, refreshToken }, clock());
  }
  const settings = grantSettingsFromProvider(provider, grant);
  return async ({ refreshToken }) => refreshAccessToken({ ...(await settings()), refreshToken }, clock());
}

/** The identity provider ended the session: signed out, and its access token is no longer handed out. */
function endedByProvider(token: RefreshingJwt): RefreshingJwt {
  const { accessToken: _ended, ...rest } = signedOut(token);
  return rest;
}

/** The session cannot be kept alive: mark it and drop the dead refresh token. */
function signedOut(token: RefreshingJwt): RefreshingJwt {
  const { refreshToken: _dead, refreshAt: _at, ...rest } = withoutRefreshState(token);
  return { ...rest, error: REFRESH_ACCESS_TOKEN_ERROR };
}

function withoutRefreshState(token: RefreshingJwt): RefreshingJwt {
  const {
    error: _error,
    errorReason: _reason,
    refreshFailures: _failures,
    refreshRetryAt: _retryAt,
    refreshFailingSince: _since,
    ...rest
  } = token;
  return rest;
}

/** One console warning per kind and callback: a misconfiguration is worth a line, not a line per request. */
function onceWarner(): (kind: string, message: string) => void {
  const warned = new Set<string>();
  return (kind, message) => {
    if (warned.has(kind)) return;
    warned.add(kind);
    console.warn(`next-auth-refresh-kit: ${message}.`);
  };
}
