// zod schemas for Bluejay's Simulations operations (snake_case), as its OpenAPI description gives them:
// `POST /v1/create-simulation`, `GET|PUT|DELETE /v1/simulation/{simulation_id}`,
// `GET /v1/get-simulations-by-agent/{agent_id}` and `GET /v1/get-all-simulations`.
//
// The traps: `SimulationRequest.agent_id` is a *string* while `SimulationPydantic.agent_id` is an
// integer; create answers only `{simulation_id, status}`; most create fields (`prompt_id`,
// `sequential_calling`, `max_call_duration`, `digital_humans_settings`, `selected_custom_metrics`, the
// thresholds, ...) come back only inside the free-form `settings` object, and `sequential_calling` /
// `max_concurrent` come back as `type`; the update body has fields create lacks (`max_turns`, `tags`,
// `pinned`) and takes `digital_humans_settings` as a free-form object.
import { z } from "zod";
import { DateTimeSchema, FreeObjectSchema, UUID_RE } from "../../client/wire";

/** `SimulationType`. */
export const SIMULATION_TYPES = ["sequential", "parallel", "max_concurrent"] as const;
export const SimulationTypeSchema = z.enum(SIMULATION_TYPES);
export type SimulationType = z.infer<typeof SimulationTypeSchema>;

/** The inline enum of `max_call_duration_units` (default `minutes`). */
export const MAX_CALL_DURATION_UNITS = ["minutes", "seconds"] as const;
export const MaxCallDurationUnitsSchema = z.enum(MAX_CALL_DURATION_UNITS);

const uuid = z.string().regex(UUID_RE, "must be a UUID");
/** `max_concurrent`: an integer in (0, 500]. */
const maxConcurrent = z.number().int().positive().max(500);
/** A custom metric threshold: an integer in [0, 100]. */
const threshold = z.number().int().min(0).max(100);

/** `DigitalHumansSettings` (part of `SimulationRequest`); every field has a default. */
export const WireDigitalHumansSettingsSchema = z
  .object({
    /** Default "random". */
    default_name: z.string().nullable().optional(),
    /** Default "random". */
    default_caller_number: z.string().nullable().optional(),
    /** Default "random". */
    default_language: z.string().nullable().optional(),
    /** Default "none". */
    default_background_noise: z.string().nullable().optional(),
    /** Default "ai_generated". */
    first_message: z.string().nullable().optional(),
    /** Default 1; at least 1. */
    num_runs: z.number().int().min(1).nullable().optional(),
  })
  .strict();
export type WireDigitalHumansSettings = z.infer<typeof WireDigitalHumansSettingsSchema>;

/** `SimulationRequest` (the body of `POST /v1/create-simulation`). */
export const WireCreateSimulationSchema = z
  .object({
    /** The agent's integer id *as a string*. */
    agent_id: z.string(),
    name: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    prompt_id: uuid.nullable().optional(),
    knowledge_base_id: uuid.nullable().optional(),
    /** Default false. */
    sequential_calling: z.boolean().nullable().optional(),
    max_concurrent: maxConcurrent.nullable().optional(),
    /** Default false. */
    hangup_on_transfer: z.boolean().nullable().optional(),
    /** Default 10, in `max_call_duration_units`. */
    max_call_duration: z.number().int().nullable().optional(),
    /** Default "minutes". */
    max_call_duration_units: MaxCallDurationUnitsSchema.nullable().optional(),
    /** Default 300 (seconds). */
    ringing_timeout: z.number().int().nullable().optional(),
    digital_humans_settings: WireDigitalHumansSettingsSchema.nullable().optional(),
    selected_custom_metrics: z.array(uuid).nullable().optional(),
    custom_metrics_failing_threshold: threshold.nullable().optional(),
    custom_metrics_passing_threshold: threshold.nullable().optional(),
    /** Default false. */
    always_on: z.boolean().nullable().optional(),
  })
  .strict();
export type WireCreateSimulation = z.infer<typeof WireCreateSimulationSchema>;

/** `SimulationResponse`: all `POST /v1/create-simulation` answers. */
export const WireCreateSimulationResponseSchema = z.object({
  simulation_id: z.number().int(),
  /** Default "200". */
  status: z.string().optional(),
});
export type WireCreateSimulationResponse = z.infer<typeof WireCreateSimulationResponseSchema>;

/** `SimulationPydantic`: one simulation, as `GET` and `PUT /v1/simulation/{simulation_id}` answer it. */
export const WireSimulationSchema = z.object({
  id: z.number().int().nullable().optional(),
  /** An integer here; a string in `SimulationRequest`. */
  agent_id: z.number().int(),
  name: z.string(),
  created_at: DateTimeSchema.nullable().optional(),
  /** Where the create-only fields come back (free-form). */
  settings: FreeObjectSchema.nullable().optional(),
  type: SimulationTypeSchema,
  max_concurrent: z.number().int().nullable().optional(),
  max_turns: z.number().int().nullable().optional(),
  ringing_timeout: z.number().int().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  description: z.string().nullable().optional(),
  pinned: z.boolean().nullable().optional(),
  always_on: z.boolean().nullable().optional(),
});
export type WireSimulation = z.infer<typeof WireSimulationSchema>;

/**
 * `src__api__simulations__UpdateSimulationRequest` (the body of `PUT /v1/simulation/{simulation_id}`):
 * every field optional; only the fields provided are updated.
 */
export const WireUpdateSimulationSchema = z
  .object({
    name: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    prompt_id: uuid.nullable().optional(),
    knowledge_base_id: uuid.nullable().optional(),
    max_concurrent: maxConcurrent.nullable().optional(),
    hangup_on_transfer: z.boolean().nullable().optional(),
    max_call_duration: z.number().int().nullable().optional(),
    max_call_duration_units: MaxCallDurationUnitsSchema.nullable().optional(),
    max_turns: z.number().int().nullable().optional(),
    ringing_timeout: z.number().int().nullable().optional(),
    /** Free-form here (create takes `DigitalHumansSettings`). */
    digital_humans_settings: FreeObjectSchema.nullable().optional(),
    selected_custom_metrics: z.array(uuid).nullable().optional(),
    custom_metrics_failing_threshold: threshold.nullable().optional(),
    custom_metrics_passing_threshold: threshold.nullable().optional(),
    tags: z.array(z.string()).nullable().optional(),
    pinned: z.boolean().nullable().optional(),
  })
  .strict();
export type WireUpdateSimulation = z.infer<typeof WireUpdateSimulationSchema>;

/** `DeleteSimulationResponse`. */
export const WireDeleteSimulationResponseSchema = z.object({
  message: z.string(),
  deleted_simulation_id: z.number().int(),
});
export type WireDeleteSimulationResponse = z.infer<typeof WireDeleteSimulationResponseSchema>;

/** `SimulationRes`: one item of a simulations list (fewer fields than `SimulationPydantic`). */
export const WireSimulationSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  agent_id: z.number().int().nullable().optional(),
  created_at: DateTimeSchema,
  settings: FreeObjectSchema.nullable().optional(),
});
export type WireSimulationSummary = z.infer<typeof WireSimulationSummarySchema>;

/** `GetSimulationsResponse`: `simulations` is not even required. */
export const WireSimulationListSchema = z.object({
  simulations: z.array(WireSimulationSummarySchema).optional(),
});
export type WireSimulationList = z.infer<typeof WireSimulationListSchema>;
