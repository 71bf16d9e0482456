// The Agent resource: the conversational agent under test. Every input updates in place through
// `update-agent`; the passwords and the webhook key are Pulumi secrets.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CreateAgentInputSchema, type Agent as AgentEntity } from "../client/operations/agents";
import { IntegerIdSchema } from "../client/operations/ids";
import { fieldsFor, hintsFor, pick } from "../dynamic/describe";
import { defineKind } from "../dynamic/kind";
import { resourceClass, type ArgsOf } from "../dynamic/resource";
import { typeToken } from "../dynamic/stub";

const nonBlank = (what: string) =>
  z
    .string({ required_error: "is required", invalid_type_error: "must be a string" })
    .refine((s) => s.trim().length > 0, `must not be empty or blank (${what})`);

const inputs = CreateAgentInputSchema.extend({
  name: nonBlank("the agent's name"),
  goals: z.array(z.string({ invalid_type_error: "must be a string" }), {
    invalid_type_error: "must be a list of strings",
  }),
});
export type AgentInputs = z.input<typeof inputs>;

const SECRETS = ["websocketPassword", "sipPassword"] as const;
/** Outputs Bluejay adds to the inputs. */
const EXTRA_OUTPUTS = ["agentId", "createdAt", "folderId", "organizationId", "httpWebhookKey"] as const;

export const agentKind = defineKind({
  name: "Agent",
  inputs,
  fields: fieldsFor(inputs, {
    goals: { compare: "value", cleared: [] },
    keyterms: { compare: "value", cleared: [] },
    type: { compare: "value", cleared: "INBOUND" },
    mode: { compare: "value", cleared: "VOICE" },
    redactPii: { compare: "value", cleared: false },
    customSipHeaders: { compare: "value", cleared: {} },
    livekitMetadata: { compare: "value", cleared: {} },
    pipecatAgentConfiguration: { compare: "value", cleared: {} },
    pipecatRoomProperties: { compare: "value", cleared: {} },
    websocketPassword: { compare: "text", secret: true },
    sipPassword: { compare: "text", secret: true },
    // Bluejay answers the folder by id (`folderId`), never by the name it was given.
    folder: { compare: "text", writeOnly: true },
  }),
  hints: hintsFor(inputs, ["name", "systemPrompt", "knowledgeBase", "goals"], {
    name: 'Set name to a non-empty string, e.g. name: "Support bot".',
    goals: 'Set goals to a list of strings, e.g. ["Resolve billing questions"] ([] for none).',
    adoptId:
      "Set adoptId to the whole-number id of an existing Bluejay agent (getAgent/listAgents show them), or leave it out.",
  }),
  adoptId: IntegerIdSchema,
  secretOutputs: [...SECRETS, "httpWebhookKey"],
  create: (client, declared) => client.agents.create(declared),
  get: (client, id) => client.agents.get(Number(id)),
  update: (client, id, patch) => client.agents.update(Number(id), patch),
  remove: (client, id) => client.agents.delete(Number(id)),
  list: (client) => client.agents.list(),
  id: (agent: AgentEntity) => String(agent.agentId),
  outputs: (agent: AgentEntity) => pick(agent, [...Object.keys(inputs.shape), ...EXTRA_OUTPUTS]),
});

/** The type Pulumi records for agents: `pulumi-nodejs:dynamic/bluejay:Agent`. */
export const AGENT_TYPE = typeToken(agentKind.name);

export type AgentArgs = ArgsOf<AgentInputs> & {
  /** Adopt the existing agent with this id instead of creating one (the import path for dynamic resources). */
  adoptId?: pulumi.Input<number> | undefined;
};

/** What an Agent exposes: its inputs as Bluejay holds them, and what Bluejay adds. */
export type AgentOutputs = AgentInputs & {
  /** Bluejay's id for the agent: what simulations and custom metrics refer to. */
  agentId: number;
  createdAt: string | undefined;
  folderId: string | undefined;
  organizationId: string | undefined;
  /** The key Bluejay signs `httpWebhook` calls with (a secret). */
  httpWebhookKey: string | undefined;
  adoptId: number | undefined;
};

/** A Bluejay agent. Every input updates in place; removing the resource deletes the agent. */
export const Agent = resourceClass<AgentArgs, AgentOutputs>(agentKind, EXTRA_OUTPUTS, SECRETS);
export type Agent = InstanceType<typeof Agent>;
