// The Markdown summary, as GitHub's job summary (`$GITHUB_STEP_SUMMARY`) and a pull-request comment
// show it: the verdict first, a row per run, then the calls that did not pass and why, then the
// custom metrics' gates. Long lists are cut, so a big run stays well under GitHub's 1 MiB limit.
import { percent } from "../gate";
import type { TestReport } from "../test-report";
import { countsOf, cut, duration, oneLine, VERDICT_WORDS, why } from "./format";

/** At most this many calls that did not pass are listed. */
const MAX_LISTED = 100;

/** A table cell: one line, pipes escaped, Markdown's own characters left as text. */
export function cell(text: string): string {
  return oneLine(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

const HEADLINES = {
  passed: "✅ Bluejay simulations passed",
  failed: "❌ Bluejay simulations failed",
  unjudged: "⚠️ Bluejay simulations could not be judged",
};

export function renderMarkdown(report: TestReport): string {
  const { verdict } = report;
  const out: string[] = [`## ${HEADLINES[verdict.outcome]}`, "", cell(verdict.message), ""];
  if (report.runs.length > 0) {
    out.push(
      "| Simulation | Run | Status | Passed | Failed | Incomplete | Not judged | Time |",
      "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const run of report.runs) {
      const c = countsOf(run);
      out.push(
        `| ${cell(run.simulationName)} (${run.simulationId}) | ${run.simulationRunId} | ${run.status} | ${c.passed} | ${c.failed} | ${c.incomplete} | ${c.unjudged} | ${duration(run.elapsedMs)} |`,
      );
    }
    out.push("");
  }
  for (const skipped of report.skipped) {
    out.push(
      `- ${cell(skipped.simulationName)} (${skipped.simulationId}): skipped, ${cell(skipped.reason)}.`,
    );
  }
  if (report.skipped.length > 0) out.push("");

  const notPassed = report.runs.flatMap((run) =>
    run.calls.filter((c) => c.verdict !== "passed").map((call) => ({ run, call })),
  );
  if (notPassed.length > 0) {
    out.push(
      "### Calls that did not pass",
      "",
      "| Digital human | Simulation | Result | Why |",
      "| --- | --- | --- | --- |",
    );
    for (const { run, call } of notPassed.slice(0, MAX_LISTED)) {
      out.push(
        `| ${cell(call.name)} (${call.digitalHumanId}) | ${cell(run.simulationName)} | ${VERDICT_WORDS[call.verdict]} | ${cell(cut(why(call), 500))} |`,
      );
    }
    if (notPassed.length > MAX_LISTED)
      out.push("", `…and ${notPassed.length - MAX_LISTED} more (see the JUnit report).`);
    out.push("");
  }
  if (verdict.metrics.length > 0) {
    out.push(
      "### Custom metrics",
      "",
      "| Metric | Measure | Value | At least | |",
      "| --- | --- | ---: | ---: | --- |",
    );
    for (const gate of verdict.metrics) {
      const show = (n: number) =>
        gate.measure === "pass-rate" ? percent(n) : String(Math.round(n * 100) / 100);
      out.push(
        `| ${cell(gate.metric)} | ${gate.measure} over ${gate.graded} | ${gate.value === null ? "—" : show(gate.value)} | ${show(gate.min)} | ${gate.ok ? "✅" : "❌"} |`,
      );
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}
