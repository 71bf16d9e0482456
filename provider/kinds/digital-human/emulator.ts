// The emulator's double of Bluejay's digital humans: created wrapped, answered wrapped with their
// simulations (which must exist), updated flat; `num_runs`, `always_on_mode` and `always_on_active`
// are kept but never answered (the answer's shape has no place for them).
import {
  firstMissing,
  given,
  ints,
  isSet,
  notFound,
  routes,
  unique,
  type Answer,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Digital human not found";

/** `DigitalHumanResponse`: the data wrapped with its simulations (`simulation_id` is deprecated). */
function wrapped(human: Json): Json {
  const simulationIds = ints(human.simulation_ids);
  return { digital_human: human, simulation_ids: simulationIds, simulation_id: simulationIds[0] ?? null };
}

function create(body: Json, context: Context): Json | Answer {
  const simulationIds = ints(body.simulation_ids);
  if (isSet(body.simulation_id)) simulationIds.push(body.simulation_id as number);
  const missing = firstMissing(context.of("simulations"), simulationIds);
  if (missing !== undefined) return notFound(`Simulation ${missing} not found`);
  return { ...(body.digital_human as Json), simulation_ids: unique(simulationIds) };
}

/** Null or absent fields are left as they are; a list or object given replaces the stored one wholesale. */
function update(human: Json, request: Request, context: Context): Answer | void {
  const fields = given(request, ["override_conflict"]);
  const missing = firstMissing(context.of("simulations"), ints(fields.simulation_ids));
  if (missing !== undefined) return notFound(`Simulation ${missing} not found`);
  Object.assign(human, fields);
  if (isSet(fields.simulation_ids)) human.simulation_ids = unique(ints(fields.simulation_ids));
}

export const digitalHumanDouble: EmulatedKind = {
  file: "digital_humans",
  ids: "integer",
  routes: [
    routes.create("POST /v1/create-digital-human", create, wrapped),
    routes.get("GET /v1/digital-human/{digital_human_id}", MISSING, wrapped),
    routes.update("PUT /v1/update-digital-human/{digital_human_id}", MISSING, update, wrapped),
    // Communities keep the id: their digital_human_ids are not checked against digital humans.
    routes.remove("DELETE /v1/digital-human/{digital_human_id}", MISSING),
    routes.list(
      "GET /v1/digital-humans-by-simulation/{simulation_id}",
      ({ params }, context) => {
        const id = params.simulation_id as number;
        if (!context.of("simulations").has(id)) return notFound("Simulation not found");
        return context.records.all((h) => ints(h.simulation_ids).includes(id));
      },
      (humans, { params }) => ({
        digital_humans: humans,
        total: humans.length,
        simulation_id: params.simulation_id,
      }),
    ),
  ],
};
