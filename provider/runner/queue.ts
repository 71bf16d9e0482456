// Queues each planned run through its agent's queue, one after another. Bluejay has no idempotency
// key, so a queue whose answer was lost is never blindly sent again: the simulation's runs are read,
// and a run that appeared since the request left is taken as the one it made; none means it was not
// queued, so it is sent again (at most twice more); several cannot be told apart, and the error names them.
import type { BluejayClient } from "../client/client";
import { BluejayAmbiguousCreateError } from "../client/errors";
import type { QueuedRun as QueueAnswer } from "../runs/api";
import { BluejayAmbiguousRunError } from "./errors";
import type { ParsedRunOptions } from "./options";
import type { PlannedRun, QueueKind } from "./plan";

/** A run queued in Bluejay. */
export interface QueuedRun extends PlannedRun {
  simulationRunId: number;
  /** When it was queued (or found), this machine's clock, ms since the epoch. */
  queuedAt: number;
}

/** `Date` headers have whole seconds: a run made by the lost request may look up to this much older. */
const CLOCK_SLACK_MS = 2_000;
const MAX_SENDS = 3;

function send(client: BluejayClient, queue: QueueKind, input: Record<string, unknown>): Promise<QueueAnswer> {
  // Each queue's input schema checks the input before it is sent; planRuns has already kept out
  // the overrides a queue does not take.
  const runs = client.simulationRuns;
  if (queue === "sms") return runs.queueSms(input as Parameters<typeof runs.queueSms>[0]);
  if (queue === "http_text") return runs.queueHttpText(input as Parameters<typeof runs.queueHttpText>[0]);
  return runs.queue(input as Parameters<typeof runs.queue>[0]);
}

/** The runs of a simulation that appeared since `sentAt` and that no other queue of this process got. */
async function newRunsSince(
  client: BluejayClient,
  simulationId: number,
  sentAt: number,
  claimed: ReadonlySet<number>,
): Promise<number[]> {
  const runs = await client.simulationRuns.list(simulationId);
  const since = sentAt + (client.serverClockSkewMs ?? 0) - CLOCK_SLACK_MS;
  return runs
    .filter((r) => Date.parse(r.createdAt) >= since && !claimed.has(r.simulationRunId))
    .map((r) => r.simulationRunId);
}

async function queueOne(
  client: BluejayClient,
  run: PlannedRun,
  overrides: ParsedRunOptions["overrides"],
  claimed: ReadonlySet<number>,
): Promise<number> {
  const input: Record<string, unknown> = {
    ...overrides,
    simulationId: run.simulationId,
    ...(run.subset ? { digitalHumanIds: run.callers.map((c) => c.digitalHumanId) } : {}),
  };
  for (let sends = 1; ; sends++) {
    const sentAt = Date.now();
    try {
      return (await send(client, run.queue, input)).simulationRunId;
    } catch (error) {
      if (!(error instanceof BluejayAmbiguousCreateError)) throw error;
      const found = await newRunsSince(client, run.simulationId, sentAt, claimed);
      if (found.length === 1) return found[0]!;
      if (found.length > 1) throw new BluejayAmbiguousRunError(run.simulationId, found, { cause: error });
      if (sends >= MAX_SENDS) throw error;
    }
  }
}

/**
 * Queues the runs in order. A failure stops the queueing: the runs already queued are handed back
 * with the error, since they go on in Bluejay and the report must name them. So does `signal`
 * (Ctrl-C): no further run is queued.
 */
export async function queueRuns(
  client: BluejayClient,
  plan: PlannedRun[],
  overrides: ParsedRunOptions["overrides"],
  onQueued: (run: QueuedRun) => void = () => undefined,
  signal?: AbortSignal,
): Promise<{ queued: QueuedRun[]; error?: Error }> {
  const queued: QueuedRun[] = [];
  const claimed = new Set<number>();
  for (const run of plan) {
    if (signal?.aborted) break;
    try {
      const simulationRunId = await queueOne(client, run, overrides, claimed);
      claimed.add(simulationRunId);
      const made = { ...run, simulationRunId, queuedAt: Date.now() };
      queued.push(made);
      onQueued(made);
    } catch (error) {
      return { queued, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
  return { queued };
}
