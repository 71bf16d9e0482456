// What every resource class shares: its arguments typed from the kind's inputs, and the outputs
// Pulumi fills in after `up` (a dynamic resource gets only outputs that were named in its inputs).
import * as pulumi from "@pulumi/pulumi";
import type { FieldSpec } from "./fields";
import type { AnyResourceKind } from "./kind";
import { stubFor } from "./stub";

/** Inputs as a program may give them: each value, and each item of a list, may be an Output. */
export type ArgsOf<T> = {
  [K in keyof T]:
    pulumi.Input<NonNullable<T[K]> extends readonly (infer E)[] ? pulumi.Input<E>[] : T[K]> | undefined;
};

/** The Outputs a resource of a kind exposes. */
export type OutputsOf<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

/** The resource's inputs, with every output named (as undefined) so Pulumi populates it. */
export function withOutputNames(args: object, outputNames: readonly string[]): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const name of outputNames) props[name] = undefined;
  return { ...props, ...args };
}

/** Options with the kind's secret outputs added, so Pulumi stores them encrypted. */
export function withSecretOutputs(
  opts: pulumi.CustomResourceOptions | undefined,
  secretOutputs: readonly string[],
): pulumi.CustomResourceOptions | undefined {
  if (secretOutputs.length === 0) return opts;
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretOutputs] };
}

/** Arguments with the kind's secret inputs wrapped as secrets, however the program passed them. */
export function withSecretInputs(args: object, secretInputs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  for (const name of secretInputs) {
    if (out[name] !== undefined && out[name] !== null) out[name] = pulumi.secret(out[name]);
  }
  return out;
}

/** A resource class: `new Agent(name, args, opts)`, with the kind's outputs typed on the instance. */
export type ResourceClass<Args, Outputs> = new (
  name: string,
  args: Args,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputsOf<Outputs>;

/** A kind's arguments: its inputs as a program may give them, and `adoptId`. */
export type KindArgs<Inputs, AdoptId> = ArgsOf<Inputs> & {
  /**
   * Adopt the existing Bluejay object with this id instead of creating one: the first `pulumi up`
   * takes it over and updates it to match these inputs (the import path for dynamic resources).
   */
  adoptId?: pulumi.Input<AdoptId> | undefined;
};

/** A kind's outputs: its inputs as Bluejay holds them, what Bluejay adds (picked from its entity), and `adoptId`. */
export type KindOutputs<Inputs, Entity, Extra extends keyof Entity, AdoptId> = Inputs &
  Pick<Entity, Extra> & { adoptId: AdoptId | undefined };

/**
 * The Pulumi resource class of a kind: each instance carries the kind's serialized stub, names every
 * output so Pulumi fills it in, and keeps the kind's secret inputs and outputs encrypted. A kind's
 * whole-number id output (`agentId`) is derived from the resource's `id` instead: the id stays known
 * through an in-place update, so a preview does not show what refers to it as changing.
 */
export function resourceClass<Args extends object, Outputs>(
  kind: AnyResourceKind,
): ResourceClass<Args, Outputs> {
  const stub = stubFor(kind.name);
  const inputNames: string[] = Object.keys(kind.inputs.shape as object);
  const idOutput = kind.idOutput;
  const extraOutputs = Object.keys(kind.outputs).filter((name) => name !== idOutput);
  const outputNames = [...inputNames, ...extraOutputs, "adoptId"];
  const secretInputs = Object.entries(kind.fields as Record<string, FieldSpec>)
    .filter(([, spec]) => spec.secret)
    .map(([name]) => name);
  class BluejayResource extends pulumi.dynamic.Resource {
    constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
      warnOnceOfPlainApiKey();
      const props = withOutputNames(withSecretInputs(args, secretInputs), outputNames);
      const limit = withoutPromiseStacks();
      try {
        super(stub, name, props, withSecretOutputs(opts, kind.secretOutputs), "bluejay", kind.name);
      } catch (error) {
        // Thrown with no stack: give it this constructor's, which leads to the program's line.
        Error.stackTraceLimit = limit;
        if (error instanceof Error) Error.captureStackTrace(error, BluejayResource);
        throw error;
      } finally {
        Error.stackTraceLimit = limit;
      }
      if (idOutput) {
        Object.defineProperty(this, idOutput, { value: this.id.apply(Number), enumerable: true });
      }
    }
  }
  Object.defineProperty(BluejayResource, "name", { value: kind.name });
  // The outputs are set by Pulumi on the instance; the type says which.
  return BluejayResource as unknown as ResourceClass<Args, Outputs>;
}

/**
 * Turns off stack traces while the resource registers, and returns the limit to restore. Pulumi's SDK
 * records a stack trace for every promise it makes, four per output property (a digital human has
 * forty), and in a TypeScript program ts-node's source-map support maps every frame of every one: most
 * of a program's CPU time per resource (bench: `program` CPU, docs/benchmark.md). The resource's source
 * position is unaffected (the SDK raises the limit itself to find it). Those stacks only show when
 * PULUMI_DEBUG_PROMISE_LEAKS is set, and then they are kept.
 */
export function withoutPromiseStacks(): number {
  const limit = Error.stackTraceLimit;
  if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) Error.stackTraceLimit = 0;
  return limit;
}

let warned = false;

function warnOnceOfPlainApiKey(): void {
  if (warned) return;
  warned = true;
  const warning = plainApiKeyWarning();
  if (warning) void pulumi.log.warn(warning);
}

/** The warning for an API key kept in plain text in the stack's config, or undefined when it is a secret. */
export function plainApiKeyWarning(): string | undefined {
  const key = pulumi.runtime.getConfig("bluejay:apiKey");
  // The SDK's own check (not in its type declarations): is this config value a secret?
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean })
    .isConfigSecret;
  if (!key || !isSecret || isSecret("bluejay:apiKey")) return undefined;
  return (
    "bluejay:apiKey is set in plain text, so it is stored unencrypted in this stack's settings and state. " +
    "Set it again as a secret: `pulumi config set --secret bluejay:apiKey <key>`."
  );
}
