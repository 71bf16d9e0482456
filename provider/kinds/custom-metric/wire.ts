// zod schemas for Bluejay's Custom Metrics operations (snake_case), as its OpenAPI description gives
// them: `POST /v1/create-custom-metric`, `GET|DELETE /v1/custom-metric/{metric_id}`,
// `PUT /v1/update-custom-metric/{metric_id}`, `GET /v1/custom-metrics?agent_id&page&page_size`
// (paginated) and the deprecated `GET /v1/custom-metrics-by-agent/{agent_id}`.
//
// The traps: create takes both `agent_id` (deprecated) and `agent_ids`; answers carry `agent_ids`, but
// delete answers the database row (`src__models__custom_metric__CustomMetric`) with a single
// `agent_id`, an `organization_id`, a non-null `tags` list and no `agent_ids`; the list is paginated
// (read every page); `eval_route` has the default "AUTO" even in the update body.
import { z } from "zod";
import { DateTimeSchema, UUID_RE, updatable } from "../../client/wire";

/** `src__models__custom_metric__ResponseType`. */
export const CUSTOM_METRIC_RESPONSE_TYPES = [
  "pass_fail",
  "yes_no",
  "qualitative",
  "quantitative",
  "json",
  "enum",
] as const;
export const CustomMetricResponseTypeSchema = z.enum(CUSTOM_METRIC_RESPONSE_TYPES);
export type CustomMetricResponseType = z.infer<typeof CustomMetricResponseTypeSchema>;

/** `EvalRoute`. */
export const EVAL_ROUTES = ["AUDIO", "TEXT", "AUTO"] as const;
export const EvalRouteSchema = z.enum(EVAL_ROUTES);
export type EvalRoute = z.infer<typeof EvalRouteSchema>;

/** `GET /v1/custom-metrics`: `page` is 1-based and defaults to 1; `page_size` defaults to 50. */
export const CUSTOM_METRICS_DEFAULT_PAGE_SIZE = 50;

/** `CreateCustomMetricRequest` (the body of `POST /v1/create-custom-metric`). */
export const WireCreateCustomMetricSchema = z
  .object({
    /** Deprecated: use `agent_ids`. */
    agent_id: z.number().int().nullable().optional(),
    agent_ids: z.array(z.number().int()).nullable().optional(),
    name: z.string(),
    description: z.string(),
    response_type: CustomMetricResponseTypeSchema,
    min_value: z.number().nullable().optional(),
    max_value: z.number().nullable().optional(),
    category: z.string().nullable().optional(),
    tags: z.array(z.string()).nullable().optional(),
    scoring_guidance: z.string().nullable().optional(),
    /** Default "AUTO". */
    eval_route: EvalRouteSchema.nullable().optional(),
    model: z.string().nullable().optional(),
    audio_model: z.string().nullable().optional(),
    temperature: z.number().nullable().optional(),
    enum_options: z.array(z.string()).nullable().optional(),
    /** Default false; not nullable. */
    allow_not_applicable: z.boolean().optional(),
  })
  .strict();
export type WireCreateCustomMetric = z.infer<typeof WireCreateCustomMetricSchema>;

/** `CustomMetricResponse`: what create, get and update answer, and the items of a list. */
export const WireCustomMetricSchema = z.object({
  /** A UUID in practice, but declared as a plain string. */
  id: z.string(),
  name: z.string(),
  description: z.string(),
  response_type: CustomMetricResponseTypeSchema,
  agent_ids: z.array(z.number().int()).optional(),
  min_value: z.number().nullable().optional(),
  max_value: z.number().nullable().optional(),
  category: z.string().nullable().optional(),
  tags: z.array(z.string()).nullable().optional(),
  scoring_guidance: z.string().nullable().optional(),
  created_at: DateTimeSchema,
  eval_route: EvalRouteSchema.nullable().optional(),
  model: z.string().nullable().optional(),
  audio_model: z.string().nullable().optional(),
  temperature: z.number().nullable().optional(),
  enum_options: z.array(z.string()).nullable().optional(),
  allow_not_applicable: z.boolean().optional(),
});
export type WireCustomMetric = z.infer<typeof WireCustomMetricSchema>;

/**
 * `UpdateCustomMetricRequest` (the body of `PUT /v1/update-custom-metric/{metric_id}`): every field
 * optional; `agent_ids` replaces the associations.
 */
export const WireUpdateCustomMetricSchema = z
  .object(updatable(WireCreateCustomMetricSchema.omit({ agent_id: true }).shape))
  .strict();
export type WireUpdateCustomMetric = z.infer<typeof WireUpdateCustomMetricSchema>;

/** `src__models__custom_metric__CustomMetric`: the database row `DELETE /v1/custom-metric/{id}` answers. */
export const WireDeletedCustomMetricSchema = z.object({
  /** One agent (or null), not `agent_ids`. */
  agent_id: z.number().int().nullable().optional(),
  name: z.string(),
  description: z.string(),
  response_type: CustomMetricResponseTypeSchema,
  min_value: z.number().nullable().optional(),
  max_value: z.number().nullable().optional(),
  created_at: DateTimeSchema.nullable().optional(),
  id: z.string().regex(UUID_RE, "must be a UUID").nullable().optional(),
  category: z.string().nullable().optional(),
  /** Not nullable here. */
  tags: z.array(z.string()).optional(),
  scoring_guidance: z.string().nullable().optional(),
  eval_route: EvalRouteSchema.nullable().optional(),
  model: z.string().nullable().optional(),
  audio_model: z.string().nullable().optional(),
  temperature: z.number().nullable().optional(),
  enum_options: z.array(z.string()).nullable().optional(),
  organization_id: z.string().regex(UUID_RE, "must be a UUID").nullable().optional(),
  allow_not_applicable: z.boolean().optional(),
});
export type WireDeletedCustomMetric = z.infer<typeof WireDeletedCustomMetricSchema>;

/** `CustomMetricsListResponse`: one page of metrics. */
export const WireCustomMetricListSchema = z.object({
  metrics: z.array(WireCustomMetricSchema),
  /** Metrics across all pages. */
  total_count: z.number().int().nonnegative(),
  /** 1-based. */
  page: z.number().int(),
  /** The page size asked for. */
  page_size: z.number().int(),
  /** Metrics on this page. */
  items_in_page: z.number().int().nonnegative(),
  total_pages: z.number().int().nonnegative(),
});
export type WireCustomMetricList = z.infer<typeof WireCustomMetricListSchema>;
