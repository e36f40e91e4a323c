import { retryDelayMs } from "../core/refreshWindow.js";
import { assertSeconds } from "../core/timing.js";
import { RefreshError } from "./RefreshError.js";
import type { TokenSet } from "./refreshAccessToken.js";
import { MemoryRefreshStore, type RefreshLock, type RefreshOutcome, type RefreshStore } from "./refreshStore.js";
import { sha256Hex } from "./sha256.js";
import { withTimeout } from "./withTimeout.js";

/** Options of `createRefreshCoordinator`. */
export interface RefreshCoordinatorOptions {
  /** Where settled refreshes are kept. Default a `MemoryRefreshStore` on this clock. */
  store?: RefreshStore;
  /** How long a success is served to late callers holding the old refresh token. Default 30. */
  graceSeconds?: number;
  /** How long a terminal failure is remembered, so a burst does not replay a dead token. Default 5. */
  terminalGraceSeconds?: number;
  /** Each store call gives up after this long. Default 1. */
  storeTimeoutSeconds?: number;
  /**
   * With a locking store: the lock's lease. The holder renews it every third of it while it works
   * (a slow discovery or grant cannot outlive it), so it only runs out when the holder is gone.
   * Default 15.
   */
  lockSeconds?: number;
  /**
   * With a locking store: how long a caller waits for another instance's refresh before it fails
   * as transient (`timeout`; the tokens are kept). Default 30: longer than discovery and grant at
   * their default timeouts (10 s each).
   */
  waitSeconds?: number;
  /**
   * What to do when the store throws or times out. `refresh-locally`: go on with single flight in
   * this process (the default for a store without a lock). `retry-later`: keep the tokens and fail
   * the refresh as transient (`store_unavailable`), the default for a locking store: two instances
   * refreshing one rotating refresh token revoke the grant, so only opt into `refresh-locally`
   * against an authorization server with a reuse grace period.
   */
  whenStoreFails?: "refresh-locally" | "retry-later";
  /**
   * Told of every store failure, in both modes (the refresh then went on in this process, or
   * failed as `store_unavailable`). Never given a token.
   */
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
  /** Its store: where back-channel logouts are recorded and read, beside the refreshes. */
  readonly store?: RefreshStore;
}

/** How often a caller waiting on another instance's lock looks for its result. */
const LOCK_POLL_MS = 20;
/** How often a holder tries again to store a result the store refused. */
const STORE_RETRY_MS = 250;

/**
 * Single flight per refresh token, plus a grace period: a request that arrives late with the old
 * cookie (another tab, a parallel fetch) gets the new tokens instead of replaying a rotated
 * refresh token into `invalid_grant`. Keys are SHA-256 hashes of the refresh token. With a
 * locking store, the single flight spans every instance that shares it.
 */
export function createRefreshCoordinator(options: RefreshCoordinatorOptions = {}): RefreshCoordinator {
  const clock = options.now ?? (() => Date.now());
  const store: RefreshStore = options.store ?? new MemoryRefreshStore({ now: clock });
  const {
    graceSeconds = 30,
    terminalGraceSeconds = 5,
    storeTimeoutSeconds = 1,
    lockSeconds = 15,
    waitSeconds = 30,
    onStoreError,
  } = options;
  const whenStoreFails = options.whenStoreFails ?? (store.lock ? "retry-later" : "refresh-locally");
  assertSeconds("graceSeconds", graceSeconds, 0);
  assertSeconds("terminalGraceSeconds", terminalGraceSeconds, 0);
  assertSeconds("storeTimeoutSeconds", storeTimeoutSeconds, 0.001);
  assertSeconds("lockSeconds", lockSeconds, 0.001);
  assertSeconds("waitSeconds", waitSeconds, 0);
  if (whenStoreFails !== "refresh-locally" && whenStoreFails !== "retry-later") {
    throw new TypeError(`whenStoreFails must be "refresh-locally" or "retry-later", got ${String(whenStoreFails)}`);
  }
  // Keyed by the token itself, and only while its refresh is in flight: hashing is async, and
  // callers must find each other synchronously. Nothing keyed by the raw token outlives the call.
  const inFlight = new Map<string, Promise<CoordinatedTokenSet>>();

  function tellStoreError(error: unknown): void {
    try {
      onStoreError?.(error);
    } catch {
      // A reporter's fault is not the refresh's.
    }
  }

  /** A store call, bounded; a failure either goes on without the store or fails the refresh. */
  async function ask<T>(call: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await withTimeout(call, storeTimeoutSeconds * 1000);
    } catch (error) {
      tellStoreError(error);
      if (whenStoreFails === "retry-later") {
        throw new RefreshError("store_unavailable", "the refresh store did not answer; tokens kept");
      }
      return fallback;
    }
  }

  async function settle(refreshToken: string, refresh: () => Promise<TokenSet>): Promise<CoordinatedTokenSet> {
    const key = await hashRefreshToken(refreshToken);
    const kept = await readKept(key);
    if (kept !== null) return kept;
    const lock = store.lock?.bind(store);
    if (lock === undefined) return refreshHere(key, refresh);

    // Across instances: one holder refreshes, the others wait for what it stores.
    const waitUntil = performance.now() + waitSeconds * 1000;
    for (;;) {
      // A client that queues commands while Redis is away (node-redis, ioredis) may still take the
      // lock after this call gave up on it: such a late lock is released at once, or it would
      // hold every caller of this token back for a whole lease with no holder behind it.
      const attempt = Promise.resolve().then(() => lock(key, lockSeconds * 1000));
      const releaseLate = () =>
        void attempt
          .then(
            (late) => late?.(),
            () => {},
          )
          .catch(() => {});
      let release: RefreshLock | null | "no-store";
      try {
        release = await ask<RefreshLock | null | "no-store">(() => attempt, "no-store");
      } catch (error) {
        releaseLate();
        throw error;
      }
      if (release === "no-store") {
        releaseLate();
        return refreshHere(key, refresh);
      }
      if (release !== null) return holdAndRefresh(key, release, refresh);
      if (performance.now() >= waitUntil) {
        throw new RefreshError("timeout", "another instance is still refreshing this token");
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      const settled = await readKept(key);
      if (settled !== null) return settled;
    }
  }

  /**
   * The lock's holder: renews the lease while it works; checks the store first (the lock may be a
   * lapsed one, taken after another holder's result was stored); releases once the result is
   * stored. A result it could not store is never released to a waiter, which would replay the old
   * refresh token: the holder keeps the lock and tries to store it again in the background.
   */
  async function holdAndRefresh(
    key: string,
    release: RefreshLock,
    refresh: () => Promise<TokenSet>,
  ): Promise<CoordinatedTokenSet> {
    const lease = renewLease(release);
    let unsaved: { value: RefreshOutcome; ttlMs: number } | undefined;
    try {
      const settled = await readKept(key);
      if (settled !== null) return settled;
      return await refreshHere(key, refresh, (value, ttlMs) => {
        unsaved = { value, ttlMs };
      });
    } finally {
      if (unsaved === undefined) {
        lease.stop();
        await ask(release, undefined).catch(() => {});
      } else {
        void storeLater(key, unsaved, release, lease);
      }
    }
  }

  /** Renews `lock` every third of its lease, until stopped. A store without `extend`: nothing to do. */
  function renewLease(lock: RefreshLock): { stop(): void } {
    const extend = lock.extend;
    if (extend === undefined) return { stop() {} };
    const leaseMs = lockSeconds * 1000;
    const timer = setInterval(() => {
      withTimeout(() => extend(leaseMs), storeTimeoutSeconds * 1000).catch(tellStoreError);
    }, leaseMs / 3);
    (timer as { unref?: () => void }).unref?.();
    return { stop: () => clearInterval(timer) };
  }

  /** Stores a result the store refused, again every 250 ms within its TTL; releases the lock once stored. */
  async function storeLater(
    key: string,
    { value, ttlMs }: { value: RefreshOutcome; ttlMs: number },
    release: RefreshLock,
    lease: { stop(): void },
  ): Promise<void> {
    const until = performance.now() + ttlMs;
    while (performance.now() < until - STORE_RETRY_MS) {
      await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_MS));
      const left = until - performance.now();
      const saved = await withTimeout(() => store.set(key, value, left), storeTimeoutSeconds * 1000).then(
        () => true,
        (error: unknown) => {
          tellStoreError(error);
          return false;
        },
      );
      if (saved) {
        lease.stop();
        await withTimeout(release, storeTimeoutSeconds * 1000).catch(tellStoreError);
        return;
      }
    }
    lease.stop(); // the lock runs out on its own; by then late callers carry the new cookie
  }

  /** What the store holds for `key`, as a result for a caller that shares it, or `null`. */
  async function readKept(key: string): Promise<CoordinatedTokenSet | null> {
    const kept = await ask(() => store.get(key), undefined);
    if (kept === undefined) return null;
    const tokens = fromOutcome(kept, clock());
    return tokens === null ? null : { ...tokens, shared: true };
  }

  async function refreshHere(
    key: string,
    refresh: () => Promise<TokenSet>,
    onUnsaved: (value: RefreshOutcome, ttlMs: number) => void = () => {},
  ): Promise<CoordinatedTokenSet> {
    let outcome: { outcome: RefreshOutcome; ttlMs: number } | null;
    let result: CoordinatedTokenSet | undefined;
    let failure: unknown;
    try {
      const tokens = await refresh();
      const { accessToken, expiresAt, refreshToken, idToken, refreshTokenExpiresAt, tokenType } = tokens;
      // Keep only the token set: a provider's raw answer can be large and is not needed again.
      const slim: TokenSet = {
        accessToken,
        expiresAt,
        ...(refreshToken === undefined ? {} : { refreshToken }),
        ...(idToken === undefined ? {} : { idToken }),
        ...(refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt }),
        ...(tokenType === undefined ? {} : { tokenType }),
      };
      outcome = graceSeconds > 0 ? { outcome: { ok: true, tokens: slim }, ttlMs: graceSeconds * 1000 } : null;
      result = { ...tokens, shared: false };
    } catch (error) {
      outcome = remembered(error, clock());
      failure = error;
    }
    if (outcome !== null) {
      const { outcome: value, ttlMs } = outcome;
      // The refresh has happened: a store that fails now must not turn it into a failure.
      const saved = await withTimeout(() => store.set(key, value, ttlMs), storeTimeoutSeconds * 1000).then(
        () => true,
        (error: unknown) => {
          tellStoreError(error);
          return false;
        },
      );
      // A failure replays nothing: only an unstored success must be kept from waiters.
      if (!saved && value.ok) onUnsaved(value, ttlMs);
    }
    if (result === undefined) throw failure;
    return result;
  }

  /** What to keep of a failure: a terminal one briefly, any other until its first retry is due. */
  function remembered(error: unknown, now: number): { outcome: RefreshOutcome; ttlMs: number } | null {
    if (!(error instanceof RefreshError)) return null;
    const { code, status, description } = error;
    if (error.terminal) {
      return terminalGraceSeconds > 0
        ? { outcome: { ok: false, error: { code, status, description } }, ttlMs: terminalGraceSeconds * 1000 }
        : null;
    }
    const delay = retryDelayMs(1, error.retryAfterSeconds);
    return { outcome: { ok: false, error: { code, status, description, retryAt: now + delay } }, ttlMs: delay };
  }

  return {
    store,
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

/** Hex SHA-256 of a refresh token: the coordinator's key for it. */
export function hashRefreshToken(refreshToken: string): Promise<string> {
  return sha256Hex(refreshToken);
}
