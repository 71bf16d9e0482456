// The emulator's double of Bluejay's workflows (v2): the agents a workflow names must exist and be
// voice agents; `definition` keeps the graph as sent, `nodes` and `edges` defaulting to [], and more
// than one `start` node is refused as pydantic refuses a value (422); the update reads a null
// `agent_ids` as "clear the links". A workflow makes no digital humans: Bluejay generates them from
// its paths only through `generate-digital-humans`, which the emulator does not serve.
import {
  Answer,
  given,
  ints,
  isSet,
  notFound,
  ok,
  ORGANIZATION_ID,
  routes,
  unique,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Workflow not found";

/** A refusal for agents that are missing or not voice agents; undefined when every one will do. */
function refusedAgents(ids: number[], context: Context): Answer | undefined {
  for (const id of ids) {
    const agent = context.of("agents").get(id);
    if (!agent) return notFound(`Agent ${id} not found`);
    if (agent.mode === "TEXT") {
      return new Answer(400, { detail: `Agent ${id} is a TEXT agent: workflows are for voice agents only` });
    }
  }
  return undefined;
}

/** The graph as stored (`nodes` and `edges` default to []), or pydantic's 422 for several starts. */
function graph(definition: Json): Json | Answer {
  const nodes = Array.isArray(definition.nodes) ? (definition.nodes as unknown[]) : [];
  const starts = nodes.filter((node) => (node as Json | null)?.type === "start").length;
  if (starts > 1) {
    return new Answer(422, {
      detail: [
        {
          type: "value_error",
          loc: ["body", "definition"],
          msg: `Value error, a workflow has one start node (found ${starts})`,
          input: definition,
          ctx: { error: {} },
        },
      ],
    });
  }
  return { ...definition, nodes: definition.nodes ?? [], edges: definition.edges ?? [] };
}

function create(body: Json, context: Context): Json | Answer {
  const agentIds = unique(ints(body.agent_ids));
  const refused = refusedAgents(agentIds, context);
  if (refused) return refused;
  const definition = graph(body.definition as Json);
  if (definition instanceof Answer) return definition;
  return {
    name: body.name,
    description: body.description ?? null,
    agent_ids: agentIds,
    definition,
    organization_id: ORGANIZATION_ID,
  };
}

function update(workflow: Json, request: Request, context: Context): Answer | void {
  const fields = given(request);
  if (isSet(fields.agent_ids)) {
    const refused = refusedAgents(ints(fields.agent_ids), context);
    if (refused) return refused;
    fields.agent_ids = unique(ints(fields.agent_ids));
  } else if (request.sent.has("agent_ids")) {
    // "Set owning agents, or null to clear agent links."
    fields.agent_ids = [];
  }
  if (isSet(fields.definition)) {
    const definition = graph(fields.definition as Json);
    if (definition instanceof Answer) return definition;
    fields.definition = definition;
  }
  Object.assign(workflow, fields);
}

export const workflowDouble: EmulatedKind = {
  file: "workflows",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/workflow", create),
    routes.get("GET /v1/workflow/{workflow_id}", MISSING),
    routes.update("PUT /v1/workflow/{workflow_id}", MISSING, update),
    routes.remove("DELETE /v1/workflow/{workflow_id}", MISSING, {
      answer: (workflow) => ({ message: "Workflow deleted successfully", deleted_workflow_id: workflow.id }),
    }),
    routes.custom("GET /v1/workflow", ({ query }, context) => {
      const agentId = query.agent_id;
      // "If set, only workflows linked to this agent (agent must be in your org)."
      if (isSet(agentId) && !context.of("agents").has(agentId as number)) return notFound("Agent not found");
      const workflows = context.records.all(
        isSet(agentId) ? (w) => ints(w.agent_ids).includes(agentId as number) : undefined,
      );
      return ok({ workflows, total_count: workflows.length });
    }),
  ],
};
