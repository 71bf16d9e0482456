// What a Bluejay resource kind is, for the shared machinery: its inputs (a zod schema and how each
// field behaves), and its four operations against Bluejay. Each resource module (provider/resources/)
// describes one kind with this; the lifecycle, the runtime and the recovery tool do the rest.
import { z } from "zod";
import type { BluejayClient } from "../client";
import type { FieldSpecs } from "./fields";

/** Outputs recorded in state: the inputs as Bluejay holds them, plus what Bluejay adds. */
export type Outputs = Record<string, unknown>;

export interface ResourceKind<Shape extends z.ZodRawShape = z.ZodRawShape, Entity = unknown> {
  /** `Community`: the Pulumi type is `bluejay:Community` (`pulumi-nodejs:dynamic/bluejay:Community` in state). */
  readonly name: string;
  /** The declared inputs, fully known, adoptId aside: the one source of their shape. */
  readonly inputs: z.ZodObject<Shape, "strict">;
  /** How each input compares, updates, replaces and clears. */
  readonly fields: FieldSpecs<keyof Shape & string>;
  /** One fix hint per input (adoptId included), appended to each `check` failure for it. */
  readonly hints: Readonly<Record<(keyof Shape & string) | "adoptId", string>>;
  /** The Bluejay id `adoptId` takes: a UUID or a positive integer. */
  readonly adoptId: z.ZodType<string | number>;
  /** Outputs that Pulumi must store encrypted (besides secret inputs, which it already does). */
  readonly secretOutputs: readonly string[];

  create(client: BluejayClient, inputs: z.infer<z.ZodObject<Shape>>): Promise<Entity>;
  get(client: BluejayClient, id: string): Promise<Entity>;
  /**
   * Sends `patch` (the changed inputs, a removed one as its cleared value); `recorded` is what state
   * holds, for an endpoint that needs more than the changes.
   */
  update(
    client: BluejayClient,
    id: string,
    patch: Partial<z.infer<z.ZodObject<Shape>>>,
    recorded: Outputs,
  ): Promise<Entity>;
  remove(client: BluejayClient, id: string): Promise<void>;
  /**
   * Every resource of this kind, to find one whose create answer was lost (and for recovery after
   * an interrupted run). Absent where Bluejay offers no way to list them.
   */
  list?(client: BluejayClient): Promise<Entity[]>;
  /** Pulumi's id for the entity: Bluejay's id as text. */
  id(entity: Entity): string;
  /** The entity as recorded in state. */
  outputs(entity: Entity): Outputs;
}

/** A kind with its types forgotten, for code that handles every kind alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceKind = ResourceKind<any, any>;

/** Names a kind's type checks: a helper so each module's description is checked where it is written. */
export function defineKind<Shape extends z.ZodRawShape, Entity>(
  kind: ResourceKind<Shape, Entity>,
): ResourceKind<Shape, Entity> {
  return kind;
}
