#!/usr/bin/env node
// `pulumi-bluejay`: the package's command. `pulumi-bluejay test` runs a stack's simulations (or some
// by id), waits for them, reports every digital human's call, and exits with the gate's verdict:
//
//   npx pulumi-bluejay test --stack pr-42 --min-pass-rate 90% --junit bluejay.xml
//
// Progress goes to stderr and the report to stdout (`--json`: the report as JSON; the table then
// goes to stderr). The first Ctrl-C stops waiting and leaves the runs going in Bluejay, naming them;
// a second one exits at once.
import * as fs from "fs";
import * as path from "path";
import { BluejayError } from "../client/errors";
import { parseCommandLine } from "./args";
import { progressDisplay } from "./progress";
import { renderJson } from "./report/json";
import { renderJunit } from "./report/junit";
import { renderMarkdown } from "./report/markdown";
import { renderTable } from "./report/table";
import { runSimulations } from "./run";

function write(file: string, text: string, append = false): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (append) fs.appendFileSync(file, text);
  else fs.writeFileSync(file, text);
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof BluejayError)) throw error;
    process.stderr.write(`pulumi-bluejay: ${error.message}\n`);
    if (!error.message.includes("Usage:"))
      process.stderr.write(`Run \`npx pulumi-bluejay test --help\` for the options.\n`);
    return 2;
  }
  if (parsed.command === "help") {
    process.stdout.write(`${parsed.text}\n`);
    return 0;
  }

  const interrupt = new AbortController();
  const display = progressDisplay(process.stderr);
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130);
    display.note("Stopping: the runs queued go on in Bluejay (Ctrl-C again to quit at once).");
    interrupt.abort();
  };
  process.on("SIGINT", onSigint);
  let report;
  try {
    report = await runSimulations({
      ...parsed.options,
      onProgress: (e) => display.onEvent(e),
      signal: interrupt.signal,
    });
  } finally {
    display.stop();
    process.off("SIGINT", onSigint);
  }

  const width = process.stdout.columns ?? 120;
  if (parsed.outputs.json) {
    process.stderr.write(`\n${renderTable(report, process.stderr.columns ?? 120)}`);
    process.stdout.write(renderJson(report));
  } else {
    process.stdout.write(`\n${renderTable(report, width)}`);
  }
  const written: string[] = [];
  if (parsed.outputs.junit) {
    write(parsed.outputs.junit, renderJunit(report));
    written.push(`JUnit report: ${parsed.outputs.junit}`);
  }
  const summary = parsed.outputs.summary ?? process.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    // GitHub's step summary is shared by a job's steps: append to it; a file named with --summary is ours.
    write(summary, renderMarkdown(report), parsed.outputs.summary === undefined);
    written.push(`Markdown summary: ${summary}`);
  }
  if (written.length > 0) process.stderr.write(`${written.join("\n")}\n`);
  return report.verdict.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A bug, not a verdict: say so, and exit 2 (could not judge).
    process.stderr.write(
      `pulumi-bluejay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
