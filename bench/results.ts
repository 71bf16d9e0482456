// The shapes of what the benchmark measures and of bench/results.json, which holds the measurements
// and the figures read off them.
import type { Program, PulumiOp, ScaledOp, Targets } from "./config";

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

export interface OpRun {
  program: Program;
  n: number;
  round: number;
  op: PulumiOp;
  /** Wall time of the `pulumi` CLI command itself. */
  seconds: number;
  /** Wall time of the Automation API call (adds `stack output` and `stack history` runs). */
  apiSeconds: number;
  resourceChanges?: Record<string, number> | undefined;
  /** Set when the first attempt failed and this is the second: the first attempt's error. */
  retriedAfter?: string;
  /** Requests the emulator logged during the operation, by route and status. */
  requests?: Record<string, number>;
  requestStatuses?: Record<string, number>;
}

export interface RequestCheck {
  n: number;
  round: number;
  op: PulumiOp;
  observed: Record<string, number>;
  expected: Record<string, number>;
  extra: Record<string, number>;
  missing: Record<string, number>;
  nonOkStatuses: Record<string, number>;
}

export interface MemoryResult {
  program: Program;
  n: number;
  samples: number;
  processes: number;
  /** Largest sum of resident sizes over the matching processes at one sample. */
  peakSumRssMb: number;
  /** Largest resident size of one process at one sample. */
  peakProcessRssMb: number;
  /** Largest VmHWM (Linux's own peak-RSS mark) seen for one process; elsewhere the sampled peak. */
  peakHwmMb: number;
}

export interface StateSize {
  program: Program;
  n: number;
  resources: number;
  /** Bytes of one resource's serialized `__provider` text (UTF-8), the median over resources. */
  providerBytes: number;
  /** `__provider` appears in both inputs and outputs: bytes of all its copies per resource. */
  providerBytesAllCopiesPerResource: number;
  /** Bytes of `pulumi stack export` (secrets encrypted), whole and divided by N. */
  stackExportBytes: number;
  stackExportBytesPerResource: number;
}

export interface EngineResults {
  runs: OpRun[];
  checks: RequestCheck[];
  memory: MemoryResult[];
  state: StateSize[];
  warmupSeconds: number;
}

/** One Pulumi operation of section 6, with what the emulator logged during it. */
export interface RateLimitedOp {
  /** Wall time of the `pulumi` CLI command. */
  seconds: number;
  /** Requests the emulator logged, by route and by status. */
  requests: Record<string, number>;
  requestStatuses: Record<string, number>;
  /** 429s the emulator sent. */
  refusals: number;
  resourceChanges?: Record<string, number> | undefined;
}

/** 6. `up` and `destroy` of the Bluejay program against a rate-limited emulator. */
export interface RateLimitResults {
  communities: number;
  requestsPerSecond: number;
  /** communities / requestsPerSecond: the least an `up` sending one create each can take. */
  floorSeconds: number;
  /** The `up` against the rate-limited emulator. Absent when it failed before finishing. */
  limitedUp?: RateLimitedOp;
  destroy?: RateLimitedOp;
  /** The same `up` unlimited: the median of section 2's runs at this N, or one run made here. */
  unlimitedUpSeconds: number;
  unlimitedUpSource: "engine" | "measured here";
  unlimitedUpSamples: number[];
  /** After the `up`: the emulator held one community per declared one, each made by one create. */
  createdOnce: boolean;
  /** After the `destroy`: the emulator held no community. */
  allDeleted: boolean;
  /** The first error of a Pulumi operation of this section (the section stops there). */
  failure?: string;
}

export interface Figure {
  figure: string;
  measured: string;
  target: string;
  /** undefined: reported for information, no target. */
  met: boolean | undefined;
  /** Said beside the verdict, e.g. that the difference from the target is within the noise. */
  note?: string;
}

export interface ScalingRow {
  n: number;
  op: ScaledOp;
  /** Medians over the rounds. */
  bluejaySeconds: number;
  trivialSeconds: number;
  bluejaySamples: number[];
  trivialSamples: number[];
  /** (median t_bluejay − median t_trivial) / N */
  marginalMsPerResource: number;
  /**
   * The measurement's resolution: the widest spread (slowest − fastest round) of either program at
   * this N and operation, divided by N. Undefined with a single round.
   */
  noiseMsPerResource?: number;
  /** The margin between marginal cost and budget is no larger than the noise. */
  withinNoise: boolean;
  /** Requests per community this op sends (measured at the reference N) × raw mean round trip. */
  budgetMsPerResource: number;
  met: boolean;
}

/** Facts about the machine and the run (date, CPU, versions, durations). */
export type Environment = Record<string, unknown>;

/** Everything one run measured: the input of the report. */
export interface Measurements {
  environment: Environment;
  settings: {
    sizes: number[];
    /** Rounds per N; older results files lack it (the runs tell). */
    rounds?: number[];
    referenceN: number;
    requestsPerRun: number;
    warmupRequests: number;
    repeats: number;
    concurrencies: number[];
  };
  wire: WireResults;
  engine: EngineResults;
  /** Section 6; absent from a run that did not measure it (and from older results files). */
  rateLimit?: RateLimitResults | undefined;
}

/** bench/results.json. */
export interface BenchResults {
  environment: Environment;
  settings: Measurements["settings"] & { targets: Partial<Targets> & Record<string, number> };
  figures: Figure[];
  findings: string[];
  notes: string[];
  clientVsWire: WireResults;
  scaling: {
    rows: ScalingRow[];
    t500OverT100Bluejay: Record<string, number>;
    runs: OpRun[];
    warmupSeconds: number;
  };
  requests: RequestCheck[];
  state: StateSize[];
  memory: MemoryResult[];
  /** Section 6; absent from a run that did not measure it (and from older results files). */
  rateLimit?: RateLimitResults;
}
