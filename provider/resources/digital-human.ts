// The DigitalHuman resource: one simulated caller (a test case), in zero or more simulations. Every
// input updates in place. Bluejay offers no way to list every digital human, so a create whose
// answer is lost cannot be looked for: it fails and says so instead of risking a duplicate.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  CreateDigitalHumanInputSchema,
  type DigitalHuman as DigitalHumanEntity,
} from "../client/operations/digital-humans";
import { IntegerIdSchema } from "../client/operations/ids";
import { fieldsFor, hintsFor, pick } from "../dynamic/describe";
import { defineKind } from "../dynamic/kind";
import { resourceClass, type ArgsOf } from "../dynamic/resource";
import { typeToken } from "../dynamic/stub";
import { distinctIds } from "./community";

const required = (what: string) =>
  z
    .string({ required_error: "is required", invalid_type_error: "must be a string" })
    .refine((s) => s.trim().length > 0, `must not be empty or blank (${what})`);

const inputs = CreateDigitalHumanInputSchema.extend({
  phoneNumber: required("the number the digital human calls from"),
  intent: required("what the caller wants"),
  successCriteria: required("what the agent must achieve"),
  simulationIds: distinctIds(IntegerIdSchema).optional(),
});
export type DigitalHumanInputs = z.input<typeof inputs>;

const EXTRA_OUTPUTS = ["digitalHumanId", "createdAt"] as const;
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
  adoptId: IntegerIdSchema,
  secretOutputs: [],
  create: (client, declared) => client.digitalHumans.create(declared),
  get: (client, id) => client.digitalHumans.get(Number(id)),
  update: (client, id, patch, recorded) =>
    client.digitalHumans.update(Number(id), { ...pick(recorded, DEFAULTED_ON_UPDATE), ...patch }),
  remove: (client, id) => client.digitalHumans.delete(Number(id)),
  id: (human: DigitalHumanEntity) => String(human.digitalHumanId),
  outputs: (human: DigitalHumanEntity) => pick(human, [...Object.keys(inputs.shape), ...EXTRA_OUTPUTS]),
});

/** The type Pulumi records for digital humans: `pulumi-nodejs:dynamic/bluejay:DigitalHuman`. */
export const DIGITAL_HUMAN_TYPE = typeToken(digitalHumanKind.name);

export type DigitalHumanArgs = ArgsOf<DigitalHumanInputs> & {
  /** Adopt the existing digital human with this id instead of creating one. */
  adoptId?: pulumi.Input<number> | undefined;
};

export type DigitalHumanOutputs = DigitalHumanInputs & {
  /** Bluejay's id for the digital human: what communities refer to. */
  digitalHumanId: number;
  createdAt: string | undefined;
  adoptId: number | undefined;
};

/** A Bluejay digital human: a simulated caller with an intent and success criteria. */
export const DigitalHuman = resourceClass<DigitalHumanArgs, DigitalHumanOutputs>(
  digitalHumanKind,
  EXTRA_OUTPUTS,
);
export type DigitalHuman = InstanceType<typeof DigitalHuman>;
