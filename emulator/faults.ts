// Scripted and random faults, so tests can make the emulator misbehave the way a remote API does.

export interface FaultRule {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path (without query) equals this string, or matches this RegExp. */
  path?: string | RegExp;
  /** How many matching requests the rule applies to; default 1. `Infinity` for all. */
  times?: number;
  /** Latency added before the request is handled (with `commit`: after it is handled, before the answer). */
  delayMs?: number;
  /** Answer with this status instead of the real answer (default body: a FastAPI detail). */
  status?: number;
  /** `Retry-After` header, in seconds, sent with `status`. */
  retryAfter?: number;
  /** More headers to send with `status` (a redirect's `Location`, say). */
  headers?: Record<string, string>;
  /** A raw body to answer with (with `status`, or 200 when no status is given). */
  body?: string;
  contentType?: string;
  /** Destroy the connection without an answer. */
  drop?: boolean;
  /** Make the request's handler throw, as a bug in Bluejay would: the answer is a 500. */
  throw?: boolean;
  /** Handle the request for real first (the write happens), then answer with the fault: a lost response. */
  commit?: boolean;
  /**
   * Answer with the fault at once, and handle the request for real this many milliseconds later: a
   * gateway's 504 (or a client's timeout) while the backend works on and commits after it.
   */
  commitAfterMs?: number;
  /** Send the answer one chunk of `trickleBytes` (default 1) every `trickleMs` milliseconds. */
  trickleMs?: number;
  trickleBytes?: number;
}

export interface ChaosOptions {
  /** Probability, 0..1, that a request gets a random transient fault. */
  rate: number;
  /** Seed for the fault sequence, so a run can be repeated. */
  seed?: number;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

const WRITES = new Set(["POST", "PUT", "DELETE"]);

export class FaultPlan {
  private readonly rules: ActiveRule[] = [];
  private chaos: { rate: number; random: () => number } | undefined;

  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.times ?? 1 });
  }

  setChaos(options: ChaosOptions | undefined): void {
    this.chaos = options && { rate: options.rate, random: mulberry32(options.seed ?? 1) };
  }

  clear(): void {
    this.rules.length = 0;
    this.chaos = undefined;
  }

  /** The fault for this request, if any; consumes one use of a scripted rule. */
  take(method: string, path: string): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (
        rule.path !== undefined &&
        !(typeof rule.path === "string" ? rule.path === path : rule.path.test(path))
      ) {
        continue;
      }
      active.remaining--;
      return rule;
    }
    if (this.chaos && this.chaos.random() < this.chaos.rate) return this.randomFault(method);
    return undefined;
  }

  /** Transient faults of the kinds a real API shows; lost responses only on writes. */
  private randomFault(method: string): FaultRule {
    const kinds: FaultRule[] = [
      { status: 429, retryAfter: 0 },
      { status: 503 },
      { status: 502 },
      { drop: true },
      { delayMs: 50 },
    ];
    if (WRITES.has(method))
      kinds.push({ commit: true, status: 502 }, { commit: true, status: 504 }, { commit: true, drop: true });
    return kinds[Math.floor(this.chaos!.random() * kinds.length)]!;
  }
}

/** A small seeded PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
