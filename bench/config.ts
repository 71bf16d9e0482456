// What the benchmark runs and holds its figures against: the environment's sizes, the two Bluejays it
// runs against (loopback, and a SaaS with latency and a rate limit), rounds and repeats (each with an
// environment knob for quick trial runs; the defaults are the benchmark), the targets, and the
// Pulumi operations.
import * as path from "path";
import type { Profile, ProfileName } from "./results";

export const root = path.resolve(__dirname, "..");
export const benchDir = path.join(root, "bench");
export const API_KEY = "bj-bench-key-7c2f41d09e8a";
export const PASSPHRASE = "bench-passphrase";

/** The two Bluejays: the emulator on loopback as it is, and one that answers like a distant SaaS. */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  loopback: { name: "loopback", label: "loopback", latencyMs: 0, jitterMs: 0 },
  saas: { name: "saas", label: "100 ms, 10 req/s", latencyMs: 100, jitterMs: 0, requestsPerSecond: 10 },
};

export interface BenchSettings {
  /** Records per environment. BENCH_SIZES=12,120,600 */
  sizes: number[];
  /** Rounds of the loopback sequence per size, on fresh stacks, both programs. BENCH_ROUNDS=3,2,2 */
  rounds: number[];
  /** Rounds of the SaaS sequence per size (Bluejay program only). BENCH_SAAS_ROUNDS=1,1,1 */
  saasRounds: number[];
  /** Requests per client-vs-wire run. BENCH_REQUESTS=2000 */
  requestsPerRun: number;
  warmupRequests: number;
  /** Runs per side and cell of client vs wire. BENCH_REPEATS=5 */
  repeats: number;
  concurrencies: number[];
  /** Run one part only, for a trial of it (BENCH_ONLY=engine or saas); never writes bench/results.*. */
  only: BenchPart | undefined;
}

/** The parts BENCH_ONLY can pick: the loopback runs, or the SaaS runs, alone. */
export const ONLY_PARTS = ["engine", "saas"] as const;
export type BenchPart = (typeof ONLY_PARTS)[number];

function envPart(env: NodeJS.ProcessEnv): BenchPart | undefined {
  const value = env.BENCH_ONLY?.trim();
  if (!value) return undefined;
  const part = ONLY_PARTS.find((s) => s === value);
  if (!part) throw new Error(`BENCH_ONLY=${value}: expected one of ${ONLY_PARTS.join(", ")}.`);
  return part;
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
  const sizes = envList(env, "BENCH_SIZES", [12, 120, 600]);
  const requestsPerRun = envInt(env, "BENCH_REQUESTS", 2000);
  return {
    sizes,
    // Small sizes are cheap and noisy, so they are repeated; every size at least twice, so its
    // run-to-run spread is known, within the 15 minutes the whole benchmark may take on 2 cores.
    rounds: envList(
      env,
      "BENCH_ROUNDS",
      sizes.map((n) => (n <= 12 ? 3 : 2)),
    ),
    saasRounds: envList(
      env,
      "BENCH_SAAS_ROUNDS",
      sizes.map(() => 1),
    ),
    requestsPerRun,
    warmupRequests: Math.min(500, requestsPerRun),
    repeats: envInt(env, "BENCH_REPEATS", 5),
    concurrencies: [1, 10, 50],
    only: envPart(env),
  };
}

/** Whole-run guard: the benchmark is meant to take under 15 minutes on 2 cores. */
export const WATCHDOG_MS = 30 * 60_000;
/** One Pulumi operation's limit. */
export const OP_TIMEOUT_MS = 10 * 60_000;

export const TARGETS = {
  /**
   * The client's throughput over node-fetch alone (called as the client's transport calls it): the
   * client's own overhead, which is the project's to own.
   */
  clientOverFetch: 0.9,
  /** `up` and `destroy` of the largest size against the SaaS: wall time at most this × their floor. */
  wallOverFloor: 1.2,
  /** `refresh` of the largest size against the SaaS: at most this share of one GET per resource. */
  refreshRequestShare: 0.1,
  /** The provider process's CPU time per resource operation, over the no-HTTP provider's. */
  providerCpuMsPerResource: 0.1,
  /** `up` on loopback: (t_bluejay − t_trivial) / N within the trivial program's spread plus this. */
  upMarginalMsPerResource: 0.5,
};
export type Targets = typeof TARGETS;

export type Program = "bluejay" | "trivial";
export const PROGRAMS: readonly Program[] = ["bluejay", "trivial"];
export type PulumiOp = "up" | "noop-up" | "refresh" | "destroy";
/** The operations, in the order each round runs them. */
export const OPS = ["up", "noop-up", "refresh", "destroy"] as const satisfies readonly PulumiOp[];

export const OP_LABELS: Record<PulumiOp, string> = {
  up: "up (create)",
  "noop-up": "no-change up",
  refresh: "refresh",
  destroy: "destroy",
};

export const PROGRAM_SOURCES: Record<Program, string> = {
  bluejay: path.join(benchDir, "programs/bluejay"),
  trivial: path.join(benchDir, "programs/trivial"),
};
/** The environment both programs declare, copied beside each as shared/environment.ts. */
export const SHARED_SOURCE = path.join(benchDir, "programs/shared/environment.ts");

export const CONFIG_NAMESPACE: Record<Program, string> = {
  bluejay: "bench-bluejay",
  trivial: "bench-trivial",
};
