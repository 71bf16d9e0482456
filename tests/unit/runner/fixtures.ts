// Judged runs and Bluejay results made by hand, for the pure parts of the runner (judging, the gate,
// the reports, the arguments).
import type { SimulationResult } from "../../../provider/runs/api";
import type { WireEvaluation } from "../../../provider/runs/wire";
import type { CallReport, RunReport } from "../../../provider/runner/judge";
import type { TestReport } from "../../../provider/runner/test-report";
import { judgeGate } from "../../../provider/runner/gate";

/** A result of one call as `client.simulationRuns.results` answers it. */
export function result(
  digitalHumanId: number,
  fields: Partial<SimulationResult> = {},
  evaluation: Partial<WireEvaluation> | null = { goal_success: true, goal_reasoning: "Refund offered." },
): SimulationResult {
  return {
    simulationResultId: digitalHumanId + 100,
    digitalHumanId,
    status: "COMPLETED",
    duration: 42_000,
    evaluations:
      evaluation === null
        ? null
        : [
            {
              agent_speak_percentage: 50,
              avg_agent_latency: 800,
              created_at: "2026-12-01T10:00:00Z",
              ...evaluation,
            },
          ],
    ...fields,
  } as SimulationResult;
}

export function call(
  digitalHumanId: number,
  verdict: CallReport["verdict"],
  more: Partial<CallReport> = {},
): CallReport {
  return {
    digitalHumanId,
    name: `Caller ${digitalHumanId}`,
    status: verdict === "incomplete" ? "INCOMPLETED" : "COMPLETED",
    verdict,
    reasons: verdict === "passed" ? [] : [`Caller ${digitalHumanId} did not pass.`],
    metrics: [],
    ...more,
  };
}

export function run(calls: CallReport[], more: Partial<RunReport> = {}): RunReport {
  return {
    simulationId: 1,
    simulationName: "Nightly regression",
    agentId: 3,
    agentName: "Support bot",
    queue: "voice",
    simulationRunId: 17,
    status: "COMPLETED",
    ended: true,
    elapsedMs: 95_000,
    calls,
    ...more,
  };
}

export function report(runs: RunReport[], more: Partial<TestReport> = {}, minPassRate = 1): TestReport {
  return {
    verdict: judgeGate({ runs, minPassRate, metrics: [], timeoutMs: 1_800_000 }),
    runs,
    skipped: [],
    startedAt: "2026-12-01T10:00:00.000Z",
    durationMs: 97_000,
    settings: { minPassRate, metrics: [], timeoutMs: 1_800_000 },
    stats: { rounds: 4, polls: 4, failedPolls: 0, requests: 12 },
    ...more,
  };
}
