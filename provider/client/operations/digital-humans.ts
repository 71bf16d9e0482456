// Digital humans. Bluejay wraps them: a create sends `{digital_human: {...}, simulation_ids}` and
// every answer comes back as `{digital_human: {...}, simulation_ids}`, while an update sends one
// flat body. Callers see one camelCase `DigitalHuman` with `digitalHumanId` and `simulationIds`.
import { z } from "zod";
import type { Requester } from "../client";
import { BluejayResponseError } from "../errors";
import { camelize, camelSchema, snakeize, type Camelized } from "../mapping";
import {
  WireDigitalHumanDataSchema,
  WireDigitalHumanListSchema,
  WireDigitalHumanResponseSchema,
  WireDigitalHumanSchema,
  WireUpdateDigitalHumanSchema,
  type WireDigitalHuman,
  type WireDigitalHumanResponse,
} from "../schemas";
import { parse } from "../validate";
import { IntegerIdSchema } from "./ids";

export const CreateDigitalHumanInputSchema = camelSchema(WireDigitalHumanDataSchema).extend({
  simulationIds: z.array(IntegerIdSchema).optional(),
});
export type CreateDigitalHumanInput = z.input<typeof CreateDigitalHumanInputSchema>;
export const UpdateDigitalHumanInputSchema = camelSchema(WireUpdateDigitalHumanSchema);
export type UpdateDigitalHumanInput = z.input<typeof UpdateDigitalHumanInputSchema>;

/** A digital human as this package returns it. */
export type DigitalHuman = Omit<Camelized<WireDigitalHuman>, "id"> & {
  digitalHumanId: number;
  simulationIds: number[];
};

export class DigitalHumanOperations {
  constructor(private readonly requests: Requester) {}

  /** `POST /v1/create-digital-human`. */
  async create(input: CreateDigitalHumanInput): Promise<DigitalHuman> {
    const { simulationIds, ...data } = parse("digitalHumans.create", CreateDigitalHumanInputSchema, input);
    const path = "/v1/create-digital-human";
    const wire = await this.requests.create("DigitalHuman", {
      method: "POST",
      path,
      body: {
        digital_human: snakeize(data),
        ...(simulationIds === undefined ? {} : { simulation_ids: simulationIds }),
      },
      schema: WireDigitalHumanResponseSchema,
    });
    return fromWireResponse(wire, { method: "POST", path });
  }

  /** `GET /v1/digital-human/{digital_human_id}`. */
  async get(id: number): Promise<DigitalHuman> {
    const digitalHumanId = parse("digitalHumans.get", IntegerIdSchema, id, "id");
    const path = `/v1/digital-human/${digitalHumanId}`;
    const wire = await this.requests.call({
      method: "GET",
      path,
      schema: WireDigitalHumanResponseSchema,
      resource: { kind: "digital human", id: String(digitalHumanId) },
    });
    return fromWireResponse(wire, { method: "GET", path }, digitalHumanId);
  }

  /** `PUT /v1/update-digital-human/{digital_human_id}` with only the fields given (a flat body). */
  async update(id: number, patch: UpdateDigitalHumanInput): Promise<DigitalHuman> {
    const digitalHumanId = parse("digitalHumans.update", IntegerIdSchema, id, "id");
    const path = `/v1/update-digital-human/${digitalHumanId}`;
    const wire = await this.requests.call({
      method: "PUT",
      path,
      body: snakeize(parse("digitalHumans.update", UpdateDigitalHumanInputSchema, patch)),
      schema: WireDigitalHumanResponseSchema,
      resource: { kind: "digital human", id: String(digitalHumanId) },
    });
    return fromWireResponse(wire, { method: "PUT", path }, digitalHumanId);
  }

  /** `DELETE /v1/digital-human/{digital_human_id}`. */
  async delete(id: number): Promise<void> {
    const digitalHumanId = parse("digitalHumans.delete", IntegerIdSchema, id, "id");
    await this.requests.call({
      method: "DELETE",
      path: `/v1/digital-human/${digitalHumanId}`,
      schema: WireDigitalHumanSchema,
      resource: { kind: "digital human", id: String(digitalHumanId) },
    });
  }

  /** `GET /v1/digital-humans-by-simulation/{simulation_id}`: Bluejay lists digital humans only by simulation. */
  async listBySimulation(simulationId: number): Promise<DigitalHuman[]> {
    const id = parse("digitalHumans.listBySimulation", IntegerIdSchema, simulationId, "simulationId");
    const path = `/v1/digital-humans-by-simulation/${id}`;
    const wire = await this.requests.call({
      method: "GET",
      path,
      schema: WireDigitalHumanListSchema,
      resource: { kind: "simulation", id: String(id) },
    });
    // The list does not say which other simulations each one is in; this one, at least.
    return wire.digital_humans.map((data) => fromWireData(data, [id], { method: "GET", path }));
  }
}

function fromWireResponse(
  wire: WireDigitalHumanResponse,
  request: { method: string; path: string },
  knownId?: number,
): DigitalHuman {
  const simulationIds = wire.simulation_ids ?? (wire.simulation_id ? [wire.simulation_id] : []);
  return fromWireData(wire.digital_human, simulationIds, request, knownId);
}

function fromWireData(
  wire: WireDigitalHuman,
  simulationIds: number[],
  request: { method: string; path: string },
  knownId?: number,
): DigitalHuman {
  const { id, ...rest } = camelize(wire);
  const digitalHumanId = id ?? knownId;
  if (digitalHumanId === undefined)
    throw new BluejayResponseError(request, 200, ["digital_human.id: Required"]);
  return { ...rest, digitalHumanId, simulationIds };
}
