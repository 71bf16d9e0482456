// `pulumi-bluejay/runtime`: the module every serialized stub requires by the package's name, in the
// provider process. It serves every kind of the registry.
import type * as pulumi from "@pulumi/pulumi";
import { Runtime } from "./dynamic/runtime";
import { KINDS } from "./kinds/registry";

export { CALL_SHAPES, route, type ProviderCall } from "./dynamic/runtime";

const runtime = new Runtime(KINDS);

/** Records the stack's settings for the calls that follow. */
export function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  return runtime.configure(request);
}

/** Runs one call from a stub of the given kind (0.1.0's stubs name none: they are Communities). */
export function dispatch(args: readonly unknown[], kind?: string): Promise<unknown> {
  return runtime.dispatch(args, kind);
}

/** The kind a stub or a type in state names. */
export const kindNamed = (name: string) => runtime.kindNamed(name);
