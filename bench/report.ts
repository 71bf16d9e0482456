// From measurements to verdicts and text: the scaling rows, the figures held against their targets,
// the findings and notes, and bench/results.md. Pure functions: no clock, no files, no processes.
import { OP_LABELS, RATE_LIMIT, SCALED_OPS, TARGETS, type Program, type Targets } from "./config";
import type {
  BenchResults,
  EngineResults,
  Figure,
  Measurements,
  RateLimitResults,
  ScalingRow,
  ThroughputCell,
  WireResults,
} from "./results";
import { describeCounts, fmt, median, round } from "./stats";

type Settings = Measurements["settings"];

/** Rounds per N as configured, or as the runs show for results files that did not record them. */
export function roundsOf(settings: Settings, runs: EngineResults["runs"]): number[] {
  return (
    settings.rounds ??
    settings.sizes.map((n) => Math.max(0, ...runs.filter((r) => r.n === n).map((r) => r.round + 1)) || 1)
  );
}

/** Client throughput over node-fetch alone: the client's own overhead, the figure with a target. */
export function clientOverFetch(cell: ThroughputCell): number {
  return cell.clientMedianRps / cell.fetchMedianRps;
}

export function scalingRows(
  engine: EngineResults,
  rawLatencyMs: Record<string, number>,
  settings: Settings,
): ScalingRow[] {
  const { referenceN } = settings;
  const reference = new Map(
    engine.checks.filter((c) => c.n === referenceN && c.round === 0).map((c) => [c.op, c]),
  );
  const rows: ScalingRow[] = [];
  for (const n of settings.sizes) {
    for (const op of SCALED_OPS) {
      const samples = (program: Program) =>
        engine.runs.filter((r) => r.program === program && r.n === n && r.op === op).map((r) => r.seconds);
      const bluejaySamples = samples("bluejay");
      const trivialSamples = samples("trivial");
      const b = median(bluejaySamples);
      const t = median(trivialSamples);
      const observed = reference.get(op)?.observed ?? {};
      const budget = Object.entries(observed).reduce(
        (sum, [route, count]) => sum + (count / referenceN) * (rawLatencyMs[route.split(" ")[0]!] ?? 0),
        0,
      );
      const marginal = ((b - t) * 1000) / n;
      const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
      const noise =
        bluejaySamples.length > 1 && trivialSamples.length > 1
          ? (Math.max(spread(bluejaySamples), spread(trivialSamples)) * 1000) / n
          : undefined;
      rows.push({
        n,
        op,
        bluejaySeconds: round(b),
        trivialSeconds: round(t),
        bluejaySamples: bluejaySamples.map((v) => round(v)),
        trivialSamples: trivialSamples.map((v) => round(v)),
        marginalMsPerResource: round(marginal, 3),
        ...(noise === undefined ? {} : { noiseMsPerResource: round(noise, 3) }),
        withinNoise: noise !== undefined && Math.abs(marginal - budget) <= noise,
        budgetMsPerResource: round(budget, 4),
        met: marginal <= budget,
      });
    }
  }
  return rows;
}

/** The client-vs-wire figures: client / node-fetch alone against its target, client / raw as context. */
export function wireFigures(wire: WireResults, targets: Targets = TARGETS): Figure[] {
  const figures: Figure[] = [];
  for (const c of wire.cells) {
    const ratio = clientOverFetch(c);
    figures.push({
      figure: `Client / node-fetch alone throughput, ${c.op}, concurrency ${c.concurrency}`,
      measured: `${fmt(ratio, 3)} (${fmt(c.clientMedianRps, 0)} vs ${fmt(c.fetchMedianRps, 0)} req/s)`,
      target: `≥ ${targets.clientOverFetch}`,
      met: round(ratio, 3) >= targets.clientOverFetch,
    });
  }
  for (const c of wire.cells) {
    figures.push({
      figure: `Client/raw throughput, ${c.op}, concurrency ${c.concurrency}`,
      measured: `${fmt(c.ratio, 3)} (${fmt(c.clientMedianRps, 0)} vs ${fmt(c.rawMedianRps, 0)} req/s)`,
      target: "— (context, not a target)",
      met: undefined,
    });
  }
  for (const [method, ms] of Object.entries(wire.rawLatencyMs)) {
    figures.push({
      figure: `Raw mean round trip, ${method}, concurrency 1`,
      measured: `${fmt(ms, 3)} ms`,
      target: "—",
      met: undefined,
    });
  }
  return figures;
}

/** Every figure with its verdict, the findings (anything unexpected), and t(500)/t(100) per op. */
export function assess(
  m: Measurements,
  rows: ScalingRow[],
  targets: Targets = TARGETS,
): { figures: Figure[]; findings: string[]; t500OverT100Bluejay: Record<string, number> } {
  const { engine } = m;
  const { referenceN, sizes } = m.settings;
  const figures = wireFigures(m.wire, targets);
  for (const r of rows) {
    const noise = r.noiseMsPerResource;
    figures.push({
      figure: `Marginal cost per resource, ${OP_LABELS[r.op]}, N = ${r.n}`,
      measured:
        `${fmt(r.marginalMsPerResource, 3)} ms (t_bluejay ${fmt(r.bluejaySeconds)} s, t_trivial ` +
        `${fmt(r.trivialSeconds)} s; ${noise === undefined ? "1 round" : `round-to-round spread ${fmt(noise, 2)} ms`})`,
      target: `≤ ${fmt(r.budgetMsPerResource, 3)} ms (emulator round trips)`,
      met: r.met,
      ...(r.withinNoise ? { note: "within noise" } : {}),
    });
  }
  const t500OverT100Bluejay: Record<string, number> = {};
  if (sizes.includes(100) && sizes.includes(500)) {
    for (const op of SCALED_OPS) {
      const r100 = rows.find((r) => r.n === 100 && r.op === op)!;
      const r500 = rows.find((r) => r.n === 500 && r.op === op)!;
      const ratio = r500.bluejaySeconds / r100.bluejaySeconds;
      t500OverT100Bluejay[op] = round(ratio);
      figures.push({
        figure: `t(500)/t(100), Bluejay program, ${OP_LABELS[op]}`,
        measured: `${fmt(ratio)} (trivial: ${fmt(r500.trivialSeconds / r100.trivialSeconds)})`,
        target: `≤ ${targets.scaling500over100}`,
        met: ratio <= targets.scaling500over100,
      });
    }
  }
  const findings: string[] = [];
  for (const c of engine.checks) {
    const extra = Object.keys(c.extra).length > 0;
    const missing = Object.keys(c.missing).length > 0;
    const nonOk = Object.keys(c.nonOkStatuses).length > 0;
    const where = `${OP_LABELS[c.op]} at N = ${c.n} (round ${c.round + 1})`;
    if (c.n === referenceN && c.round === 0) {
      figures.push({
        figure: `Requests, ${OP_LABELS[c.op]}, N = ${c.n}`,
        measured: describeCounts(c.observed),
        target: Object.keys(c.expected).length === 0 ? "none" : describeCounts(c.expected),
        met: !extra && !missing,
      });
    }
    if (extra)
      findings.push(
        `Extra requests during ${where}: ${describeCounts(c.extra)} (expected ${describeCounts(c.expected)}).`,
      );
    if (missing)
      findings.push(`Fewer requests than expected during ${where}: missing ${describeCounts(c.missing)}.`);
    if (nonOk)
      findings.push(`Non-200 answers during ${where}: ${describeCounts(c.nonOkStatuses)} (by status).`);
  }
  for (const r of engine.runs.filter((run) => run.retriedAfter !== undefined)) {
    findings.push(
      `The ${r.program} program's ${OP_LABELS[r.op]} at N = ${r.n} (round ${r.round + 1}) failed once and was ` +
        `retried; its time and requests are the second attempt's. First error: ${r.retriedAfter}`,
    );
  }
  for (const r of engine.runs.filter((run) => run.op === "noop-up")) {
    const changed = Object.entries(r.resourceChanges ?? {}).filter(
      ([kind, count]) => kind !== "same" && count > 0,
    );
    if (changed.length > 0) {
      findings.push(
        `The no-change \`up\` of the ${r.program} program at N = ${r.n} (round ${r.round + 1}) reported changes: ${changed.map(([k, v]) => `${v} ${k}`).join(", ")}.`,
      );
    }
  }
  for (const s of engine.state) {
    if (s.program === "bluejay") {
      figures.push({
        figure: `Serialized \`__provider\` per Community (N = ${s.n})`,
        measured: `${s.providerBytes} bytes (${s.providerBytesAllCopiesPerResource} with its inputs + outputs copies)`,
        target: `≤ ${targets.providerBytes} bytes`,
        met: s.providerBytes <= targets.providerBytes,
      });
    }
    figures.push({
      figure: `Stack export per resource, ${s.program} program (N = ${s.n})`,
      measured: `${fmt(s.stackExportBytesPerResource, 0)} bytes (${s.stackExportBytes} total)`,
      target: "—",
      met: undefined,
    });
  }
  for (const mem of engine.memory) {
    figures.push({
      figure: `Peak RSS of the dynamic-provider process, ${mem.program} program, up N = ${mem.n}`,
      measured: `${fmt(mem.peakSumRssMb, 1)} MB (VmHWM ${fmt(mem.peakHwmMb, 1)} MB, ${mem.processes} process${mem.processes === 1 ? "" : "es"})`,
      target: "—",
      met: undefined,
    });
  }
  figures.push(rateLimitFigure(m.rateLimit, targets));
  findings.push(...rateLimitFindings(m.rateLimit));
  return { figures, findings, t500OverT100Bluejay };
}

/** Section 6's target: limited `up` − unlimited `up` at most this many seconds. */
export function rateLimitAllowance(floorSeconds: number, targets: Targets = TARGETS): number {
  return targets.rateLimitedOverFloor * floorSeconds;
}

/** Limited `up` − unlimited `up`, in seconds; undefined when the limited `up` did not finish. */
export function rateLimitOverhead(r: RateLimitResults): number | undefined {
  return r.limitedUp && r.limitedUp.seconds - r.unlimitedUpSeconds;
}

/** Section 6's verdict: no failure, each community created once and all deleted, within the allowance. */
export function rateLimitMet(r: RateLimitResults, targets: Targets = TARGETS): boolean {
  const overhead = rateLimitOverhead(r);
  return (
    r.failure === undefined &&
    r.destroy !== undefined &&
    r.createdOnce &&
    r.allDeleted &&
    overhead !== undefined &&
    round(overhead) <= rateLimitAllowance(r.floorSeconds, targets)
  );
}

const rateLimitName = (communities: number, rate: number) =>
  `Rate-limited up, N = ${communities} at ${rate} requests/s: limited − unlimited up`;

/** Section 6's row of the targets table; "not measured in this run" when the results lack it. */
export function rateLimitFigure(r: RateLimitResults | undefined, targets: Targets = TARGETS): Figure {
  const floor = r?.floorSeconds ?? RATE_LIMIT.communities / RATE_LIMIT.requestsPerSecond;
  const target =
    `≤ ${fmt(rateLimitAllowance(floor, targets), 1)} s (${targets.rateLimitedOverFloor} × floor of ` +
    `${fmt(floor, 0)} s), no failure, each community created once, all deleted`;
  if (!r) {
    return {
      figure: rateLimitName(RATE_LIMIT.communities, RATE_LIMIT.requestsPerSecond),
      measured: "not measured in this run",
      target,
      met: undefined,
    };
  }
  const overhead = rateLimitOverhead(r);
  const parts = [
    `limited ${r.limitedUp ? `${fmt(r.limitedUp.seconds, 1)} s` : "did not finish"}`,
    `unlimited ${fmt(r.unlimitedUpSeconds, 1)} s`,
    `429s: ${r.limitedUp?.refusals ?? "—"} in up, ${r.destroy?.refusals ?? "—"} in destroy`,
    `destroy ${r.destroy ? `${fmt(r.destroy.seconds, 1)} s` : "did not finish"}`,
  ];
  const outcome = [
    ...(r.failure === undefined ? [] : [`failed: ${r.failure}`]),
    ...(r.createdOnce ? [] : ["not every community created exactly once"]),
    ...(r.allDeleted ? [] : ["not all deleted"]),
  ];
  return {
    figure: rateLimitName(r.communities, r.requestsPerSecond),
    measured:
      `${overhead === undefined ? "—" : `${fmt(overhead, 1)} s`} (${parts.join("; ")})` +
      (outcome.length > 0 ? `; ${outcome.join("; ")}` : ""),
    target,
    met: rateLimitMet(r, targets),
  };
}

function rateLimitFindings(r: RateLimitResults | undefined): string[] {
  if (!r) return [];
  const where = `the rate-limited run (N = ${r.communities} at ${r.requestsPerSecond} requests/s)`;
  return [
    ...(r.failure === undefined ? [] : [`A Pulumi operation of ${where} failed: ${r.failure}`]),
    ...(r.createdOnce
      ? []
      : [`After the \`up\` of ${where}, the communities were not each created exactly once.`]),
    ...(r.allDeleted ? [] : [`After the \`destroy\` of ${where}, communities were left behind.`]),
  ];
}

/** Section 6 of results.md: what was run and what came of it, or that this run did not measure it. */
export function rateLimitSection(r: RateLimitResults | undefined, targets: Targets = TARGETS): string[] {
  const communities = r?.communities ?? RATE_LIMIT.communities;
  const rate = r?.requestsPerSecond ?? RATE_LIMIT.requestsPerSecond;
  const floor = r?.floorSeconds ?? communities / rate;
  const lines = ["## 6. Rate-limited up", ""];
  lines.push(
    `\`pulumi up\` then \`destroy\` of bench/programs/bluejay with ${communities} communities against an ` +
      `emulator of its own allowing ${rate} requests a second (beyond it 429 with \`Retry-After\`; ` +
      "`X-RateLimit-*` headers on every answer). The program is not told the limit: the client paces " +
      "every call of the provider process through one limiter that learns from the 429s. The floor is " +
      `${communities} / ${rate} = ${fmt(floor, 0)} s; the target is limited \`up\` − unlimited \`up\` ≤ ` +
      `${targets.rateLimitedOverFloor} × floor = ${fmt(rateLimitAllowance(floor, targets), 1)} s, with no ` +
      "failure, each community created once and all deleted. Operations are not retried.",
    "",
  );
  if (!r) {
    lines.push("Not measured in this run.", "");
    return lines;
  }
  const overhead = rateLimitOverhead(r);
  const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
  lines.push(
    row(["Operation", "Wall time (s)", "429s", "Requests seen"]),
    row(["---", "---", "---", "---"]),
    row([
      `up (create), ${rate} requests/s`,
      r.limitedUp ? fmt(r.limitedUp.seconds) : "did not finish",
      r.limitedUp ? String(r.limitedUp.refusals) : "—",
      r.limitedUp ? describeCounts(r.limitedUp.requests) : "—",
    ]),
    row([
      "up (create), unlimited",
      fmt(r.unlimitedUpSeconds),
      "—",
      r.unlimitedUpSource === "engine"
        ? `section 2's median at N = ${communities} (${r.unlimitedUpSamples.map((v) => fmt(v)).join(", ")})`
        : "measured in this section, once",
    ]),
    row([
      `destroy, ${rate} requests/s`,
      r.destroy ? fmt(r.destroy.seconds) : "did not finish",
      r.destroy ? String(r.destroy.refusals) : "—",
      r.destroy ? describeCounts(r.destroy.requests) : "—",
    ]),
    "",
  );
  lines.push(
    (overhead === undefined
      ? "The limited `up` did not finish. "
      : `Limited − unlimited \`up\`: ${fmt(overhead, 1)} s (${fmt(overhead / floor, 2)} × floor). `) +
      `Each community created once: ${r.createdOnce ? "yes" : "**no**"}. All deleted: ` +
      `${r.allDeleted ? "yes" : "**no**"}.` +
      (r.failure === undefined ? " No operation failed." : ` Failure: ${r.failure}.`) +
      ` Target met: ${rateLimitMet(r, targets) ? "yes" : "**no**"}.`,
    "",
  );
  return lines;
}

/** Plain statements read off the figures, to go with the table. */
export function explain(
  cells: ThroughputCell[],
  rows: ScalingRow[],
  engine: EngineResults,
  targets: Targets = TARGETS,
): string[] {
  const notes: string[] = [];
  const range = (values: number[], digits = 2) =>
    `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;
  const fetchShare = cells.map((c) => c.fetchMedianRps / c.rawMedianRps);
  const clientShare = cells.map(clientOverFetch);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  notes.push(
    `Client vs wire: node-fetch alone, called as the client's transport calls it, reaches ` +
      `${range(fetchShare)} of the raw loop's throughput (mean ${fmt(mean(fetchShare))}), and the whole ` +
      `client ${range(clientShare)} of node-fetch alone (mean ${fmt(mean(clientShare))}): ` +
      (mean(fetchShare) < mean(clientShare)
        ? "most of the client's gap to the raw loop is node-fetch itself (with its abort timer and size " +
          "limit), not zod validation or mapping."
        : "most of the client's gap to the raw loop is its own work (validation, mapping), not node-fetch."),
  );
  const budgets = rows.filter((r) => r.budgetMsPerResource > 0).map((r) => r.budgetMsPerResource);
  const noisy = rows.filter((r) => r.noiseMsPerResource !== undefined);
  if (budgets.length > 0 && noisy.length > 0) {
    const byN = [...new Set(noisy.map((r) => r.n))].map(
      (n) =>
        `${range(
          noisy.filter((r) => r.n === n).map((r) => r.noiseMsPerResource!),
          1,
        )} ms at N = ${n}`,
    );
    notes.push(
      `Marginal cost: the budgets are ${range(budgets, 3)} ms per resource (loopback round trips), while ` +
        `the round-to-round spread of one program's wall time, per resource, is ${byN.join(" and ")}. ` +
        "Verdicts whose margin is inside that spread are marked “within noise”.",
    );
  }
  const noop = rows.filter((r) => r.op === "noop-up");
  if (noop.length > 0) {
    notes.push(
      "The no-change `up` sends no request at all, so its marginal cost (" +
        noop.map((r) => `${fmt(r.marginalMsPerResource, 2)} ms at N = ${r.n}`).join(", ") +
        ") has no HTTP in it: it is the Bluejay program's and provider's own per-resource work over a " +
        "trivial dynamic resource, or noise.",
    );
  }
  const big = Math.max(...rows.map((r) => r.n));
  const limit = targets.scaling500over100;
  const grown = SCALED_OPS.flatMap((op) => {
    const r100 = rows.find((r) => r.n === 100 && r.op === op);
    const r500 = rows.find((r) => r.n === big && r.op === op);
    if (!r100 || !r500 || big !== 500) return [];
    const b = r500.bluejaySeconds / r100.bluejaySeconds;
    const t = r500.trivialSeconds / r100.trivialSeconds;
    return b > limit ? [{ op, b, t }] : [];
  });
  if (grown.length > 0) {
    const alike = grown.filter((g) => g.t > limit);
    notes.push(
      `t(500)/t(100) above ${limit} for ` +
        grown.map((g) => `${OP_LABELS[g.op]} (Bluejay ${fmt(g.b)}, trivial ${fmt(g.t)})`).join(", ") +
        (alike.length === grown.length
          ? ": the trivial program, which makes no HTTP call, also grows by more than " +
            `${limit}, so most of the super-linear growth is the Pulumi engine's and the ` +
            "local file backend's rather than the provider's."
          : "."),
    );
  }
  const update = engine.runs.find((r) => r.op === "update");
  if (update) {
    notes.push(
      `\`up\` changing every title at N = ${update.n} took ${fmt(update.seconds)} s (Bluejay program).`,
    );
  }
  return notes;
}

/** bench/results.json from one run's measurements. */
export function buildResults(m: Measurements, targets: Targets = TARGETS): BenchResults {
  const rows = scalingRows(m.engine, m.wire.rawLatencyMs, m.settings);
  const { figures, findings, t500OverT100Bluejay } = assess(m, rows, targets);
  const s = m.settings;
  return {
    environment: m.environment,
    settings: {
      sizes: s.sizes,
      rounds: roundsOf(s, m.engine.runs),
      referenceN: s.referenceN,
      requestsPerRun: s.requestsPerRun,
      warmupRequests: s.warmupRequests,
      repeats: s.repeats,
      concurrencies: s.concurrencies,
      targets,
    },
    figures,
    findings,
    notes: explain(m.wire.cells, rows, m.engine, targets),
    clientVsWire: m.wire,
    scaling: {
      rows,
      t500OverT100Bluejay,
      runs: m.engine.runs,
      warmupSeconds: round(m.engine.warmupSeconds, 1),
    },
    requests: m.engine.checks,
    state: m.engine.state,
    memory: m.engine.memory,
    ...(m.rateLimit ? { rateLimit: m.rateLimit } : {}),
  };
}

/** The measurements inside a results file (an older one too), to assess and render them again. */
export function measurementsOf(results: BenchResults): Measurements {
  const { settings } = results;
  return {
    environment: results.environment,
    settings: {
      sizes: settings.sizes,
      rounds: roundsOf(settings, results.scaling.runs),
      referenceN: settings.referenceN,
      requestsPerRun: settings.requestsPerRun,
      warmupRequests: settings.warmupRequests,
      repeats: settings.repeats,
      concurrencies: settings.concurrencies,
    },
    wire: results.clientVsWire,
    engine: {
      runs: results.scaling.runs,
      checks: results.requests,
      memory: results.memory,
      state: results.state,
      warmupSeconds: results.scaling.warmupSeconds,
    },
    rateLimit: results.rateLimit,
  };
}

function yesNo(met: boolean | undefined, note?: string): string {
  const verdict = met === undefined ? "—" : met ? "yes" : "**no**";
  return note ? `${verdict} (${note})` : verdict;
}

/** bench/results.md. */
export function renderMarkdown(results: BenchResults, targets: Targets = TARGETS): string {
  const { environment, figures, findings, notes, settings } = results;
  const wire = results.clientVsWire;
  const rows = results.scaling.rows;
  const { referenceN } = settings;
  const largestN = Math.max(...settings.sizes);
  const rounds = roundsOf(settings, results.scaling.runs);
  const lines: string[] = [];
  const row = (cells: (string | number)[]): void => void lines.push(`| ${cells.join(" | ")} |`);
  const header = (cells: string[]): void => {
    row(cells);
    row(cells.map(() => "---"));
  };
  lines.push("# pulumi-bluejay benchmark results", "");
  lines.push(
    `Measured with \`npm run bench\` on ${String(environment.date)}: ${String(environment.cpuModel)} ` +
      `(${String(environment.cpus)} CPUs), Node.js ${String(environment.node)}, Pulumi CLI ` +
      `${String(environment.pulumiCli)}, @pulumi/pulumi ${String(environment.pulumiSdk)}. Everything runs ` +
      "against the in-process Bluejay emulator on loopback; each comparison is taken within the same run.",
    "",
  );
  header(["Figure", "Measured", "Target", "Met?"]);
  for (const f of figures) row([f.figure, f.measured, f.target, yesNo(f.met, f.note)]);
  lines.push("");

  lines.push("## Notes", "");
  for (const note of notes) lines.push(`- ${note}`);
  lines.push("");

  lines.push("## Findings", "");
  if (findings.length === 0)
    lines.push("No request beyond one per community per operation, and none for a no-change `up`.");
  for (const finding of findings) lines.push(`- ${finding}`);
  lines.push("");

  lines.push("## 1. Client vs wire", "");
  lines.push(
    `${settings.requestsPerRun} requests per run after a ${settings.warmupRequests}-request warm-up, ` +
      `${settings.repeats} runs per side, in alternating order (raw, node-fetch, client, then the reverse), ` +
      "medians. Client: `BluejayClient` (node-fetch, zod validation, mapping). node-fetch alone: " +
      "node-fetch called as the client's transport calls it (the client's own agent settings, abort timer " +
      "and size limit), without zod or mapping. The client's target is its throughput over node-fetch " +
      `alone (≥ ${targets.clientOverFetch}): that overhead is the client's own, while node-fetch stays. Raw ` +
      "(context, not a target): node:http on `http.Agent({ keepAlive: true, maxSockets: c })` with the same " +
      "method, path, headers and body, reading each answer to its end. The emulator is reset before every run.",
    "",
  );
  header([
    "Operation",
    "Concurrency",
    "Raw req/s",
    "Client req/s",
    "Client/raw",
    "Per-pair ratio (median)",
    "node-fetch alone req/s",
    "node-fetch/raw",
  ]);
  for (const c of wire.cells) {
    row([
      c.op,
      c.concurrency,
      fmt(c.rawMedianRps, 0),
      fmt(c.clientMedianRps, 0),
      fmt(c.ratio, 3),
      fmt(c.pairedRatioMedian, 3),
      fmt(c.fetchMedianRps, 0),
      fmt(c.fetchMedianRps / c.rawMedianRps, 3),
    ]);
  }
  lines.push("");
  lines.push(
    "Raw mean round trip at concurrency 1: " +
      Object.entries(wire.rawLatencyMs)
        .map(([m, v]) => `${m} ${fmt(v, 3)} ms`)
        .join(", ") +
      " (POST and GET from the cells above; PUT and DELETE from raw-only runs of the same size).",
    "",
  );

  lines.push("## 2. Provider vs engine", "");
  lines.push(
    "Wall time of the `pulumi` CLI command (Automation API, local file backend, default `--parallel`, " +
      "skip-preview). Bluejay: bench/programs/bluejay (N communities, shaped exactly like the trivial program). Trivial: bench/programs/trivial, N " +
      "dynamic resources whose provider makes no HTTP call. Each N runs the whole sequence (up, refresh, " +
      "no-change up, destroy) on fresh stacks in " +
      settings.sizes
        .map((n, i) => `${rounds[i] ?? 1} round${(rounds[i] ?? 1) === 1 ? "" : "s"} for N = ${n}`)
        .join(", ") +
      ", alternating which program goes first; times are medians over the rounds. Marginal = " +
      "(t_bluejay − t_trivial) / N; budget = requests per community (measured at N = " +
      `${referenceN}) × raw mean round trip at concurrency 1.`,
    "",
  );
  header([
    "N",
    "Operation",
    "t_bluejay (s)",
    "t_trivial (s)",
    "Marginal (ms/resource)",
    "Budget (ms/resource)",
    "Met?",
    "Bluejay runs (s)",
    "Trivial runs (s)",
  ]);
  for (const r of rows) {
    row([
      r.n,
      OP_LABELS[r.op],
      fmt(r.bluejaySeconds),
      fmt(r.trivialSeconds),
      fmt(r.marginalMsPerResource, 3),
      fmt(r.budgetMsPerResource, 3),
      yesNo(r.met, r.withinNoise ? "within noise" : undefined),
      r.bluejaySamples.map((v) => fmt(v)).join(", "),
      r.trivialSamples.map((v) => fmt(v)).join(", "),
    ]);
  }
  lines.push("");

  lines.push(`## 3. Requests per operation (N = ${referenceN})`, "");
  header(["Operation", "Requests seen", "Expected", "Extra", "Missing", "Non-200"]);
  for (const c of results.requests.filter((c) => c.n === referenceN && c.round === 0)) {
    row([
      OP_LABELS[c.op],
      describeCounts(c.observed),
      describeCounts(c.expected),
      describeCounts(c.extra),
      describeCounts(c.missing),
      describeCounts(c.nonOkStatuses),
    ]);
  }
  lines.push("");
  const others = results.requests.filter((c) => c.n !== referenceN || c.round !== 0);
  if (others.length > 0) {
    lines.push("Other sizes:", "");
    header(["N", "Round", "Operation", "Requests seen", "Extra", "Non-200"]);
    for (const c of others) {
      row([
        c.n,
        c.round + 1,
        OP_LABELS[c.op],
        describeCounts(c.observed),
        describeCounts(c.extra),
        describeCounts(c.nonOkStatuses),
      ]);
    }
    lines.push("");
  }

  lines.push(`## 4. State size (N = ${referenceN})`, "");
  header([
    "Program",
    "`__provider` bytes (one copy)",
    "`__provider` bytes per resource (inputs + outputs)",
    "Stack export bytes",
    "Stack export bytes per resource",
  ]);
  for (const s of results.state) {
    row([
      s.program,
      s.providerBytes,
      s.providerBytesAllCopiesPerResource,
      s.stackExportBytes,
      fmt(s.stackExportBytesPerResource, 0),
    ]);
  }
  lines.push("");

  lines.push(`## 5. Memory (\`up\`, N = ${largestN})`, "");
  header([
    "Program",
    "Peak RSS, sum of provider processes (MB)",
    "Peak RSS, one process (MB)",
    "Peak VmHWM (MB)",
    "Processes",
    "Samples",
  ]);
  for (const mem of results.memory) {
    row([
      mem.program,
      fmt(mem.peakSumRssMb, 1),
      fmt(mem.peakProcessRssMb, 1),
      fmt(mem.peakHwmMb, 1),
      mem.processes,
      mem.samples,
    ]);
  }
  lines.push("", "![Scaling: wall time vs N](scaling.png)", "");
  lines.push(...rateLimitSection(results.rateLimit, targets));
  return lines.join("\n");
}

/** What `npm run bench` prints at the end: every figure with its verdict, the notes and findings. */
export function summaryLines(results: BenchResults): string[] {
  const { figures, notes, findings } = results;
  const lines = ["Figures (measured | target | met?)"];
  for (const f of figures)
    lines.push(
      `  ${f.figure}: ${f.measured} | ${f.target} | ${f.met === undefined ? "—" : f.met ? "met" : "MISSED"}` +
        (f.note ? ` (${f.note})` : ""),
    );
  lines.push("", "Notes", ...notes.map((note) => `  - ${note}`));
  lines.push("", `Findings${findings.length === 0 ? ": none" : ""}`, ...findings.map((f) => `  - ${f}`));
  const missed = figures.filter((f) => f.met === false).length;
  const met = figures.filter((f) => f.met === true).length;
  lines.push("", `${met} targets met, ${missed} missed.`);
  return lines;
}
