// Simulation: a batch of calls to one agent. `create-simulation` takes the agent id as text and
// answers only the new id, so the simulation is read back; `PUT` takes a subset of the create fields
// (plus tags, pinned and max_turns, which only it takes) and answers the simulation. Bluejay's read
// returns only some of the settings a create takes; the others are kept as sent.
import { z } from "zod";
import { BluejayPartialCreateError, asError } from "../../client/errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema } from "../../client/wire";
import { fieldsFor, hintsFor } from "../../dynamic/describe";
import { defineKind } from "../../dynamic/kind";
import { nonBlank } from "../../dynamic/rules";
import { simulationDouble } from "./emulator";
import {
  WireCreateSimulationResponseSchema,
  WireCreateSimulationSchema,
  WireDeleteSimulationResponseSchema,
  WireSimulationListSchema,
  WireSimulationSchema,
  WireUpdateSimulationSchema,
  type WireSimulation,
} from "./wire";

export const CreateSimulationInputSchema = camelSchema(WireCreateSimulationSchema)
  .omit({ agentId: true })
  .extend({ agentId: IntegerIdSchema });
export type CreateSimulationInput = z.input<typeof CreateSimulationInputSchema>;
export const UpdateSimulationInputSchema = camelSchema(WireUpdateSimulationSchema);
export type UpdateSimulationInput = z.input<typeof UpdateSimulationInputSchema>;

/** A simulation as this package returns it. */
export type Simulation = Omit<Camelized<WireSimulation>, "id" | "settings"> &
  Partial<Pick<CreateSimulationInput, SettingsField>> & { simulationId: number };
/** The fields Bluejay answers inside `settings`. */
type SettingsField =
  | "promptId"
  | "knowledgeBaseId"
  | "sequentialCalling"
  | "hangupOnTransfer"
  | "maxCallDuration"
  | "maxCallDurationUnits"
  | "digitalHumansSettings"
  | "selectedCustomMetrics"
  | "customMetricsFailingThreshold"
  | "customMetricsPassingThreshold";
/** A simulation as Bluejay lists it: fewer fields than one read by id. */
export interface SimulationSummary {
  simulationId: number;
  name: string;
  agentId?: number | undefined;
  createdAt: string;
  settings?: Record<string, unknown> | undefined;
}

/** The create fields Bluejay answers only inside `settings`: read from there into the entity. */
const SETTINGS = [
  "prompt_id",
  "knowledge_base_id",
  "sequential_calling",
  "hangup_on_transfer",
  "max_call_duration",
  "max_call_duration_units",
  "digital_humans_settings",
  "selected_custom_metrics",
  "custom_metrics_failing_threshold",
  "custom_metrics_passing_threshold",
] as const;

/** The settings Bluejay answered, as camelCase fields; a key it did not answer stays write-only. */
function fromSettings(settings: Record<string, unknown> | null | undefined): Partial<Simulation> {
  const known: Record<string, unknown> = {};
  for (const key of SETTINGS) if (settings?.[key] !== undefined) known[key] = settings[key];
  return camelize(known);
}

function entity(wire: WireSimulation, knownId: string | number): Simulation {
  const { id, settings, ...rest } = camelize(wire);
  return { ...rest, ...fromSettings(settings), simulationId: id ?? Number(knownId) };
}

export const simulationApi = defineApi({
  name: "Simulation",
  noun: "simulation",
  plural: "simulations",
  id: IntegerIdSchema,
  idOf: (simulation: Simulation) => simulation.simulationId,
  idField: "simulationId",
  create: op.create({
    method: "POST",
    path: "/v1/create-simulation",
    input: CreateSimulationInputSchema,
    wire: WireCreateSimulationSchema,
    // The agent's integer id, as text.
    body: ({ agentId, ...rest }) => ({ agent_id: String(agentId), ...snakeize(rest) }),
    answer: WireCreateSimulationResponseSchema,
    readBack: { id: (answer) => answer.simulation_id },
  }),
  read: op.read({
    method: "GET",
    path: "/v1/simulation/{simulation_id}",
    answer: WireSimulationSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/simulation/{simulation_id}",
    input: UpdateSimulationInputSchema,
    wire: WireUpdateSimulationSchema,
    answer: WireSimulationSchema,
    entity,
  }),
  delete: {
    method: "DELETE",
    path: "/v1/simulation/{simulation_id}",
    answer: WireDeleteSimulationResponseSchema,
  },
  list: op.list({
    filter: z.object({ agentId: IntegerIdSchema.optional() }).strict(),
    request: ({ agentId }) =>
      agentId === undefined
        ? { method: "GET", path: "/v1/get-all-simulations" }
        : {
            method: "GET",
            path: `/v1/get-simulations-by-agent/${agentId}`,
            resource: { kind: "agent", id: String(agentId) },
          },
    answer: WireSimulationListSchema,
    // Not whole: `SimulationRes` lacks `type`, `max_concurrent`, `max_turns`, `ringing_timeout`,
    // `tags`, `description`, `pinned` and `always_on`, which the read answers. Simulations are read by id.
    items: (answer): SimulationSummary[] =>
      (answer.simulations ?? []).map((summary) => {
        const { id, ...rest } = camelize(summary);
        return { ...rest, simulationId: id };
      }),
  }),
});

/** Settings only the update endpoint takes: a create sets them with a follow-up update. */
const UPDATE_ONLY = ["maxTurns", "tags", "pinned"] as const;

const inputs = CreateSimulationInputSchema.extend({
  // Required here: without one Bluejay names it "Untitled simulation", and no later update could match.
  name: nonBlank(),
  maxTurns: z.number().int().positive().optional(),
  tags: z.array(z.string()).optional(),
  pinned: z.boolean().optional(),
});
export type SimulationInputs = z.input<typeof inputs>;

const writeOnly = { writeOnly: true } as const;

export const simulationKind = defineKind({
  name: "Simulation",
  api: simulationApi,
  inputs,
  fields: fieldsFor(inputs, {
    agentId: { compare: "value", replaces: true },
    sequentialCalling: { compare: "value", replaces: true, ...writeOnly },
    alwaysOn: { compare: "value", replaces: true },
    tags: { compare: "set", cleared: [] },
    pinned: { compare: "value", cleared: false },
    ringingTimeout: { compare: "value", cleared: 300 },
    // UUIDs: "" is no id, so removing one keeps what Bluejay holds.
    promptId: { compare: "value", ...writeOnly },
    knowledgeBaseId: { compare: "value", ...writeOnly },
    hangupOnTransfer: { compare: "value", cleared: false, ...writeOnly },
    maxCallDuration: { compare: "value", cleared: 10, ...writeOnly },
    maxCallDurationUnits: { compare: "value", cleared: "minutes", ...writeOnly },
    digitalHumansSettings: { compare: "value", ...writeOnly },
    selectedCustomMetrics: { compare: "set", cleared: [], ...writeOnly },
    customMetricsFailingThreshold: { compare: "value", ...writeOnly },
    customMetricsPassingThreshold: { compare: "value", ...writeOnly },
  }),
  hints: hintsFor(inputs, ["agentId", "name"], {
    agentId: "Set agentId to the agentId output of an Agent (a whole number), e.g. agentId: agent.agentId.",
    selectedCustomMetrics:
      "Set selectedCustomMetrics to a list of custom metric ids (the id output of CustomMetric), or leave it out.",
    adoptId:
      "Set adoptId to the whole-number id of an existing Bluejay simulation (getSimulation shows one), or leave it out.",
  }),
  outputs: {
    simulationId: "Bluejay's id for the simulation (a whole number): what digital humans refer to.",
    createdAt: "When Bluejay created the simulation (ISO 8601).",
    type: "How calls are placed: `sequential`, `parallel` or `max_concurrent`.",
  },
  idOutput: "simulationId",
  secretOutputs: [],
  docs: {
    summary:
      "A batch of calls to one agent: how many at once, how long each may last, which digital humans call, and which custom metrics grade them.",
    inputs: {
      agentId: "The agent the simulation calls (an Agent's `agentId`). A change replaces the simulation.",
      name: "The simulation's name. Required, not blank.",
      description: "A longer description.",
      promptId: "A prompt version to test instead of the agent's own (a UUID). Write-only.",
      knowledgeBaseId: "A knowledge-base version to test instead of the agent's own (a UUID). Write-only.",
      sequentialCalling: "Place the calls one after another. A change replaces the simulation. Write-only.",
      maxConcurrent: "At most this many calls at once (1 to 500).",
      hangupOnTransfer: "End a call when the agent transfers it. Write-only.",
      maxCallDuration: "The longest a call may last, in `maxCallDurationUnits`. Write-only.",
      maxCallDurationUnits: "`minutes` or `seconds`. Write-only.",
      ringingTimeout: "How long a call may ring, in seconds.",
      digitalHumansSettings:
        "Defaults for the digital humans Bluejay generates (names, numbers, language, noise, runs). Write-only.",
      selectedCustomMetrics: "The custom metrics that grade the calls (CustomMetric ids). Write-only.",
      customMetricsFailingThreshold: "Below this score (0 to 100) a call fails. Write-only.",
      customMetricsPassingThreshold: "At or above this score (0 to 100) a call passes. Write-only.",
      alwaysOn: "Keep the simulation running continuously. A change replaces the simulation.",
      maxTurns: "The most turns a conversation may take. Set by a follow-up update after the create.",
      tags: "Labels for the simulation. A set. Set by a follow-up update after the create.",
      pinned: "Pin the simulation in Bluejay's dashboard. Set by a follow-up update after the create.",
    },
    notes: [
      "`POST /v1/create-simulation` takes the agent's id as text and answers only the new id, so a create reads the simulation back. `maxTurns`, `tags` and `pinned` are accepted only by the update, so declaring them adds a `PUT` to the create. If a later step fails, the error is a `BluejayPartialCreateError` naming the id: Pulumi records the simulation, and the next `up` finishes the job.",
      "Bluejay answers most settings a create takes only inside a free-form `settings` object: they are read from there, so refresh sees them change. One Bluejay does not answer keeps the value sent (write-only).",
      "A different `agentId`, `sequentialCalling` or `alwaysOn` replaces the simulation: Bluejay's update takes none of them.",
      "`promptId` and `knowledgeBaseId` cannot be removed: Bluejay takes only a UUID there and has no way to clear it, so the update fails with `BluejayInputError` (`promptId must be a UUID`). To drop one, replace the simulation: `pulumi up --replace <urn>`.",
      "Bluejay lists only a summary of each simulation, so a create whose answer was lost is looked for among the agent's simulations of the same name, each read whole.",
      "`digitalHumansSettings` takes Bluejay's snake_case keys, each optional: `default_name`, `default_caller_number`, `default_language`, `default_background_noise`, `first_message` and `num_runs` (at least 1).",
    ],
    example: `import { Simulation } from "pulumi-bluejay";

const nightly = new Simulation("nightly", {
  agentId: 1234, // or agent.agentId, from an Agent in the same program
  name: "Nightly regression",
  maxConcurrent: 3,
  maxCallDuration: 5,
  maxCallDurationUnits: "minutes",
  digitalHumansSettings: { num_runs: 2 },
  tags: ["nightly"],
});

export const simulationId = nightly.simulationId;`,
  },
  // Bluejay lists only a summary of each simulation: those of the agent with the declared name are
  // read whole, and judged like any candidate.
  lookFor: async (ops, inputs) => {
    const summaries = await ops.list({ agentId: inputs.agentId as number });
    const named = summaries.filter((s) => s.name === inputs.name);
    return Promise.all(named.map((s) => ops.get(s.simulationId)));
  },
  create: async (ops, declared) => {
    const { maxTurns, tags, pinned, ...createFields } = declared;
    const created = await ops.create(createFields);
    const later = { maxTurns, tags, pinned };
    if (UPDATE_ONLY.every((name) => later[name] === undefined)) return created;
    try {
      return await ops.update(created.simulationId, later);
    } catch (error) {
      // It exists as created: recorded so, the next `up` sends the follow-up update again.
      const id = String(created.simulationId);
      throw new BluejayPartialCreateError("Simulation", id, created, asError(error), "its follow-up update");
    }
  },
  emulator: simulationDouble,
});
