// `runSimulations` and what it answers: the library form of `pulumi-bluejay test`.
export { runSimulations } from "./run";
export {
  RunSimulationsOptionsSchema,
  RunOverridesSchema,
  type RunSimulationsOptions,
  type RunOverrides,
  type MetricThreshold,
} from "./options";
export type { TestReport } from "./test-report";
export type { Verdict, ExitCode, PassRate, MetricGate, UnjudgedCause } from "./gate";
export type { RunReport, CallReport, CallVerdict, MetricGrade } from "./judge";
export type { ProgressEvent, RunRef } from "./progress-events";
export type { QueueKind, Skipped } from "./plan";
export { BluejayTestConfigError, BluejayStackError, BluejayAmbiguousRunError } from "./errors";
export { renderTable } from "./report/table";
export { renderJunit } from "./report/junit";
export { renderMarkdown } from "./report/markdown";
export { renderJson } from "./report/json";
