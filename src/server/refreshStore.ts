import type { RefreshErrorCode } from "./RefreshError.js";
import type { TokenSet } from "./refreshAccessToken.js";
import { TtlMap } from "./ttlMap.js";

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
  /**
   * Back-channel logout (both stores have it): records that the identity provider ended the
   * session named by `key` (its issuer and `sid`, or its `sub`) at `at` (epoch ms), for `ttlMs`.
   */
  endSession?(key: string, at: number, ttlMs: number): void | Promise<void>;
  /** The latest end recorded under any of `keys` (epoch ms), or `undefined`: one read (Redis: one `MGET`). */
  sessionEndedAt?(keys: readonly string[]): number | undefined | Promise<number | undefined>;
  /** `true` the first time `key` is claimed, `false` while that claim is kept (a logout token's `jti`). */
  claimOnce?(key: string, ttlMs: number): boolean | Promise<boolean>;
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
  /**
   * The most back-channel logouts kept (ended sessions, and logout token ids seen): each is kept
   * for the session's `maxAge`, the oldest go first above this. Default 100,000.
   */
  maxEndedSessions?: number;
  /** The clock, read at call time. Default `Date.now`. */
  now?: () => number;
}

/** The in-process store: entries leave when their TTL ends; bounded by `maxEntries` as a last resort. */
export class MemoryRefreshStore implements RefreshStore {
  readonly #outcomes: TtlMap<RefreshOutcome>;
  readonly #ended: TtlMap<number>;
  readonly #claimed: TtlMap<true>;

  constructor({
    maxEntries = 1_000_000,
    maxEndedSessions = 100_000,
    now = () => Date.now(),
  }: MemoryRefreshStoreOptions = {}) {
    for (const [name, value] of [
      ["maxEntries", maxEntries],
      ["maxEndedSessions", maxEndedSessions],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be >= 1, got ${value}`);
    }
    this.#outcomes = new TtlMap(maxEntries, now);
    this.#ended = new TtlMap(maxEndedSessions, now);
    this.#claimed = new TtlMap(maxEndedSessions, now);
  }

  /** How many settled refreshes are kept. */
  get size(): number {
    return this.#outcomes.size;
  }

  get(key: string): RefreshOutcome | undefined {
    return this.#outcomes.get(key);
  }

  set(key: string, outcome: RefreshOutcome, ttlMs: number): void {
    this.#outcomes.set(key, outcome, ttlMs);
  }

  endSession(key: string, at: number, ttlMs: number): void {
    this.#ended.set(key, Math.max(at, this.#ended.get(key) ?? at), ttlMs);
  }

  sessionEndedAt(keys: readonly string[]): number | undefined {
    let latest: number | undefined;
    for (const key of keys) {
      const at = this.#ended.get(key);
      if (at !== undefined && (latest === undefined || at > latest)) latest = at;
    }
    return latest;
  }

  claimOnce(key: string, ttlMs: number): boolean {
    if (this.#claimed.get(key) !== undefined) return false;
    this.#claimed.set(key, true, ttlMs);
    return true;
  }
}
