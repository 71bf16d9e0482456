// Bluejay's Alerts operations on the wire (snake_case), as its OpenAPI description gives them:
// `POST /v1/create-alert`, `PUT /v1/update-alert/{alert_id}` and `DELETE /v1/alert/{alert_id}` (UUID
// ids). There is no read and no list.
//
// The traps: `applies_to_all_agents` defaults to true, and `agent_ids` is "only used when
// applies_to_all_agents=False"; answers name the agents `agents`, not `agent_ids`, and hold
// `notification_channels` as items of any shape; `trigger_count`, `in_alert`, `last_triggered_at` and
// `updated_at` change by themselves.
import { z } from "zod";
import { DateTimeSchema, updatable } from "../../client/wire";

/** `EntityType`: what the alert watches. */
export const ALERT_ENTITY_TYPES = ["standard_metric", "custom_goal", "custom_metric"] as const;
/** `Operator`. */
export const ALERT_OPERATORS = [
  "equals",
  "not_equals",
  "greater_than",
  "less_than",
  "greater_than_or_equal",
  "less_than_or_equal",
  "contains",
  "not_contains",
] as const;
/** `SourceScope`: which calls fire it. */
export const ALERT_SOURCE_SCOPES = ["all", "observability", "simulation"] as const;

/** `NotificationChannelRequest`: `type` is "email", "slack" or "webhook" in the document's words. */
export const WireNotificationChannelSchema = z.object({ type: z.string(), target: z.string() }).strict();

/** `CreateAlertRequest` (the body of `POST /v1/create-alert`). */
export const WireCreateAlertSchema = z
  .object({
    name: z.string(),
    description: z.string().nullable().optional(),
    /** Default true. */
    is_enabled: z.boolean().optional(),
    entity_type: z.enum(ALERT_ENTITY_TYPES),
    /** The metric or goal watched: for `custom_metric`, the metric's id. */
    entity_field: z.string(),
    operator: z.enum(ALERT_OPERATORS),
    comparison_value: z.string(),
    notification_channels: z.array(WireNotificationChannelSchema).optional(),
    /** Default true: every agent of the workspace. */
    applies_to_all_agents: z.boolean().optional(),
    /** Only used when applies_to_all_agents is false. */
    agent_ids: z.array(z.number().int()).nullable().optional(),
    /** Seconds; default 600. */
    threshold_time_interval: z.number().int().optional(),
    /** Default 10. */
    min_events: z.number().int().optional(),
    /** Default "all". */
    source_scope: z.enum(ALERT_SOURCE_SCOPES).optional(),
  })
  .strict();

/** `UpdateAlertRequest` (the body of `PUT /v1/update-alert/{alert_id}`): every field optional. */
export const WireUpdateAlertSchema = z.object(updatable(WireCreateAlertSchema.shape)).strict();

/** `AlertResponse`: what create and update answer. */
export const WireAlertSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  is_enabled: z.boolean(),
  organization_id: z.string(),
  entity_type: z.enum(ALERT_ENTITY_TYPES),
  entity_field: z.string(),
  operator: z.enum(ALERT_OPERATORS),
  comparison_value: z.string(),
  /** Declared with items of any shape. */
  notification_channels: z.array(z.unknown()),
  /** Changes by itself. */
  last_triggered_at: DateTimeSchema.nullable().optional(),
  /** Changes by itself. */
  trigger_count: z.number().int(),
  created_by: z.string().nullable().optional(),
  applies_to_all_agents: z.boolean(),
  /** The agent ids (`agent_ids` in requests). */
  agents: z.array(z.number().int()).nullable().optional(),
  created_at: DateTimeSchema,
  /** Changes by itself. */
  updated_at: DateTimeSchema.nullable().optional(),
  threshold_time_interval: z.number().int(),
  min_events: z.number().int(),
  /** Changes by itself. */
  in_alert: z.boolean(),
  /** Declared as plain text (default "all"), though requests take `SourceScope`. */
  source_scope: z.string().optional(),
});
export type WireAlert = z.infer<typeof WireAlertSchema>;

/** `DeleteAlertResponse`. */
export const WireDeletedAlertSchema = z.object({ message: z.string(), deleted_alert_id: z.string() });
