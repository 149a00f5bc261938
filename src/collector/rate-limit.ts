export interface RateLimitOptions {
  /** Bucket size: the burst a client may send at once. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
  /** Buckets kept in memory at most; full buckets are forgotten first. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A token bucket per client key, in memory. `take` answers 0 when allowed, otherwise the
 * seconds to wait (for Retry-After).
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now) {
  const { capacity, refillPerSecond } = options;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, at: number): void {
    bucket.tokens = Math.min(capacity, bucket.tokens + ((at - bucket.updated) / 1000) * refillPerSecond);
    bucket.updated = at;
  }

  function evict(at: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= capacity) buckets.delete(key);
    }
    // Still too many: drop the oldest entries (Map keeps insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size <= maxClients * 0.9) break;
      buckets.delete(key);
    }
  }

  return {
    take(key: string, cost = 1): number {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxClients) evict(at);
        bucket = { tokens: capacity, updated: at };
        buckets.set(key, bucket);
      } else {
        refill(bucket, at);
      }
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return 0;
      }
      return Math.max(1, Math.ceil((cost - bucket.tokens) / refillPerSecond));
    },
    get size(): number {
      return buckets.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
