import { DEFAULT_REFRESH_WINDOW_SECONDS, REFRESH_ACCESS_TOKEN_ERROR } from "../core/constants.js";
import { normalizeExpiry } from "../core/normalizeExpiry.js";
import { isRefreshDue, retryDelayMs } from "../core/refreshWindow.js";
import { assertSeconds, validateRefreshTiming } from "../core/timing.js";
import { createRefreshCoordinator, type RefreshCoordinator } from "./coordinator.js";
import { RefreshError } from "./RefreshError.js";
import { type RefreshGrantSettings, refreshAccessToken, type TokenSet } from "./refreshAccessToken.js";
import type { RefreshingJwt, SignInAccount, SlimUser } from "./types.js";

/** What the logging hooks receive: facts about a refresh, never a token. */
export interface RefreshEvent {
  /** Whether the server sent a new refresh token. */
  rotated: boolean;
  /** New expiry, epoch ms, or `null` if the server sent none. */
  expiresAt: number | null;
}

/** What `onError` receives: the failure's code and what the kit did about it, never a token. */
export interface RefreshFailureEvent {
  code: RefreshError["code"] | "unknown";
  status: number | undefined;
  transient: boolean;
  /** `retry`: token kept, retried after `retryAt`; `signed-out`: the session now carries `RefreshAccessTokenError`. */
  outcome: "retry" | "signed-out";
  retryAt?: number;
}

interface CommonOptions {
  /** Refresh once the access token is this close to expiry. Default 600. */
  refreshWindowSeconds?: number;
  /** The client lead, if you set one, checked to lie inside `refreshWindowSeconds`. */
  leadSeconds?: number;
  /** Shares refreshes between concurrent requests. Default: one per callback, in memory. */
  coordinator?: RefreshCoordinator;
  /** Picks the user fields kept in the cookie. Default `id`, `name`, `email`, `image`. */
  mapUser?: (user: Record<string, unknown>) => SlimUser;
  /** Called after each successful upstream refresh. */
  onRefresh?: (event: RefreshEvent) => void;
  /** Called when a refresh fails. */
  onError?: (event: RefreshFailureEvent) => void;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
}

/** Options of `createRefreshingJwtCallback`: a `refresh` function, or the provider's grant settings. */
export type RefreshingJwtCallbackOptions = CommonOptions &
  (
    | { refresh: (token: { refreshToken: string }) => Promise<TokenSet>; provider?: never }
    | { provider: RefreshGrantSettings; refresh?: never }
  );

/** The parameters the kit reads from next-auth's `jwt` callback. */
export interface JwtCallbackParams {
  token: RefreshingJwt;
  account?: SignInAccount | null;
  user?: object | null;
}

/** A next-auth `jwt` callback, with a variant that never refreshes. */
export type RefreshingJwtCallback = ((params: JwtCallbackParams) => Promise<RefreshingJwt>) & {
  /**
   * The same callback without refreshing: sign-in mapping only, every other token as it is. For
   * `getServerSession()` in a Server Component, which cannot set cookies: a refresh there would
   * rotate the refresh token without saving the new one. The client's next poll refreshes instead.
   */
  withoutRefresh: (params: JwtCallbackParams) => Promise<RefreshingJwt>;
};

/**
 * A next-auth v4 `jwt` callback that maps the provider's tokens at sign-in and refreshes the
 * access token once it is inside the refresh window, through a coordinator that collapses
 * concurrent refreshes. Terminal failures mark `RefreshAccessTokenError`; transient ones keep
 * the token while it is valid and back off.
 */
export function createRefreshingJwtCallback(options: RefreshingJwtCallbackOptions): RefreshingJwtCallback {
  const refreshWindowSeconds = options.refreshWindowSeconds ?? DEFAULT_REFRESH_WINDOW_SECONDS;
  assertSeconds("refreshWindowSeconds", refreshWindowSeconds, 0);
  if (options.leadSeconds !== undefined)
    validateRefreshTiming({ leadSeconds: options.leadSeconds, refreshWindowSeconds });
  const clock = options.now ?? (() => Date.now());
  const refresh = resolveRefresh(options, clock);
  const coordinator = options.coordinator ?? createRefreshCoordinator();
  const mapUser = options.mapUser ?? defaultMapUser;

  async function withoutRefresh({ token, account, user }: JwtCallbackParams): Promise<RefreshingJwt> {
    return account ? signIn(token, account, user, clock()) : token;
  }

  async function jwt({ token, account, user }: JwtCallbackParams): Promise<RefreshingJwt> {
    const now = clock();
    if (account) return signIn(token, account, user, now);
    if (token.error) return token;

    const expiresAt = normalizeExpiry(token.accessTokenExpires);
    if (expiresAt === null || !isRefreshDue(expiresAt, now, refreshWindowSeconds)) return token;
    const expired = now >= expiresAt;
    const { refreshToken } = token;
    if (!refreshToken) return expired ? signedOut(token) : token;
    // Back off after transient failures, but only while the access token still works.
    if (!expired && typeof token.refreshRetryAt === "number" && now < token.refreshRetryAt) return token;

    try {
      const result = await coordinator.run(refreshToken, () => refresh({ refreshToken }));
      options.onRefresh?.({ rotated: result.refreshToken !== undefined, expiresAt: result.expiresAt });
      return refreshed(token, result);
    } catch (error) {
      const failure = error instanceof RefreshError ? error : undefined;
      const transient = failure?.transient ?? true;
      const base = { code: failure?.code ?? "unknown", status: failure?.status, transient } as const;
      if (!transient || expired) {
        options.onError?.({ ...base, outcome: "signed-out" });
        return signedOut(token);
      }
      const failures = (token.refreshFailures ?? 0) + 1;
      const retryAt = now + retryDelayMs(failures, failure?.retryAfterSeconds);
      options.onError?.({ ...base, outcome: "retry", retryAt });
      return { ...token, refreshFailures: failures, refreshRetryAt: retryAt };
    }
  }

  return Object.assign(jwt, { withoutRefresh });

  function signIn(
    token: RefreshingJwt,
    account: SignInAccount,
    user: object | null | undefined,
    now: number,
  ): RefreshingJwt {
    const next: RefreshingJwt = { ...withoutRefreshState(token) };
    if (typeof account.access_token === "string") next.accessToken = account.access_token;
    const expiresAt =
      normalizeExpiry(account.expires_at) ??
      (typeof account.expires_in === "number" && account.expires_in >= 0 ? now + account.expires_in * 1000 : null);
    if (expiresAt !== null) next.accessTokenExpires = expiresAt;
    else delete next.accessTokenExpires;
    if (typeof account.refresh_token === "string") next.refreshToken = account.refresh_token;
    if (user) next.user = mapUser(user as Record<string, unknown>);
    return next;
  }
}

function resolveRefresh(
  options: RefreshingJwtCallbackOptions,
  clock: () => number,
): (token: { refreshToken: string }) => Promise<TokenSet> {
  if (typeof options.refresh === "function") {
    if (options.provider) throw new TypeError("Pass either `refresh` or `provider`, not both.");
    return options.refresh;
  }
  const { provider } = options;
  if (!provider) throw new TypeError("createRefreshingJwtCallback needs `refresh` or `provider` settings.");
  // Fail at start-up, not at the first refresh, on a malformed setting.
  new URL(provider.tokenEndpoint);
  return ({ refreshToken }) => refreshAccessToken({ ...provider, refreshToken }, clock());
}

function refreshed(token: RefreshingJwt, result: TokenSet): RefreshingJwt {
  const next: RefreshingJwt = { ...withoutRefreshState(token), accessToken: result.accessToken };
  // Keep the old refresh token unless the server rotated it (RFC 6749 §6).
  if (result.refreshToken !== undefined) next.refreshToken = result.refreshToken;
  if (result.expiresAt === null) delete next.accessTokenExpires;
  else next.accessTokenExpires = result.expiresAt;
  return next;
}

/** The session cannot be kept alive: mark it and drop the dead refresh token. */
function signedOut(token: RefreshingJwt): RefreshingJwt {
  const { refreshToken: _dead, ...rest } = withoutRefreshState(token);
  return { ...rest, error: REFRESH_ACCESS_TOKEN_ERROR };
}

function withoutRefreshState(token: RefreshingJwt): RefreshingJwt {
  const { error: _error, refreshFailures: _failures, refreshRetryAt: _retryAt, ...rest } = token;
  return rest;
}

function defaultMapUser(user: Record<string, unknown>): SlimUser {
  const slim: SlimUser = {};
  if (typeof user.id === "string") slim.id = user.id;
  for (const key of ["name", "email", "image"] as const) {
    const value = user[key];
    if (typeof value === "string" || value === null) slim[key] = value;
  }
  return slim;
}
