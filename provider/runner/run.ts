// `runSimulations`: what `pulumi-bluejay test` does, as a function. It reads what to run (simulation
// ids, a stack's Simulations, or runs already queued), plans every run before queueing any, queues
// them, waits for them to end, judges each call and the gate, and answers a report with the verdict.
// It does not throw for what goes wrong in Bluejay, the stack or the options: the verdict says it
// (exit code 2), and names the runs left going.
import { BluejayClient } from "../client/client";
import { BluejayError } from "../client/errors";
import { resolveClientOptions, type ConfigSource } from "../config";
import { BluejayTestConfigError } from "./errors";
import { judgeGate, type GateInput } from "./gate";
import { judgeRun, type RunReport } from "./judge";
import { parseRunOptions, type ParsedRunOptions, type RunSimulationsOptions } from "./options";
import { findRuns, planRuns, type Skipped } from "./plan";
import { queueRuns, type QueuedRun } from "./queue";
import { readStack } from "./stack";
import type { TestReport } from "./test-report";
import { isEnded, refOf, waitForRuns, type RunState, type WaitOutcome } from "./wait";
import { SIMULATION_TYPE } from "../kinds/simulation";

/** Everything one test run learns, whatever stops it. */
interface Progress {
  parsed?: ParsedRunOptions;
  client?: BluejayClient;
  /** The client's attempts before this run, so the figures count only its own. */
  attemptsBefore?: number;
  queued: QueuedRun[];
  skipped: Skipped[];
  wait?: WaitOutcome;
}

/** The simulations of the options, and the stack's config when they come from a stack. */
async function simulationsToRun(
  parsed: ParsedRunOptions,
  env: NodeJS.ProcessEnv,
): Promise<{ ids: number[]; config?: ConfigSource }> {
  if (!parsed.stack) return { ids: parsed.simulationIds ?? [] };
  const cwd = parsed.cwd ?? process.cwd();
  const stack = await readStack(parsed.stack, cwd, env);
  if (stack.simulations.length === 0) {
    throw new BluejayTestConfigError(
      "--stack",
      `Stack ${parsed.stack} (in ${cwd}) has no Simulation resources (${SIMULATION_TYPE}): nothing to run. ` +
        "Run `pulumi up` first, or name simulations with --simulation.",
    );
  }
  return { ids: stack.simulations.map((s) => s.simulationId), config: stack.config };
}

async function work(options: RunSimulationsOptions, progress: Progress): Promise<void> {
  const { client: given, onProgress, signal, env = process.env, ...data } = options;
  const parsed = (progress.parsed = parseRunOptions(data));
  const tell = onProgress ?? (() => undefined);
  const { ids, config } = parsed.runIds ? { ids: [] } : await simulationsToRun(parsed, env);
  const client = (progress.client = given ?? new BluejayClient(resolveClientOptions(config, env)));
  progress.attemptsBefore = client.attempts;

  if (parsed.runIds) {
    progress.queued = await findRuns(client, parsed.runIds);
    for (const run of progress.queued) tell({ type: "queued", run: refOf(run) });
  } else {
    const plan = await planRuns(client, ids, parsed);
    progress.skipped = plan.skipped;
    const { queued, error } = await queueRuns(
      client,
      plan.runs,
      parsed.overrides,
      (run) => tell({ type: "queued", run: refOf(run) }),
      signal,
    );
    progress.queued = queued;
    if (error) throw error;
  }
  progress.wait = await waitForRuns(client, progress.queued, {
    timeoutMs: parsed.timeoutMs,
    pollIntervalMs: parsed.pollIntervalMs,
    maxPollIntervalMs: parsed.maxPollIntervalMs,
    signal,
    onProgress: tell,
  });
  if (progress.wait.stopped === "timeout") {
    // What had ended by then is still worth reporting; a failure to read it changes nothing.
    for (const run of progress.queued) {
      const state = progress.wait.states.get(run.simulationRunId)!;
      if (state.results) continue;
      const results = await client.simulationRuns.results(run.simulationRunId).catch(() => undefined);
      if (results) state.results = results;
    }
  }
}

function reportOf(run: QueuedRun, state: RunState | undefined, now: number): RunReport {
  const ended = state !== undefined && isEnded(state);
  const elapsedMs = (state?.endedAt ?? now) - run.queuedAt;
  return judgeRun(run, state?.status ?? "QUEUED", ended, elapsedMs, state?.results?.results);
}

/**
 * Runs simulations, waits for them and judges the result: the library form of `pulumi-bluejay
 * test`, with the same verdict (`report.verdict.exitCode`: 0 passed, 1 the gate failed, 2 could not
 * be judged, 130 interrupted).
 */
export async function runSimulations(options: RunSimulationsOptions): Promise<TestReport> {
  const started = Date.now();
  const progress: Progress = { queued: [], skipped: [] };
  let error: Error | undefined;
  try {
    await work(options, progress);
  } catch (caught) {
    // A bug is thrown as it is; what Bluejay, the stack or the options did is the verdict's to tell.
    if (!(caught instanceof BluejayError)) throw caught;
    error = caught;
  } finally {
    if (!options.client) progress.client?.close();
  }
  const now = Date.now();
  const runs = progress.queued.map((run) =>
    reportOf(run, progress.wait?.states.get(run.simulationRunId), now),
  );
  const settings = {
    minPassRate: progress.parsed?.minPassRate ?? 1,
    metrics: progress.parsed?.metrics ?? [],
    timeoutMs: progress.parsed?.timeoutMs ?? 0,
  };
  const gate: GateInput = { runs, ...settings };
  if (progress.wait?.stopped) gate.stopped = progress.wait.stopped;
  if (error) gate.error = error;
  return {
    verdict: judgeGate(gate),
    runs,
    skipped: progress.skipped,
    startedAt: new Date(started).toISOString(),
    durationMs: now - started,
    settings,
    stats: {
      rounds: progress.wait?.rounds ?? 0,
      polls: progress.wait?.polls ?? 0,
      failedPolls: progress.wait?.failedPolls ?? 0,
      requests: (progress.client?.attempts ?? 0) - (progress.attemptsBefore ?? 0),
    },
  };
}
