// `--json`: the whole report for machines, with a version to read it by.
import type { TestReport } from "../test-report";

/** Bumped when a field changes meaning or goes away; new fields keep it. */
export const JSON_REPORT_VERSION = 1;

export function renderJson(report: TestReport): string {
  return `${JSON.stringify({ version: JSON_REPORT_VERSION, ...report }, null, 2)}\n`;
}
