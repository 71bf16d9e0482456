// The JUnit XML report (`--junit FILE`), as CI systems read it (GitHub's test reporters, GitLab,
// Jenkins, …): a test suite per run, a test case per digital human. A call that failed is a
// `<failure>` carrying why (the evaluation's reasoning, each failing metric's); one that did not
// complete is a `<failure>` too, since it counts against the pass rate; one that could not be judged
// (out of funds, never evaluated, still going) is an `<error>`.
import type { CallReport, RunReport } from "../judge";
import type { TestReport } from "../test-report";
import { countsOf, runTitle, why } from "./format";

/** Text as XML takes it in an attribute or an element: escaped, and without characters XML 1.0 forbids. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/** What a test case prints: the evaluation, each metric's grade, where the recording is. */
function details(call: CallReport): string {
  const lines = [`Status: ${call.status}`];
  if (call.goalReasoning) lines.push(`Evaluation: ${call.goalReasoning}`);
  for (const m of call.metrics) {
    lines.push(`Metric ${m.name} (${m.responseType}): ${m.value}${m.reasoning ? ` (${m.reasoning})` : ""}`);
  }
  if (call.transcriptUrl) lines.push(`Transcript: ${call.transcriptUrl}`);
  if (call.audioUrl) lines.push(`Audio: ${call.audioUrl}`);
  if (call.simulationResultId !== undefined) lines.push(`Simulation result: ${call.simulationResultId}`);
  return lines.join("\n");
}

function testCase(run: RunReport, call: CallReport): string {
  const open = `    <testcase classname="${xml(`bluejay.simulation.${run.simulationId}`)}" name="${xml(`${call.name} (digital human ${call.digitalHumanId})`)}" time="${seconds(call.durationMs)}"`;
  const message = why(call);
  const body: string[] = [];
  if (call.verdict === "failed" || call.verdict === "incomplete") {
    const type = call.verdict === "failed" ? "FAILED" : call.status;
    body.push(
      `      <failure message="${xml(message)}" type="${xml(type)}">${xml(call.reasons.join("\n"))}</failure>`,
    );
  } else if (call.verdict === "unjudged") {
    body.push(
      `      <error message="${xml(message)}" type="${xml(call.status)}">${xml(call.reasons.join("\n"))}</error>`,
    );
  }
  body.push(`      <system-out>${xml(details(call))}</system-out>`);
  return [`${open}>`, ...body, "    </testcase>"].join("\n");
}

function testSuite(run: RunReport, timestamp: string): string {
  const counts = countsOf(run);
  const properties = [
    ["simulation_id", String(run.simulationId)],
    ["simulation_run_id", String(run.simulationRunId)],
    ["agent", `${run.agentName} (${run.agentId})`],
    ["queue", run.queue],
    ["status", run.status],
  ]
    .map(([name, value]) => `      <property name="${xml(name!)}" value="${xml(value!)}"/>`)
    .join("\n");
  return [
    `  <testsuite name="${xml(runTitle(run))}" tests="${run.calls.length}" failures="${counts.failed + counts.incomplete}" errors="${counts.unjudged}" skipped="0" time="${seconds(run.elapsedMs)}" timestamp="${xml(timestamp)}">`,
    `    <properties>\n${properties}\n    </properties>`,
    ...run.calls.map((call) => testCase(run, call)),
    "  </testsuite>",
  ].join("\n");
}

export function renderJunit(report: TestReport): string {
  const all = report.runs.map(countsOf);
  const sum = (key: keyof ReturnType<typeof countsOf>) => all.reduce((n, c) => n + c[key], 0);
  const tests = report.runs.reduce((n, r) => n + r.calls.length, 0);
  const timestamp = report.startedAt.replace(/\.\d+Z$/, "Z");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Bluejay simulations" tests="${tests}" failures="${sum("failed") + sum("incomplete")}" errors="${sum("unjudged")}" time="${seconds(report.durationMs)}" timestamp="${xml(timestamp)}">`,
    ...report.runs.map((run) => testSuite(run, timestamp)),
    "</testsuites>",
    "",
  ].join("\n");
}
