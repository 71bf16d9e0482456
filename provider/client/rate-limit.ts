// One pace for every request a client sends (the provider process shares one client between every
// resource kind and call): when Bluejay says "too many" (429), every call waits, not just the one that
// was refused, and requests are spaced so that a big `pulumi up`,
// whose creates the engine runs in parallel, converges at the rate Bluejay allows instead of colliding.
import { sleep } from "./retry";

/** What an answer said about the rate limit. */
export interface RateSignal {
  status: number;
  /** `Retry-After`, in seconds. */
  retryAfterSeconds?: number | undefined;
  /** `X-RateLimit-Limit`. */
  limit?: number | undefined;
  /** `X-RateLimit-Remaining`. */
  remaining?: number | undefined;
  /** `X-RateLimit-Reset`: seconds until the allowance is back. */
  resetSeconds?: number | undefined;
}

/** The widest spacing a 429 can set: one request every 5 s. */
const MAX_INTERVAL_MS = 5_000;
/** After each success the spacing shrinks by this factor: a slow probe for a higher allowance. */
const SPEED_UP = 0.97;

export class RateLimiter {
  /** Milliseconds between request starts; 0 until Bluejay first refuses one. */
  private intervalMs = 0;
  /** When the next request may start. */
  private nextStart = 0;
  /** No request starts before this (a `Retry-After`, or an allowance used up). */
  private pausedUntil = 0;
  /** 429s received: a figure for tests and the benchmark. */
  refusals = 0;
  /** When the latest successes arrived (the last second's worth): what Bluejay just allowed. */
  private readonly successes: number[] = [];

  /** `maxRequestsPerSecond` is the user's ceiling; without one, only Bluejay's answers set the pace. */
  constructor(private readonly maxRequestsPerSecond?: number) {}

  private get floorMs(): number {
    return this.maxRequestsPerSecond === undefined ? 0 : 1000 / this.maxRequestsPerSecond;
  }

  /**
   * Waits for this request's turn. Resolves false at once, taking no turn, when that turn comes after
   * `ends` (the end of the call's budget): the call then ends with what it last received.
   */
  async acquire(ends: number): Promise<boolean> {
    const now = Date.now();
    const start = Math.max(now, this.pausedUntil, this.nextStart);
    if (start >= ends) return false;
    this.nextStart = start + Math.max(this.intervalMs, this.floorMs);
    if (start > now) await sleep(start - now);
    return true;
  }

  /** Learns from an answer. */
  observe(signal: RateSignal): void {
    const now = Date.now();
    while (this.successes.length > 0 && this.successes[0]! < now - 1000) this.successes.shift();
    if (signal.status === 429) {
      this.refusals++;
      // What got through in the last second is the allowance: space requests to match it.
      const allowed = Math.max(1, this.successes.length);
      this.intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(this.intervalMs, 1000 / allowed));
      const after = (signal.retryAfterSeconds ?? 1) * 1000;
      this.pausedUntil = Math.max(this.pausedUntil, now + after);
      return;
    }
    if (signal.status < 400) this.successes.push(now);
    if (signal.remaining === 0 && signal.resetSeconds && signal.limit) {
      // The allowance is used up: wait for one request's share of it rather than spend one on a 429.
      const share = Math.min(60_000, (signal.resetSeconds * 1000) / signal.limit);
      this.pausedUntil = Math.max(this.pausedUntil, now + share);
    }
    if (signal.status < 400) this.intervalMs = this.intervalMs < 1 ? 0 : this.intervalMs * SPEED_UP;
  }
}
