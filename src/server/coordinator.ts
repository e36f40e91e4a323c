import { retryDelayMs } from "../core/refreshWindow.js";
import { assertSeconds } from "../core/timing.js";
import { RefreshError } from "./RefreshError.js";
import type { TokenSet } from "./refreshAccessToken.js";
import { MemoryRefreshStore, type RefreshOutcome, type RefreshStore } from "./refreshStore.js";

/** Options of `createRefreshCoordinator`. */
export interface RefreshCoordinatorOptions {
  /** Where settled refreshes are kept. Default a `MemoryRefreshStore` on this clock. */
  store?: RefreshStore;
  /** How long a success is served to late callers holding the old refresh token. Default 30. */
  graceSeconds?: number;
  /** How long a terminal failure is remembered, so a burst does not replay a dead token. Default 5. */
  terminalGraceSeconds?: number;
  /** Each store call gives up after this long and the refresh goes on without the store. Default 1. */
  storeTimeoutSeconds?: number;
  /** Told when the store throws or times out; the refresh goes on in-process. Never given a token. */
  onStoreError?: (error: unknown) => void;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
}

/** A coordinated refresh's result: the tokens, and whether this caller shared another caller's refresh. */
export type CoordinatedTokenSet = TokenSet & {
  /** `true` when the tokens came from another caller's upstream call (in flight, or kept in the store). */
  shared: boolean;
};

/** Collapses concurrent refreshes of one refresh token into one upstream call. */
export interface RefreshCoordinator {
  /**
   * Refreshes `refreshToken` with `refresh`, unless a refresh of the same token is in flight
   * (then shares it) or settled within the grace period (then returns its result). After a
   * transient failure, callers still holding the same token get that failure again until the
   * first retry is due, without an upstream call.
   */
  run(refreshToken: string, refresh: () => Promise<TokenSet>): Promise<CoordinatedTokenSet>;
}

/**
 * Single flight per refresh token, plus a grace period: a request that arrives late with the old
 * cookie (another tab, a parallel fetch) gets the new tokens instead of replaying a rotated
 * refresh token into `invalid_grant`. Keys are SHA-256 hashes of the refresh token. The store is
 * an optimisation here: when it throws or hangs, refreshes still run, one per token per process.
 */
export function createRefreshCoordinator(options: RefreshCoordinatorOptions = {}): RefreshCoordinator {
  const clock = options.now ?? (() => Date.now());
  const {
    store = new MemoryRefreshStore({ now: clock }),
    graceSeconds = 30,
    terminalGraceSeconds = 5,
    storeTimeoutSeconds = 1,
    onStoreError,
  } = options;
  assertSeconds("graceSeconds", graceSeconds, 0);
  assertSeconds("terminalGraceSeconds", terminalGraceSeconds, 0);
  assertSeconds("storeTimeoutSeconds", storeTimeoutSeconds, 0.001);
  // Keyed by the token itself, and only while its refresh is in flight: hashing is async, and
  // callers must find each other synchronously. Nothing keyed by the raw token outlives the call.
  const inFlight = new Map<string, Promise<TokenSet & { shared: boolean }>>();

  async function guarded<T>(call: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await withTimeout(call, storeTimeoutSeconds * 1000);
    } catch (error) {
      try {
        onStoreError?.(error);
      } catch {
        // A reporter's fault is not the refresh's.
      }
      return fallback;
    }
  }

  async function settle(refreshToken: string, refresh: () => Promise<TokenSet>) {
    const key = await hashRefreshToken(refreshToken);
    const kept = await guarded(() => store.get(key), undefined);
    if (kept !== undefined) {
      const shared = fromOutcome(kept, clock());
      if (shared !== null) return { ...shared, shared: true };
    }
    try {
      const tokens = await refresh();
      const { accessToken, expiresAt, refreshToken } = tokens;
      // Keep only the token set: a provider's raw answer can be large and is not needed again.
      const slim: TokenSet = { accessToken, expiresAt, ...(refreshToken === undefined ? {} : { refreshToken }) };
      if (graceSeconds > 0)
        await guarded(() => store.set(key, { ok: true, tokens: slim }, graceSeconds * 1000), undefined);
      return { ...tokens, shared: false };
    } catch (error) {
      const kept = remembered(error, clock());
      if (kept !== null) await guarded(() => store.set(key, kept.outcome, kept.ttlMs), undefined);
      throw error;
    }
  }

  /** What to keep of a failure: a terminal one briefly, a transient one until its first retry is due. */
  function remembered(error: unknown, now: number): { outcome: RefreshOutcome; ttlMs: number } | null {
    if (!(error instanceof RefreshError)) return null;
    const { code, status, description } = error;
    if (!error.transient) {
      return terminalGraceSeconds > 0
        ? { outcome: { ok: false, error: { code, status, description } }, ttlMs: terminalGraceSeconds * 1000 }
        : null;
    }
    const delay = retryDelayMs(1, error.retryAfterSeconds);
    return { outcome: { ok: false, error: { code, status, description, retryAt: now + delay } }, ttlMs: delay };
  }

  return {
    run(refreshToken, refresh) {
      // A non-string would hash as "[object Object]" and share one user's tokens with another.
      if (typeof refreshToken !== "string" || refreshToken === "") {
        return Promise.reject(new TypeError("refreshToken must be a non-empty string"));
      }
      const pending = inFlight.get(refreshToken);
      if (pending !== undefined) return pending.then((tokens) => ({ ...tokens, shared: true }));
      const started = settle(refreshToken, refresh).finally(() => inFlight.delete(refreshToken));
      inFlight.set(refreshToken, started);
      return started;
    },
  };
}

/** A kept outcome as a result, a thrown error, or `null` when a kept transient failure is due for retry. */
function fromOutcome(outcome: RefreshOutcome, now: number): TokenSet | null {
  if (outcome.ok) return outcome.tokens;
  const { code, status, description, retryAt } = outcome.error;
  if (retryAt !== undefined && now >= retryAt) return null;
  throw new RefreshError(code, "this refresh token was just refused", {
    status,
    description,
    ...(retryAt === undefined ? {} : { retryAfterSeconds: Math.ceil((retryAt - now) / 1000) }),
  });
}

function withTimeout<T>(call: () => T | Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the refresh store did not answer within ${ms} ms`)), ms);
    Promise.resolve()
      .then(call)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** Hex SHA-256 of a refresh token (Web Crypto, so it runs on Node and edge runtimes). */
export async function hashRefreshToken(refreshToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(refreshToken));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
