// The runtime tells provider calls apart by their arguments. These shapes must be exactly the ones
// the installed @pulumi/pulumi dynamic-provider host makes, and anything else must be refused, not
// guessed: one extra argument must never turn a `read` into a `diff`.
import * as fs from "fs";
import { BluejayRoutingError } from "../../../provider/dynamic/errors";
import { CALL_SHAPES, route, type ProviderCall } from "../../../provider/runtime";
import { thrownBy } from "../../helpers/errors";

/** The host's own source: every `provider.<method>(…)` call it makes. */
function hostCallSites(): Map<string, string[]> {
  const source = fs.readFileSync(require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js"), "utf8");
  const sites = new Map<string, string[]>();
  const call = /provider\.(configure|check|diff|create|read|update|delete)\(((?:[^()]|\([^()]*\))*)\)/g;
  for (const match of source.matchAll(call)) {
    const args = match[2]!.trim() === "" ? [] : match[2]!.split(/,(?![^(]*\))/).map((a) => a.trim());
    sites.set(match[1]!, args);
  }
  return sites;
}

const sample: Record<string, unknown> = {
  "configure-request": { config: { get: () => undefined } },
  object: { title: "T" },
  string: "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
  '"update"': "update",
  '"delete"': "delete",
};
const argsFor = (shape: readonly string[]) => shape.map((type) => sample[type]);

describe("routing provider calls", () => {
  test("the installed host calls every method with exactly the arguments the runtime expects", () => {
    const sites = hostCallSites();
    expect([...sites.keys()].sort()).toEqual(Object.keys(CALL_SHAPES).sort());
    for (const [method, shape] of Object.entries(CALL_SHAPES)) {
      // The stub prefixes update and delete with their own name.
      const fromHost = method === "update" || method === "delete" ? shape.length - 1 : shape.length;
      expect({ method, args: sites.get(method)!.length }).toEqual({ method, args: fromHost });
    }
  });

  test.each(Object.entries(CALL_SHAPES))("%s's arguments route to %s", (method, shape) => {
    expect(route(argsFor(shape)).method).toBe(method as ProviderCall["method"]);
  });

  test("an unexpected shape is refused with BluejayRoutingError naming the arguments", () => {
    const error = thrownBy(
      () => route(["3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10", {}, {}, {}], "Agent"),
      BluejayRoutingError,
    );

    expect(error.shape).toEqual(["string", "object", "object", "object"]);
    expect(error.message).toBe(
      "pulumi-bluejay cannot tell which Agent provider method Pulumi called (arguments: string, object, object, object); " +
        "nothing was sent to Bluejay. This @pulumi/pulumi is newer than this pulumi-bluejay knows: upgrade pulumi-bluejay, " +
        "or pin @pulumi/pulumi to the version it was released with.",
    );
  });

  test.each([
    ["read with an extra argument", ["id", {}, {}, {}]],
    ["update with an extra argument", ["update", "id", {}, {}, {}]],
    ["delete without props", ["delete", "id"]],
    ["no arguments", []],
    ["a number id", [7, {}]],
    ["a list as inputs", [[1, 2]]],
  ])("%s is refused, not guessed", (_what, args) => {
    thrownBy(() => route(args), BluejayRoutingError);
  });
});
