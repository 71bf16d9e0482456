// The emulator's double of Bluejay's agents: the system prompt is kept as `agent_description`, the
// folder is named on the way in and answered by id, a webhook gets a signing key, and an agent that
// still has simulations cannot be deleted.
import { randomBytes } from "crypto";
import {
  conflict,
  given,
  idFromText,
  isSet,
  notFound,
  ok,
  ORGANIZATION_ID,
  routes,
  text,
  type Context,
  type EmulatedKind,
  type Json,
} from "../../../emulator/kit";

const MISSING = "Agent not found";

/** The folder of this name (Bluejay files agents by folder name), made when there is none yet. */
function folderId(name: string, context: Context): string {
  const folders = context.of("folders");
  const found = folders.all((f) => f.name === name)[0];
  if (found) return found.id as string;
  const made = folders.add({
    name,
    organization_id: ORGANIZATION_ID,
    created_at: context.timestamp(),
  });
  return made.id as string;
}

function webhookKey(): string {
  return `whsec_${randomBytes(24).toString("hex")}`;
}

/** Fields applied to a stored agent (the record keeps the folder's name beside its id). */
function apply(agent: Json, fields: Json, context: Context): void {
  const { system_prompt, folder: _folder, agent_id: _id, ...plain } = fields;
  for (const [key, value] of Object.entries(plain)) if (isSet(value)) agent[key] = value;
  if (isSet(system_prompt)) agent.agent_description = system_prompt;
  const folder = text(fields.folder);
  if (folder !== undefined) {
    agent.folder = folder;
    agent.folder_id = folderId(folder, context);
  }
  // A webhook gets a signing key once; changing the URL keeps it.
  if (agent.http_webhook && !agent.http_webhook_key) agent.http_webhook_key = webhookKey();
}

export const agentDouble: EmulatedKind = {
  file: "agents",
  ids: "integer",
  routes: [
    routes.create(
      "POST /v1/add-agent",
      (body, context) => {
        const agent: Json = { organization_id: ORGANIZATION_ID, simulation_notifications: {}, mode: "VOICE" };
        apply(agent, body, context);
        return agent;
      },
      // `add-agent` answers only the id, and the webhook's signing key.
      (agent) => ({ agent_id: agent.id, status: "200", http_webhook_key: agent.http_webhook_key ?? null }),
    ),
    routes.get("GET /v1/agents/{agent_id}", MISSING),
    routes.custom("POST /v1/update-agent", (request, context) => {
      const id = idFromText(request.body.agent_id);
      const agent =
        id === undefined ? undefined : context.records.modify(id, (a) => apply(a, given(request), context));
      if (!agent) return notFound(MISSING);
      const view: Json = { ...agent, agent_id: String(agent.id), system_prompt: agent.agent_description };
      return ok({
        agent: view,
        status: "200",
        http_webhook_key: agent.http_webhook ? agent.http_webhook_key : null,
      });
    }),
    routes.remove("DELETE /v1/agent/{agent_id}", MISSING, {
      // Bluejay keeps an agent's simulations in a table that refers to the agent, so it cannot delete
      // an agent that still has simulations: 409, and nothing is deleted (rather than cascading, which
      // would silently destroy simulations and their digital humans' links).
      refuse: (agent, context) => {
        const simulations = context.of("simulations").all((s) => s.agent_id === agent.id);
        if (simulations.length === 0) return undefined;
        const ids = simulations.map((s) => String(s.id)).join(", ");
        return conflict(`Agent ${String(agent.id)} still has simulations (${ids}); delete them first`);
      },
      // Custom metrics are linked through a join table: deleting the agent unlinks it from them.
      after: (agent, context) =>
        context.of("customMetrics").modifyAll((metric) => {
          const ids = metric.agent_ids as number[];
          const kept = ids.filter((id) => id !== agent.id);
          if (kept.length === ids.length) return false;
          metric.agent_ids = kept;
          return true;
        }),
      answer: (agent) => ({ agent_id: agent.id, status: "200", http_webhook_key: null }),
    }),
    routes.list("GET /v1/all-agents"),
  ],
};
