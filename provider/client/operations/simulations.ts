// Simulations. `create-simulation` takes the agent id as text and answers only the new id, so the
// simulation is read back; `PUT` takes a subset of the create fields (plus tags, pinned and
// max_turns, which only it takes) and answers the simulation.
import { z } from "zod";
import type { Requester } from "../client";
import { BluejayPartialCreateError, asError } from "../errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../mapping";
import {
  WireCreateSimulationResponseSchema,
  WireCreateSimulationSchema,
  WireDeleteSimulationResponseSchema,
  WireSimulationListSchema,
  WireSimulationSchema,
  WireUpdateSimulationSchema,
  type WireSimulation,
  type WireSimulationSummary,
} from "../schemas";
import { parse } from "../validate";
import { IntegerIdSchema } from "./ids";

export const CreateSimulationInputSchema = camelSchema(WireCreateSimulationSchema)
  .omit({ agentId: true })
  .extend({ agentId: IntegerIdSchema });
export type CreateSimulationInput = z.input<typeof CreateSimulationInputSchema>;
export const UpdateSimulationInputSchema = camelSchema(WireUpdateSimulationSchema);
export type UpdateSimulationInput = z.input<typeof UpdateSimulationInputSchema>;

/** A simulation as this package returns it. */
export type Simulation = Omit<Camelized<WireSimulation>, "id"> & { simulationId: number };
/** A simulation as Bluejay lists it: fewer fields than one read by id. */
export type SimulationSummary = Omit<Camelized<WireSimulationSummary>, "id"> & { simulationId: number };

export class SimulationOperations {
  constructor(private readonly requests: Requester) {}

  /** `POST /v1/create-simulation`, then `GET /v1/simulation/{id}` (the create answers only the id). */
  async create(input: CreateSimulationInput): Promise<Simulation> {
    const { agentId, ...rest } = parse("simulations.create", CreateSimulationInputSchema, input);
    const created = await this.requests.create("Simulation", {
      method: "POST",
      path: "/v1/create-simulation",
      body: { agent_id: String(agentId), ...snakeize(rest) },
      schema: WireCreateSimulationResponseSchema,
    });
    try {
      return await this.get(created.simulation_id);
    } catch (error) {
      // The simulation exists: say so with its id, so it is tracked rather than created again.
      const id = created.simulation_id;
      throw new BluejayPartialCreateError(
        "Simulation",
        String(id),
        { simulationId: id },
        asError(error),
        "reading it back",
      );
    }
  }

  /** `GET /v1/simulation/{simulation_id}`. */
  async get(id: number): Promise<Simulation> {
    const simulationId = parse("simulations.get", IntegerIdSchema, id, "id");
    const wire = await this.requests.call({
      method: "GET",
      path: `/v1/simulation/${simulationId}`,
      schema: WireSimulationSchema,
      resource: { kind: "simulation", id: String(simulationId) },
    });
    return fromWireSimulation(wire, simulationId);
  }

  /** `PUT /v1/simulation/{simulation_id}` with only the fields given. */
  async update(id: number, patch: UpdateSimulationInput): Promise<Simulation> {
    const simulationId = parse("simulations.update", IntegerIdSchema, id, "id");
    const wire = await this.requests.call({
      method: "PUT",
      path: `/v1/simulation/${simulationId}`,
      body: snakeize(parse("simulations.update", UpdateSimulationInputSchema, patch)),
      schema: WireSimulationSchema,
      resource: { kind: "simulation", id: String(simulationId) },
    });
    return fromWireSimulation(wire, simulationId);
  }

  /** `DELETE /v1/simulation/{simulation_id}`. */
  async delete(id: number): Promise<void> {
    const simulationId = parse("simulations.delete", IntegerIdSchema, id, "id");
    await this.requests.call({
      method: "DELETE",
      path: `/v1/simulation/${simulationId}`,
      schema: WireDeleteSimulationResponseSchema,
      resource: { kind: "simulation", id: String(simulationId) },
    });
  }

  /** `GET /v1/get-all-simulations`, or `GET /v1/get-simulations-by-agent/{agent_id}` for one agent's. */
  async list(options: { agentId?: number } = {}): Promise<SimulationSummary[]> {
    const agentId =
      options.agentId === undefined
        ? undefined
        : parse("simulations.list", IntegerIdSchema, options.agentId, "agentId");
    const wire = await this.requests.call({
      method: "GET",
      path: agentId === undefined ? "/v1/get-all-simulations" : `/v1/get-simulations-by-agent/${agentId}`,
      schema: WireSimulationListSchema,
      ...(agentId === undefined ? {} : { resource: { kind: "agent", id: String(agentId) } }),
    });
    return (wire.simulations ?? []).map((summary) => {
      const { id, ...rest } = camelize(summary);
      return { ...rest, simulationId: id };
    });
  }
}

function fromWireSimulation(wire: WireSimulation, knownId: number): Simulation {
  const { id, ...rest } = camelize(wire);
  return { ...rest, simulationId: id ?? knownId };
}
