// The terminal report: a table per run (each digital human, its verdict, Bluejay's status and why it
// did not pass), each custom metric's grades, then the verdict. Plain text, so CI logs keep it.
import { percent } from "../gate";
import type { RunReport } from "../judge";
import type { TestReport } from "../test-report";
import { countsOf, cut, duration, runTitle, VERDICT_WORDS, why } from "./format";

function table(rows: string[][], width: number): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  // The last column takes what is left of the width.
  const fixed = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 2);
  const last = Math.max(20, width - fixed);
  return rows.map((row) =>
    `  ${row.map((cell, col) => (col === row.length - 1 ? cut(cell, last) : cell.padEnd(widths[col]!))).join("  ")}`.trimEnd(),
  );
}

function metricsLine(run: RunReport): string | undefined {
  const names = [...new Set(run.calls.flatMap((c) => c.metrics.map((m) => m.name)))];
  if (names.length === 0) return undefined;
  const parts = names.map((name) => {
    const grades = run.calls.flatMap((c) => c.metrics.filter((m) => m.name === name));
    const judged = grades.filter((g) => g.passed !== undefined);
    const scored = grades.filter((g) => g.score !== undefined);
    if (judged.length > 0) return `${name} ${judged.filter((g) => g.passed).length}/${judged.length} passed`;
    if (scored.length > 0) {
      const mean = scored.reduce((sum, g) => sum + g.score!, 0) / scored.length;
      return `${name} mean ${Math.round(mean * 100) / 100}`;
    }
    return `${name} graded ${grades.length}`;
  });
  return `  Custom metrics: ${parts.join(" · ")}`;
}

export function renderRun(run: RunReport, width: number): string[] {
  const counts = countsOf(run);
  const head =
    `${runTitle(run)}: ${run.status}${run.ended ? ` in ${duration(run.elapsedMs)}` : ` after ${duration(run.elapsedMs)}`}` +
    ` · ${counts.passed} of ${run.calls.length} passed`;
  const rows = [
    ["Result", "Digital human", "Status", "Why"],
    ...run.calls.map((call) => [
      VERDICT_WORDS[call.verdict],
      `${call.name} (${call.digitalHumanId})`,
      call.status,
      why(call),
    ]),
  ];
  const metrics = metricsLine(run);
  return [head, ...table(rows, width), ...(metrics ? [metrics] : [])];
}

/** The whole report, lines of at most about `width` characters. */
export function renderTable(report: TestReport, width = 120): string {
  const lines: string[] = [];
  for (const run of report.runs) lines.push(...renderRun(run, width), "");
  for (const skipped of report.skipped) {
    lines.push(`${skipped.simulationName} (simulation ${skipped.simulationId}): skipped, ${skipped.reason}.`);
  }
  if (report.skipped.length > 0) lines.push("");
  const { verdict } = report;
  for (const gate of verdict.metrics) {
    const value =
      gate.value === null
        ? "not graded"
        : gate.measure === "pass-rate"
          ? `${percent(gate.value)} passed`
          : `mean ${Math.round(gate.value * 100) / 100}`;
    const min = gate.measure === "pass-rate" ? percent(gate.min) : String(gate.min);
    lines.push(`Metric ${gate.metric}: ${value} (at least ${min}) ${gate.ok ? "ok" : "FAILED"}`);
  }
  lines.push(verdict.message);
  return `${lines.join("\n")}\n`;
}
