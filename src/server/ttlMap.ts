/**
 * A map whose entries leave when their TTL ends, bounded by `maxEntries` as a last resort (the
 * oldest go first). Map order is insertion order, so it is also age order.
 */
export class TtlMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  /** The size after the last full sweep: the next one runs when it has doubled. */
  #swept = 0;

  constructor(
    readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    const now = this.now();
    this.#entries.delete(key); // re-insert at the end: the newest last
    this.#entries.set(key, { value, expiresAt: now + ttlMs });
    // The oldest first, while they have expired (or the last-resort bound is passed)...
    for (const [k, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && entry.expiresAt > now) break;
      this.#entries.delete(k);
    }
    // ...and now and then every expired entry, as TTLs differ: amortized O(1), and never more than
    // twice the live entries held.
    if (this.#entries.size > 2 * Math.max(this.#swept, 512)) {
      for (const [k, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(k);
      this.#swept = this.#entries.size;
    }
  }
}
