// How each digital human's call is judged, from Bluejay's results: pure functions, so the rules are
// tested on their own.
//
// A call passes when it completed, Bluejay's evaluation says the digital human's success criteria
// were met (`goal_success`), and no pass/fail or yes/no custom metric graded it `fail` or `no`. A call
// that did not complete (INCOMPLETED, REJECTED) counts against the pass rate. A call that ran out
// of funds, was never evaluated, or had not ended cannot be judged.
import type { SimulationResult } from "../runs/api";
import type { WireEvaluation, WireMetricGrade } from "../runs/wire";
import type { Caller, QueueKind } from "./plan";

export type CallVerdict = "passed" | "failed" | "incomplete" | "unjudged";

/** One custom metric's grade of one call. */
export interface MetricGrade {
  name: string;
  responseType: string;
  /** The grade as Bluejay gives it: `pass`, `no`, `4`, … */
  value: string;
  reasoning?: string;
  /** For `pass_fail` and `yes_no` metrics: whether the grade passes. */
  passed?: boolean;
  /** For `quantitative` metrics: the grade as a number. */
  score?: number;
}

export interface CallReport {
  digitalHumanId: number;
  name: string;
  simulationResultId?: number;
  /** Bluejay's status of the call (`COMPLETED`, `INCOMPLETED`, …), or `PENDING` when it never showed one. */
  status: string;
  verdict: CallVerdict;
  /** Why it did not pass, each in a sentence: the evaluation's reasoning, each failing metric's. */
  reasons: string[];
  /** The evaluation's reasoning, whatever the verdict. */
  goalReasoning?: string;
  metrics: MetricGrade[];
  durationMs?: number;
  transcriptUrl?: string;
  audioUrl?: string;
}

export interface RunReport {
  simulationId: number;
  simulationName: string;
  agentId: number;
  agentName: string;
  queue: QueueKind;
  simulationRunId: number;
  /** Bluejay's status at the last poll (`COMPLETED`, …; `QUEUED` when no poll saw it). */
  status: string;
  ended: boolean;
  /** From queueing to the poll that saw it end (or to the end of the wait). */
  elapsedMs: number;
  calls: CallReport[];
}

/** Grades that pass, for the metric types whose grades pass or fail. */
const PASSING: Record<string, string> = { pass_fail: "pass", yes_no: "yes" };

export function gradeOf(grade: WireMetricGrade): MetricGrade {
  const out: MetricGrade = {
    name: grade.name,
    responseType: grade.response_type,
    value: grade.response_value,
  };
  if (grade.reasoning) out.reasoning = grade.reasoning;
  const passing = PASSING[grade.response_type];
  if (passing !== undefined) out.passed = grade.response_value.trim().toLowerCase() === passing;
  if (grade.response_type === "quantitative") {
    const score = Number(grade.response_value);
    if (grade.response_value.trim() !== "" && Number.isFinite(score)) out.score = score;
  }
  return out;
}

/** The evaluation that counts: the latest, when a call was evaluated again. */
function latest(evaluations: readonly WireEvaluation[] | null | undefined): WireEvaluation | undefined {
  const all = [...(evaluations ?? [])];
  all.sort((a, b) => Date.parse(a.created_at ?? "") - Date.parse(b.created_at ?? "") || 0);
  return all[all.length - 1];
}

/** Judges one call from its result (absent: Bluejay showed none before the wait stopped). */
export function judgeCall(caller: Caller, result: SimulationResult | undefined): CallReport {
  const base = { digitalHumanId: caller.digitalHumanId, name: caller.name };
  if (!result) {
    return {
      ...base,
      status: "PENDING",
      verdict: "unjudged",
      reasons: ["The call had not ended."],
      metrics: [],
    };
  }
  const evaluation = latest(result.evaluations);
  const metrics = (evaluation?.custom_metrics ?? []).map(gradeOf);
  const report: CallReport = {
    ...base,
    simulationResultId: result.simulationResultId,
    status: result.status ?? "PENDING",
    verdict: "unjudged",
    reasons: [],
    metrics,
    ...(evaluation?.goal_reasoning ? { goalReasoning: evaluation.goal_reasoning } : {}),
    ...(result.duration !== undefined ? { durationMs: result.duration } : {}),
    ...(result.transcriptUrl ? { transcriptUrl: result.transcriptUrl } : {}),
    ...(result.audioUrl ? { audioUrl: result.audioUrl } : {}),
  };
  switch (report.status) {
    case "INSUFFICIENT_FUNDS":
      return { ...report, reasons: ["Bluejay did not place the call: insufficient funds."] };
    case "INCOMPLETED":
    case "REJECTED":
      return { ...report, verdict: "incomplete", reasons: [`The call did not complete (${report.status}).`] };
    case "COMPLETED":
      break;
    default:
      return { ...report, reasons: [`The call had not ended (${report.status}).`] };
  }
  if (evaluation?.goal_success === undefined || evaluation.goal_success === null) {
    return { ...report, reasons: ["The call completed but Bluejay has no evaluation of it."] };
  }
  const reasons: string[] = [];
  if (!evaluation.goal_success)
    reasons.push(evaluation.goal_reasoning ?? "The success criteria were not met.");
  for (const metric of metrics.filter((m) => m.passed === false)) {
    reasons.push(`${metric.name}: ${metric.value}${metric.reasoning ? ` (${metric.reasoning})` : ""}`);
  }
  return { ...report, verdict: reasons.length === 0 ? "passed" : "failed", reasons };
}

/** Judges every call of a run: each of its callers, with the result Bluejay has for it. */
export function judgeRun(
  run: {
    simulationId: number;
    simulationName: string;
    agentId: number;
    agentName: string;
    queue: QueueKind;
    simulationRunId: number;
    callers: Caller[];
  },
  status: string,
  ended: boolean,
  elapsedMs: number,
  results: readonly SimulationResult[] = [],
): RunReport {
  const byHuman = new Map(results.map((r) => [r.digitalHumanId, r]));
  // A digital human Bluejay ran that the plan did not name (added meanwhile) is reported too.
  const callers = [...run.callers];
  for (const result of results) {
    if (!callers.some((c) => c.digitalHumanId === result.digitalHumanId)) {
      callers.push({ digitalHumanId: result.digitalHumanId, name: `Digital human ${result.digitalHumanId}` });
    }
  }
  return {
    simulationId: run.simulationId,
    simulationName: run.simulationName,
    agentId: run.agentId,
    agentName: run.agentName,
    queue: run.queue,
    simulationRunId: run.simulationRunId,
    status,
    ended,
    elapsedMs,
    calls: callers.map((caller) => judgeCall(caller, byHuman.get(caller.digitalHumanId))),
  };
}
