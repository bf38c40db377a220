/** A cached value and when the load that produced it started (ms on the cache's clock). */
export interface CacheRead<V> {
  value: V;
  fetchedAt: number;
}

export interface SingleFlightCacheOptions {
  /** How long a loaded value is served, counted from the start of its load. */
  ttlMs: number;
  /** Milliseconds; injected so tests control time. */
  now: () => number;
  /** Oldest entries are dropped beyond this, so caller-chosen keys cannot grow memory without bound. */
  maxEntries?: number;
}

interface InFlight<V> {
  startedAt: number;
  promise: Promise<CacheRead<V>>;
}

/**
 * A TTL cache whose concurrent misses share one load. Failed loads are not
 * cached: the next caller tries again, and nobody is served a guess. Time is
 * counted from the start of a load, since that is when the data was sampled.
 */
export class SingleFlightCache<V> {
  private readonly entries = new Map<string, CacheRead<V>>();
  private readonly inFlight = new Map<string, InFlight<V>>();
  private readonly maxEntries: number;

  constructor(private readonly options: SingleFlightCacheOptions) {
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** The unexpired value of `key`, or the result of one shared `load`. */
  get(key: string, load: () => Promise<V>): Promise<CacheRead<V>> {
    const entry = this.entries.get(key);
    if (entry && this.options.now() - entry.fetchedAt < this.options.ttlMs) return Promise.resolve(entry);
    if (entry) this.entries.delete(key);
    return this.inFlight.get(key)?.promise ?? this.start(key, load);
  }

  /**
   * A value sampled no earlier than `notBefore`: the cached one if it is that
   * recent, else a load in flight that started by then, else a new load.
   */
  async refresh(key: string, load: () => Promise<V>, notBefore: number): Promise<CacheRead<V>> {
    for (;;) {
      const entry = this.entries.get(key);
      if (entry && entry.fetchedAt >= notBefore) return entry;
      const pending = this.inFlight.get(key);
      if (!pending) return this.start(key, load);
      if (pending.startedAt >= notBefore) return pending.promise;
      // An older load may have sampled before the change we are looking for: let it land, then look again.
      await pending.promise.catch(() => undefined);
    }
  }

  /** Drops every entry (loads in flight still complete and are stored). */
  clear(): void {
    this.entries.clear();
  }

  /** Number of stored entries, expired or not. */
  get size(): number {
    return this.entries.size;
  }

  private start(key: string, load: () => Promise<V>): Promise<CacheRead<V>> {
    const startedAt = this.options.now();
    // Deferred by one tick, so even a load that throws synchronously is registered (and shared) first.
    const promise = Promise.resolve()
      .then(load)
      .then(
        (value) => {
          const read: CacheRead<V> = { value, fetchedAt: startedAt };
          this.store(key, read);
          this.inFlight.delete(key);
          return read;
        },
        (error: unknown) => {
          this.inFlight.delete(key);
          throw error;
        },
      );
    this.inFlight.set(key, { startedAt, promise });
    return promise;
  }

  private store(key: string, read: CacheRead<V>): void {
    // Re-inserting moves the key to the end, so the Map's first key is always the least recently loaded.
    this.entries.delete(key);
    this.entries.set(key, read);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
