// The provider object Pulumi serializes into every resource's state. Pulumi runs that text in a
// separate process, so it must capture nothing but itself and its kind's name: no zod schema or
// client (they do not serialize), no API key (it would leak into state), no absolute path (state
// must move between machines). Each method loads the package's runtime by name, from the program's
// folder, when called, so resources in state always run the installed version of the package.
//
// Pulumi's serializer wraps every distinct function in ~200 bytes of scaffolding, and this text is
// stored once per resource, so five methods share one function and the runtime tells their calls
// apart by their arguments, strictly (see `route` in runtime.ts). `update` and `delete` take the
// same arguments as `diff` and `read`, so they pass their name first. Comments stay outside function
// bodies (and this file is exempt from the no-require lint rule for the same reason): Pulumi copies
// function text into state verbatim.
import type * as pulumi from "@pulumi/pulumi";

/** The serialized provider for one resource kind, e.g. `stubFor("Community")`. */
export function stubFor(kind: string): pulumi.dynamic.ResourceProvider {
  function call(...a: unknown[]): Promise<never> {
    return require("module")
      .createRequire(`${process.cwd()}/x.js`)("pulumi-bluejay/runtime")
      .dispatch(a, kind);
  }
  return {
    configure: call,
    check: call,
    diff: call,
    create: call,
    read: call,
    update: (...a: unknown[]) => call("update", ...a),
    delete: (...a: unknown[]) => call("delete", ...a),
  };
}

/** The type a dynamic resource of this kind has in state, e.g. `pulumi-nodejs:dynamic/bluejay:Community`. */
export function typeToken(kind: string): string {
  return `pulumi-nodejs:dynamic/bluejay:${kind}`;
}
