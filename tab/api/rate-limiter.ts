// A per-person token bucket: a burst of requests is fine, a flood is refused with a time to retry.
import { ThrottledError } from "../../records/errors.js";
import type { Clock } from "../../records/types.js";

export interface RateLimiter {
  /** Spends one request for the key, or throws ThrottledError saying when to retry. */
  take(key: string): void;
}

export interface TokenBucketOptions {
  /** Requests allowed in a burst. */
  readonly capacity: number;
  /** Requests regained per second, up to the capacity. */
  readonly refillPerSecond: number;
  readonly clock: Clock;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Above this many people, buckets that have refilled are forgotten so memory stays bounded. */
const PRUNE_ABOVE = 10_000;

export class TokenBucketRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: TokenBucketOptions) {}

  take(key: string): void {
    const now = this.options.clock.now().getTime();
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens < 1) {
      const retryAfterSeconds = Math.ceil((1 - bucket.tokens) / this.options.refillPerSecond);
      this.buckets.set(key, bucket);
      throw new ThrottledError(`Too many requests: wait ${retryAfterSeconds} seconds and try again.`, retryAfterSeconds);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.options.capacity, updatedAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    return {
      tokens: Math.min(this.options.capacity, bucket.tokens + elapsedSeconds * this.options.refillPerSecond),
      updatedAt: now,
    };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.options.capacity) this.buckets.delete(key);
    }
  }
}
