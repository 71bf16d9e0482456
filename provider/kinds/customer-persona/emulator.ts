// The emulator's double of Bluejay's customer personas: a persona's agent, when given, must exist;
// Bluejay keeps it but its answers (`CustomerPersonaPydantic`) never show it; the agent's list is the
// only place it shows; delete answers the persona.
import {
  isSet,
  notFound,
  ORGANIZATION_ID,
  routes,
  type Answer,
  type Context,
  type EmulatedKind,
  type Json,
} from "../../../emulator/kit";

const MISSING = "Customer persona not found";

function create(body: Json, context: Context): Json | Answer {
  if (isSet(body.agent_id) && !context.of("agents").has(body.agent_id as number)) {
    return notFound(`Agent ${String(body.agent_id)} not found`);
  }
  return { ...body, agent_id: body.agent_id ?? null, org_id: ORGANIZATION_ID };
}

export const customerPersonaDouble: EmulatedKind = {
  file: "customer_personas",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-customer-persona", create),
    routes.get("GET /v1/customer-persona/{persona_id}", MISSING),
    routes.update("PUT /v1/update-customer-persona/{persona_id}", MISSING),
    routes.remove("DELETE /v1/customer-persona/{persona_id}", MISSING),
    routes.list("GET /v1/customer-personas-by-agent/{agent_id}", ({ params }, context) => {
      const agentId = params.agent_id as number;
      if (!context.of("agents").has(agentId)) return notFound("Agent not found");
      return context.records.all((persona) => persona.agent_id === agentId);
    }),
  ],
};
