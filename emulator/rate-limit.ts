// A token bucket over all requests, so tests can see how a client copes with Bluejay's 429s.

export interface RateLimitOptions {
  /** Tokens added per second: the sustained rate. */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once. Default: `requestsPerSecond`, at least 1. */
  burst?: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** `X-RateLimit-Limit`: the bucket size. */
  limit: number;
  /** `X-RateLimit-Remaining`: whole requests left right now (after this one). */
  remaining: number;
  /** `X-RateLimit-Reset`: whole seconds until the bucket is full again. */
  resetSeconds: number;
  /** `Retry-After` for a refused request: whole seconds, at least 1. */
  retryAfterSeconds: number;
}

export class TokenBucket {
  private readonly capacity: number;
  private readonly rate: number;
  private tokens: number;
  private updated: number;

  constructor(
    options: RateLimitOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    const { requestsPerSecond, burst } = options;
    if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) {
      throw new Error("rateLimit.requestsPerSecond must be a positive number.");
    }
    if (burst !== undefined && !(Number.isInteger(burst) && burst >= 1)) {
      throw new Error("rateLimit.burst must be a whole number of at least 1.");
    }
    this.rate = requestsPerSecond;
    this.capacity = burst ?? Math.max(1, Math.floor(requestsPerSecond));
    this.tokens = this.capacity;
    this.updated = this.clock();
  }

  /** Takes a token for one request if there is one. */
  take(): RateLimitDecision {
    const now = this.clock();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updated) / 1000) * this.rate);
    this.updated = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(this.tokens),
      resetSeconds: Math.ceil((this.capacity - this.tokens) / this.rate),
      retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.rate)),
    };
  }

  /** Fills the bucket again. */
  refill(): void {
    this.tokens = this.capacity;
    this.updated = this.clock();
  }
}
