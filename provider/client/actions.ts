// Operations that are not a kind's create, read, update, delete or list: queueing a simulation run,
// reading its results. Each is described as data, like a kind's API (operations.ts): what it takes
// (camelCase, strict, checked before anything is sent), its body on the wire (snake_case, strict),
// its answer's schema, and the result the package hands out. The contract test reads these
// descriptions to hold each one to Bluejay's OpenAPI description.
import type { ResourceRef } from "./errors";
import { fill, type Endpoint, type Requester, type Schema } from "./operations";
import { parse } from "./validate";

export interface ActionSpec<Input, Answer, Result> extends Endpoint {
  /** How a message names the call, e.g. `simulationRuns.queue`. */
  name: string;
  /** What the call takes (camelCase, strict). */
  input: Schema<Input>;
  /** The body on the wire (snake_case, strict), for an operation that takes one. */
  wire?: Schema<unknown>;
  /** The wire body for the parsed input. */
  body?(input: Input): unknown;
  /** The value of the path's one `{param}`. */
  param?(input: Input): string | number;
  /** The resource the path names, so a 404 can say which. */
  resource?(input: Input): ResourceRef;
  /**
   * Set for an operation that makes something (a run): it is never blindly sent twice, and a lost
   * answer throws `BluejayAmbiguousCreateError` naming this, for the caller to settle.
   */
  makes?: string;
  answer: Schema<Answer>;
  result(answer: Answer, input: Input): Result;
}

/** Checks an action's description where it is written, its result against its own answer schema. */
export function defineAction<Input, Answer, Result>(
  spec: ActionSpec<Input, Answer, Result>,
): ActionSpec<Input, Answer, Result> {
  return spec;
}

/** An action with its types forgotten, for code that reads every description alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyActionSpec = ActionSpec<any, any, any>;

/** Runs one action: checks the input and the body, sends it, validates the answer, maps it. */
export async function perform<Input, Answer, Result>(
  requests: Requester,
  spec: ActionSpec<Input, Answer, Result>,
  input: Input,
): Promise<Result> {
  const parsed = parse(spec.name, spec.input, input);
  const body = spec.wire ? parse(spec.name, spec.wire, spec.body?.(parsed)) : undefined;
  const call = {
    method: spec.method,
    path: spec.param ? fill(spec.path, spec.param(parsed)) : spec.path,
    schema: spec.answer,
    ...(body === undefined ? {} : { body }),
    ...(spec.resource ? { resource: spec.resource(parsed) } : {}),
  };
  const answer = spec.makes ? await requests.create(spec.makes, call) : await requests.call(call);
  return spec.result(answer, parsed);
}
