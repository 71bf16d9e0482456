// Agents. Bluejay's agent API is irregular, and this hides it: `add-agent` answers only the new id
// (and the webhook key), so the agent is read back; the read answers the system prompt as
// `agent_description` and the id as text or a number; `update-agent` is a POST with the id in the
// body, as text. Callers see one camelCase `Agent` with a numeric `agentId`.
import { z } from "zod";
import type { Requester } from "../client";
import { BluejayPartialCreateError, BluejayResponseError, asError } from "../errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../mapping";
import {
  WireAgentListSchema,
  WireAgentResponseSchema,
  WireAgentSchema,
  WireCreateAgentSchema,
  WireUpdateAgentSchema,
  type WireAgent,
} from "../schemas";
import { parse } from "../validate";
import { IntegerIdSchema, integerId } from "./ids";

export const CreateAgentInputSchema = camelSchema(WireCreateAgentSchema);
export type CreateAgentInput = z.input<typeof CreateAgentInputSchema>;
export const UpdateAgentInputSchema = camelSchema(WireUpdateAgentSchema.omit({ agent_id: true })).partial();
export type UpdateAgentInput = z.input<typeof UpdateAgentInputSchema>;

/** An agent as this package returns it. */
export type Agent = Omit<Camelized<WireAgent>, "id" | "agentDescription"> & {
  agentId: number;
  systemPrompt: string;
};

export class AgentOperations {
  constructor(private readonly requests: Requester) {}

  /** `POST /v1/add-agent`, then `GET /v1/agents/{id}` (the create answers only the id). */
  async create(input: CreateAgentInput): Promise<Agent> {
    const body = snakeize(parse("agents.create", CreateAgentInputSchema, input));
    const created = await this.requests.create("Agent", {
      method: "POST",
      path: "/v1/add-agent",
      body,
      schema: WireAgentResponseSchema,
    });
    // The key may be given only at creation; keep it when the read leaves it out.
    const key = created.http_webhook_key ? { httpWebhookKey: created.http_webhook_key } : {};
    let agent: Agent;
    try {
      agent = await this.get(created.agent_id);
    } catch (error) {
      // The agent exists: say so with its id, so it is tracked rather than created again.
      const known = { agentId: created.agent_id, ...key };
      throw new BluejayPartialCreateError(
        "Agent",
        String(created.agent_id),
        known,
        asError(error),
        "reading it back",
      );
    }
    return { ...key, ...agent };
  }

  /** `GET /v1/agents/{agent_id}`. */
  async get(id: number): Promise<Agent> {
    const agentId = parse("agents.get", IntegerIdSchema, id, "id");
    const path = `/v1/agents/${agentId}`;
    const wire = await this.requests.call({
      method: "GET",
      path,
      schema: WireAgentSchema,
      resource: { kind: "agent", id: String(agentId) },
    });
    return fromWireAgent(wire, { method: "GET", path }, agentId);
  }

  /** `POST /v1/update-agent` with only the fields given (null or absent: left as is), then a read. */
  async update(id: number, patch: UpdateAgentInput): Promise<Agent> {
    const agentId = parse("agents.update", IntegerIdSchema, id, "id");
    const fields = snakeize(parse("agents.update", UpdateAgentInputSchema, patch));
    await this.requests.call({
      method: "POST",
      path: "/v1/update-agent",
      // A POST, but an update: sending it twice does no harm, so it is retried like a PUT.
      idempotent: true,
      body: { agent_id: String(agentId), ...fields },
      schema: z.object({ agent: z.object({}).passthrough() }).passthrough(),
      resource: { kind: "agent", id: String(agentId) },
    });
    return this.get(agentId);
  }

  /** `DELETE /v1/agent/{agent_id}`. */
  async delete(id: number): Promise<void> {
    const agentId = parse("agents.delete", IntegerIdSchema, id, "id");
    await this.requests.call({
      method: "DELETE",
      path: `/v1/agent/${agentId}`,
      schema: WireAgentResponseSchema,
      resource: { kind: "agent", id: String(agentId) },
    });
  }

  /** `GET /v1/all-agents`. */
  async list(): Promise<Agent[]> {
    const path = "/v1/all-agents";
    const wire = await this.requests.call({ method: "GET", path, schema: WireAgentListSchema });
    return wire.map((agent) => fromWireAgent(agent, { method: "GET", path }));
  }
}

function fromWireAgent(wire: WireAgent, request: { method: string; path: string }, knownId?: number): Agent {
  const { id, agentDescription, ...rest } = camelize(wire);
  const agentId = integerId(id) ?? knownId;
  if (agentId === undefined) {
    throw new BluejayResponseError(request, 200, [
      `id: must be an agent's whole-number id (got ${JSON.stringify(id)})`,
    ]);
  }
  return { ...rest, agentId, systemPrompt: agentDescription };
}
