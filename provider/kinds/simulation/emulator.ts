// The emulator's double of Bluejay's simulations: a simulation belongs to an agent that must exist;
// most create fields are kept inside a free-form `settings` object and answered only there; `type`
// is derived from `sequential_calling` and `max_concurrent`; a delete unlinks its digital humans.
import {
  given,
  idFromText,
  isSet,
  notFound,
  routes,
  type Answer,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Simulation not found";

/** The create fields Bluejay keeps only in a simulation's `settings`. */
const SETTINGS = [
  "prompt_id",
  "knowledge_base_id",
  "sequential_calling",
  "hangup_on_transfer",
  "max_call_duration",
  "max_call_duration_units",
  "digital_humans_settings",
  "selected_custom_metrics",
  "custom_metrics_failing_threshold",
  "custom_metrics_passing_threshold",
] as const;

function settingsOf(body: Json): Json {
  const settings: Json = {};
  for (const name of SETTINGS) settings[name] = body[name] ?? null;
  return settings;
}

function typeOf(simulation: Json): string {
  if ((simulation.settings as Json).sequential_calling) return "sequential";
  return isSet(simulation.max_concurrent) ? "max_concurrent" : "parallel";
}

function create(body: Json, context: Context): Json | Answer {
  const agentId = idFromText(body.agent_id);
  if (agentId === undefined || !context.of("agents").has(agentId)) {
    return notFound(`Agent ${String(body.agent_id)} not found`);
  }
  const simulation: Json = {
    agent_id: agentId,
    name: body.name ?? "Untitled simulation",
    settings: settingsOf(body),
    max_concurrent: body.max_concurrent ?? null,
    max_turns: null,
    ringing_timeout: body.ringing_timeout,
    tags: null,
    description: body.description ?? null,
    pinned: false,
    always_on: body.always_on,
  };
  simulation.type = typeOf(simulation);
  return simulation;
}

/**
 * "Only fields provided in the request body will be updated"; a null reads as absent. Create-only
 * fields are updated inside `settings`, and `digital_humans_settings` replaces the stored object.
 */
function update(simulation: Json, request: Request, context: Context): Answer | void {
  if (!context.of("agents").has(simulation.agent_id as number)) {
    return notFound(`Agent ${String(simulation.agent_id)} not found`);
  }
  const fields = given(request);
  const settings = simulation.settings as Json;
  for (const name of SETTINGS) {
    if (name in fields) settings[name] = fields[name];
    delete fields[name];
  }
  Object.assign(simulation, fields);
  simulation.type = typeOf(simulation);
}

/** `SimulationRes`: the item of a simulations list. */
const summary = ({ id, name, agent_id, created_at, settings }: Json): Json => ({
  id,
  name,
  agent_id,
  created_at,
  settings,
});

export const simulationDouble: EmulatedKind = {
  file: "simulations",
  ids: "integer",
  routes: [
    routes.create("POST /v1/create-simulation", create, (simulation) => ({
      simulation_id: simulation.id,
      status: "200",
    })),
    routes.get("GET /v1/simulation/{simulation_id}", MISSING),
    routes.update("PUT /v1/simulation/{simulation_id}", MISSING, update),
    routes.remove("DELETE /v1/simulation/{simulation_id}", MISSING, {
      // Digital humans are linked to simulations through a join table: the links go with the simulation.
      after: (simulation, context) =>
        context.of("digitalHumans").modifyAll((human) => {
          const ids = human.simulation_ids as number[];
          const kept = ids.filter((id) => id !== simulation.id);
          if (kept.length === ids.length) return false;
          human.simulation_ids = kept;
          return true;
        }),
      answer: (simulation) => ({
        message: `Simulation ${String(simulation.id)} deleted successfully`,
        deleted_simulation_id: simulation.id,
      }),
    }),
    routes.list(
      // Declared as a string here, unlike the integer `agent_id` of the other agent paths.
      "GET /v1/get-simulations-by-agent/{agent_id}",
      ({ params }, context) => {
        const agentId = idFromText(params.agent_id);
        if (agentId === undefined || !context.of("agents").has(agentId)) return notFound("Agent not found");
        return context.records.all((s) => s.agent_id === agentId).map(summary);
      },
      (simulations) => ({ simulations }),
    ),
    routes.list(
      "GET /v1/get-all-simulations",
      (_request, { records }) => records.all().map(summary),
      (simulations) => ({ simulations }),
    ),
  ],
};
