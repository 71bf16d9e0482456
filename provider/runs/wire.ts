// zod schemas for Bluejay's simulation-run operations (snake_case), as its OpenAPI description gives
// them: the three queues (`POST /v1/queue-simulation-run` for voice agents,
// `POST /v1/queue-sms-simulation-run`, `POST /v1/queue-http-text-simulation-run`), the runs of a
// simulation (`GET /v1/get-simulation-runs/{simulation_id}`) and a run's results
// (`GET /v1/retrieve-simulation-results/{simulation_run_id}`). Request schemas are strict; response
// schemas accept extra fields.
//
// The traps: every id a queue takes or answers is *text* (`simulation_id`, `digital_human_ids`,
// `simulation_run_id`, `agent_id`), while the runs list answers them as integers (`id`,
// `experiment_id`: the simulation) and the results answer the run's as text again; the voice and SMS
// queues check `prompt_id` and `knowledge_base_id` as UUIDs, the HTTP text queue takes any string;
// a run's status is an enum (`SimulationRunStatus`) but a result's is declared as any string, though
// Bluejay's webhooks name its values (`TestResultStatus`); a result's verdict is only inside its
// `evaluations` (`goal_success`, and each custom metric's `response_value` as text).
import { z } from "zod";
import { DateTimeSchema, FreeObjectSchema, UUID_RE } from "../client/wire";

/** `SimulationRunStatus`: where a run is. */
export const SIMULATION_RUN_STATUSES = [
  "INITIALIZING",
  "RUNNING",
  "COMPLETED",
  "INCOMPLETED",
  "INSUFFICIENT_FUNDS",
] as const;
export const SimulationRunStatusSchema = z.enum(SIMULATION_RUN_STATUSES);
export type SimulationRunStatus = z.infer<typeof SimulationRunStatusSchema>;

/** The statuses a run does not leave. */
export const FINAL_RUN_STATUSES: readonly SimulationRunStatus[] = [
  "COMPLETED",
  "INCOMPLETED",
  "INSUFFICIENT_FUNDS",
];

/** `TestResultStatus`: where one digital human's call is (what Bluejay's webhooks name). */
export const TEST_RESULT_STATUSES = [
  "INITIALIZING",
  "QUEUED",
  "READY",
  "DISPATCHED",
  "RUNNING",
  "CONVERSATION_ENDED",
  "EVALUATING",
  "COMPLETED",
  "INCOMPLETED",
  "REJECTED",
  "INSUFFICIENT_FUNDS",
] as const;
export const TestResultStatusSchema = z.enum(TEST_RESULT_STATUSES);
export type TestResultStatus = z.infer<typeof TestResultStatusSchema>;

/** The statuses a call does not leave. */
export const FINAL_RESULT_STATUSES: readonly TestResultStatus[] = [
  "COMPLETED",
  "INCOMPLETED",
  "REJECTED",
  "INSUFFICIENT_FUNDS",
];

const uuid = z.string().regex(UUID_RE, "must be a UUID");
const text = z.string().nullable().optional();
const free = FreeObjectSchema.nullable().optional();

/** What every queue takes: the simulation, and optionally versions to test and a subset of callers. */
const queueShape = {
  /** The simulation's integer id, *as text*. */
  simulation_id: z.string(),
  /** Digital humans' integer ids, *as text*; absent: every digital human of the simulation. */
  digital_human_ids: z.array(z.string()).nullable().optional(),
};

/** `src__main__SimulationRunRequest` (the body of `POST /v1/queue-simulation-run`: voice agents). */
export const WireQueueVoiceRunSchema = z
  .object({
    ...queueShape,
    prompt_id: uuid.nullable().optional(),
    knowledge_base_id: uuid.nullable().optional(),
    /** Overrides the agent's phone number for this run. */
    phone_number: text,
    /** Overrides the agent's SIP URI for this run. */
    sip_uri: text,
    /** `""` runs LiveKit's default agent. */
    livekit_agent_name: text,
    /** Passed to the LiveKit room. */
    livekit_metadata: free,
    pipecat_agent_name: text,
    pipecat_agent_configuration: free,
    pipecat_room_properties: free,
  })
  .strict();
export type WireQueueVoiceRun = z.infer<typeof WireQueueVoiceRunSchema>;

/** `src__text_agents__sms_text_agent_api__SimulationRunRequest` (`POST /v1/queue-sms-simulation-run`). */
export const WireQueueSmsRunSchema = z
  .object({
    ...queueShape,
    prompt_id: uuid.nullable().optional(),
    knowledge_base_id: uuid.nullable().optional(),
    /** Default false: end conversations in flight between the same two numbers first. */
    terminate_overlapping_simulations: z.boolean().nullable().optional(),
  })
  .strict();
export type WireQueueSmsRun = z.infer<typeof WireQueueSmsRunSchema>;

/** `HttpSimulationRunRequest` (`POST /v1/queue-http-text-simulation-run`): its ids are any text. */
export const WireQueueHttpTextRunSchema = z
  .object({
    ...queueShape,
    prompt_id: text,
    knowledge_base_id: text,
  })
  .strict();
export type WireQueueHttpTextRun = z.infer<typeof WireQueueHttpTextRunSchema>;

/** What every queue answers (`src__main__SimulationRunResponse`, `HttpSimulationRunResponse`). */
const queuedShape = {
  /** The new run's integer id, as text. */
  simulation_run_id: z.string(),
  /** One result per digital human, their integer ids as text. */
  simulation_result_ids: z.array(z.string()),
  /** The simulation's agent, as text. */
  agent_id: z.string(),
  /** Default "success". */
  status: z.string().optional(),
};
export const WireQueuedRunSchema = z.object(queuedShape);
export type WireQueuedRun = z.infer<typeof WireQueuedRunSchema>;

/** `src__text_agents__sms_text_agent_api__SimulationRunResponse`: also the conversations it ended. */
export const WireQueuedSmsRunSchema = z.object({
  ...queuedShape,
  terminated_conversations: z.array(FreeObjectSchema).nullable().optional(),
});
export type WireQueuedSmsRun = z.infer<typeof WireQueuedSmsRunSchema>;

const count = z.number().int().nullable().optional();

/** `SimulationRunRes`: one run, as the runs of a simulation list it. */
export const WireSimulationRunSchema = z.object({
  id: z.number().int(),
  /** The simulation (Bluejay's older name for it: experiment). */
  experiment_id: z.number().int(),
  summary: text,
  tests_passed: count,
  tests_failed: count,
  total_tests: count,
  tests_completed: count,
  tests_incompleted: count,
  curr_step_id: count,
  created_at: DateTimeSchema,
  status: SimulationRunStatusSchema,
  phone_number: text,
});
export type WireSimulationRun = z.infer<typeof WireSimulationRunSchema>;

/** `GetSimulationRunsResponse`: `simulation_runs` is not even required. */
export const WireSimulationRunListSchema = z.object({
  simulation_runs: z.array(WireSimulationRunSchema).optional(),
});
export type WireSimulationRunList = z.infer<typeof WireSimulationRunListSchema>;

/** `SimulationRunResultResponse`: the run, as its results describe it (ids as text here). */
export const WireRunOfResultsSchema = z.object({
  id: z.string(),
  simulation_id: z.string(),
  summary: text,
  status: SimulationRunStatusSchema.nullable().optional(),
  total_tests: count,
  tests_passed: count,
  tests_failed: count,
  tests_completed: count,
  tests_incompleted: count,
  created_at: DateTimeSchema,
});
export type WireRunOfResults = z.infer<typeof WireRunOfResultsSchema>;

const number = z.number().nullable().optional();

/** `Latency`: every figure defaults to 0. */
export const WireLatencySchema = z.object({
  avg_agent_latency: number,
  max_agent_latency: number,
  p50_agent_latency: number,
  p90_agent_latency: number,
  p95_agent_latency: number,
  p99_agent_latency: number,
});

/** `FillerIgnoredLatency`: every figure defaults to 0. */
export const WireFillerIgnoredLatencySchema = z.object({
  avg_filler_ignored_latency: number,
  p50_filler_ignored_latency: number,
  p90_filler_ignored_latency: number,
  p95_filler_ignored_latency: number,
  p99_filler_ignored_latency: number,
});

/** `src__models__api_custom_metric__CustomMetric`: one custom metric's grade of one call. */
export const WireMetricGradeSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** `pass_fail`, `yes_no`, `quantitative`, …: declared as any text here. */
  response_type: z.string(),
  /** The grade, always as text: `pass`, `no`, `4`, … */
  response_value: z.string(),
  reasoning: text,
  min_value: number,
  max_value: number,
  category: text,
  tags: z.array(z.string()).nullable().optional(),
  scoring_guidance: text,
  enum_options: z.array(z.string()).nullable().optional(),
});
export type WireMetricGrade = z.infer<typeof WireMetricGradeSchema>;

/** `Evaluation`: how one call was graded. */
export const WireEvaluationSchema = z.object({
  id: z.string().optional(),
  created_at: DateTimeSchema.optional(),
  hallucination: z.boolean().nullable().optional(),
  hallucination_reasoning: text,
  redundancy: z.boolean().nullable().optional(),
  redundancy_reasoning: text,
  /** Required, but may be null. */
  agent_speak_percentage: z.number().nullable(),
  /** Required, but may be null. */
  avg_agent_latency: z.number().nullable(),
  latency: WireLatencySchema.nullable().optional(),
  filler_ignored_latency: WireFillerIgnoredLatencySchema.nullable().optional(),
  num_turns: count,
  call_summary: text,
  custom_evals: z
    .union([z.array(z.unknown()), FreeObjectSchema])
    .nullable()
    .optional(),
  custom_evals_success_rate: number,
  /** Whether the digital human's success criteria were met: the call's verdict. */
  goal_success: z.boolean().nullable().optional(),
  goal_reasoning: text,
  pronunciation_score: number,
  pronunciation_reasoning: text,
  custom_metrics: z.array(WireMetricGradeSchema).nullable().optional(),
});
export type WireEvaluation = z.infer<typeof WireEvaluationSchema>;

/** `Event`: something that happened during a call. */
export const WireEventSchema = z.object({
  title: z.string(),
  start_offset_ms: z.number().int(),
  description: text,
  end_offset_ms: count,
  tags: z.array(z.string()).nullable().optional(),
  metadata: free,
});

/** `ExpectedToolCallDetail`, `ActualToolCallDetail` and `ToolCallComparisonGroup`. */
export const WireToolCallGroupSchema = z.object({
  name: z.string(),
  expected: z.array(z.object({ parameters: free, output: z.unknown().optional() })).optional(),
  actual: z
    .array(z.object({ parameters: free, output: z.unknown().optional(), start_offset_ms: count }))
    .optional(),
});

/** `SimulationResultResponse`: one digital human's call in a run. */
export const WireSimulationResultSchema = z.object({
  id: z.number().int(),
  digital_human_id: z.number().int(),
  /** Free-form (deprecated in the webhooks: the evaluations carry the verdict). */
  result: free,
  /** Milliseconds. */
  duration: count,
  start_time: DateTimeSchema.nullable().optional(),
  end_time: DateTimeSchema.nullable().optional(),
  custom_metrics: z
    .union([FreeObjectSchema, z.array(z.unknown())])
    .nullable()
    .optional(),
  /** A `TestResultStatus` value, declared as any text. */
  status: text,
  latency: z
    .union([FreeObjectSchema, z.array(z.unknown())])
    .nullable()
    .optional(),
  events: z.array(WireEventSchema).nullable().optional(),
  transcript_url: text,
  audio_url: text,
  evaluations: z.array(WireEvaluationSchema).nullable().optional(),
  tool_calls: z.array(WireToolCallGroupSchema).nullable().optional(),
});
export type WireSimulationResult = z.infer<typeof WireSimulationResultSchema>;

/** `SimulationResultsResponse`: a run and each of its calls. */
export const WireSimulationResultsSchema = z.object({
  simulation_run: WireRunOfResultsSchema,
  simulation_results: z.array(WireSimulationResultSchema).nullable().optional(),
  /** Default "200". */
  status: z.string().optional(),
});
export type WireSimulationResults = z.infer<typeof WireSimulationResultsSchema>;
