// CustomMetric: a question each call is graded on. The regular part of Bluejay's API (UUID ids, whole
// answers), with a paginated list that is read page by page.
import { z } from "zod";
import { camelize, camelSchema, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { AgentFilterSchema, agentQuery, IntegerIdSchema, UuidSchema } from "../../client/wire";
import { fieldsFor, hintsFor, pick } from "../../dynamic/describe";
import { defineKind } from "../../dynamic/kind";
import { distinctIds, nonBlank } from "../../dynamic/rules";
import { customMetricDouble } from "./emulator";
import {
  CUSTOM_METRICS_DEFAULT_PAGE_SIZE,
  WireCreateCustomMetricSchema,
  WireCustomMetricListSchema,
  WireCustomMetricSchema,
  WireDeletedCustomMetricSchema,
  WireUpdateCustomMetricSchema,
  type WireCustomMetric,
} from "./wire";

export const CreateCustomMetricInputSchema = camelSchema(WireCreateCustomMetricSchema);
export type CreateCustomMetricInput = z.input<typeof CreateCustomMetricInputSchema>;
export const UpdateCustomMetricInputSchema = camelSchema(WireUpdateCustomMetricSchema);
export type UpdateCustomMetricInput = z.input<typeof UpdateCustomMetricInputSchema>;

/** A custom metric as this package returns it; `agentIds` is always a list. */
export type CustomMetric = Camelized<WireCustomMetric> & { agentIds: number[] };

const entity = (wire: WireCustomMetric): CustomMetric => ({
  ...camelize(wire),
  agentIds: wire.agent_ids ?? [],
});

export const customMetricApi = defineApi({
  name: "CustomMetric",
  noun: "custom metric",
  plural: "customMetrics",
  // A UUID in practice, though the answer declares a plain string.
  id: UuidSchema,
  idOf: (metric: CustomMetric) => metric.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-custom-metric",
    input: CreateCustomMetricInputSchema,
    wire: WireCreateCustomMetricSchema,
    answer: WireCustomMetricSchema,
    entity,
  }),
  read: op.read({
    method: "GET",
    path: "/v1/custom-metric/{metric_id}",
    answer: WireCustomMetricSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-custom-metric/{metric_id}",
    input: UpdateCustomMetricInputSchema,
    wire: WireUpdateCustomMetricSchema,
    answer: WireCustomMetricSchema,
    entity,
  }),
  delete: { method: "DELETE", path: "/v1/custom-metric/{metric_id}", answer: WireDeletedCustomMetricSchema },
  list: op.list({
    filter: AgentFilterSchema,
    request: (filter) => ({ method: "GET", path: "/v1/custom-metrics", ...agentQuery(filter) }),
    answer: WireCustomMetricListSchema,
    items: (answer) => answer.metrics.map(entity),
    // `CustomMetricResponse`, as the read answers it.
    whole: true,
    pages: {
      size: CUSTOM_METRICS_DEFAULT_PAGE_SIZE,
      query: (page, size) => ({ page: String(page), page_size: String(size) }),
      total: (answer) => answer.total_pages,
    },
  }),
});

const inputs = CreateCustomMetricInputSchema.omit({ agentId: true }).extend({
  name: nonBlank(),
  agentIds: distinctIds(IntegerIdSchema).optional(),
});
export type CustomMetricInputs = z.input<typeof inputs>;

export const customMetricKind = defineKind({
  name: "CustomMetric",
  api: customMetricApi,
  inputs,
  fields: fieldsFor(inputs, {
    agentIds: { compare: "set", cleared: [] },
    tags: { compare: "set", cleared: [] },
    enumOptions: { compare: "value", cleared: [] },
    evalRoute: { compare: "value", cleared: "AUTO" },
    allowNotApplicable: { compare: "value", cleared: false },
  }),
  hints: hintsFor(inputs, ["name", "description", "responseType"], {
    agentIds: "Use a list of distinct agent ids (the agentId output of Agent), e.g. [agent.agentId].",
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay custom metric (listCustomMetrics() shows them), or leave it out.",
  }),
  outputs: { createdAt: "When Bluejay created the metric (ISO 8601)." },
  secretOutputs: [],
  docs: {
    summary: "A question every call of the agents it names is graded on, and how the answer is read.",
    inputs: {
      agentIds: "The agents whose calls it grades (an Agent's `agentId`). A set.",
      name: "The metric's name. Required, not blank.",
      description: "The question, as the grader reads it. Required.",
      responseType:
        "How it is answered: `pass_fail`, `yes_no`, `qualitative`, `quantitative`, `json` or `enum`.",
      minValue: "The lowest score, for a `quantitative` metric.",
      maxValue: "The highest score, for a `quantitative` metric.",
      category: "A free-form category.",
      tags: "Labels for the metric. A set.",
      scoringGuidance: "How to score, in words.",
      evalRoute: "What the grader reads: `AUDIO`, `TEXT` or `AUTO`.",
      model: "The model that grades the transcript.",
      audioModel: "The model that grades the audio.",
      temperature: "The grading model's temperature.",
      enumOptions: "The answers an `enum` metric may give.",
      allowNotApplicable: 'Whether the grader may answer "not applicable".',
    },
    notes: [
      'Bluejay\'s update body declares `eval_route` with the default `"AUTO"`, so the current route goes with every update, and a partial update cannot reset it.',
      "Bluejay's list of custom metrics is paginated: every page is read, and a list that does not end is an error, never cut short.",
      "The deprecated single `agent_id` is not offered: use `agentIds`.",
    ],
    example: `import { CustomMetric } from "pulumi-bluejay";

const policy = new CustomMetric("refund-policy", {
  name: "Refund policy",
  description: "How closely did the agent follow the refund policy?",
  responseType: "quantitative",
  minValue: 1,
  maxValue: 5,
  agentIds: [1234], // or [agent.agentId], from an Agent in the same program
});

export const policyId = policy.id; // a UUID`,
  },
  // The update body defaults eval_route to AUTO: send the current route so a partial update keeps it.
  update: (ops, id, patch, recorded) => ops.update(id, { ...pick(recorded, ["evalRoute"]), ...patch }),
  emulator: customMetricDouble,
});
