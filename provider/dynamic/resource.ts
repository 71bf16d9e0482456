// What every resource class shares: its arguments typed from the kind's inputs, and the outputs
// Pulumi fills in after `up` (a dynamic resource gets only outputs that were named in its inputs).
import * as pulumi from "@pulumi/pulumi";

/** Inputs as a program may give them: each value, and each item of a list, may be an Output. */
export type ArgsOf<T> = {
  [K in keyof T]: pulumi.Input<T[K] extends readonly (infer E)[] ? pulumi.Input<E>[] : T[K]> | undefined;
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
