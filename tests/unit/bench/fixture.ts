// Measurements of a made-up run, small enough to reason about by hand: two sizes, loopback and the
// SaaS, both programs, with the figures the verdicts are checked against.
import { PROFILES, type Program, type PulumiOp } from "../../../bench/config";
import { shapeOf } from "../../../bench/programs/shared/environment";
import type { CpuPhase, Measurements, OpRun, ProcessCost, ProfileName } from "../../../bench/results";

export interface RunSpec {
  program?: Program;
  records: number;
  profile?: ProfileName;
  round?: number;
  op: PulumiOp;
  seconds: number;
  requests?: number;
  refusals?: number;
  byKind?: Record<string, number>;
  first?: number;
  last?: number;
  gap?: number;
  cpu?: Partial<Record<ProcessCost["role"], number>>;
  stateBytes?: number;
}

export function run(spec: RunSpec): OpRun {
  const program = spec.program ?? "bluejay";
  const processes: ProcessCost[] = Object.entries(spec.cpu ?? {}).map(([role, cpuMs]) => ({
    role: role as ProcessCost["role"],
    processes: 1,
    cpuMs,
    peakRssMb: 150,
    peakHwmMb: 150,
  }));
  const changed = spec.op === "destroy" ? "delete" : spec.op === "up" ? "create" : "same";
  const out: OpRun = {
    program,
    records: spec.records,
    profile: spec.profile ?? "loopback",
    round: spec.round ?? 0,
    op: spec.op,
    seconds: spec.seconds,
    apiSeconds: spec.seconds + 0.5,
    resourceChanges: { [changed]: spec.records },
    processes,
    ...(spec.stateBytes === undefined ? {} : { stateBytes: spec.stateBytes, stateResources: spec.records }),
  };
  if (program === "bluejay") {
    const requests = spec.requests ?? 0;
    const refusals = spec.refusals ?? 0;
    Object.assign(out, {
      requests: requests === 0 ? {} : { "GET /v1/communities": requests },
      requestStatuses:
        requests === 0 ? {} : { "200": requests - refusals, ...(refusals ? { "429": refusals } : {}) },
      requestsByKind: spec.byKind ?? {},
      requestCount: requests,
      refusals,
      ...(spec.first === undefined
        ? {}
        : { firstRequestS: spec.first, lastRequestS: spec.last, longestGapS: spec.gap }),
    });
  }
  return out;
}

/** Requests by kind an `up` of `records` records sends (agents and simulations are read back). */
export function upByKind(records: number): Record<string, number> {
  const shape = shapeOf(records);
  return { ...shape, Agent: 2 * shape.Agent, Simulation: 2 * shape.Simulation };
}

export const PHASES: CpuPhase[] = [
  {
    op: "up",
    operations: 120,
    cpuMsPerOp: 1.0,
    ownMsPerOp: 0.25,
    zodMsPerOp: 0.15,
    httpMsPerOp: 0.7,
    otherMsPerOp: 0.05,
  },
  {
    op: "up",
    operations: 120,
    cpuMsPerOp: 1.2,
    ownMsPerOp: 0.3,
    zodMsPerOp: 0.17,
    httpMsPerOp: 0.85,
    otherMsPerOp: 0.05,
  },
  {
    op: "noop-up",
    operations: 120,
    cpuMsPerOp: 0.05,
    ownMsPerOp: 0.04,
    zodMsPerOp: 0.03,
    httpMsPerOp: 0,
    otherMsPerOp: 0.01,
  },
  {
    op: "noop-up",
    operations: 120,
    cpuMsPerOp: 0.06,
    ownMsPerOp: 0.05,
    zodMsPerOp: 0.04,
    httpMsPerOp: 0,
    otherMsPerOp: 0.01,
  },
];

const LOOPBACK: RunSpec[] = [0, 1].flatMap((round) => [
  { records: 12, round, op: "up", seconds: 3 + round * 0.2, requests: 14, byKind: upByKind(12) },
  { program: "trivial", records: 12, round, op: "up", seconds: 2.9 + round * 0.2 },
  {
    records: 600,
    round,
    op: "up",
    seconds: 40 + round,
    requests: 606,
    byKind: upByKind(600),
    cpu: { engine: 30_000, program: 5_000, provider: 3_000 },
    stateBytes: 3_000_000,
  },
  {
    program: "trivial",
    records: 600,
    round,
    op: "up",
    seconds: 38 + round * 2,
    cpu: { engine: 27_000, program: 5_300, provider: 1_800 },
    stateBytes: 2_700_000,
  },
  { records: 600, round, op: "noop-up", seconds: 7, requests: 0 },
  { program: "trivial", records: 600, round, op: "noop-up", seconds: 7.5 },
]);

const SAAS: RunSpec[] = [
  {
    records: 600,
    profile: "saas",
    op: "up",
    seconds: 66,
    requests: 606,
    refusals: 3,
    byKind: upByKind(600),
    first: 3.5,
    last: 64,
    gap: 0.4,
  },
  { records: 600, profile: "saas", op: "noop-up", seconds: 7, requests: 0 },
  {
    records: 600,
    profile: "saas",
    op: "refresh",
    seconds: 4,
    requests: 16,
    byKind: { Simulation: 6, DigitalHuman: 5, Community: 1 },
    first: 1.5,
    last: 3,
    gap: 0.2,
  },
  {
    records: 600,
    profile: "saas",
    op: "destroy",
    seconds: 80,
    requests: 600,
    refusals: 20,
    byKind: { ...shapeOf(600) },
    first: 2,
    last: 78,
    gap: 1.1,
  },
];

/** Two sizes on loopback (two rounds of each program), the larger against the SaaS once. */
export function measurements(overrides: { saas?: RunSpec[]; loopback?: RunSpec[] } = {}): Measurements {
  return {
    environment: {
      date: "2026-12-02T00:00:00.000Z",
      cpuModel: "AMD EPYC",
      cpus: 2,
      node: "v20",
      pulumiCli: "v3.248.0",
      pulumiSdk: "3.248.0",
      gitCommit: "abc1234",
      loadAverageAtStart: [0.5, 0.4, 0.3],
      benchSeconds: 800,
    },
    settings: {
      sizes: [12, 600],
      rounds: [2, 2],
      saasRounds: [0, 1],
      requestsPerRun: 2000,
      warmupRequests: 500,
      repeats: 5,
      concurrencies: [1, 10, 50],
      profiles: [PROFILES.loopback, PROFILES.saas],
      shapes: { "12": { ...shapeOf(12) }, "600": { ...shapeOf(600) } },
    },
    providerCpu: { records: 120, rounds: 2, samplingUs: 100, phases: PHASES },
    engine: {
      runs: [...(overrides.loopback ?? LOOPBACK), ...(overrides.saas ?? SAAS)].map(run),
      warmupSeconds: 12,
    },
  };
}
