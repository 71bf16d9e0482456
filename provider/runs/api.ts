// Simulation runs, `client.simulationRuns`: queue a run of a simulation (voice, SMS or HTTP text,
// each its own Bluejay operation), list a simulation's runs, read a run's results. Runs are actions,
// not resources: Pulumi never manages them. Callers see camelCase results with whole-number ids,
// whatever text or numbers Bluejay sends them as; nested values (evaluations) keep Bluejay's shape.
import { z } from "zod";
import { defineAction, perform, type AnyActionSpec } from "../client/actions";
import { BluejayResponseError } from "../client/errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../client/mapping";
import type { Requester } from "../client/operations";
import { IntegerIdSchema, integerId } from "../client/wire";
import {
  WireQueueHttpTextRunSchema,
  WireQueueSmsRunSchema,
  WireQueueVoiceRunSchema,
  WireQueuedRunSchema,
  WireQueuedSmsRunSchema,
  WireSimulationResultsSchema,
  WireSimulationRunListSchema,
  type WireQueuedRun,
  type WireQueuedSmsRun,
  type WireRunOfResults,
  type WireSimulationResult,
  type WireSimulationRun,
} from "./wire";

/** The ids every queue takes as text, as the numbers they are. */
const ids = {
  simulationId: IntegerIdSchema,
  digitalHumanIds: z.array(IntegerIdSchema).min(1, "must name at least one digital human").optional(),
};

export const QueueVoiceRunInputSchema = camelSchema(WireQueueVoiceRunSchema)
  .omit({ simulationId: true, digitalHumanIds: true })
  .extend(ids);
export type QueueVoiceRunInput = z.input<typeof QueueVoiceRunInputSchema>;
export const QueueSmsRunInputSchema = camelSchema(WireQueueSmsRunSchema)
  .omit({ simulationId: true, digitalHumanIds: true })
  .extend(ids);
export type QueueSmsRunInput = z.input<typeof QueueSmsRunInputSchema>;
export const QueueHttpTextRunInputSchema = camelSchema(WireQueueHttpTextRunSchema)
  .omit({ simulationId: true, digitalHumanIds: true })
  .extend(ids);
export type QueueHttpTextRunInput = z.input<typeof QueueHttpTextRunInputSchema>;

/** A queued run: its id, one result id per digital human, and the simulation's agent. */
export interface QueuedRun {
  simulationRunId: number;
  simulationResultIds: number[];
  agentId: number;
  status?: string;
  /** SMS only: conversations ended because they overlapped this run (`terminateOverlappingSimulations`). */
  terminatedConversations?: Record<string, unknown>[];
}

/** A run as a simulation's list of runs shows it. */
export type SimulationRun = Omit<Camelized<WireSimulationRun>, "id" | "experimentId"> & {
  simulationRunId: number;
  simulationId: number;
};

/** One digital human's call in a run. */
export type SimulationResult = Omit<Camelized<WireSimulationResult>, "id"> & { simulationResultId: number };

/** A run as its results describe it: its status may be missing. */
export type RunOfResults = Omit<Camelized<WireRunOfResults>, "id" | "simulationId"> & {
  simulationRunId: number;
  simulationId: number;
};

/** A run and each of its calls. */
export interface SimulationResults {
  run: RunOfResults;
  results: SimulationResult[];
}

/** A whole-number id Bluejay sent as text; anything else is an answer the API does not promise. */
function wholeId(value: string | number, field: string, request: { method: string; path: string }): number {
  const id = integerId(value);
  if (id === undefined) {
    throw new BluejayResponseError(request, 200, [
      `${field}: must be a whole-number id (got ${JSON.stringify(value)})`,
    ]);
  }
  return id;
}

const textIds = ({
  simulationId,
  digitalHumanIds,
}: {
  simulationId: number;
  digitalHumanIds?: number[];
}) => ({
  simulation_id: String(simulationId),
  ...(digitalHumanIds === undefined ? {} : { digital_human_ids: digitalHumanIds.map(String) }),
});

function queued(answer: WireQueuedRun | WireQueuedSmsRun, path: string): QueuedRun {
  const request = { method: "POST", path };
  const terminated = "terminated_conversations" in answer ? answer.terminated_conversations : undefined;
  return {
    simulationRunId: wholeId(answer.simulation_run_id, "simulation_run_id", request),
    simulationResultIds: answer.simulation_result_ids.map((id, i) =>
      wholeId(id, `simulation_result_ids.${i}`, request),
    ),
    agentId: wholeId(answer.agent_id, "agent_id", request),
    ...(answer.status === undefined ? {} : { status: answer.status }),
    ...(terminated ? { terminatedConversations: terminated } : {}),
  };
}

function run(wire: WireSimulationRun): SimulationRun {
  const { id, experimentId, ...rest } = camelize(wire);
  return { ...rest, simulationRunId: id, simulationId: experimentId };
}

const QUEUE_VOICE = "/v1/queue-simulation-run";
const QUEUE_SMS = "/v1/queue-sms-simulation-run";
const QUEUE_HTTP_TEXT = "/v1/queue-http-text-simulation-run";
const RESULTS = "/v1/retrieve-simulation-results/{simulation_run_id}";

export const queueVoiceRun = defineAction({
  name: "simulationRuns.queue",
  method: "POST",
  path: QUEUE_VOICE,
  input: QueueVoiceRunInputSchema,
  wire: WireQueueVoiceRunSchema,
  body: ({ simulationId, digitalHumanIds, ...overrides }) => ({
    ...textIds({ simulationId, ...(digitalHumanIds ? { digitalHumanIds } : {}) }),
    ...snakeize(overrides),
  }),
  makes: "SimulationRun",
  answer: WireQueuedRunSchema,
  result: (answer) => queued(answer, QUEUE_VOICE),
});

export const queueSmsRun = defineAction({
  name: "simulationRuns.queueSms",
  method: "POST",
  path: QUEUE_SMS,
  input: QueueSmsRunInputSchema,
  wire: WireQueueSmsRunSchema,
  body: ({ simulationId, digitalHumanIds, ...overrides }) => ({
    ...textIds({ simulationId, ...(digitalHumanIds ? { digitalHumanIds } : {}) }),
    ...snakeize(overrides),
  }),
  makes: "SimulationRun",
  answer: WireQueuedSmsRunSchema,
  result: (answer) => queued(answer, QUEUE_SMS),
});

export const queueHttpTextRun = defineAction({
  name: "simulationRuns.queueHttpText",
  method: "POST",
  path: QUEUE_HTTP_TEXT,
  input: QueueHttpTextRunInputSchema,
  wire: WireQueueHttpTextRunSchema,
  body: ({ simulationId, digitalHumanIds, ...overrides }) => ({
    ...textIds({ simulationId, ...(digitalHumanIds ? { digitalHumanIds } : {}) }),
    ...snakeize(overrides),
  }),
  makes: "SimulationRun",
  answer: WireQueuedRunSchema,
  result: (answer) => queued(answer, QUEUE_HTTP_TEXT),
});

export const listRuns = defineAction({
  name: "simulationRuns.list",
  method: "GET",
  path: "/v1/get-simulation-runs/{simulation_id}",
  input: IntegerIdSchema,
  param: (simulationId) => simulationId,
  resource: (simulationId) => ({ kind: "simulation", id: String(simulationId) }),
  answer: WireSimulationRunListSchema,
  result: (answer): SimulationRun[] => (answer.simulation_runs ?? []).map(run),
});

export const readResults = defineAction({
  name: "simulationRuns.results",
  method: "GET",
  path: RESULTS,
  input: IntegerIdSchema,
  param: (simulationRunId) => simulationRunId,
  resource: (simulationRunId) => ({ kind: "simulation run", id: String(simulationRunId) }),
  answer: WireSimulationResultsSchema,
  result: (answer, simulationRunId): SimulationResults => {
    const request = { method: "GET", path: RESULTS.replace("{simulation_run_id}", String(simulationRunId)) };
    const { id, simulationId, ...rest } = camelize(answer.simulation_run);
    return {
      run: {
        ...rest,
        simulationRunId: wholeId(id, "simulation_run.id", request),
        simulationId: wholeId(simulationId, "simulation_run.simulation_id", request),
      },
      results: (answer.simulation_results ?? []).map((result) => {
        const { id: resultId, ...fields } = camelize(result);
        return { ...fields, simulationResultId: resultId };
      }),
    };
  },
});

/** Every run operation, for code that reads them as data (the contract test). */
export const RUN_ACTIONS: readonly AnyActionSpec[] = [
  queueVoiceRun,
  queueSmsRun,
  queueHttpTextRun,
  listRuns,
  readResults,
];

/** `client.simulationRuns`. */
export class SimulationRuns {
  constructor(private readonly requests: Requester) {}

  /**
   * Queues a run of a voice agent's simulation (`POST /v1/queue-simulation-run`): every digital
   * human of it, or `digitalHumanIds`. A lost answer throws `BluejayAmbiguousCreateError`: the run
   * may have been queued (see `list`).
   */
  queue(input: QueueVoiceRunInput): Promise<QueuedRun> {
    return perform(this.requests, queueVoiceRun, input);
  }

  /** Queues a run of an SMS agent's simulation (`POST /v1/queue-sms-simulation-run`). */
  queueSms(input: QueueSmsRunInput): Promise<QueuedRun> {
    return perform(this.requests, queueSmsRun, input);
  }

  /** Queues a run of an HTTP text agent's simulation (`POST /v1/queue-http-text-simulation-run`). */
  queueHttpText(input: QueueHttpTextRunInput): Promise<QueuedRun> {
    return perform(this.requests, queueHttpTextRun, input);
  }

  /** Every run of a simulation, with its status and counts. */
  list(simulationId: number): Promise<SimulationRun[]> {
    return perform(this.requests, listRuns, simulationId);
  }

  /** A run and each digital human's call in it, evaluations included. */
  results(simulationRunId: number): Promise<SimulationResults> {
    return perform(this.requests, readResults, simulationRunId);
  }
}
