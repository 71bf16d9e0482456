// DigitalHuman: one simulated caller (a test case), in zero or more simulations. Bluejay wraps them: a
// create sends `{digital_human: {...}, simulation_ids}` and every answer comes back as
// `{digital_human: {...}, simulation_ids}`, while an update sends one flat body. Callers see one
// camelCase `DigitalHuman` with `digitalHumanId` and `simulationIds`. Bluejay lists digital humans
// only by simulation, so a create whose answer is lost cannot be looked for everywhere.
import { z } from "zod";
import { BluejayResponseError } from "../../client/errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, integerId } from "../../client/wire";
import { fieldsFor, hintsFor, pick } from "../../dynamic/describe";
import { defineKind } from "../../dynamic/kind";
import { distinctIds, nonBlank } from "../../dynamic/rules";
import { simulationApi } from "../simulation/kind";
import { digitalHumanDouble } from "./emulator";
import {
  WireDigitalHumanDataSchema,
  WireDigitalHumanListSchema,
  WireDigitalHumanResponseSchema,
  WireCreateDigitalHumanSchema,
  WireDigitalHumanSchema,
  WireUpdateDigitalHumanSchema,
  type WireDigitalHuman,
  type WireDigitalHumanResponse,
} from "./wire";

export const CreateDigitalHumanInputSchema = camelSchema(WireDigitalHumanDataSchema).extend({
  simulationIds: z.array(IntegerIdSchema).optional(),
});
export type CreateDigitalHumanInput = z.input<typeof CreateDigitalHumanInputSchema>;
export const UpdateDigitalHumanInputSchema = camelSchema(WireUpdateDigitalHumanSchema);
export type UpdateDigitalHumanInput = z.input<typeof UpdateDigitalHumanInputSchema>;

/** A digital human as this package returns it. */
export type DigitalHuman = Omit<Camelized<WireDigitalHuman>, "id"> & {
  digitalHumanId: number;
  simulationIds: number[];
};

function fromData(wire: WireDigitalHuman, simulationIds: number[], knownId?: string | number): DigitalHuman {
  const { id, ...rest } = camelize(wire);
  const digitalHumanId = id ?? integerId(knownId);
  if (digitalHumanId === undefined) {
    throw new BluejayResponseError({ method: "POST", path: "/v1/create-digital-human" }, 200, [
      "digital_human.id: Required",
    ]);
  }
  return { ...rest, digitalHumanId, simulationIds };
}

function entity(wire: WireDigitalHumanResponse, knownId?: string | number): DigitalHuman {
  const simulationIds = wire.simulation_ids ?? (wire.simulation_id ? [wire.simulation_id] : []);
  return fromData(wire.digital_human, simulationIds, knownId);
}

export const digitalHumanApi = defineApi({
  name: "DigitalHuman",
  noun: "digital human",
  plural: "digitalHumans",
  id: IntegerIdSchema,
  idOf: (human: DigitalHuman) => human.digitalHumanId,
  idField: "digitalHumanId",
  create: op.create({
    method: "POST",
    path: "/v1/create-digital-human",
    input: CreateDigitalHumanInputSchema,
    wire: WireCreateDigitalHumanSchema,
    // The data travels wrapped, beside the simulations it joins.
    body: ({ simulationIds, ...data }) => ({
      digital_human: snakeize(data),
      ...(simulationIds === undefined ? {} : { simulation_ids: simulationIds }),
    }),
    answer: WireDigitalHumanResponseSchema,
    entity: (answer) => entity(answer),
  }),
  read: op.read({
    method: "GET",
    path: "/v1/digital-human/{digital_human_id}",
    answer: WireDigitalHumanResponseSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-digital-human/{digital_human_id}",
    input: UpdateDigitalHumanInputSchema,
    wire: WireUpdateDigitalHumanSchema,
    answer: WireDigitalHumanResponseSchema,
    entity,
  }),
  delete: { method: "DELETE", path: "/v1/digital-human/{digital_human_id}", answer: WireDigitalHumanSchema },
  list: op.list({
    filter: z.object({ simulationId: IntegerIdSchema }).strict(),
    request: ({ simulationId }) => ({
      method: "GET",
      path: `/v1/digital-humans-by-simulation/${simulationId}`,
      resource: { kind: "simulation", id: String(simulationId) },
    }),
    answer: WireDigitalHumanListSchema,
    // The list does not say which other simulations each one is in; this one, at least.
    items: (answer, { simulationId }) => answer.digital_humans.map((data) => fromData(data, [simulationId])),
  }),
});

const inputs = CreateDigitalHumanInputSchema.extend({
  phoneNumber: nonBlank("the number the digital human calls from"),
  intent: nonBlank("what the caller wants"),
  successCriteria: nonBlank("what the agent must achieve"),
  simulationIds: distinctIds(IntegerIdSchema).optional(),
});
export type DigitalHumanInputs = z.input<typeof inputs>;

/**
 * Fields Bluejay's update body declares with a default (language "en", creativity 0.7, …): a server
 * that fills defaults would reset them on a partial update, so their current values are always sent.
 */
const DEFAULTED_ON_UPDATE = [
  "language",
  "backgroundNoise",
  "voiceSpeed",
  "backgroundNoiseVolume",
  "endpointingDelay",
  "creativity",
] as const;
const list = { compare: "value", cleared: [] } as const;

export const digitalHumanKind = defineKind({
  name: "DigitalHuman",
  api: digitalHumanApi,
  inputs,
  fields: fieldsFor(inputs, {
    simulationIds: { compare: "set", cleared: [] },
    hangupPhrases: list,
    traits: list,
    scriptedResponses: list,
    expectedToolCalls: list,
    // Accepted, never returned by Bluejay's read.
    alwaysOnMode: { compare: "value", writeOnly: true },
    alwaysOnActive: { compare: "value", writeOnly: true },
    numRuns: { compare: "value", writeOnly: true },
    // Bluejay's read answers "default" for a digital human that was given none.
    silenceToolInstructions: { compare: "text", cleared: "default" },
  }),
  hints: hintsFor(inputs, ["phoneNumber", "intent", "successCriteria"], {
    phoneNumber: 'Set phoneNumber to the caller\'s number, e.g. phoneNumber: "+15550100101".',
    simulationIds:
      "Use a list of distinct simulation ids (the simulationId output of Simulation), e.g. [nightly.simulationId].",
    adoptId:
      "Set adoptId to the whole-number id of an existing Bluejay digital human (getDigitalHuman shows one), or leave it out.",
  }),
  outputs: {
    digitalHumanId: "Bluejay's id for the digital human (a whole number): what communities refer to.",
    createdAt: "When Bluejay created the digital human (ISO 8601).",
  },
  idOutput: "digitalHumanId",
  secretOutputs: [],
  docs: {
    summary:
      "One simulated caller (a test case): who calls, how they sound, what they want, and what counts as success. It takes part in zero or more simulations.",
    inputs: {
      intent: "What the caller wants. Required, not blank.",
      successCriteria: "What the agent must achieve for the call to pass. Required, not blank.",
      name: "The caller's name.",
      tag: "A free-form label.",
      language: "The language the caller speaks (e.g. `en`, `es`).",
      accent: "The caller's accent (e.g. `british`).",
      gender: "`male` or `female`.",
      backgroundNoise: "Noise behind the caller (e.g. `office`, `traffic`).",
      voiceSpeed: "How fast the caller speaks (`slowest` to `fastest`).",
      audioQuality: "The line's quality (`high` to `horrible`).",
      fluency: "`beginner`, `intermediate` or `native`.",
      verbosity: "`low`, `medium` or `high`.",
      phoneNumber: "The number the caller calls from. Required, not blank.",
      outboundTextNumber: "The number texts go to, for SMS agents.",
      backgroundNoiseVolume: "How loud the background noise is, from 0 to 1.",
      expectedToolCalls: "Tool calls the agent is expected to make, each `{name, parameters?, output?}`.",
      allowEndCallTool: "Whether the caller may hang up by itself.",
      endpointingDelay: "Seconds of silence before the caller takes its turn.",
      creativity: "How freely the caller improvises, from 0 to 2.",
      hangupPhrases: "Phrases after which the caller hangs up.",
      hangupInstructions: "When the caller should hang up, in words.",
      allowSilenceTool: "Whether the caller may stay silent on purpose.",
      silenceToolInstructions: "When the caller should stay silent, in words.",
      silenceTimeout: "Seconds of silence before the call ends (at least 15).",
      roleDescription: "Who the caller is, in words.",
      traits: "Customer traits, each `{trait_name, trait_data_type, value}` in Bluejay's own shape.",
      interruptions: "How the caller interrupts the agent, in Bluejay's own shape.",
      scriptedResponses: "Fixed answers to phrases the agent says, in Bluejay's own shape.",
      speaksFirstConfig: "Whether and how the caller speaks first, in Bluejay's own shape.",
      originalTranscript: "A real call's transcript this caller replays.",
      formattedTranscript: "That transcript as turns.",
      enrichedPlayback: "Playback details for a replayed call.",
      alwaysOnMode: "Run this caller continuously. Write-only.",
      alwaysOnActive: "Whether the continuous run is active. Write-only.",
      numRuns: "How many times each simulation runs this caller (at least 1). Write-only.",
      livekitMetadata: "Metadata passed to a LiveKit agent for this caller's calls.",
      simulationIds: "The simulations the caller takes part in (a Simulation's `simulationId`). A set.",
    },
    notes: [
      "Bluejay wraps a digital human in its create and its answers (`{digital_human, simulation_ids}`) but not in its update: you see one flat resource with `simulationIds`.",
      "Bluejay's update body declares defaults for `language`, `backgroundNoise`, `voiceSpeed`, `backgroundNoiseVolume`, `endpointingDelay` and `creativity`; so that a partial update cannot reset them, their current values go with every update.",
      "Nested values use Bluejay's own snake_case shapes; only top-level names are camelCase. **Write nested values in full**, the way Bluejay returns them (optional keys with their defaults or `null`: `is_sip_header: false`, `occurrence_n: null`, `probability: 1`, …): a nested value is compared as a whole, and a key left out shows as an update on every `up`.",
      'Bluejay answers `"default"` for `silenceToolInstructions` when none was given. To go back to it, set `silenceToolInstructions: "default"` rather than removing the input.',
      "`numRuns`, `alwaysOnMode` and `alwaysOnActive` are accepted but never returned: write-only.",
      "Bluejay lists digital humans only by simulation, so a create whose answer was lost is looked for in the simulations it names. One in no simulation cannot be looked for: it fails with `BluejayAmbiguousCreateError`; look in Bluejay and adopt or delete what you find before running again.",
    ],
    example: `import { DigitalHuman } from "pulumi-bluejay";

const vip = new DigitalHuman("vip", {
  phoneNumber: "+15550100105",
  name: "Enterprise customer",
  intent: "Asks to upgrade to the annual plan with a discount",
  successCriteria: "The agent escalates the discount to sales",
  accent: "indian",
  interruptions: { type: "low" },
  traits: [{ trait_name: "plan", trait_data_type: "STRING", value: "enterprise", is_sip_header: false }],
  simulationIds: [42], // or [nightly.simulationId], from a Simulation in the same program
});

export const vipId = vip.digitalHumanId;`,
  },
  // Bluejay lists digital humans only by simulation, and without their other simulations: those of
  // the simulations it names, with its number and intent, are read whole and judged like any candidate.
  lookFor: async (ops, inputs) => {
    const simulationIds = (inputs.simulationIds as number[] | undefined) ?? [];
    if (simulationIds.length === 0) return undefined;
    const listed = (
      await Promise.all(simulationIds.map((simulationId) => ops.list({ simulationId })))
    ).flat();
    const alike = listed.filter((h) => h.phoneNumber === inputs.phoneNumber && h.intent === inputs.intent);
    const ids = [...new Set(alike.map((h) => h.digitalHumanId))];
    return Promise.all(ids.map((id) => ops.get(id)));
  },
  update: (ops, id, patch, recorded) =>
    ops.update(Number(id), { ...pick(recorded, DEFAULTED_ON_UPDATE), ...patch }),
  // The lists by simulation carry what a read answers but the other simulations each one is in: all
  // of them together (every simulation's) give each its simulations. One in several is left out, since
  // only a read gives them in Bluejay's order, and one in none is in no list: both are read by id.
  readAll: async (ops, client) => {
    const simulations = await client.operationsFor(simulationApi).list({});
    const lists = await Promise.all(
      simulations.map(async ({ simulationId }) => ({
        simulationId,
        humans: await ops.list({ simulationId }),
      })),
    );
    const found = new Map<number, { human: DigitalHuman; simulationIds: number[] }>();
    for (const { simulationId, humans } of lists) {
      for (const human of humans) {
        const seen = found.get(human.digitalHumanId);
        if (seen) seen.simulationIds.push(simulationId);
        else found.set(human.digitalHumanId, { human, simulationIds: [simulationId] });
      }
    }
    return [...found.values()]
      .filter(({ simulationIds }) => simulationIds.length === 1)
      .map(({ human, simulationIds }) => ({ ...human, simulationIds }));
  },
  emulator: digitalHumanDouble,
});
