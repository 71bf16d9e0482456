// Latency on every answer, so the benchmark and tests can meet a SaaS that answers in tens to
// hundreds of milliseconds rather than loopback's fraction of one: a fixed delay per request, plus
// an optional jitter drawn from a seeded sequence (so a run can be repeated).
import { mulberry32 } from "./faults";

export interface LatencyOptions {
  /** Milliseconds each request takes before its answer leaves: half on the way in, half on the way out. */
  ms: number;
  /** Each request's delay is `ms` plus a uniform amount from −jitterMs to +jitterMs (never below 0). Default 0. */
  jitterMs?: number;
  /** Seed of the jitter sequence (default 1). */
  seed?: number;
}

/** The delays the emulator applies, one per request, in the order requests arrive. */
export class Latency {
  private readonly random: () => number;
  readonly ms: number;
  readonly jitterMs: number;

  constructor(options: LatencyOptions) {
    const { ms, jitterMs = 0, seed = 1 } = options;
    if (!(Number.isFinite(ms) && ms >= 0))
      throw new Error("latency.ms must be a number of milliseconds, 0 or more.");
    if (!(Number.isFinite(jitterMs) && jitterMs >= 0)) {
      throw new Error("latency.jitterMs must be a number of milliseconds, 0 or more.");
    }
    if (!Number.isInteger(seed)) throw new Error("latency.seed must be a whole number.");
    this.ms = ms;
    this.jitterMs = jitterMs;
    this.random = mulberry32(seed);
  }

  /** The next request's delay, in whole milliseconds. */
  next(): number {
    const jitter = this.jitterMs === 0 ? 0 : (this.random() * 2 - 1) * this.jitterMs;
    return Math.max(0, Math.round(this.ms + jitter));
  }
}
