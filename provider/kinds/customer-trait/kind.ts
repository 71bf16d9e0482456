// CustomerTrait: a fact about the caller an agent's tests vary (plan, account age, VIP), defined per
// agent with a data type and a default. The regular part of Bluejay's API (UUID ids, whole answers),
// with two traps: the default must convert to the data type (checked at preview, so Bluejay never
// refuses it), and a trait stays with its agent (the update takes no agent: a new agent replaces it).
import { z } from "zod";
import { camelize, camelSchema, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { AgentFilterSchema, agentQuery, IntegerIdSchema, UuidSchema } from "../../client/wire";
import { defineKind, type InputProblem, type InputRule } from "../../dynamic/kind";
import { nonBlank } from "../../dynamic/rules";
import { customerTraitDouble } from "./emulator";
import {
  TraitDataTypeSchema,
  WireCreateCustomerTraitSchema,
  WireCustomerTraitListSchema,
  WireCustomerTraitSchema,
  WireDeletedCustomerTraitSchema,
  WireUpdateCustomerTraitSchema,
  type TraitDataType,
  type WireCustomerTrait,
} from "./wire";

export const CreateCustomerTraitInputSchema = camelSchema(WireCreateCustomerTraitSchema);
export type CreateCustomerTraitInput = z.input<typeof CreateCustomerTraitInputSchema>;
export const UpdateCustomerTraitInputSchema = camelSchema(WireUpdateCustomerTraitSchema);
export type UpdateCustomerTraitInput = z.input<typeof UpdateCustomerTraitInputSchema>;

/** A customer trait as this package returns it. */
export type CustomerTrait = Camelized<WireCustomerTrait>;

const entity = (wire: WireCustomerTrait): CustomerTrait => camelize(wire);

export const customerTraitApi = defineApi({
  name: "CustomerTrait",
  noun: "customer trait",
  plural: "customerTraits",
  id: UuidSchema,
  idOf: (trait: CustomerTrait) => trait.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-customer-trait",
    input: CreateCustomerTraitInputSchema,
    wire: WireCreateCustomerTraitSchema,
    answer: WireCustomerTraitSchema,
    entity,
  }),
  read: op.read({
    method: "GET",
    path: "/v1/customer-trait/{trait_id}",
    answer: WireCustomerTraitSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-customer-trait/{trait_id}",
    input: UpdateCustomerTraitInputSchema,
    wire: WireUpdateCustomerTraitSchema,
    answer: WireCustomerTraitSchema,
    entity,
  }),
  delete: {
    method: "DELETE",
    path: "/v1/customer-trait/{trait_id}",
    answer: WireDeletedCustomerTraitSchema,
  },
  list: op.list({
    filter: AgentFilterSchema,
    request: (filter) => ({ method: "GET", path: "/v1/customer-traits", ...agentQuery(filter) }),
    answer: WireCustomerTraitListSchema,
    items: (answer) => answer.traits.map(entity),
    // With no agent named, every one, each as the read answers it: a refresh reads them from here.
    whole: true,
  }),
});

/** A calendar date as Bluejay's `date` values are written (`YYYY-MM-DD`), and a real one. */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** What a default of each data type must be, and whether a value is one. */
const DEFAULTS: Record<TraitDataType, { is: string; fits(value: unknown): boolean }> = {
  BOOLEAN: { is: "true or false", fits: (v) => typeof v === "boolean" },
  STRING: { is: "a string", fits: (v) => typeof v === "string" },
  NUMBER: { is: "a number", fits: (v) => typeof v === "number" },
  DATE: {
    is: 'a real date written YYYY-MM-DD (e.g. "2024-05-31")',
    fits: (v) => typeof v === "string" && isDate(v),
  },
};

const fitsDataType = (dataType: unknown, value: unknown): boolean =>
  DEFAULTS[dataType as TraitDataType].fits(value);

/**
 * The default must be a value of the data type, as given: Bluejay converts it (and refuses one that
 * does not convert), and a value it converts ("30" for a NUMBER) would come back as another ("30" ≠
 * 30), a change on every `up`. A data type changed with no new default would leave the old one,
 * which Bluejay cannot clear, under the new type.
 */
const defaultFitsDataType: InputRule = {
  reads: ["dataType", "defaultValue"],
  problems({ dataType, defaultValue }, olds): InputProblem[] {
    const expected = DEFAULTS[dataType as TraitDataType].is;
    if (defaultValue !== undefined) {
      return fitsDataType(dataType, defaultValue)
        ? []
        : [{ path: ["defaultValue"], message: `must be ${expected} when dataType is "${String(dataType)}"` }];
    }
    const kept = olds.defaultValue;
    const changed = olds.dataType !== undefined && olds.dataType !== dataType;
    if (!changed || kept === undefined || kept === null || fitsDataType(dataType, kept)) return [];
    return [
      {
        path: ["defaultValue"],
        message:
          `is required when dataType changes to "${String(dataType)}" and the old default is not ${expected}: ` +
          "Bluejay offers no way to clear a default",
      },
    ];
  },
};

const inputs = CreateCustomerTraitInputSchema.extend({
  agentId: IntegerIdSchema,
  name: nonBlank("the trait's name, as test cases refer to it"),
  dataType: TraitDataTypeSchema,
  defaultValue: z.union([z.string(), z.number().finite(), z.boolean()]).optional(),
});
export type CustomerTraitInputs = z.input<typeof inputs>;

export const customerTraitKind = defineKind({
  name: "CustomerTrait",
  api: customerTraitApi,
  inputs,
  fields: {
    agentId: { compare: "value", replaces: true },
    name: { compare: "text" },
    dataType: { compare: "value" },
    // Bluejay reads null as "leave as is": a default, once set, cannot be removed.
    defaultValue: { compare: "value" },
  },
  rules: [defaultFitsDataType],
  hints: {
    agentId: "Set agentId to the agentId output of an Agent (a whole number), e.g. agentId: agent.agentId.",
    name: 'Set name to a non-empty string, e.g. name: "plan".',
    dataType: 'Set dataType to "BOOLEAN", "STRING", "DATE" or "NUMBER".',
    defaultValue:
      'Set defaultValue to a value of the trait\'s dataType: true or false for "BOOLEAN", a string for "STRING", ' +
      'a number for "NUMBER" (e.g. 30), a date written YYYY-MM-DD for "DATE" (e.g. "2024-05-31"); or leave it out.',
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay customer trait (listCustomerTraits({ agentId }) shows them), or leave it out.",
  },
  outputs: { createdAt: "When Bluejay created the trait (ISO 8601)." },
  secretOutputs: [],
  docs: {
    summary:
      "A fact about the caller that an agent's test cases vary (a plan, an account's age, a VIP flag): its name, its data type and a default, defined for one agent.",
    inputs: {
      agentId: "The agent the trait belongs to (an Agent's `agentId`). A change replaces the trait.",
      name: "The trait's name, as test cases refer to it. Required, not blank.",
      dataType: "`BOOLEAN`, `STRING`, `DATE` or `NUMBER`.",
      defaultValue:
        'The default, a value of `dataType`: `true`/`false`, a string, a number, or a date written `YYYY-MM-DD` (`"2024-05-31"`). Checked at preview.',
    },
    notes: [
      "Bluejay converts `defaultValue` to the trait's `dataType` and refuses one that does not convert. The provider checks it at preview instead, and asks for the value as it will be stored: a number for `NUMBER` (`30`, not `\"30\"`), `true`/`false` for `BOOLEAN`, and for `DATE` a real calendar date written `YYYY-MM-DD` (the form of a `date` in Bluejay's API). A value Bluejay would convert would come back different, a change on every `up`.",
      'Bluejay reads a null default as "leave as is", so a default cannot be removed: removing `defaultValue` is no change. Changing `dataType` therefore needs a `defaultValue` of the new type when the old default does not fit it; the preview says so.',
      "Bluejay's update takes no agent: a different `agentId` replaces the trait (the new one is created first).",
      "Digital humans carry trait values by name (`traits: [{ trait_name, trait_data_type, value }]`), not by reference: Bluejay's delete of a trait refuses nothing, and leaves them as they are.",
      "A create whose answer was lost is looked for among the agent's traits (`GET /v1/customer-traits?agent_id=`), so it is found rather than made twice.",
    ],
    example: `import { Agent, CustomerTrait } from "pulumi-bluejay";

const agent = new Agent("support-bot", {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: "Refunds take 5 days.",
  goals: [],
});

const plan = new CustomerTrait("plan", {
  agentId: agent.agentId,
  name: "plan",
  dataType: "STRING",
  defaultValue: "basic",
});

new CustomerTrait("renewal", {
  agentId: agent.agentId,
  name: "renewal_date",
  dataType: "DATE",
  defaultValue: "2026-01-31",
});

export const planTraitId = plan.id; // a UUID`,
  },
  // Bluejay lists an agent's traits whole: those are where a lost create would be.
  lookFor: (ops, declared) => ops.list({ agentId: declared.agentId as number }),
  emulator: customerTraitDouble,
});
