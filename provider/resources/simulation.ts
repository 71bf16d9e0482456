// The Simulation resource: a batch of calls to an agent. It belongs to one agent: a different agent,
// `sequentialCalling` or `alwaysOn` needs a new simulation (the update endpoint takes none of them).
// Bluejay's read returns only some of the settings a create takes; the others are kept as sent.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { BluejayPartialCreateError, asError } from "../client/errors";
import { IntegerIdSchema } from "../client/operations/ids";
import {
  CreateSimulationInputSchema,
  type Simulation as SimulationEntity,
} from "../client/operations/simulations";
import { fieldsFor, hintsFor, pick } from "../dynamic/describe";
import { defineKind } from "../dynamic/kind";
import { resourceClass, type ArgsOf } from "../dynamic/resource";
import { typeToken } from "../dynamic/stub";

/** Settings only the update endpoint takes: a create sets them with a follow-up update. */
const UPDATE_ONLY = ["maxTurns", "tags", "pinned"] as const;

const inputs = CreateSimulationInputSchema.extend({
  // Required here: without one Bluejay names it "Untitled simulation", and no later update could match.
  name: z
    .string({ required_error: "is required", invalid_type_error: "must be a string" })
    .refine((s) => s.trim().length > 0, "must not be empty or blank"),
  maxTurns: z.number().int().positive().optional(),
  tags: z.array(z.string()).optional(),
  pinned: z.boolean().optional(),
});
export type SimulationInputs = z.input<typeof inputs>;

const EXTRA_OUTPUTS = ["simulationId", "createdAt", "type"] as const;
const writeOnly = { writeOnly: true } as const;

export const simulationKind = defineKind({
  name: "Simulation",
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
  adoptId: IntegerIdSchema,
  secretOutputs: [],
  create: async (client, declared) => {
    const { maxTurns, tags, pinned, ...createFields } = declared;
    const created = await client.simulations.create(createFields);
    const later = { maxTurns, tags, pinned };
    if (UPDATE_ONLY.every((name) => later[name] === undefined)) return created;
    try {
      return await client.simulations.update(created.simulationId, later);
    } catch (error) {
      const id = String(created.simulationId);
      throw new BluejayPartialCreateError(
        "Simulation",
        id,
        pick(created, Object.keys(created)),
        asError(error),
      );
    }
  },
  get: (client, id) => client.simulations.get(Number(id)),
  update: (client, id, patch) => client.simulations.update(Number(id), patch),
  remove: (client, id) => client.simulations.delete(Number(id)),
  id: (simulation: SimulationEntity) => String(simulation.simulationId),
  outputs: (simulation: SimulationEntity) =>
    pick(simulation, [...Object.keys(inputs.shape), ...EXTRA_OUTPUTS]),
});

/** The type Pulumi records for simulations: `pulumi-nodejs:dynamic/bluejay:Simulation`. */
export const SIMULATION_TYPE = typeToken(simulationKind.name);

export type SimulationArgs = ArgsOf<SimulationInputs> & {
  /** Adopt the existing simulation with this id instead of creating one. */
  adoptId?: pulumi.Input<number> | undefined;
};

export type SimulationOutputs = SimulationInputs & {
  /** Bluejay's id for the simulation: what digital humans refer to. */
  simulationId: number;
  createdAt: string | undefined;
  /** How calls are placed: `sequential`, `parallel` or `max_concurrent`. */
  type: string;
  adoptId: number | undefined;
};

/** A Bluejay simulation of an agent: a new agent, `sequentialCalling` or `alwaysOn` replaces it. */
export const Simulation = resourceClass<SimulationArgs, SimulationOutputs>(simulationKind, EXTRA_OUTPUTS);
export type Simulation = InstanceType<typeof Simulation>;
