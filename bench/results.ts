// The shapes of what the benchmark measures and of bench/results.json, which holds the measurements
// and the figures read off them.
import type { Program, PulumiOp, Targets } from "./config";

export type ClientOp = "create" | "get";

/** One operation at one concurrency: the client, node-fetch alone and the raw loop, side by side. */
export interface ThroughputCell {
  op: ClientOp;
  concurrency: number;
  requestsPerRun: number;
  rawRps: number[];
  clientRps: number[];
  /** node-fetch alone, called as the client's transport calls it, without validation or mapping. */
  fetchRps: number[];
  rawMedianRps: number;
  clientMedianRps: number;
  fetchMedianRps: number;
  /** clientMedianRps / rawMedianRps */
  ratio: number;
  /** Median over repeats of the per-pair ratios (each client run against the raw run beside it). */
  pairedRatioMedian: number;
}

export interface WireResults {
  cells: ThroughputCell[];
  /** Raw mean round trip at concurrency 1, per method (median over repeats). */
  rawLatencyMs: Record<string, number>;
  rawLatencySamplesMs: Record<string, number[]>;
}

export type ProfileName = "loopback" | "saas";

/** A Bluejay to run against: the emulator with this latency and rate limit. */
export interface Profile {
  name: ProfileName;
  /** How tables name it, e.g. "100 ms, 10 req/s". */
  label: string;
  latencyMs: number;
  jitterMs: number;
  /** The emulator's token bucket (burst = rate); none when absent. */
  requestsPerSecond?: number;
}

/** The processes of an operation, grouped by what they are. */
export type Role = "engine" | "cli" | "language host" | "program" | "provider" | "other";

/** CPU time and peak memory of one role's processes during an operation (Linux only). */
export interface ProcessCost {
  role: Role;
  processes: number;
  cpuMs: number;
  /** Largest resident size one process of the role reached, as sampled. */
  peakRssMb: number;
  /** Largest VmHWM (the kernel's own peak-RSS mark) one process of the role reached. */
  peakHwmMb: number;
}

export interface OpRun {
  program: Program;
  /** Records the environment declares. */
  records: number;
  profile: ProfileName;
  round: number;
  op: PulumiOp;
  /** Wall time of the `pulumi` CLI command itself, in seconds. */
  seconds: number;
  /** Wall time of the Automation API call (adds `stack output` and `stack history` runs). */
  apiSeconds: number;
  resourceChanges?: Record<string, number> | undefined;
  /** Set when the first attempt failed and this is the second: the first attempt's error. */
  retriedAfter?: string;
  /** CPU and memory of each role's processes (empty where /proc is missing). */
  processes: ProcessCost[];
  /** CPU time of every process the operation started, from this process's reaped-children times. */
  descendantsCpuMs?: number;
  /** Bytes of the stack's state file after the operation, and the resources it holds. */
  stateBytes?: number;
  stateResources?: number;
  /** Bytes of one resource's serialized provider (`__provider`), stored in its inputs and outputs. */
  providerBytes?: number;
  /** Requests the emulator logged during the operation (Bluejay program only). */
  requests?: Record<string, number>;
  requestStatuses?: Record<string, number>;
  requestsByKind?: Record<string, number>;
  requestCount?: number;
  refusals?: number;
  /** When the first and last request arrived, in seconds after the operation started. */
  firstRequestS?: number;
  lastRequestS?: number;
  /** The longest time between two requests arriving, in seconds. */
  longestGapS?: number;
}

export interface EngineResults {
  runs: OpRun[];
  warmupSeconds: number;
}

export interface Figure {
  figure: string;
  measured: string;
  target: string;
  /** undefined: reported for information, no target. */
  met: boolean | undefined;
  /** Where the time went, when a target is missed (or why a figure reads as it does). */
  note?: string;
}

/** Facts about the machine and the run (date, CPU, versions, durations). */
export type Environment = Record<string, unknown>;

/** Everything one run measured: the input of the verdicts. */
export interface Measurements {
  environment: Environment;
  settings: {
    sizes: number[];
    rounds: number[];
    saasRounds: number[];
    requestsPerRun: number;
    warmupRequests: number;
    repeats: number;
    concurrencies: number[];
    profiles: Profile[];
    /** The resources of each kind per size, as the programs declare them. */
    shapes: Record<string, Record<string, number>>;
  };
  /** The client against the wire; absent from a partial run. */
  wire?: WireResults | undefined;
  /** The provider's own CPU per operation; absent from a partial run. */
  providerCpu?: ProviderCpuResults | undefined;
  engine: EngineResults;
}

/** One row of the operations table: a size, a Bluejay and an operation, medians over the rounds. */
export interface OpRow {
  records: number;
  profile: ProfileName;
  op: PulumiOp;
  seconds: number;
  samples: number[];
  /** The no-HTTP program's time for the same size and operation (loopback runs; medians). */
  trivialSeconds?: number;
  trivialSamples?: number[];
  requests: number;
  refusals: number;
  /** requests ÷ rate, or chain × latency, whichever is larger, in seconds; 0 with neither. */
  floorSeconds: number;
  /** Which term set the floor. */
  floorBy: "rate limit" | "latency" | "none";
  /** The longest run of requests that must go one after another (dependency chain). */
  chain: number;
  overFloor?: number;
  /** Provider process CPU per resource, ms, and the no-HTTP provider's. */
  providerCpuMsPerResource?: number;
  trivialProviderCpuMsPerResource?: number;
  /** Peak RSS of the provider process, MB. */
  providerPeakRssMb?: number;
  trivialProviderPeakRssMb?: number;
  /** State bytes per resource after the operation (none after a destroy). */
  stateBytesPerResource?: number;
  trivialStateBytesPerResource?: number;
  /** CPU of each role, ms per resource (bluejay program). */
  cpuMsPerResourceByRole: Partial<Record<string, number>>;
  trivialCpuMsPerResourceByRole: Partial<Record<string, number>>;
  /** When the first and last request arrived and the longest gap between two, in seconds. */
  firstRequestS?: number;
  lastRequestS?: number;
  longestGapS?: number;
}

/** bench/results.json. */
export interface BenchResults {
  environment: Environment;
  settings: Measurements["settings"] & { targets: Targets };
  figures: Figure[];
  findings: string[];
  notes: string[];
  clientVsWire?: WireResults;
  providerCpu?: ProviderCpuResults;
  rows: OpRow[];
  runs: OpRun[];
  warmupSeconds: number;
}

/** One phase of the provider CPU measurement: CPU per operation, and how it splits. */
export interface CpuPhase {
  op: PulumiOp;
  operations: number;
  /** This process's CPU time per operation, ms. */
  cpuMsPerOp: number;
  /** Of it, the provider's own code (lifecycle, validation, mapping, JSON), by CPU profile. */
  ownMsPerOp: number;
  /** Of the provider's own, zod's validation. */
  zodMsPerOp: number;
  /** Of it, the HTTP client under it (node-fetch, node:http, sockets). */
  httpMsPerOp: number;
  /** Of it, anything else (the benchmark's own loop). */
  otherMsPerOp: number;
}

export interface ProviderCpuResults {
  records: number;
  rounds: number;
  samplingUs: number;
  /** Every phase of every round. */
  phases: CpuPhase[];
}
