// Waits for queued runs to end. Each round reads the runs of every simulation that still has one
// going (one request per simulation, whatever the number of its runs or calls), then pauses; the
// pause starts at `pollIntervalMs` and grows by half each round up to `maxPollIntervalMs`, since a
// run that has not ended after a minute will rarely end in the next second. Every request goes
// through the one client, so its rate limiter, retries and per-call budget apply; a poll that fails
// for a reason that may pass (no answer, 429, 5xx after the client's own retries) is tried again at
// the next round, while the whole wait stays within `timeoutMs`. When a run ends, its results are
// read at once.
import type { BluejayClient } from "../client/client";
import { BluejayApiError, BluejayNetworkError } from "../client/errors";
import type { SimulationResults } from "../runs/api";
import { FINAL_RUN_STATUSES, type SimulationRunStatus } from "../runs/wire";
import type { ProgressEvent, RunRef } from "./progress-events";
import type { QueuedRun } from "./queue";

/** What a run looked like at its last poll. */
export interface RunState {
  /** Bluejay's status, or QUEUED before the first poll saw it. */
  status: SimulationRunStatus | "QUEUED";
  /** Calls that have ended (completed or not). */
  ended: number;
  /** When a poll first saw it ended (this machine's clock). */
  endedAt?: number;
  results?: SimulationResults;
}

export interface WaitOptions {
  timeoutMs: number;
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}

export interface WaitOutcome {
  /** Each run's last state, by run id. */
  states: Map<number, RunState>;
  /** Why waiting stopped before every run ended. */
  stopped?: "timeout" | "interrupted";
  /** Rounds of polls made. */
  rounds: number;
  /** Requests that read runs' statuses (one per simulation per round). */
  polls: number;
  /** Polls that failed and were tried again. */
  failedPolls: number;
}

const FINAL: ReadonlySet<string> = new Set(FINAL_RUN_STATUSES);

export const isEnded = (state: RunState): boolean => FINAL.has(state.status);

/** Failures that may pass: the next round tries again. Anything else ends the wait. */
export function isTransient(error: unknown): boolean {
  if (error instanceof BluejayNetworkError) return true;
  return error instanceof BluejayApiError && (error.status === 429 || error.status >= 500);
}

export const refOf = (run: QueuedRun): RunRef => ({
  simulationId: run.simulationId,
  simulationName: run.simulationName,
  simulationRunId: run.simulationRunId,
  calls: run.callers.length,
});

/** Resolves after `ms`, or as soon as `signal` aborts (to true then). */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (aborted: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(aborted);
    };
    const onAbort = () => done(true);
    const timer = setTimeout(() => done(false), Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function waitForRuns(
  client: BluejayClient,
  runs: QueuedRun[],
  options: WaitOptions,
): Promise<WaitOutcome> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const tell = options.onProgress ?? (() => undefined);
  const outcome: WaitOutcome = {
    states: new Map(runs.map((r) => [r.simulationRunId, { status: "QUEUED", ended: 0 }])),
    rounds: 0,
    polls: 0,
    failedPolls: 0,
  };
  const state = (run: QueuedRun) => outcome.states.get(run.simulationRunId)!;
  // A run is waited for until it has ended and its results are read.
  const going = () => runs.filter((run) => !isEnded(state(run)) || !state(run).results);
  tell({ type: "waiting", runs: runs.map(refOf), timeoutMs: options.timeoutMs });

  /** Runs `read`; a failure that may pass is told and counted, and the next round tries again. */
  const attempt = async <T>(simulationId: number, read: () => Promise<T>, retryInMs: number) => {
    try {
      return await read();
    } catch (error) {
      if (!isTransient(error)) throw error;
      outcome.failedPolls++;
      const message = error instanceof Error ? error.message : String(error);
      tell({ type: "poll-failed", simulationId, message, retryInMs });
      return undefined;
    }
  };

  let interval = options.pollIntervalMs;
  while (going().length > 0) {
    const now = Date.now();
    if (now >= deadline) return { ...outcome, stopped: "timeout" };
    // The last pause is cut at the deadline, so one last poll sees the runs as they are then.
    if (await pause(Math.min(interval, deadline - now), options.signal)) {
      return { ...outcome, stopped: "interrupted" };
    }
    outcome.rounds++;
    const bySimulation = new Map<number, QueuedRun[]>();
    for (const run of going()) {
      bySimulation.set(run.simulationId, [...(bySimulation.get(run.simulationId) ?? []), run]);
    }
    await Promise.all(
      [...bySimulation].map(async ([simulationId, mine]) => {
        if (mine.some((run) => !isEnded(state(run)))) {
          outcome.polls++;
          const seen = await attempt(simulationId, () => client.simulationRuns.list(simulationId), interval);
          for (const run of seen ? mine : []) {
            const found = seen!.find((r) => r.simulationRunId === run.simulationRunId);
            if (!found || isEnded(state(run))) continue;
            const before = state(run);
            const ended = (found.testsCompleted ?? 0) + (found.testsIncompleted ?? 0);
            const after: RunState = { status: found.status, ended };
            outcome.states.set(run.simulationRunId, after);
            const elapsedMs = Date.now() - run.queuedAt;
            if (isEnded(after)) {
              after.endedAt = Date.now();
              tell({ type: "ended", run: refOf(run), status: found.status, elapsedMs });
            } else if (before.status !== after.status || before.ended !== after.ended) {
              tell({ type: "status", run: refOf(run), status: found.status, ended, elapsedMs });
            }
          }
        }
        // Each run that has ended is read once, as soon as a poll sees it end.
        for (const run of mine.filter((r) => isEnded(state(r)) && !state(r).results)) {
          const results = await attempt(
            simulationId,
            () => client.simulationRuns.results(run.simulationRunId),
            interval,
          );
          if (results) state(run).results = results;
        }
      }),
    );
    interval = Math.min(options.maxPollIntervalMs, Math.round(interval * 1.5));
  }
  return outcome;
}
