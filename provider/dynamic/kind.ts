// What a Bluejay resource kind is, for the shared machinery: its API (provider/client/operations.ts),
// its inputs (a zod schema and how each field behaves), what Bluejay adds, its documentation, and its
// double in the emulator. Each kind is one such description, in one folder (provider/kinds/<kind>/);
// the client, the resource class, the lookups, the lifecycle, recovery, the emulator, the reference
// pages and the package schema are all built from it.
import type { z } from "zod";
import type { BluejayClient } from "../client/client";
import type { AnyApiSpec, OperationsOf } from "../client/operations";
import type { EmulatedKind } from "../../emulator/kit";
import type { FieldSpecs } from "./fields";

/** Outputs recorded in state: the inputs as Bluejay holds them, plus what Bluejay adds. */
export type Outputs = Record<string, unknown>;

/** A delete Bluejay refuses, and what to tell the person. */
export interface DeleteRefusal {
  /** The status Bluejay answers, e.g. 409. */
  status: number;
  /** What Bluejay's `detail` says, where one status answers several refusals; absent: any detail. */
  detail?: RegExp;
  /** Why Bluejay refuses, completing "Bluejay refused to delete Agent 3: …". */
  because: string;
  /** What to do about it (for a `kept` refusal: what does remove it). */
  fix: string;
  /**
   * Bluejay keeps it, and nothing the program could change makes it deletable (an agent's only
   * version): rather than fail the destroy, the resource leaves the stack, what it added is undone
   * (`release`), and a warning says what Bluejay kept and why.
   */
  kept?: boolean;
}

/**
 * A rule over several inputs that no one input's schema can state (a trait's default must fit its
 * data type), checked at preview with the schema's own rules.
 */
export interface InputRule {
  /** The inputs it reads: it is judged only once each is known and valid on its own. */
  readonly reads: readonly string[];
  /**
   * What is wrong, each naming the input at fault (`path`, e.g. `["defaultValue"]`) and the rule it
   * breaks (`message`, never the value: it may be a secret), which that input's hint follows; none
   * when the inputs fit together. `olds` are the inputs of the last `up` (none for a new resource).
   */
  problems(inputs: Record<string, unknown>, olds: Record<string, unknown>): InputProblem[];
}

export interface InputProblem {
  path: (string | number)[];
  message: string;
}

/** Another kind's operations, by its API description (a workflow reads the agents it names). */
export type OperationsFor = <A extends AnyApiSpec>(api: A) => OperationsOf<A>;

export interface KindDocs<Input extends string> {
  /** What the kind is, in a sentence or two: the top of its reference page, and its schema description. */
  summary: string;
  /** One description per input, in our words. */
  inputs: Readonly<Record<Input, string>>;
  /** The kind's traps and what the provider does about them: a list on its reference page. */
  notes?: readonly string[];
  /** A short program that declares one, for its reference page (TypeScript). */
  example: string;
}

/** The entity type a kind's API hands back. */
export type EntityOf<A> = A extends { idOf(entity: infer Entity): unknown } ? Entity : never;

export interface ResourceKind<
  Api extends AnyApiSpec = AnyApiSpec,
  Shape extends z.ZodRawShape = z.ZodRawShape,
> {
  /** `Community`: the Pulumi type is `bluejay:Community` (`pulumi-nodejs:dynamic/bluejay:Community` in state). */
  readonly name: string;
  /** The operations behind it, and its id. */
  readonly api: Api;
  /** The declared inputs, fully known, adoptId aside: the one source of their shape. */
  readonly inputs: z.ZodObject<Shape, "strict">;
  /** How each input compares, updates, replaces and clears, and which are secret or write-only. */
  readonly fields: FieldSpecs<keyof Shape & string>;
  /** One fix hint per input (adoptId included), appended to each `check` failure for it. */
  readonly hints: Readonly<Record<(keyof Shape & string) | "adoptId", string>>;
  /** What Bluejay adds to the inputs, by output name, with a description of each. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The type of an output that is not text (the package schema types the rest as strings). */
  readonly outputTypes?: Readonly<Record<string, "integer" | "number" | "boolean">>;
  /**
   * The output that holds Bluejay's whole-number id (`agentId`): the resource class derives it from
   * the resource's `id`, so it stays known wherever the id is (a preview of an update included).
   */
  readonly idOutput?: string;
  /** Outputs that Pulumi must store encrypted (besides secret inputs, which it already does). */
  readonly secretOutputs: readonly string[];
  /**
   * Where a create whose answer was lost (or that an interrupted run left pending) may be found,
   * given what was sent: whole entities, as a read answers them. By default the kind's whole list,
   * where Bluejay lists every one whole with no filter; undefined: Bluejay offers no way to look.
   */
  lookFor?(ops: OperationsOf<Api>, inputs: Record<string, unknown>): Promise<unknown[] | undefined>;
  /** Rules over several inputs, checked at preview after each input's own. */
  readonly rules?: readonly InputRule[];
  /**
   * What must hold in Bluejay before a create or an update is sent that `check` cannot see, since a
   * preview sends no request (the agents a workflow names are voice agents): `sent` is what is about
   * to be sent (a create's inputs, an update's changes), `recorded` what state holds (none for a
   * create). Each problem names its input and the fix; any problem stops the request.
   */
  verify?(
    operationsFor: OperationsFor,
    sent: Record<string, unknown>,
    recorded: Outputs | undefined,
  ): Promise<string[]>;
  /**
   * Whether the object `adoptId` names may be adopted as declared, where Bluejay's read does not say
   * all of it (a persona's agent, known only from that agent's list): the reason it may not, naming
   * the input and the fix, or undefined.
   */
  adoptable?(
    ops: OperationsOf<Api>,
    id: string,
    inputs: Record<string, unknown>,
  ): Promise<string | undefined>;
  /**
   * Bluejay records no creation time for this kind (it numbers versions instead): `lookFor` answers
   * the candidates a create may have made, newest first, and no time window applies to them.
   */
  readonly untimed?: boolean;
  /**
   * Every one Bluejay holds, each as a read by id answers it, from few requests: what answers many
   * reads that come together (a refresh; `bluejay:coalesceReads`). Entities it leaves out are read by
   * id. By default the kind's list with no filter, where the list is `whole`; a kind whose list lacks
   * what a read answers may put it together from other lists (`client` reaches any kind's).
   */
  readAll?(ops: OperationsOf<Api>, client: BluejayClient): Promise<unknown[]>;
  /** Deletes Bluejay refuses, and what the error tells the person. */
  readonly deleteRefusals?: readonly DeleteRefusal[];
  /**
   * For a resource Bluejay keeps on delete (a `kept` refusal): undoes what the resource put on it (its
   * labels), so nothing it declared lingers; answers what it undid, for the warning.
   */
  release?(ops: OperationsOf<Api>, id: string, recorded: Outputs): Promise<string | undefined>;
  readonly docs: KindDocs<keyof Shape & string>;

  /** The create, when it is more than the API's create (a follow-up update, say). */
  create?(ops: OperationsOf<Api>, inputs: z.infer<z.ZodObject<Shape>>): Promise<unknown>;
  /**
   * The update, when it is more than the API's: `patch` holds the changed inputs (a removed one as
   * its cleared value); `recorded` is what state holds, for an endpoint that needs more than the changes.
   */
  update?(
    ops: OperationsOf<Api>,
    id: string,
    patch: Record<string, unknown>,
    recorded: Outputs,
  ): Promise<unknown>;
  /** The entity as recorded in state, when it is more than the inputs and `outputs` picked from it. */
  outputsOf?(entity: EntityOf<Api>): Outputs;

  /** Its double in the emulator (independent of the client: checked against Bluejay's OpenAPI). */
  readonly emulator: EmulatedKind;
}

/** A kind with its types forgotten, for code that handles every kind alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceKind = ResourceKind<AnyApiSpec, any>;

/** Checks a kind's description where it is written. */
export function defineKind<Api extends AnyApiSpec, Shape extends z.ZodRawShape>(
  kind: ResourceKind<Api, Shape>,
): ResourceKind<Api, Shape> {
  return kind;
}
