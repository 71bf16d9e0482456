// The gate: from the judged calls, whether the run passes (exit code 0), fails (1), or could not be
// judged (2: a timeout, insufficient funds, calls never evaluated, an API or configuration error).
// Ctrl-C is 130, as shells report it. Pure functions: the rules are tested on their own.
import type { CallReport, MetricGrade, RunReport } from "./judge";
import type { MetricThreshold } from "./options";

export type ExitCode = 0 | 1 | 2 | 130;

/** Why a run could not be judged. */
export type UnjudgedCause =
  | "timeout"
  | "insufficient-funds"
  | "not-evaluated"
  | "nothing-to-judge"
  | "metric-not-graded"
  | "interrupted"
  | "error";

export interface PassRate {
  passed: number;
  failed: number;
  incomplete: number;
  unjudged: number;
  /** Calls judged: passed, failed or incomplete. */
  judged: number;
  /** passed / judged; null when nothing was judged. */
  rate: number | null;
  min: number;
  ok: boolean;
}

export interface MetricGate {
  metric: string;
  /** `pass-rate` for pass/fail and yes/no metrics; `mean-score` for quantitative ones. */
  measure: "pass-rate" | "mean-score";
  /** Calls it graded. */
  graded: number;
  value: number | null;
  min: number;
  ok: boolean;
}

export interface Verdict {
  outcome: "passed" | "failed" | "unjudged";
  exitCode: ExitCode;
  /** One line: what passed, what failed, or why nothing could be judged, and what to do. */
  message: string;
  cause?: UnjudgedCause;
  passRate: PassRate;
  metrics: MetricGate[];
  /** Each gate that failed, in a sentence. */
  failures: string[];
}

export interface GateInput {
  runs: RunReport[];
  minPassRate: number;
  metrics: MetricThreshold[];
  /** Why waiting stopped early, if it did. */
  stopped?: "timeout" | "interrupted";
  timeoutMs: number;
  /** An error that stopped the run (queueing, polling, configuration). */
  error?: Error;
}

export const percent = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

const calls = (runs: RunReport[]): CallReport[] => runs.flatMap((r) => r.calls);

export function passRateOf(runs: RunReport[], min: number): PassRate {
  const all = calls(runs);
  const count = (verdict: CallReport["verdict"]) => all.filter((c) => c.verdict === verdict).length;
  const passed = count("passed");
  const judged = passed + count("failed") + count("incomplete");
  const rate = judged === 0 ? null : passed / judged;
  return {
    passed,
    failed: count("failed"),
    incomplete: count("incomplete"),
    unjudged: count("unjudged"),
    judged,
    rate,
    min,
    ok: rate !== null && rate >= min - 1e-9,
  };
}

/** A custom metric's gate over every call it graded; undefined value when it graded none. */
export function metricGateOf(runs: RunReport[], threshold: MetricThreshold): MetricGate {
  const grades: MetricGrade[] = calls(runs).flatMap((c) =>
    c.metrics.filter((m) => m.name === threshold.metric),
  );
  const scored = grades.filter((g) => g.score !== undefined);
  const judged = grades.filter((g) => g.passed !== undefined);
  // Pass/fail and yes/no grades give a pass rate; numbers (quantitative), a mean score. With no grade
  // to tell, a threshold above 1 can only be a mean score (a pass rate is at most 100%).
  const quantitative = judged.length === 0 && (scored.length > 0 || threshold.min > 1);
  const value =
    judged.length > 0
      ? judged.filter((g) => g.passed).length / judged.length
      : scored.length > 0
        ? scored.reduce((sum, g) => sum + g.score!, 0) / scored.length
        : null;
  return {
    metric: threshold.metric,
    measure: quantitative ? "mean-score" : "pass-rate",
    graded: quantitative ? scored.length : judged.length,
    value,
    min: threshold.min,
    ok: value !== null && value >= threshold.min - 1e-9,
  };
}

const runName = (run: RunReport) =>
  `run ${run.simulationRunId} of ${run.simulationName} (simulation ${run.simulationId})`;
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The command that looks up (and judges) runs that were left going. */
export function lookUpCommand(runs: RunReport[]): string {
  return `npx pulumi-bluejay test ${runs.map((r) => `--run ${r.simulationRunId}`).join(" ")}`;
}

function unjudged(cause: UnjudgedCause, message: string, passRate: PassRate, metrics: MetricGate[]): Verdict {
  return {
    outcome: "unjudged",
    exitCode: cause === "interrupted" ? 130 : 2,
    message,
    cause,
    passRate,
    metrics,
    failures: [],
  };
}

export function judgeGate(input: GateInput): Verdict {
  const { runs } = input;
  const passRate = passRateOf(runs, input.minPassRate);
  // With no run, no threshold was judged: the verdict names none (its message says why).
  const metrics = runs.length === 0 ? [] : input.metrics.map((t) => metricGateOf(runs, t));
  const going = runs.filter((r) => !r.ended);
  const goingNote =
    going.length > 0
      ? ` ${going.length === 1 ? "It keeps" : "They keep"} running in Bluejay: look ${going.length === 1 ? "it" : "them"} up with \`${lookUpCommand(going)}\`.`
      : "";

  if (input.error) {
    const queued =
      runs.length > 0
        ? ` Runs queued before it: ${runs.map((r) => r.simulationRunId).join(", ")}.${goingNote}`
        : "";
    return unjudged("error", `${input.error.message}${queued}`, passRate, metrics);
  }
  if (input.stopped === "interrupted") {
    return unjudged(
      "interrupted",
      `Interrupted while waiting; nothing was cancelled.${goingNote}`,
      passRate,
      metrics,
    );
  }
  const broke = runs.filter(
    (r) => r.status === "INSUFFICIENT_FUNDS" || r.calls.some((c) => c.status === "INSUFFICIENT_FUNDS"),
  );
  if (broke.length > 0) {
    return unjudged(
      "insufficient-funds",
      `Bluejay stopped ${list(broke.map(runName))} for insufficient funds: add credit to the Bluejay workspace and run again.`,
      passRate,
      metrics,
    );
  }
  if (input.stopped === "timeout") {
    const minutes =
      input.timeoutMs >= 60_000
        ? `${Math.round(input.timeoutMs / 6000) / 10} min`
        : `${input.timeoutMs / 1000} s`;
    return unjudged(
      "timeout",
      `${list(going.map(runName))} had not ended after ${minutes} (--timeout).${goingNote}`,
      passRate,
      metrics,
    );
  }
  const notEvaluated = calls(runs).filter((c) => c.verdict === "unjudged");
  if (notEvaluated.length > 0) {
    const named = notEvaluated.slice(0, 5).map((c) => `${c.name} (${c.reasons[0] ?? c.status})`);
    return unjudged(
      "not-evaluated",
      `${notEvaluated.length} call${notEvaluated.length > 1 ? "s" : ""} could not be judged: ${named.join("; ")}${notEvaluated.length > 5 ? "; …" : ""}.`,
      passRate,
      metrics,
    );
  }
  if (passRate.judged === 0) {
    return unjudged("nothing-to-judge", "No call was judged: there was nothing to run.", passRate, metrics);
  }
  const ungraded = metrics.filter((m) => m.value === null);
  if (ungraded.length > 0) {
    const seen = [...new Set(calls(runs).flatMap((c) => c.metrics.map((m) => m.name)))];
    return unjudged(
      "metric-not-graded",
      `--metric ${list(ungraded.map((m) => JSON.stringify(m.metric)))}: no call was graded on ${ungraded.length > 1 ? "these" : "it"} as pass/fail, yes/no or a number. ` +
        `Metrics graded: ${seen.length > 0 ? seen.map((s) => JSON.stringify(s)).join(", ") : "none"}.`,
      passRate,
      metrics,
    );
  }

  const failures: string[] = [];
  if (!passRate.ok) {
    failures.push(
      `${passRate.passed} of ${passRate.judged} calls passed (${percent(passRate.rate!)}), below --min-pass-rate ${percent(passRate.min)}.`,
    );
  }
  for (const m of metrics.filter((gate) => !gate.ok)) {
    failures.push(
      m.measure === "pass-rate"
        ? `${m.metric} passed in ${percent(m.value!)} of ${m.graded} calls, below ${percent(m.min)}.`
        : `${m.metric} scored ${round(m.value!)} on average over ${m.graded} calls, below ${round(m.min)}.`,
    );
  }
  const summary = `${passRate.passed} of ${passRate.judged} calls passed (${percent(passRate.rate!)}; --min-pass-rate ${percent(passRate.min)})`;
  if (failures.length > 0) {
    return {
      outcome: "failed",
      exitCode: 1,
      message: `Gate failed: ${failures.join(" ")}`,
      passRate,
      metrics,
      failures,
    };
  }
  const metricNote =
    metrics.length > 0 ? `; ${metrics.length} metric threshold${metrics.length > 1 ? "s" : ""} met` : "";
  return {
    outcome: "passed",
    exitCode: 0,
    message: `Gate passed: ${summary}${metricNote}.`,
    passRate,
    metrics,
    failures,
  };
}

const round = (n: number): string => String(Math.round(n * 100) / 100);
