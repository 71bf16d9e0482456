// From measurements to verdicts: the rows of the operations table (medians over rounds, floors, CPU
// and state per resource), every figure held against its target with its verdict, where the time went
// for a target missed, and the findings (anything unexpected). Pure functions: no clock, no files, no
// processes. bench/render.ts turns what this makes into text.
import { OP_LABELS, OPS, PROFILES, TARGETS, type PulumiOp, type Targets } from "./config";
import type {
  BenchResults,
  CpuPhase,
  Figure,
  Measurements,
  OpRow,
  OpRun,
  Profile,
  ProfileName,
  ThroughputCell,
} from "./results";
import { fmt, median, round } from "./stats";

/** The resources on the longest dependency chain of the environment, in the order they are made. */
export const CHAIN = ["Folder", "Agent", "Simulation", "DigitalHuman", "Community"] as const;

/** Client throughput over node-fetch alone: the client's own overhead, the figure with a target. */
export function clientOverFetch(cell: ThroughputCell): number {
  return cell.clientMedianRps / cell.fetchMedianRps;
}

/** Resources an environment of `records` records holds, by kind. */
function shapeOf(m: Measurements, records: number): Record<string, number> {
  return m.settings.shapes[String(records)] ?? {};
}

/**
 * The longest run of requests that must go one after another: for `up` and `destroy`, the requests
 * per resource of each kind on the dependency chain, added up; for `refresh`, whose reads do not wait
 * for each other, the most any one kind needs in a row; none for a no-change `up`.
 */
export function chainOf(op: PulumiOp, byKind: Record<string, number>, shape: Record<string, number>): number {
  const perResource = (kind: string) => Math.ceil((byKind[kind] ?? 0) / Math.max(1, shape[kind] ?? 1));
  if (op === "noop-up") return 0;
  if (op === "refresh") return Math.max(0, ...Object.keys(byKind).map(perResource));
  return CHAIN.reduce((sum, kind) => sum + perResource(kind), 0);
}

/** The floor: requests ÷ the rate limit, or the chain × the latency, whichever is larger. */
export function floorOf(
  profile: Profile,
  requests: number,
  chain: number,
): { seconds: number; by: OpRow["floorBy"] } {
  const byRate = profile.requestsPerSecond ? requests / profile.requestsPerSecond : 0;
  const byLatency = (chain * profile.latencyMs) / 1000;
  if (byRate === 0 && byLatency === 0) return { seconds: 0, by: "none" };
  return byRate >= byLatency ? { seconds: byRate, by: "rate limit" } : { seconds: byLatency, by: "latency" };
}

const cpuOf = (run: OpRun, role: string) => run.processes.find((p) => p.role === role);

/** Medians of a run property over runs, undefined where none has it. */
function medianOf(runs: readonly OpRun[], value: (run: OpRun) => number | undefined): number | undefined {
  const values = runs.map(value).filter((v): v is number => v !== undefined);
  return values.length === 0 ? undefined : median(values);
}

/** CPU per resource of each role's processes, ms: medians over runs. */
function cpuByRole(runs: readonly OpRun[], resources: number): Partial<Record<string, number>> {
  const roles = new Set(runs.flatMap((r) => r.processes.map((p) => p.role)));
  const out: Partial<Record<string, number>> = {};
  for (const role of roles) {
    const ms = medianOf(runs, (r) => cpuOf(r, role)?.cpuMs);
    if (ms !== undefined) out[role] = round(ms / resources, 3);
  }
  return out;
}

/** One row per size, Bluejay and operation: medians over the rounds. */
export function opRows(m: Measurements): OpRow[] {
  const rows: OpRow[] = [];
  const runs = m.engine.runs;
  for (const profile of m.settings.profiles) {
    for (const records of m.settings.sizes) {
      const shape = shapeOf(m, records);
      for (const op of OPS) {
        const mine = runs.filter(
          (r) =>
            r.program === "bluejay" && r.profile === profile.name && r.records === records && r.op === op,
        );
        if (mine.length === 0) continue;
        // The no-HTTP program runs against no Bluejay: its loopback runs are the engine's own time.
        const trivial = runs.filter((r) => r.program === "trivial" && r.records === records && r.op === op);
        const requests = medianOf(mine, (r) => r.requestCount) ?? 0;
        const byKind: Record<string, number> = {};
        for (const kind of new Set(mine.flatMap((r) => Object.keys(r.requestsByKind ?? {})))) {
          byKind[kind] = medianOf(mine, (r) => r.requestsByKind?.[kind] ?? 0) ?? 0;
        }
        const chain = chainOf(op, byKind, shape);
        const floor = floorOf(profile, requests, chain);
        const seconds = median(mine.map((r) => r.seconds));
        const perResource = (ms: number | undefined) =>
          ms === undefined ? undefined : round(ms / records, 3);
        const bytes = (rs: readonly OpRun[]) =>
          op === "destroy" ? undefined : medianOf(rs, (r) => r.stateBytes && r.stateBytes / records);
        const row: OpRow = {
          records,
          profile: profile.name,
          op,
          seconds: round(seconds),
          samples: mine.map((r) => round(r.seconds)),
          requests,
          refusals: medianOf(mine, (r) => r.refusals) ?? 0,
          floorSeconds: round(floor.seconds),
          floorBy: floor.by,
          chain,
          cpuMsPerResourceByRole: cpuByRole(mine, records),
          trivialCpuMsPerResourceByRole: cpuByRole(trivial, records),
        };
        const set = <K extends keyof OpRow>(key: K, value: OpRow[K] | undefined) => {
          if (value !== undefined) row[key] = value;
        };
        if (trivial.length > 0) {
          set("trivialSeconds", round(median(trivial.map((r) => r.seconds))));
          set(
            "trivialSamples",
            trivial.map((r) => round(r.seconds)),
          );
        }
        if (floor.seconds > 0) set("overFloor", round(seconds / floor.seconds, 2));
        set("providerCpuMsPerResource", perResource(medianOf(mine, (r) => cpuOf(r, "provider")?.cpuMs)));
        set(
          "trivialProviderCpuMsPerResource",
          perResource(medianOf(trivial, (r) => cpuOf(r, "provider")?.cpuMs)),
        );
        set(
          "providerPeakRssMb",
          medianOf(mine, (r) => cpuOf(r, "provider")?.peakHwmMb),
        );
        set(
          "trivialProviderPeakRssMb",
          medianOf(trivial, (r) => cpuOf(r, "provider")?.peakHwmMb),
        );
        const b = bytes(mine);
        const t = bytes(trivial);
        if (b !== undefined) set("stateBytesPerResource", Math.round(b));
        if (t !== undefined) set("trivialStateBytesPerResource", Math.round(t));
        set(
          "firstRequestS",
          medianOf(mine, (r) => r.firstRequestS),
        );
        set(
          "lastRequestS",
          medianOf(mine, (r) => r.lastRequestS),
        );
        set(
          "longestGapS",
          medianOf(mine, (r) => r.longestGapS),
        );
        rows.push(row);
      }
    }
  }
  return rows;
}

/** What a label says of a profile: "loopback", "100 ms, 10 req/s". */
const labelOf = (profile: ProfileName, profiles: readonly Profile[]) =>
  profiles.find((p) => p.name === profile)?.label ?? PROFILES[profile].label;

/**
 * Where the wall time of a row went, for a verdict's note: before the first request (the CLI, plugins
 * and program starting), while requests went (against the floor), and after the last one (the engine
 * finishing); with 429s and the engine's own time for the same operation.
 */
export function whereTimeWent(row: OpRow): string {
  const parts: string[] = [];
  if (row.firstRequestS !== undefined && row.lastRequestS !== undefined) {
    const during = row.lastRequestS - row.firstRequestS;
    parts.push(
      `${fmt(row.firstRequestS, 1)} s before the first request (CLI, plugins, program), ` +
        `${fmt(during, 1)} s of requests (floor ${fmt(row.floorSeconds, 1)} s, ${row.floorBy}), ` +
        `${fmt(Math.max(0, row.seconds - row.lastRequestS), 1)} s after the last (engine)`,
    );
  }
  if (row.refusals > 0) parts.push(`${row.refusals} 429s`);
  if (row.longestGapS !== undefined) parts.push(`longest gap between requests ${fmt(row.longestGapS, 2)} s`);
  if (row.trivialSeconds !== undefined) {
    parts.push(
      `the no-HTTP program's ${OP_LABELS[row.op]} of as many resources takes ${fmt(row.trivialSeconds, 1)} s on loopback (engine)`,
    );
  }
  return parts.join("; ");
}

/** Which processes a per-resource difference in CPU went to, largest first: "engine +1.2 ms, …". */
export function cpuDifference(row: OpRow): string {
  const roles = new Set([
    ...Object.keys(row.cpuMsPerResourceByRole),
    ...Object.keys(row.trivialCpuMsPerResourceByRole),
  ]);
  const deltas = [...roles]
    .map((role) => ({
      role,
      delta: (row.cpuMsPerResourceByRole[role] ?? 0) - (row.trivialCpuMsPerResourceByRole[role] ?? 0),
    }))
    .filter((d) => Math.abs(d.delta) >= 0.05)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  if (deltas.length === 0) return "no process's CPU time differs by 0.05 ms per resource or more";
  return deltas.map((d) => `${d.role} ${d.delta >= 0 ? "+" : "−"}${fmt(Math.abs(d.delta), 2)} ms`).join(", ");
}

/** The provider-CPU phases of an operation, medians over the rounds. */
export function cpuPhase(phases: readonly CpuPhase[], op: PulumiOp): CpuPhase | undefined {
  const of = phases.filter((p) => p.op === op);
  if (of.length === 0) return undefined;
  return {
    op,
    operations: of[0]!.operations,
    cpuMsPerOp: round(median(of.map((p) => p.cpuMsPerOp)), 4),
    ownMsPerOp: round(median(of.map((p) => p.ownMsPerOp)), 4),
    zodMsPerOp: round(median(of.map((p) => p.zodMsPerOp ?? 0)), 4),
    httpMsPerOp: round(median(of.map((p) => p.httpMsPerOp)), 4),
    otherMsPerOp: round(median(of.map((p) => p.otherMsPerOp)), 4),
  };
}

/** Every figure with its verdict, and the findings. */
export function assess(
  m: Measurements,
  rows: readonly OpRow[],
  targets: Targets = TARGETS,
): { figures: Figure[]; findings: string[] } {
  const figures: Figure[] = [];
  const findings: string[] = [];
  const profiles = m.settings.profiles;
  const largest = Math.max(...m.settings.sizes);
  const row = (records: number, profile: ProfileName, op: PulumiOp) =>
    rows.find((r) => r.records === records && r.profile === profile && r.op === op);

  // `up` and `destroy` of the largest environment against the SaaS: at most 1.2 × the floor.
  for (const op of ["up", "destroy"] as const) {
    const r = row(largest, "saas", op);
    if (!r) continue;
    const met = r.overFloor !== undefined && r.overFloor <= targets.wallOverFloor;
    figures.push({
      figure: `${OP_LABELS[op]}, ${largest} records, ${labelOf("saas", profiles)}: wall time / floor`,
      measured: `${fmt(r.overFloor ?? 0, 2)} (${fmt(r.seconds, 1)} s; floor ${fmt(r.floorSeconds, 1)} s = ${r.requests} requests ÷ ${PROFILES.saas.requestsPerSecond ?? "—"}/s; ${r.refusals} 429s)`,
      target: `≤ ${targets.wallOverFloor}`,
      met,
      ...(met ? {} : { note: whereTimeWent(r) }),
    });
  }

  // `refresh` of the same: a tenth of one GET per resource, and 1.2 × its own floor.
  const refresh = row(largest, "saas", "refresh");
  if (refresh) {
    const resources = Object.values(shapeOf(m, largest)).reduce((a, b) => a + b, 0) || largest;
    const share = refresh.requests / resources;
    figures.push({
      figure: `refresh, ${largest} records, ${labelOf("saas", profiles)}: requests / one GET per resource`,
      measured: `${fmt(share, 3)} (${refresh.requests} requests for ${resources} resources)`,
      target: `≤ ${targets.refreshRequestShare}`,
      met: share <= targets.refreshRequestShare,
    });
    const met = refresh.overFloor !== undefined && refresh.overFloor <= targets.wallOverFloor;
    figures.push({
      figure: `refresh, ${largest} records, ${labelOf("saas", profiles)}: wall time / floor`,
      measured: `${fmt(refresh.overFloor ?? 0, 2)} (${fmt(refresh.seconds, 1)} s; floor ${fmt(refresh.floorSeconds, 2)} s, ${refresh.floorBy})`,
      target: `≤ ${targets.wallOverFloor}`,
      met,
      ...(met ? {} : { note: whereTimeWent(refresh) }),
    });
  }

  // A no-change `up` sends nothing, at every size, against either Bluejay.
  const noop = rows.filter((r) => r.op === "noop-up");
  if (noop.length > 0) {
    const most = Math.max(...noop.map((r) => r.requests));
    figures.push({
      figure: "no-change up, every size and Bluejay: requests",
      measured:
        most === 0
          ? "0"
          : noop
              .filter((r) => r.requests > 0)
              .map((r) => `${r.requests} at ${r.records} records (${labelOf(r.profile, profiles)})`)
              .join(", "),
      target: "0",
      met: most === 0,
    });
  }

  // The provider's own CPU per resource operation (bench/provider-cpu.ts).
  const phases = m.providerCpu?.phases ?? [];
  for (const op of OPS) {
    const phase = cpuPhase(phases, op);
    if (!phase) continue;
    const met = phase.ownMsPerOp <= targets.providerCpuMsPerResource;
    figures.push({
      figure: `Provider's own CPU per resource, ${OP_LABELS[op]} (${m.providerCpu!.records} records, in-process)`,
      measured: `${fmt(phase.ownMsPerOp, 3)} ms (of ${fmt(phase.cpuMsPerOp, 3)} ms in all: HTTP client ${fmt(phase.httpMsPerOp, 3)} ms)`,
      target: `≤ ${targets.providerCpuMsPerResource} ms`,
      met,
      ...(met
        ? {}
        : {
            note:
              `the provider's own code takes ${fmt(phase.ownMsPerOp, 3)} ms per resource, of which zod's validation ` +
              `(inputs at check and again at the call, the request body, the answer) ${fmt(phase.zodMsPerOp, 3)} ms and the ` +
              `lifecycle, mapping and JSON the rest; the HTTP exchange under it takes ${fmt(phase.httpMsPerOp, 3)} ms more`,
          }),
    });
  }

  // `up` on loopback: within the no-HTTP program's spread plus 0.5 ms per resource.
  for (const records of m.settings.sizes) {
    const r = row(records, "loopback", "up");
    if (!r || r.trivialSeconds === undefined || (r.trivialSamples?.length ?? 0) < 2) continue;
    const marginal = ((r.seconds - r.trivialSeconds) * 1000) / records;
    const spread = ((Math.max(...r.trivialSamples!) - Math.min(...r.trivialSamples!)) * 1000) / records;
    const allowance = spread + targets.upMarginalMsPerResource;
    const met = marginal <= allowance;
    figures.push({
      figure: `up (create), ${records} records, loopback: (t_bluejay − t_no-HTTP) / N`,
      measured: `${fmt(marginal, 2)} ms (${fmt(r.seconds, 2)} s vs ${fmt(r.trivialSeconds, 2)} s; no-HTTP spread ${fmt(spread, 2)} ms)`,
      target: `≤ ${fmt(allowance, 2)} ms (spread + ${targets.upMarginalMsPerResource} ms)`,
      met,
      ...(met ? {} : { note: `CPU time per resource over the no-HTTP program's: ${cpuDifference(r)}` }),
    });
  }

  // The client against node-fetch alone, where section 1 ran.
  for (const c of m.wire?.cells ?? []) {
    const ratio = clientOverFetch(c);
    figures.push({
      figure: `Client / node-fetch alone throughput, ${c.op}, concurrency ${c.concurrency}`,
      measured: `${fmt(ratio, 3)} (${fmt(c.clientMedianRps, 0)} vs ${fmt(c.fetchMedianRps, 0)} req/s)`,
      target: `≥ ${targets.clientOverFetch}`,
      met: round(ratio, 3) >= targets.clientOverFetch,
    });
  }

  // Context, no target: state and memory of the largest environment.
  const up = row(largest, "loopback", "up");
  if (up?.stateBytesPerResource !== undefined) {
    figures.push({
      figure: `State bytes per resource after up, ${largest} records`,
      measured: `${up.stateBytesPerResource} B (no-HTTP program: ${up.trivialStateBytesPerResource ?? "—"} B)`,
      target: "—",
      met: undefined,
    });
  }
  if (up?.providerPeakRssMb !== undefined) {
    figures.push({
      figure: `Peak RSS of the provider process, up of ${largest} records`,
      measured: `${fmt(up.providerPeakRssMb, 1)} MB (no-HTTP program: ${up.trivialProviderPeakRssMb === undefined ? "—" : `${fmt(up.trivialProviderPeakRssMb, 1)} MB`})`,
      target: "—",
      met: undefined,
    });
  }

  findings.push(...findingsOf(m));
  return { figures, findings };
}

/** Anything unexpected in the runs: a retry, changes where none were due, errors other than 429. */
export function findingsOf(m: Measurements): string[] {
  const findings: string[] = [];
  for (const r of m.engine.runs) {
    const where = `the ${r.program} program's ${OP_LABELS[r.op]} of ${r.records} records (${r.profile}, round ${r.round + 1})`;
    if (r.retriedAfter !== undefined) {
      findings.push(
        `${where} failed once and was retried; its figures are the second attempt's. First error: ${r.retriedAfter}`,
      );
    }
    if (r.op === "noop-up" || r.op === "refresh") {
      const changed = Object.entries(r.resourceChanges ?? {}).filter(([kind, n]) => kind !== "same" && n > 0);
      if (changed.length > 0)
        findings.push(`${where} reported changes: ${changed.map(([k, n]) => `${n} ${k}`).join(", ")}.`);
    }
    const errors = Object.entries(r.requestStatuses ?? {}).filter(
      ([status]) => !["200", "429"].includes(status),
    );
    if (errors.length > 0)
      findings.push(
        `${where} met answers other than 200 and 429: ${errors.map(([s, n]) => `${n}× ${s}`).join(", ")}.`,
      );
  }
  return findings;
}

/** Plain statements read off the rows, to go with the tables. */
export function explain(m: Measurements, rows: readonly OpRow[]): string[] {
  const notes: string[] = [];
  const largest = Math.max(...m.settings.sizes);
  const saas = rows.filter((r) => r.profile === "saas" && r.records === largest);
  for (const r of saas.filter((row) => row.op === "up" || row.op === "destroy")) {
    notes.push(
      `${OP_LABELS[r.op]} of ${largest} records against ${labelOf("saas", m.settings.profiles)}: ${whereTimeWent(r)}.`,
    );
  }
  const up = rows.find((r) => r.records === largest && r.profile === "loopback" && r.op === "up");
  if (up?.trivialSeconds !== undefined) {
    notes.push(
      `up of ${largest} records on loopback: ${fmt(up.seconds, 1)} s against the no-HTTP program's ${fmt(up.trivialSeconds, 1)} s. ` +
        `CPU time per resource over the no-HTTP program's: ${cpuDifference(up)}` +
        (up.stateBytesPerResource !== undefined && up.trivialStateBytesPerResource !== undefined
          ? `; the state is ${up.stateBytesPerResource} B per resource against ${up.trivialStateBytesPerResource} B, and the engine rewrites all of it after every step.`
          : "."),
    );
  }
  const refresh = rows.find((r) => r.records === largest && r.profile === "saas" && r.op === "refresh");
  if (refresh) {
    notes.push(
      `refresh of ${largest} records sent ${refresh.requests} requests (one GET per resource would be one per resource): reads of a kind that come together are answered from its list (bluejay:coalesceReads).`,
    );
  }
  return notes;
}

/** bench/results.json from one run's measurements. */
export function buildResults(m: Measurements, targets: Targets = TARGETS): BenchResults {
  const rows = opRows(m);
  const { figures, findings } = assess(m, rows, targets);
  return {
    environment: m.environment,
    settings: { ...m.settings, targets },
    figures,
    findings,
    notes: explain(m, rows),
    ...(m.wire ? { clientVsWire: m.wire } : {}),
    ...(m.providerCpu ? { providerCpu: m.providerCpu } : {}),
    rows,
    runs: m.engine.runs,
    warmupSeconds: m.engine.warmupSeconds,
  };
}

/** The measurements inside a results file, to assess and render them again (`--report-only`). */
export function measurementsOf(results: BenchResults): Measurements {
  const { targets: _targets, ...settings } = results.settings;
  return {
    environment: results.environment,
    settings,
    ...(results.clientVsWire ? { wire: results.clientVsWire } : {}),
    ...(results.providerCpu ? { providerCpu: results.providerCpu } : {}),
    engine: { runs: results.runs, warmupSeconds: results.warmupSeconds },
  };
}

/** The verdicts counted, for the summary: met, missed. */
export function tally(figures: readonly Figure[]): { met: number; missed: number } {
  return {
    met: figures.filter((f) => f.met === true).length,
    missed: figures.filter((f) => f.met === false).length,
  };
}
