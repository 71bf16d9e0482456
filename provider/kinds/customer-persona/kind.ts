// CustomerPersona: a kind of caller an agent's tests draw on (who they are, what they want). Bluejay's
// answers never say which agent a persona belongs to: the agent is kept as declared (write-only), a
// new one replaces the persona (the update takes none), and adopting one is checked against the
// agent's list, the one place that tells.
import { z } from "zod";
import { BluejayResponseError } from "../../client/errors";
import { camelize, camelSchema, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, UuidSchema } from "../../client/wire";
import { defineKind } from "../../dynamic/kind";
import { nonBlank } from "../../dynamic/rules";
import { customerPersonaDouble } from "./emulator";
import {
  WireCreateCustomerPersonaSchema,
  WireCustomerPersonaListSchema,
  WireCustomerPersonaSchema,
  WireUpdateCustomerPersonaSchema,
  type WireCustomerPersona,
} from "./wire";

export const CreateCustomerPersonaInputSchema = camelSchema(WireCreateCustomerPersonaSchema);
export type CreateCustomerPersonaInput = z.input<typeof CreateCustomerPersonaInputSchema>;
export const UpdateCustomerPersonaInputSchema = camelSchema(WireUpdateCustomerPersonaSchema);
export type UpdateCustomerPersonaInput = z.input<typeof UpdateCustomerPersonaInputSchema>;

/** A customer persona as this package returns it (Bluejay does not say its agent). */
export type CustomerPersona = Omit<Camelized<WireCustomerPersona>, "id" | "orgId"> & {
  id: string;
  organizationId?: string | undefined;
};

/** The persona of an answer; `knownId` is the id asked for (the answer declares its own nullable). */
function entity(wire: WireCustomerPersona, knownId?: string | number): CustomerPersona {
  const { id, orgId, ...rest } = camelize(wire);
  const personaId = id ?? (knownId === undefined ? undefined : String(knownId));
  if (personaId === undefined) {
    throw new BluejayResponseError({ method: "POST", path: "/v1/create-customer-persona" }, 200, [
      "id: Required",
    ]);
  }
  return { ...rest, id: personaId, ...(orgId === undefined ? {} : { organizationId: orgId }) };
}

export const customerPersonaApi = defineApi({
  name: "CustomerPersona",
  noun: "customer persona",
  plural: "customerPersonas",
  id: UuidSchema,
  idOf: (persona: CustomerPersona) => persona.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-customer-persona",
    input: CreateCustomerPersonaInputSchema,
    wire: WireCreateCustomerPersonaSchema,
    answer: WireCustomerPersonaSchema,
    entity: (answer) => entity(answer),
  }),
  read: op.read({
    method: "GET",
    path: "/v1/customer-persona/{persona_id}",
    answer: WireCustomerPersonaSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-customer-persona/{persona_id}",
    input: UpdateCustomerPersonaInputSchema,
    wire: WireUpdateCustomerPersonaSchema,
    answer: WireCustomerPersonaSchema,
    entity,
  }),
  delete: {
    method: "DELETE",
    path: "/v1/customer-persona/{persona_id}",
    answer: WireCustomerPersonaSchema,
  },
  list: op.list({
    filter: z.object({ agentId: IntegerIdSchema }).strict(),
    request: ({ agentId }) => ({
      method: "GET",
      path: `/v1/customer-personas-by-agent/${agentId}`,
      resource: { kind: "agent", id: String(agentId) },
    }),
    answer: WireCustomerPersonaListSchema,
    // An item without an id could be neither read nor adopted: it is left out.
    items: (answer) => answer.filter((wire) => wire.id).map((wire) => entity(wire)),
  }),
});

const inputs = CreateCustomerPersonaInputSchema.extend({
  // Required here: Bluejay lists personas only by agent, so one with none could not be found again.
  agentId: IntegerIdSchema,
  name: nonBlank(),
});
export type CustomerPersonaInputs = z.input<typeof inputs>;

export const customerPersonaKind = defineKind({
  name: "CustomerPersona",
  api: customerPersonaApi,
  inputs,
  fields: {
    // Bluejay keeps it but never answers it: state keeps the agent declared.
    agentId: { compare: "value", replaces: true, writeOnly: true },
    name: { compare: "text" },
    description: { compare: "text" },
    goal: { compare: "text" },
  },
  hints: {
    agentId: "Set agentId to the agentId output of an Agent (a whole number), e.g. agentId: agent.agentId.",
    name: 'Set name to a non-empty string, e.g. name: "Impatient commuter".',
    description: "Set description to a string: who the caller is.",
    goal: "Set goal to a string: what the caller wants from the call.",
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay customer persona (listCustomerPersonas({ agentId }) shows an agent's), and agentId to its agent; or leave adoptId out.",
  },
  outputs: {
    createdAt: "When Bluejay created the persona (ISO 8601).",
    organizationId: "The Bluejay organization the persona belongs to.",
  },
  secretOutputs: [],
  docs: {
    summary:
      "A kind of caller an agent's test cases draw on: who the caller is and what they want, defined for one agent.",
    inputs: {
      agentId:
        "The agent the persona belongs to (an Agent's `agentId`). Required. A change replaces the persona. Write-only: Bluejay never answers it.",
      name: "The persona's name. Required, not blank.",
      description: "Who the caller is. Required.",
      goal: "What the caller wants from the call. Required.",
    },
    notes: [
      "Bluejay's answers for a persona never say its agent, so `agentId` is kept as declared (write-only) and refresh cannot see it change. Bluejay's update takes no agent: a different `agentId` replaces the persona (the new one is created first).",
      "Bluejay accepts a persona with no agent, but lists personas only by agent: one without could not be found after a create whose answer was lost, nor checked on adoption. `agentId` is required.",
      "Adopting (`adoptId`) needs `agentId` too: the provider checks the persona is among that agent's personas (`GET /v1/customer-personas-by-agent/{agent_id}`, one request) and refuses with `BluejayAdoptionError` otherwise, rather than record the wrong agent.",
      "Bluejay's delete of a persona refuses nothing: simulations take personas by content (`customer_personas` in a generation request), not by id, so nothing refers to one.",
      "A create whose answer was lost is looked for among the agent's personas, so it is found rather than made twice.",
    ],
    example: `import { Agent, CustomerPersona } from "pulumi-bluejay";

const agent = new Agent("support-bot", {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: "Refunds take 5 days.",
  goals: [],
});

const commuter = new CustomerPersona("commuter", {
  agentId: agent.agentId,
  name: "Impatient commuter",
  description: "Calls from a train, in a hurry, with a weak line.",
  goal: "Moves a delivery to tomorrow morning.",
});

export const commuterId = commuter.id; // a UUID`,
  },
  // Bluejay lists an agent's personas whole: those are where a lost create would be.
  lookFor: (ops, declared) => ops.list({ agentId: declared.agentId as number }),
  // The read does not say the agent: the agent's list does.
  adoptable: async (ops, id, declared) => {
    const agentId = declared.agentId as number;
    const personas = await ops.list({ agentId });
    if (personas.some((persona) => persona.id.toLowerCase() === id.toLowerCase())) return undefined;
    return (
      `it is not among the personas of agent ${agentId} (GET /v1/customer-personas-by-agent/${agentId}), and Bluejay's read of a persona does not say its agent. ` +
      "Set agentId to the persona's agent, or remove adoptId to create a new persona"
    );
  },
  emulator: customerPersonaDouble,
});
