import type { RefreshErrorCode } from "./RefreshError.js";
import type { TokenSet } from "./refreshAccessToken.js";

/** A settled refresh, as the coordinator keeps it for late callers. */
export type RefreshOutcome =
  | { ok: true; tokens: TokenSet }
  | {
      ok: false;
      error: {
        code: RefreshErrorCode;
        status?: number | undefined;
        description?: string | undefined;
        /** Set for a transient failure: callers holding the same token wait until then (epoch ms). */
        retryAt?: number | undefined;
      };
    };

/**
 * Where the coordinator keeps settled refreshes for their grace period, keyed by a SHA-256 of
 * the old refresh token (never the token). Memory by default; a shared store (e.g. Redis, with
 * values encrypted and the TTL set on write) lets several instances serve each other's results.
 * Both methods may be sync or async.
 */
export interface RefreshStore {
  get(key: string): RefreshOutcome | undefined | Promise<RefreshOutcome | undefined>;
  set(key: string, outcome: RefreshOutcome, ttlMs: number): void | Promise<void>;
  /**
   * Optional, for a store shared by several instances (`createRedisRefreshStore`): takes the
   * refresh lock of `key` for `ttlMs`. Resolves to its release when taken, `null` when another
   * instance holds it. With a lock, exactly one instance refreshes a given refresh token.
   */
  lock?(key: string, ttlMs: number): Promise<RefreshLock | null>;
}

/**
 * A lock `RefreshStore.lock` gave: call it to release. `extend(ttlMs)`, where the store has it,
 * renews the lease (false when the lock is no longer this holder's): the coordinator renews it
 * while the holder works, so a slow discovery or grant cannot outlive the lock.
 */
export type RefreshLock = (() => Promise<void>) & { extend?: (ttlMs: number) => Promise<boolean> };

/** Options of `MemoryRefreshStore`. */
export interface MemoryRefreshStoreOptions {
  /**
   * A last-resort bound on memory: above this many entries the oldest go first. Entries leave by
   * their TTL long before: live entries are the refreshes of the last grace period (30 s), so the
   * default, 1,000,000 (some 33,000 refreshes a second), is never reached in practice.
   */
  maxEntries?: number;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
}

/** The in-process store: entries leave when their TTL ends; bounded by `maxEntries` as a last resort. */
export class MemoryRefreshStore implements RefreshStore {
  readonly #entries = new Map<string, { outcome: RefreshOutcome; expiresAt: number }>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** The size after the last full sweep: the next one runs when it has doubled. */
  #swept = 0;

  constructor({ maxEntries = 1_000_000, now = () => Date.now() }: MemoryRefreshStoreOptions = {}) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(`maxEntries must be >= 1, got ${maxEntries}`);
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): RefreshOutcome | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.outcome;
  }

  set(key: string, outcome: RefreshOutcome, ttlMs: number): void {
    const now = this.#now();
    this.#entries.delete(key); // re-insert at the end: Map order is our age order
    this.#entries.set(key, { outcome, expiresAt: now + ttlMs });
    // The oldest first, while they have expired (or the last-resort bound is passed)...
    for (const [k, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && entry.expiresAt > now) break;
      this.#entries.delete(k);
    }
    // ...and now and then every expired entry, as TTLs differ (a Retry-After may keep one longer):
    // amortized O(1), and never more than twice the live entries held.
    if (this.#entries.size > 2 * Math.max(this.#swept, 512)) {
      for (const [k, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(k);
      this.#swept = this.#entries.size;
    }
  }
}
