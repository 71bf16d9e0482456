// The provider object Pulumi serializes into every Community's state. Pulumi runs that text in a
// separate process, so it must capture nothing but itself: no zod schema or client (they do not
// serialize), no API key (it would leak into state), no absolute path (state must move between
// machines). Each method loads the package's runtime by name, from the program's folder, when called.
//
// Pulumi's serializer wraps every distinct function in ~200 bytes of scaffolding, and this text is
// stored once per resource, so methods share one function where the runtime can tell the calls
// apart by their arguments (see `dispatch` in runtime.ts). `update` and `delete` take the same
// arguments as `diff` and `read`, so they pass their name first. Comments stay outside function
// bodies (and this file is exempt from
// the no-require lint rule for the same reason): Pulumi copies function text into state verbatim.
import type * as pulumi from "@pulumi/pulumi";

/** Forwards a provider call to `pulumi-bluejay/runtime`, resolved from the program's working directory. */
function call(...a: unknown[]): Promise<never> {
  return require("module").createRequire(`${process.cwd()}/x.js`)("pulumi-bluejay/runtime").dispatch(a);
}

export const communityProvider: pulumi.dynamic.ResourceProvider = {
  configure: call,
  check: call,
  diff: call,
  create: call,
  read: call,
  update: (...a: unknown[]) => call("update", ...a),
  delete: (...a: unknown[]) => call("delete", ...a),
};
