// From results to text: bench/results.md (every table), docs/benchmark.md (the method, the targets
// and what limits the misses, generated from the same run) and the lines `npm run bench` prints.
// Pure functions: no clock, no files, no processes; the verdicts are bench/verdicts.ts's.
import { OP_LABELS, OPS, type PulumiOp } from "./config";
import type { BenchResults, Figure, OpRow } from "./results";
import { cpuPhase, tally } from "./verdicts";
import { fmt } from "./stats";

const ROLES = ["engine", "program", "provider", "language host", "cli", "other"] as const;

function yesNo(met: boolean | undefined): string {
  return met === undefined ? "—" : met ? "yes" : "**no**";
}

/** A Markdown table. */
function table(header: string[], rows: (string | number)[][]): string[] {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line), ""];
}

const samples = (values: readonly number[] | undefined) => (values ?? []).map((v) => fmt(v)).join(", ");
const orDash = (value: number | undefined, digits = 2) => (value === undefined ? "—" : fmt(value, digits));

function environmentLine(results: BenchResults): string {
  const e = results.environment;
  return (
    `Measured with \`npm run bench\` on ${String(e.date)}: ${String(e.cpuModel)} (${String(e.cpus)} CPUs), ` +
    `Node.js ${String(e.node)}, Pulumi CLI ${String(e.pulumiCli)}, @pulumi/pulumi ${String(e.pulumiSdk)}, ` +
    `commit ${String(e.gitCommit)}, load average ${JSON.stringify(e.loadAverageAtStart)} at the start; ` +
    `${fmt(Number(e.benchSeconds ?? 0), 0)} s in all.`
  );
}

function figuresTable(figures: readonly Figure[]): string[] {
  return table(
    ["Figure", "Measured", "Target", "Met?", "Where the time goes"],
    figures.map((f) => [f.figure, f.measured, f.target, yesNo(f.met), f.note ?? ""]),
  );
}

function shapeTable(results: BenchResults): string[] {
  const kinds = ["Folder", "Agent", "Simulation", "DigitalHuman", "Community", "CustomMetric"];
  return table(
    ["Records", ...kinds],
    results.settings.sizes.map((n) => [n, ...kinds.map((k) => results.settings.shapes[String(n)]?.[k] ?? 0)]),
  );
}

function opsTable(rows: readonly OpRow[]): string[] {
  return table(
    [
      "Records",
      "Operation",
      "Wall (s)",
      "Rounds (s)",
      "No-HTTP program (s)",
      "Requests",
      "429s",
      "Floor (s)",
      "Wall / floor",
      "Provider CPU per resource (ms)",
      "No-HTTP provider (ms)",
      "Provider peak RSS (MB)",
      "State per resource (B)",
      "No-HTTP state (B)",
    ],
    rows.map((r) => [
      r.records,
      OP_LABELS[r.op],
      fmt(r.seconds),
      samples(r.samples),
      r.trivialSeconds === undefined ? "—" : `${fmt(r.trivialSeconds)} (${samples(r.trivialSamples)})`,
      r.requests,
      r.refusals,
      r.floorBy === "none" ? "—" : `${fmt(r.floorSeconds)} (${r.floorBy})`,
      orDash(r.overFloor),
      orDash(r.providerCpuMsPerResource, 3),
      orDash(r.trivialProviderCpuMsPerResource, 3),
      orDash(r.providerPeakRssMb, 1),
      r.stateBytesPerResource ?? "—",
      r.trivialStateBytesPerResource ?? "—",
    ]),
  );
}

function cpuTable(rows: readonly OpRow[], records: number): string[] {
  const of = rows.filter((r) => r.records === records && r.profile === "loopback");
  const cell = (value: number | undefined) => (value === undefined ? "—" : fmt(value, 2));
  return table(
    ["Operation", ...ROLES.map((role) => `${role}: Bluejay / no-HTTP`)],
    of.map((r) => [
      OP_LABELS[r.op],
      ...ROLES.map(
        (role) => `${cell(r.cpuMsPerResourceByRole[role])} / ${cell(r.trivialCpuMsPerResourceByRole[role])}`,
      ),
    ]),
  );
}

function providerCpuTable(results: BenchResults): string[] {
  const phases = results.providerCpu?.phases ?? [];
  return table(
    [
      "Operation",
      "CPU per resource (ms)",
      "Provider's own (ms)",
      "of it zod (ms)",
      "HTTP client (ms)",
      "Other (ms)",
      "Rounds: own (ms)",
    ],
    OPS.flatMap((op: PulumiOp) => {
      const p = cpuPhase(phases, op);
      if (!p) return [];
      const rounds = phases.filter((x) => x.op === op).map((x) => fmt(x.ownMsPerOp, 3));
      return [
        [
          OP_LABELS[op],
          fmt(p.cpuMsPerOp, 3),
          fmt(p.ownMsPerOp, 3),
          fmt(p.zodMsPerOp, 3),
          fmt(p.httpMsPerOp, 3),
          fmt(p.otherMsPerOp, 3),
          rounds.join(", "),
        ],
      ];
    }),
  );
}

function wireTable(results: BenchResults): string[] {
  const wire = results.clientVsWire;
  if (!wire) return ["Not measured in this run.", ""];
  return [
    ...table(
      [
        "Operation",
        "Concurrency",
        "Raw req/s",
        "node-fetch alone req/s",
        "Client req/s",
        "Client / node-fetch",
        "Client / raw",
      ],
      wire.cells.map((c) => [
        c.op,
        c.concurrency,
        fmt(c.rawMedianRps, 0),
        fmt(c.fetchMedianRps, 0),
        fmt(c.clientMedianRps, 0),
        fmt(c.clientMedianRps / c.fetchMedianRps, 3),
        fmt(c.ratio, 3),
      ]),
    ),
    "Raw mean round trip at concurrency 1: " +
      Object.entries(wire.rawLatencyMs)
        .map(([m, v]) => `${m} ${fmt(v, 3)} ms`)
        .join(", ") +
      ".",
    "",
  ];
}

function bullets(items: readonly string[], none: string): string[] {
  return [...(items.length === 0 ? [none] : items.map((i) => `- ${i}`)), ""];
}

/** bench/results.md: every figure and table of the run. */
export function renderMarkdown(results: BenchResults): string {
  const rows = results.rows;
  const largest = Math.max(...results.settings.sizes);
  const lines: string[] = ["# pulumi-bluejay benchmark results", "", environmentLine(results), ""];
  lines.push(...figuresTable(results.figures));
  lines.push("## Notes", "", ...bullets(results.notes, "None."));
  lines.push(
    "## Findings",
    "",
    ...bullets(
      results.findings,
      "Nothing unexpected: no retry, no change where none was due, no error but 429s.",
    ),
  );
  lines.push(
    "## The environment",
    "",
    "Resources of each kind, by size (bench/programs/shared/environment.ts):",
    "",
    ...shapeTable(results),
  );
  for (const profile of results.settings.profiles) {
    const of = rows.filter((r) => r.profile === profile.name);
    if (of.length === 0) continue;
    lines.push(`## Operations against ${profile.label}`, "", ...opsTable(of));
  }
  lines.push(
    `## CPU time by process, ${largest} records, loopback (ms per resource)`,
    "",
    "Sampled from /proc every 50 ms: the `pulumi` CLI running the operation (engine), the Node.js program, the dynamic-provider host (provider), the language host and the CLI's other commands.",
    "",
    ...cpuTable(rows, largest),
  );
  lines.push(
    `## The provider's own CPU (${results.providerCpu?.records ?? "—"} records, in-process)`,
    "",
    ...providerCpuTable(results),
  );
  lines.push("## Client against the wire", "", ...wireTable(results));
  lines.push("![Wall time of each operation against the number of records](scaling.png)", "");
  return lines.join("\n");
}

/** docs/benchmark.md: the method, the targets with this run's verdicts, and what limits the misses. */
export function renderDoc(results: BenchResults): string {
  const { settings } = results;
  const sizes = settings.sizes.join(", ");
  const saas = settings.profiles.find((p) => p.name === "saas");
  const lines: string[] = [
    "# Benchmark",
    "",
    "<!-- Generated by `npm run bench` (bench/render.ts) from bench/results.json: edit those, not this. -->",
    "",
    "`npm run bench` measures the provider on today's kinds against the Bluejay emulator, and writes",
    "`bench/results.json`, `bench/results.md` (every table), `bench/scaling.png` and this page. It is",
    "not part of the tests. A full run takes under 15 minutes on 2 cores.",
    "",
    "```sh",
    "npm run bench                     # build, measure, write bench/results.*, docs/benchmark.md",
    "npm run bench -- --report-only    # measure nothing: assess and render the saved results.json again",
    "BENCH_SIZES=12,120 BENCH_ROUNDS=1,1 BENCH_SAAS_ROUNDS=1,1 BENCH_REQUESTS=300 BENCH_REPEATS=1 npm run bench   # a trial run",
    "BENCH_ONLY=saas npm run bench     # one part alone (engine or saas): prints, writes nothing",
    "```",
    "",
    "## Method",
    "",
    `The environment is shaped like examples/bootstrap, at ${sizes} records: a folder, the agent under`,
    "test, its simulations, the digital humans that call it (most of the records), communities of them",
    "and the metrics that grade the calls (bench/programs/shared/environment.ts):",
    "",
    ...shapeTable(results),
    "Two programs declare it: bench/programs/bluejay with the package's resources, and",
    "bench/programs/trivial with dynamic resources whose provider makes no HTTP call (the engine's own",
    "cost). Each size runs `up`, a no-change `up`, `refresh` and `destroy` (Automation API, local file",
    "backend, default `--parallel`):",
    "",
    `- on loopback (the emulator as it is), both programs, ${settings.rounds.map((r, i) => `${r} round${r === 1 ? "" : "s"} at ${settings.sizes[i]}`).join(", ")}, alternating which goes first;`,
    `- against ${saas?.label ?? "a SaaS"} (the emulator with \`latency: { ms: ${saas?.latencyMs ?? "—"} }\` and \`rateLimit: { requestsPerSecond: ${saas?.requestsPerSecond ?? "—"} }\`), the Bluejay program, ${settings.saasRounds.join(", ")} round(s).`,
    "",
    "For each it records the `pulumi` command's wall time; the requests and 429s (the emulator's",
    "request log); the floor, requests ÷ the rate limit or the dependency chain's requests × the",
    "latency, whichever is larger; wall time over floor; the CPU time and peak RSS of each process",
    "(sampled from /proc, bench/processes.ts), the provider's per resource; and the state's bytes per",
    "resource. Times are medians over rounds. The provider's own CPU is measured apart",
    "(bench/provider-cpu.ts): its calls for the environment made in-process as Pulumi's host makes them,",
    "the emulator in another process; the CPU time of each round run without the profiler, split by the",
    "CPU profile of a second round into the provider's own code and the HTTP client under it (sampling",
    "costs CPU of its own). `Client / node-fetch alone` holds the client's throughput to node-fetch called as",
    "the client calls it (bench/wire.ts).",
    "",
    "## Results",
    "",
    environmentLine(results),
    "",
    ...figuresTable(results.figures),
    "## What the figures say",
    "",
    ...bullets(results.notes, "Nothing to add."),
    "## Findings",
    "",
    ...bullets(results.findings, "Nothing unexpected."),
    "Every table of the run is in [bench/results.md](../bench/results.md).",
    "",
    "![Wall time of each operation against the number of records](../bench/scaling.png)",
    "",
  ];
  return lines.join("\n");
}

/** What `npm run bench` prints at the end: every figure with its verdict, the notes and findings. */
export function summaryLines(results: BenchResults): string[] {
  const { figures, notes, findings } = results;
  const lines = ["Figures (measured | target | met?)"];
  for (const f of figures) {
    lines.push(
      `  ${f.figure}: ${f.measured} | ${f.target} | ${f.met === undefined ? "—" : f.met ? "met" : "MISSED"}` +
        (f.note ? `\n      where the time goes: ${f.note}` : ""),
    );
  }
  lines.push("", "Notes", ...notes.map((note) => `  - ${note}`));
  lines.push("", `Findings${findings.length === 0 ? ": none" : ""}`, ...findings.map((f) => `  - ${f}`));
  const { met, missed } = tally(figures);
  lines.push("", `${met} targets met, ${missed} missed.`);
  return lines;
}
