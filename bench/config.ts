// What the benchmark runs and holds its figures against: sizes, rounds and repeats (each with an
// environment knob for quick trial runs; the defaults are the benchmark), targets, and the Pulumi
// operations with what each should send to Bluejay.
import * as path from "path";

export const root = path.resolve(__dirname, "..");
export const benchDir = path.join(root, "bench");
export const API_KEY = "bj-bench-key-7c2f41d09e8a";
export const PASSPHRASE = "bench-passphrase";

export interface BenchSettings {
  /** The N values: resources per stack. BENCH_NS=10,100,500 */
  sizes: number[];
  /** Rounds of the whole sequence per N, fresh stacks each round. BENCH_ROUNDS=3,3,1 */
  rounds: number[];
  /** Requests per client-vs-wire run. BENCH_REQUESTS=2000 */
  requestsPerRun: number;
  warmupRequests: number;
  /** Runs per side and cell of client vs wire. BENCH_REPEATS=5 */
  repeats: number;
  concurrencies: number[];
  /** The N whose request log is held against the expected counts and whose state is sized. */
  referenceN: number;
  /** The N whose `up` has its memory sampled. */
  largestN: number;
  /**
   * Run one section only, for a trial of it: BENCH_ONLY=rate-limit skips sections 1–5 and runs
   * section 6 alone (its unlimited `up` is then measured there). A partial run never writes
   * bench/results.*: it prints its figures and saves them to a file in the temp folder.
   */
  only: BenchSection | undefined;
}

/** The sections BENCH_ONLY can pick. */
export const ONLY_SECTIONS = ["rate-limit"] as const;
export type BenchSection = (typeof ONLY_SECTIONS)[number];

function envSection(env: NodeJS.ProcessEnv): BenchSection | undefined {
  const value = env.BENCH_ONLY?.trim();
  if (!value) return undefined;
  const section = ONLY_SECTIONS.find((s) => s === value);
  if (!section) throw new Error(`BENCH_ONLY=${value}: expected one of ${ONLY_SECTIONS.join(", ")}.`);
  return section;
}

function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  return value ? Number.parseInt(value, 10) : fallback;
}

function envList(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const value = env[name];
  return value ? value.split(",").map((v) => Number.parseInt(v.trim(), 10)) : fallback;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const sizes = envList(env, "BENCH_NS", [10, 100, 500]);
  const requestsPerRun = envInt(env, "BENCH_REQUESTS", 2000);
  return {
    sizes,
    // Small N is cheap and noisy, so it is repeated; N = 500 runs once to keep the benchmark under
    // 15 minutes on 2 cores.
    rounds: envList(
      env,
      "BENCH_ROUNDS",
      sizes.map((n) => (n <= 100 ? 3 : 1)),
    ),
    requestsPerRun,
    warmupRequests: Math.min(500, requestsPerRun),
    repeats: envInt(env, "BENCH_REPEATS", 5),
    concurrencies: [1, 10, 50],
    referenceN: sizes.includes(100) ? 100 : sizes[Math.floor(sizes.length / 2)]!,
    largestN: Math.max(...sizes),
    only: envSection(env),
  };
}

/** Whole-run guard: the benchmark is meant to take well under 15 minutes on 2 cores. */
export const WATCHDOG_MS = 30 * 60_000;
/** One Pulumi operation's limit. */
export const OP_TIMEOUT_MS = 10 * 60_000;

export const TARGETS = {
  /**
   * The client's throughput over node-fetch alone (called as the client's transport calls it): the
   * client's own overhead, which is the project's to own. node-fetch itself stays (the product keeps
   * it), so the client over a raw node:http loop is reported as context, not held to a target.
   */
  clientOverFetch: 0.9,
  scaling500over100: 5.5,
  providerBytes: 1024,
  /** Rate-limited `up` minus unlimited `up`, at most this many times the floor (N / rate). */
  rateLimitedOverFloor: 1.5,
};
export type Targets = typeof TARGETS;

/**
 * 6. Rate-limited up (bench/rate-limit.ts): the Bluejay program with this many communities against
 * an emulator allowing this many requests a second (a token bucket; 429 with Retry-After beyond).
 * Its floor is communities / requestsPerSecond seconds: one create each, at the allowed rate.
 */
export const RATE_LIMIT = { communities: 100, requestsPerSecond: 5 };

export type Program = "bluejay" | "trivial";
export const PROGRAMS: readonly Program[] = ["bluejay", "trivial"];
export type PulumiOp = "up" | "refresh" | "noop-up" | "update" | "destroy";
/** The operations timed at every N. */
export const SCALED_OPS = ["up", "refresh", "noop-up", "destroy"] as const;
export type ScaledOp = (typeof SCALED_OPS)[number];

export const OP_LABELS: Record<PulumiOp, string> = {
  up: "up (create)",
  refresh: "refresh",
  "noop-up": "no-change up",
  update: "up (update all titles)",
  destroy: "destroy",
};

/** What each operation should send to Bluejay per community. */
export const EXPECTED_PER_COMMUNITY: Record<PulumiOp, Record<string, number>> = {
  up: { "POST /v1/create-community": 1 },
  update: { "PUT /v1/update-community/{id}": 1 },
  "noop-up": {},
  refresh: { "GET /v1/community/{id}": 1 },
  destroy: { "DELETE /v1/community/{id}": 1 },
};

export const PROGRAM_SOURCES: Record<Program, string> = {
  bluejay: path.join(benchDir, "programs/bluejay"),
  trivial: path.join(benchDir, "programs/trivial"),
};

export const CONFIG_NAMESPACE: Record<Program, string> = {
  bluejay: "bench-bluejay",
  trivial: "bench-trivial",
};
