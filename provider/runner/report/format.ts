// Small helpers every report shares: durations, verdict words, counts.
import type { CallReport, CallVerdict, RunReport } from "../judge";

/** `850 ms`, `12 s`, `3 min 20 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export const VERDICT_WORDS: Record<CallVerdict, string> = {
  passed: "PASS",
  failed: "FAIL",
  incomplete: "INCOMPLETE",
  unjudged: "NOT JUDGED",
};

export function countsOf(run: RunReport): Record<CallVerdict, number> {
  const counts: Record<CallVerdict, number> = { passed: 0, failed: 0, incomplete: 0, unjudged: 0 };
  for (const call of run.calls) counts[call.verdict]++;
  return counts;
}

/** `Nightly regression (simulation 1), run 3`. */
export const runTitle = (run: RunReport): string =>
  `${run.simulationName} (simulation ${run.simulationId}), run ${run.simulationRunId}`;

/** Why a call did not pass, in one line. */
export const why = (call: CallReport): string => oneLine(call.reasons.join(" · "));

/** One line of text: newlines and runs of spaces folded. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** At most `width` characters, cut with an ellipsis. */
export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
