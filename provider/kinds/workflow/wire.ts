// Bluejay's Workflows (v2) operations on the wire (snake_case), as its OpenAPI description gives them:
// `POST /v1/workflow`, `GET|PUT|DELETE /v1/workflow/{workflow_id}` and `GET /v1/workflow?agent_id=`.
//
// The traps: a workflow names its agents as a list (`agent_ids`, none: an organization-wide
// workflow), and the update reads null there as "clear the links", unlike Bluejay's other updates;
// `definition` is a React Flow graph (`nodes`, `edges`, optional `viewport`), stored as a draft until
// it has `single` or `options` nodes, with more than one `start` node refused; delete answers a
// confirmation. Creating a workflow makes no digital humans: Bluejay generates those from a
// workflow's paths only when asked (`POST /v1/generate-digital-humans`, `workflow_adherence_v2`).
import { z } from "zod";
import { DateTimeSchema, FreeObjectSchema, updatable } from "../../client/wire";

/** `CreateWorkflowV2Request`. */
export const WireCreateWorkflowSchema = z
  .object({
    /** 1 to 255 characters. */
    name: z.string(),
    agent_ids: z.array(z.number().int()).nullable().optional(),
    description: z.string().nullable().optional(),
    /** A React Flow graph; omitted `nodes` and `edges` default to []. */
    definition: FreeObjectSchema,
  })
  .strict();

/** `UpdateWorkflowV2Request`: every field optional; `agent_ids: null` clears the agent links. */
export const WireUpdateWorkflowSchema = z.object(updatable(WireCreateWorkflowSchema.shape)).strict();

/** `WorkflowV2Response`: what create, get and update answer, and the items of a list. */
export const WireWorkflowSchema = z.object({
  /** A UUID in practice (the paths take one), declared as a plain string. */
  id: z.string(),
  organization_id: z.string().nullable().optional(),
  /** Default []. */
  agent_ids: z.array(z.number().int()).optional(),
  name: z.string(),
  description: z.string().nullable().optional(),
  definition: FreeObjectSchema,
  created_at: DateTimeSchema,
});
export type WireWorkflow = z.infer<typeof WireWorkflowSchema>;

/** `DeleteWorkflowV2Response`. */
export const WireDeletedWorkflowSchema = z.object({
  message: z.string(),
  deleted_workflow_id: z.string(),
});

/** `WorkflowsV2ListResponse`. */
export const WireWorkflowListSchema = z.object({
  workflows: z.array(WireWorkflowSchema),
  total_count: z.number().int(),
});
