// Alert: a threshold on a metric or goal that notifies someone. Bluejay makes an alert watch every
// agent of the workspace unless told otherwise, so the resource requires the agents (or an explicit
// "every agent"), and always tells Bluejay which. Bluejay offers no read: state keeps what was sent.
import { z } from "zod";
import { camelize, camelSchema, snakeize, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, UUID_RE, UuidSchema } from "../../client/wire";
import { fieldsFor, hintsFor } from "../../dynamic/describe";
import { defineKind, type InputRule, type Outputs } from "../../dynamic/kind";
import { distinctIds, nonBlank } from "../../dynamic/rules";
import { alertDouble } from "./emulator";
import {
  WireAlertSchema,
  WireCreateAlertSchema,
  WireDeletedAlertSchema,
  WireUpdateAlertSchema,
  type WireAlert,
} from "./wire";

export const CreateAlertInputSchema = camelSchema(WireCreateAlertSchema);
export type CreateAlertInput = z.input<typeof CreateAlertInputSchema>;
export const UpdateAlertInputSchema = camelSchema(WireUpdateAlertSchema);
export type UpdateAlertInput = z.input<typeof UpdateAlertInputSchema>;

/** Where an alert notifies. */
export interface NotificationChannel {
  type: string;
  target: string;
}

/** An alert as this package returns it: `agentIds` (Bluejay's `agents`) is always a list. */
export type Alert = Omit<Camelized<WireAlert>, "agents" | "notificationChannels"> & {
  agentIds: number[];
  notificationChannels: NotificationChannel[];
};

const entity = (wire: WireAlert): Alert => {
  const { agents, notification_channels, ...rest } = wire;
  return {
    ...camelize(rest),
    agentIds: agents ?? [],
    // Declared with items of any shape: Bluejay holds the channels as they were sent.
    notificationChannels: notification_channels as NotificationChannel[],
  };
};

/**
 * An update that changes the agents, saying explicitly whether the alert watches every agent: agents
 * named without a word on the rest mean those agents alone, never Bluejay's default of all of them.
 */
function scoped(patch: UpdateAlertInput, recorded: Outputs): UpdateAlertInput {
  if (patch.agentIds === undefined && patch.appliesToAllAgents === undefined) return patch;
  const all =
    patch.appliesToAllAgents ?? (patch.agentIds?.length ? false : recorded.appliesToAllAgents === true);
  return { ...patch, appliesToAllAgents: all };
}

export const alertApi = defineApi({
  name: "Alert",
  noun: "alert",
  plural: "alerts",
  id: UuidSchema,
  idOf: (alert: Alert) => alert.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-alert",
    input: CreateAlertInputSchema,
    wire: WireCreateAlertSchema,
    // Always said: left out, Bluejay makes the alert watch every agent, even when agents are named.
    body: ({ appliesToAllAgents, ...rest }) =>
      snakeize({ ...rest, appliesToAllAgents: appliesToAllAgents ?? !rest.agentIds?.length }),
    answer: WireAlertSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-alert/{alert_id}",
    input: UpdateAlertInputSchema,
    wire: WireUpdateAlertSchema,
    answer: WireAlertSchema,
    entity,
  }),
  delete: op.delete({ method: "DELETE", path: "/v1/alert/{alert_id}", answer: WireDeletedAlertSchema }),
});

const inputs = CreateAlertInputSchema.extend({
  name: nonBlank(),
  description: z.string().optional(),
  entityField: nonBlank("the metric or goal the alert watches"),
  notificationChannels: z
    .array(z.object({ type: z.enum(["email", "slack", "webhook"]), target: nonBlank() }).strict())
    .optional(),
  agentIds: distinctIds(IntegerIdSchema).optional(),
  thresholdTimeInterval: z.number().int().positive("must be a positive number of seconds").optional(),
  minEvents: z.number().int().positive("must be a positive whole number").optional(),
});
export type AlertInputs = z.input<typeof inputs>;

/**
 * Bluejay makes an alert watch every agent unless told otherwise, so a per-branch stack would watch
 * every other stack's agents too: the scope is said outright, one way or the other.
 */
const watchesChosenAgents: InputRule = {
  reads: ["agentIds", "appliesToAllAgents"],
  problems: ({ agentIds, appliesToAllAgents }) => {
    const named = Array.isArray(agentIds) && agentIds.length > 0;
    if (appliesToAllAgents === true && named) {
      return [
        {
          path: ["agentIds"],
          message:
            "is set while appliesToAllAgents is true: Bluejay ignores agentIds then, and the alert watches every agent",
        },
      ];
    }
    if (appliesToAllAgents !== true && !named) {
      return [
        {
          path: ["agentIds"],
          message:
            "is required unless appliesToAllAgents is true: left out, Bluejay makes the alert watch every agent of the workspace, every other stack's included",
        },
      ];
    }
    return [];
  },
};

const metricById: InputRule = {
  reads: ["entityType", "entityField"],
  problems: ({ entityType, entityField }) =>
    entityType === "custom_metric" && !UUID_RE.test(String(entityField))
      ? [
          {
            path: ["entityField"],
            message: 'must be a custom metric\'s id (a UUID) when entityType is "custom_metric"',
          },
        ]
      : [],
};

export const alertKind = defineKind({
  name: "Alert",
  api: alertApi,
  inputs,
  rules: [watchesChosenAgents, metricById],
  fields: fieldsFor(inputs, {
    isEnabled: { compare: "value", cleared: true },
    notificationChannels: { compare: "value", cleared: [] },
    appliesToAllAgents: { compare: "value", cleared: false },
    agentIds: { compare: "set", cleared: [] },
    thresholdTimeInterval: { compare: "value", cleared: 600 },
    minEvents: { compare: "value", cleared: 10 },
    sourceScope: { compare: "value", cleared: "all" },
  }),
  hints: hintsFor(inputs, ["name", "entityType", "entityField", "operator", "comparisonValue"], {
    agentIds:
      "Set agentIds to the agents the alert watches, e.g. agentIds: [agent.agentId], or leave it out and set appliesToAllAgents: true to watch every agent of the workspace.",
    appliesToAllAgents:
      "Set appliesToAllAgents: true to watch every agent of the workspace (and leave agentIds out), or leave it out and name the agents in agentIds.",
    entityField:
      'Set entityField to what the alert watches: for entityType "custom_metric", a CustomMetric\'s id, e.g. entityField: metric.id.',
    notificationChannels:
      'Set notificationChannels to a list of { type, target }, type one of "email", "slack" or "webhook", e.g. [{ type: "email", target: "oncall@example.com" }].',
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay alert (Bluejay's dashboard shows it: there is no lookup), or leave it out.",
  }),
  outputs: { createdAt: "When Bluejay created the alert (ISO 8601)." },
  secretOutputs: [],
  docs: {
    summary:
      "A threshold on a metric or goal of the calls of some agents: when it is crossed, Bluejay notifies by email, Slack or webhook.",
    inputs: {
      name: "The alert's name. Required, not blank.",
      description: "A longer description.",
      isEnabled: "Whether the alert fires. Bluejay's default, and what removing the input sends, is `true`.",
      entityType: "What kind of thing it watches: `standard_metric`, `custom_goal` or `custom_metric`.",
      entityField:
        "What it watches: a standard metric's or goal's name, or for `\"custom_metric\"` the metric's id (`metric.id` of a CustomMetric). Required, not blank.",
      operator: "How the value is compared with `comparisonValue`.",
      comparisonValue: "The value compared against, as text.",
      notificationChannels:
        'Where it notifies: a list of `{ type, target }`, `type` one of `"email"`, `"slack"` or `"webhook"`.',
      appliesToAllAgents:
        "Watch every agent of the workspace. Either this is `true`, or `agentIds` names the agents.",
      agentIds:
        "The agents it watches (an Agent's `agentId`). A set. Required unless `appliesToAllAgents` is `true`.",
      thresholdTimeInterval: "The time window, in seconds. Bluejay's default is 600.",
      minEvents: "The fewest events in the window before it can fire. Bluejay's default is 10.",
      sourceScope: "Which calls fire it: `all`, `observability` (production calls) or `simulation`.",
    },
    notes: [
      "Bluejay's `applies_to_all_agents` defaults to true, so an alert declared without agents would watch every agent of the workspace, those of every other stack included. The preview fails unless `agentIds` names the agents or `appliesToAllAgents: true` says so; both at once fail too (Bluejay then ignores `agent_ids`). The provider sends `applies_to_all_agents` with every create, and with every update that changes the agents.",
      "`trigger_count`, `in_alert`, `last_triggered_at` and `updated_at` change by themselves in Bluejay: they are not recorded (with no read, state could only hold a stale value), and are never a change.",
      'An alert on a custom metric takes `entityType: "custom_metric"` and the metric\'s id in `entityField`: `entityField: metric.id` also makes Pulumi create the metric first. Anything but a UUID there fails the preview.',
      "A create whose answer was lost cannot be looked for (Bluejay lists no alerts): it fails with `BluejayAmbiguousCreateError`; look in Bluejay's dashboard, and adopt or delete what you find before running again.",
    ],
    example: `import { Alert, CustomMetric } from "pulumi-bluejay";

const empathy = new CustomMetric("empathy", {
  name: "Empathy",
  description: "Did the agent acknowledge the caller's frustration?",
  responseType: "yes_no",
  agentIds: [1234], // or [agent.agentId], from an Agent in the same program
});

new Alert("empathy-drop", {
  name: "Empathy dropped",
  entityType: "custom_metric",
  entityField: empathy.id, // the metric's id, by reference
  operator: "less_than",
  comparisonValue: "0.8",
  agentIds: [1234], // required, unless appliesToAllAgents: true
  notificationChannels: [{ type: "email", target: "oncall@example.com" }],
});`,
  },
  // Whenever the agents change, say which agents explicitly: Bluejay's default is every one.
  update: (ops, id, patch, recorded) => ops.update(id, scoped(patch, recorded)),
  emulator: alertDouble,
});
