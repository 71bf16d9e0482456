// Agent: the conversational agent under test, and how Bluejay reaches it. Bluejay's agent API is
// irregular, and this hides it: `add-agent` answers only the new id (and the webhook key), so the
// agent is read back; the read answers the system prompt as `agent_description` and the id as text or
// a number; `update-agent` is a POST with the id in the body, as text. Callers see one camelCase
// `Agent` with a numeric `agentId`.
import { z } from "zod";
import { BluejayResponseError } from "../../client/errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, integerId } from "../../client/wire";
import { fieldsFor, hintsFor } from "../../dynamic/describe";
import { defineKind } from "../../dynamic/kind";
import { nonBlank } from "../../dynamic/rules";
import { agentDouble } from "./emulator";
import {
  WireAgentListSchema,
  WireAgentResponseSchema,
  WireAgentSchema,
  WireAgentUpdateResponseSchema,
  WireCreateAgentSchema,
  WireUpdateAgentSchema,
  type WireAgent,
} from "./wire";

export const CreateAgentInputSchema = camelSchema(WireCreateAgentSchema);
export type CreateAgentInput = z.input<typeof CreateAgentInputSchema>;
export const UpdateAgentInputSchema = camelSchema(WireUpdateAgentSchema.omit({ agent_id: true })).partial();
export type UpdateAgentInput = z.input<typeof UpdateAgentInputSchema>;

/** An agent as this package returns it. */
export type Agent = Omit<Camelized<WireAgent>, "id" | "agentDescription"> & {
  agentId: number;
  systemPrompt: string;
};

function entity(wire: WireAgent, knownId?: string | number): Agent {
  const { id, agentDescription, ...rest } = camelize(wire);
  const agentId = integerId(id) ?? integerId(knownId);
  if (agentId === undefined) {
    // Only a list item can lack it: a read knows the id it asked for.
    throw new BluejayResponseError({ method: "GET", path: "/v1/all-agents" }, 200, [
      `id: must be an agent's whole-number id (got ${JSON.stringify(id)})`,
    ]);
  }
  return { ...rest, agentId, systemPrompt: agentDescription };
}

export const agentApi = defineApi({
  name: "Agent",
  noun: "agent",
  plural: "agents",
  id: IntegerIdSchema,
  idOf: (agent: Agent) => agent.agentId,
  idField: "agentId",
  create: op.create({
    method: "POST",
    path: "/v1/add-agent",
    input: CreateAgentInputSchema,
    wire: WireCreateAgentSchema,
    answer: WireAgentResponseSchema,
    // The key may be given only at creation; keep it when the read leaves it out.
    readBack: {
      id: (answer) => answer.agent_id,
      keep: (answer): Partial<Agent> =>
        answer.http_webhook_key ? { httpWebhookKey: answer.http_webhook_key } : {},
    },
  }),
  read: op.read({ method: "GET", path: "/v1/agents/{agent_id}", answer: WireAgentSchema, entity }),
  update: op.update({
    method: "POST",
    path: "/v1/update-agent",
    input: UpdateAgentInputSchema,
    wire: WireUpdateAgentSchema,
    // The id travels in the body, as text; null or absent fields are left as they are.
    body: (id: number, patch) => ({ agent_id: String(id), ...snakeize(patch) }),
    // A POST, but an update: sending it twice does no harm, so it is retried like a PUT.
    idempotent: true,
    answer: WireAgentUpdateResponseSchema,
  }),
  delete: { method: "DELETE", path: "/v1/agent/{agent_id}", answer: WireAgentResponseSchema },
  list: op.list({
    filter: z.object({}).strict(),
    request: () => ({ method: "GET", path: "/v1/all-agents" }),
    answer: WireAgentListSchema,
    items: (answer) => answer.map((agent) => entity(agent)),
    // `AgentPydantic`, as the read answers it, secrets included. Should Bluejay leave one out of its
    // list, a read whose state holds it is sent by id (provider/dynamic/coalesce.ts).
    whole: true,
  }),
});

const inputs = CreateAgentInputSchema.extend({
  name: nonBlank("the agent's name"),
  goals: z.array(z.string({ invalid_type_error: "must be a string" }), {
    invalid_type_error: "must be a list of strings",
  }),
});
export type AgentInputs = z.input<typeof inputs>;

export const agentKind = defineKind({
  name: "Agent",
  api: agentApi,
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
  outputs: {
    agentId: "Bluejay's id for the agent (a whole number): what simulations and custom metrics refer to.",
    createdAt: "When Bluejay created the agent (ISO 8601).",
    folderId: "The UUID of the folder the agent is in.",
    organizationId: "The Bluejay organization the agent belongs to.",
    httpWebhookKey: "The key Bluejay signs its `httpWebhook` calls with (a secret).",
  },
  idOutput: "agentId",
  secretOutputs: ["websocketPassword", "sipPassword", "httpWebhookKey"],
  docs: {
    summary:
      "The conversational agent under test, and how Bluejay reaches it: phone, SIP, websocket, LiveKit, Pipecat, SMS or an HTTP webhook.",
    inputs: {
      name: "The agent's name in Bluejay. Required, not blank.",
      systemPrompt: "The agent's system prompt: what it is told to be and do.",
      knowledgeBase: "What the agent knows: text Bluejay's simulated callers are graded against.",
      phoneNumber: "The number Bluejay calls (inbound) or that calls out (outbound).",
      goals: "What the agent is meant to achieve on a call (`[]` for none).",
      type: "`INBOUND` (the agent takes calls) or `OUTBOUND` (it makes them).",
      connectionType:
        "How Bluejay reaches the agent: SMS, HTTP_WEBHOOK, PHONE, SIP, WEBSOCKET, LIVEKIT or PIPECAT.",
      mode: "`VOICE` or `TEXT`.",
      keyterms: "Words the speech recognition should expect (product names, say).",
      externalAgentId: "The agent's id in your own system.",
      folder:
        "The name of the folder to keep the agent in (a Folder's `name`). Write-only: Bluejay answers its id as `folderId`.",
      websocketUrl: "The websocket Bluejay connects to (connection type WEBSOCKET).",
      websocketUsername: "The websocket's user name.",
      websocketPassword: "The websocket's password. A secret.",
      sipUri: "The SIP address Bluejay calls (connection type SIP).",
      sipUsername: "The SIP user name.",
      sipPassword: "The SIP password. A secret.",
      customSipHeaders: "Extra SIP headers Bluejay sends, by name.",
      redactPii: "Whether Bluejay redacts personal data from transcripts.",
      livekitAgentName: "The LiveKit agent to dispatch (connection type LIVEKIT).",
      livekitMetadata: "Metadata Bluejay passes to the LiveKit agent.",
      pipecatAgentName: "The Pipecat agent to start (connection type PIPECAT).",
      pipecatAgentConfiguration: "Configuration Bluejay passes to the Pipecat agent.",
      pipecatRoomProperties: "Room properties for the Pipecat session.",
      httpWebhook:
        "The URL Bluejay calls for each turn (connection type HTTP_WEBHOOK); it signs the calls with `httpWebhookKey`.",
      voiceProvider: "The voice platform the agent runs on, as Bluejay names it.",
      providerId: "The agent's id at that voice platform.",
      enableOutboundCallAutoStart: "Whether an outbound agent starts its calls by itself.",
    },
    notes: [
      "`POST /v1/add-agent` answers only the new id (and the webhook key), so a create reads the agent back: two requests. If the read fails, the error is a `BluejayPartialCreateError` naming the id; Pulumi records the agent and the next `up` finishes the job.",
      "Bluejay answers the system prompt as `agent_description`, and the id as text in one answer and a number in another: you always see `systemPrompt` and a numeric `agentId`.",
      "Updates go to `POST /v1/update-agent`, with the id in the body as text, then a read.",
      "Bluejay refuses to delete an agent that still has simulations (409): delete them first (Pulumi does, when they are in the same program).",
    ],
    example: `import * as pulumi from "@pulumi/pulumi";
import { Agent } from "pulumi-bluejay";

const config = new pulumi.Config();
const agent = new Agent("support-bot", {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: "Refunds take 5 days.",
  goals: ["Resolve billing questions"],
  connectionType: "WEBSOCKET",
  websocketUrl: "wss://agents.example.com/support",
  websocketPassword: config.requireSecret("websocketPassword"),
  httpWebhook: "https://hooks.example.com/bluejay/calls",
});

export const agentId = agent.agentId;
export const webhookKey = agent.httpWebhookKey; // a secret`,
  },
  deleteRefusals: [
    {
      status: 409,
      because: "it still has simulations",
      fix: "Delete its simulations first (or move them to another agent), then run again.",
    },
  ],
  emulator: agentDouble,
});
