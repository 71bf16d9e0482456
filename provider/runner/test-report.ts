// What `runSimulations` answers and every report is drawn from: the verdict, each run with each
// call judged, what was skipped, and figures of the wait.
import type { Verdict } from "./gate";
import type { RunReport } from "./judge";
import type { MetricThreshold } from "./options";
import type { Skipped } from "./plan";

export interface TestReport {
  verdict: Verdict;
  runs: RunReport[];
  /** Simulations that did not run, and why (no digital humans, none of --digital-human). */
  skipped: Skipped[];
  /** When the command started (ISO 8601). */
  startedAt: string;
  durationMs: number;
  settings: { minPassRate: number; metrics: MetricThreshold[]; timeoutMs: number };
  stats: {
    /** Rounds of polls. */
    rounds: number;
    /** Requests that read runs' statuses (one per simulation per round). */
    polls: number;
    /** Polls that failed for a reason that may pass, and were tried again. */
    failedPolls: number;
    /** Every HTTP attempt the client made, retries included: planning, queueing, polling, results. */
    requests: number;
  };
}
