// One pace for every request a client sends (the provider process shares one client between every
// resource kind and call): when Bluejay says "too many" (429), every call waits, not just the one that
// was refused, and requests are spaced so that a big `pulumi up`,
// whose creates the engine runs in parallel, converges at the rate Bluejay allows instead of colliding.
//
// Requests wait in one queue, first come first served. Nothing is booked ahead: each time the queue
// wakes it looks again at the pause and the spacing in force, so a `Retry-After` that arrives while
// requests wait holds back every one of them, and a request whose turn a pause (or the ceiling) puts
// past its budget is let go at once instead of sleeping until its budget is spent.
//
// Where Bluejay says how its allowance stands (`X-RateLimit-Limit`, `-Remaining`, `-Reset`), the pace
// is read from it: an allowance used up (`Remaining: 0`, or a 429) means one request's share of
// `Reset` between request starts, counted from when the request that learned it was sent (the answer
// comes a round trip later). So a 429 costs one share, not the whole-second `Retry-After` (which can
// say no less than a second), and requests go at the allowed rate with no idle gap after it.

/** What an answer said about the rate limit. */
export interface RateSignal {
  status: number;
  /** `Retry-After`, in seconds. */
  retryAfterSeconds?: number | undefined;
  /** `X-RateLimit-Limit`. */
  limit?: number | undefined;
  /** `X-RateLimit-Remaining`. */
  remaining?: number | undefined;
  /** `X-RateLimit-Reset`, as seconds until the allowance is back (see `resetSecondsFromHeader`). */
  resetSeconds?: number | undefined;
  /** When the request this answers was sent (ms since the epoch); default: now. */
  sentAt?: number | undefined;
}

/** A request that gets no turn within its budget. */
export interface NoTurn {
  /**
   * When the request could have been sent (ms since the epoch, this machine's clock): an estimate
   * where Bluejay's pace sets it, since that pace quickens as requests succeed.
   */
  turnAt: number;
  /** When the pause Bluejay asked for ends (ms since the epoch), if one is in force. */
  pausedUntil: number | undefined;
  /**
   * What spaces requests: Bluejay (a pause, or the pace learned from its 429s), or only the user's own
   * ceiling, `maxRequestsPerSecond`.
   */
  heldBy: "bluejay" | "ceiling";
}

/** The widest spacing a 429 can set: one request every 5 s. */
const MAX_INTERVAL_MS = 5_000;
/** After each success the spacing shrinks by this factor: a slow probe for a higher allowance. */
const SPEED_UP = 0.97;
/** The longest a used-up allowance (`X-RateLimit-Remaining: 0`) holds requests back. */
const MAX_RESET_WAIT_MS = 60_000;
/** `X-RateLimit-Reset` values above this are Unix times (10^9 s is 2001), not seconds to wait. */
const EPOCH_SECONDS_THRESHOLD = 1e9;

/**
 * `X-RateLimit-Reset` as seconds from now. Servers give it two meanings: the seconds until the
 * allowance is back (the IETF RateLimit draft's, and the emulator's), or the Unix time in seconds when
 * it is back (GitHub's, for one). Nobody means a wait of over 10^9 s (31 years), so a value above 10^9
 * is a Unix time: it is measured against the server's clock (the answer's `Date` header,
 * `serverDateMs`) when there is one, because the two clocks may disagree by more than the wait, else
 * against this machine's. Either way the wait is at most `MAX_RESET_WAIT_MS`, and a time already past
 * is no wait.
 */
export function resetSecondsFromHeader(
  value: number | undefined,
  serverDateMs: number | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || !Number.isFinite(value) || value < 0) return undefined;
  const seconds = value > EPOCH_SECONDS_THRESHOLD ? (value * 1000 - (serverDateMs ?? now)) / 1000 : value;
  return Math.min(MAX_RESET_WAIT_MS / 1000, Math.max(0, seconds));
}

interface Waiter {
  /** The end of the call's budget: a turn after it is no use. */
  ends: number;
  resolve(turn: true | NoTurn): void;
}

export class RateLimiter {
  /** Milliseconds between request starts; 0 until Bluejay first refuses one. */
  private intervalMs = 0;
  /** When the latest request started. */
  private lastStart = Number.NEGATIVE_INFINITY;
  /** No request starts before this (a `Retry-After`, or an allowance used up). */
  private pausedUntil = 0;
  /** 429s received: a figure for tests and the benchmark. */
  refusals = 0;
  /** When the latest successes arrived (the last second's worth): what Bluejay just allowed. */
  private readonly successes: number[] = [];
  /** When the latest pause ended: successes counted before it say nothing of the pace. */
  private pauseEnded = Number.NEGATIVE_INFINITY;
  /** Requests waiting for their turn, oldest first. */
  private readonly queue: Waiter[] = [];
  /** Wakes the queue for the next turn or the next budget to end; set only while requests wait. */
  private timer: NodeJS.Timeout | undefined;

  /** `maxRequestsPerSecond` is the user's ceiling; without one, only Bluejay's answers set the pace. */
  constructor(private readonly maxRequestsPerSecond?: number) {}

  /** The user's ceiling as the least spacing between request starts; 0 without one. */
  private get floorMs(): number {
    return this.maxRequestsPerSecond === undefined ? 0 : 1000 / this.maxRequestsPerSecond;
  }

  /** The spacing in force: Bluejay's pace, never faster than the ceiling. */
  private get spacingMs(): number {
    return Math.max(this.intervalMs, this.floorMs);
  }

  /**
   * Waits for this request's turn, behind every request already waiting. Resolves `true` when it may
   * be sent. Resolves, taking no turn, with when its turn would come once it is sure to come after
   * `ends` (the end of the call's budget): at once, or when a pause learned meanwhile pushes it past,
   * or when `ends` comes while it waits. A turn that has come is always taken.
   */
  acquire(ends: number): Promise<true | NoTurn> {
    // Nothing waits and nothing holds requests back: its turn is now (the common case, unlimited).
    const now = Date.now();
    if (this.queue.length === 0 && Math.max(this.pausedUntil, this.lastStart + this.spacingMs) <= now) {
      this.lastStart = now;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      this.queue.push({ ends, resolve });
      this.wake();
    });
  }

  /** Learns from an answer; requests already waiting see what it taught. */
  observe(signal: RateSignal): void {
    this.learn(signal);
    if (this.queue.length > 0) this.wake();
  }

  private learn(signal: RateSignal): void {
    const now = Date.now();
    if (this.pausedUntil <= now) this.pauseEnded = Math.max(this.pauseEnded, this.pausedUntil);
    while (this.successes.length > 0 && this.successes[0]! < now - 1000) this.successes.shift();
    const share = this.shareMs(signal);
    const sentAt = Math.min(now, signal.sentAt ?? now);
    if (signal.status === 429) {
      this.refusals++;
      const retryAfterMs = (signal.retryAfterSeconds ?? 1) * 1000;
      // Bluejay says when its allowance is whole again: within that, the next request's share of it
      // comes first, and Retry-After (whole seconds) only rounds that up. A Retry-After beyond it is a
      // pause of its own, and is kept.
      if (share !== undefined && retryAfterMs <= (signal.resetSeconds ?? 0) * 1000) {
        this.intervalMs = Math.min(MAX_INTERVAL_MS, share);
        this.pausedUntil = Math.max(this.pausedUntil, sentAt + share);
        return;
      }
      // What got through in the last second (since the latest pause, if one ended within it) is
      // the allowance: space requests to match it. With nothing to go by, one a second.
      const since = Math.max(now - 1000, this.pauseEnded);
      const allowed = this.successes.filter((at) => at >= since).length;
      const span = now - since;
      const perSecond = allowed >= 2 || span >= 1000 ? (allowed * 1000) / Math.max(span, 1) : 0;
      this.intervalMs =
        perSecond >= 1
          ? Math.min(MAX_INTERVAL_MS, 1000 / perSecond)
          : Math.min(MAX_INTERVAL_MS, Math.max(this.intervalMs, 1000));
      this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
      return;
    }
    if (signal.status < 400) this.successes.push(now);
    if (share !== undefined) {
      // The allowance is used up: one request's share of it between starts, from this one's.
      this.intervalMs = Math.min(MAX_INTERVAL_MS, share);
      this.pausedUntil = Math.max(this.pausedUntil, sentAt + share);
      return;
    }
    if (signal.status < 400) this.intervalMs = this.intervalMs < 1 ? 0 : this.intervalMs * SPEED_UP;
  }

  /**
   * One request's share of the allowance, in ms, when an answer says it is used up
   * (`X-RateLimit-Remaining: 0` with `-Limit` and `-Reset`); undefined otherwise.
   */
  private shareMs(signal: RateSignal): number | undefined {
    if (signal.remaining !== 0 || !signal.resetSeconds || !signal.limit) return undefined;
    return Math.min(MAX_RESET_WAIT_MS, (signal.resetSeconds * 1000) / signal.limit);
  }

  /**
   * Looks at the queue against the pace in force now: sends off every request whose turn has come, one
   * spacing apart; lets go every request whose turn comes after its budget; and sets the timer for the
   * next turn or the next budget to end. Runs on every arrival, every answer and every timer, so no
   * decision outlives what the limiter knows.
   */
  private wake(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const spacing = this.spacingMs;
    const floor = this.floorMs;
    const turn = (): number => Math.max(now, this.pausedUntil, this.lastStart + spacing);
    // A request whose turn has come goes, even at the very end of its budget: its attempt's timeout
    // is cut to what is left.
    while (this.queue.length > 0 && turn() <= now) {
      this.lastStart = now;
      this.queue.shift()!.resolve(true);
    }
    // The rest wait in order. A request is let go before its budget ends only when its turn surely
    // comes after it: the pause and the ceiling are certain, but Bluejay's pace quickens as requests
    // succeed, so spacing by it (`likely`) is only an estimate, for the error to show.
    let surely = Math.max(now, this.pausedUntil, this.lastStart + floor);
    let likely = turn();
    let next = likely;
    for (let i = 0; i < this.queue.length;) {
      const waiter = this.queue[i]!;
      if (surely >= waiter.ends) {
        this.queue.splice(i, 1);
        waiter.resolve(this.noTurn(likely, now));
        continue;
      }
      next = Math.min(next, waiter.ends);
      surely += floor;
      likely += spacing;
      i++;
    }
    if (this.queue.length > 0) this.timer = setTimeout(() => this.wake(), next - now);
  }

  private noTurn(turnAt: number, now: number): NoTurn {
    const paused = this.pausedUntil > now;
    const floor = this.floorMs;
    return {
      turnAt,
      pausedUntil: paused ? this.pausedUntil : undefined,
      heldBy: !paused && floor > 0 && this.intervalMs <= floor ? "ceiling" : "bluejay",
    };
  }
}
