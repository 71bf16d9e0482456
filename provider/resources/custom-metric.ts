// The CustomMetric resource: a question each call is graded on. Every input updates in place.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { IntegerIdSchema } from "../client/operations/ids";
import {
  CreateCustomMetricInputSchema,
  type CustomMetric as CustomMetricEntity,
} from "../client/operations/custom-metrics";
import { CommunityIdSchema } from "../client/schemas";
import { fieldsFor, hintsFor, pick } from "../dynamic/describe";
import { defineKind } from "../dynamic/kind";
import { resourceClass, type ArgsOf } from "../dynamic/resource";
import { typeToken } from "../dynamic/stub";
import { distinctIds } from "./community";

const inputs = CreateCustomMetricInputSchema.omit({ agentId: true }).extend({
  name: z
    .string({ required_error: "is required", invalid_type_error: "must be a string" })
    .refine((s) => s.trim().length > 0, "must not be empty or blank"),
  agentIds: distinctIds(IntegerIdSchema).optional(),
});
export type CustomMetricInputs = z.input<typeof inputs>;

const EXTRA_OUTPUTS = ["createdAt"] as const;

export const customMetricKind = defineKind({
  name: "CustomMetric",
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
  adoptId: CommunityIdSchema,
  secretOutputs: [],
  create: (client, declared) => client.customMetrics.create(declared),
  get: (client, id) => client.customMetrics.get(id),
  // The update body defaults eval_route to AUTO: send the current route so a partial update keeps it.
  update: (client, id, patch, recorded) =>
    client.customMetrics.update(id, { ...pick(recorded, ["evalRoute"]), ...patch }),
  remove: (client, id) => client.customMetrics.delete(id),
  list: (client) => client.customMetrics.list(),
  id: (metric: CustomMetricEntity) => metric.id,
  outputs: (metric: CustomMetricEntity) => pick(metric, [...Object.keys(inputs.shape), ...EXTRA_OUTPUTS]),
});

/** The type Pulumi records for custom metrics: `pulumi-nodejs:dynamic/bluejay:CustomMetric`. */
export const CUSTOM_METRIC_TYPE = typeToken(customMetricKind.name);

export type CustomMetricArgs = ArgsOf<CustomMetricInputs> & {
  /** Adopt the existing custom metric with this id instead of creating one. */
  adoptId?: pulumi.Input<string> | undefined;
};

export type CustomMetricOutputs = CustomMetricInputs & {
  createdAt: string;
  adoptId: string | undefined;
};

/** A Bluejay custom metric: how calls of the agents it names are graded. */
export const CustomMetric = resourceClass<CustomMetricArgs, CustomMetricOutputs>(
  customMetricKind,
  EXTRA_OUTPUTS,
);
export type CustomMetric = InstanceType<typeof CustomMetric>;
