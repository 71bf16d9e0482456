// What a program pays to declare a resource. Pulumi's SDK records a stack trace for each of the four
// promises it makes per output property, and under ts-node every frame of every one goes through the
// source-map support's `prepareStackTrace`: that was most of a TypeScript program's CPU time per
// resource (docs/benchmark.md). The resource classes register with stack traces off, so only the
// SDK's own look for the resource's source position formats frames. The cost is counted in frames
// handed to `prepareStackTrace`, never timed.
import * as pulumi from "@pulumi/pulumi";
import { DigitalHuman } from "../../../provider";

/** Frames formatted while `declare` runs, through a counting `prepareStackTrace` like ts-node's. */
function framesFormatted(declare: () => void): number {
  const original = Object.getOwnPropertyDescriptor(Error, "prepareStackTrace");
  let frames = 0;
  Error.prepareStackTrace = (error: Error, callsites: NodeJS.CallSite[]) => {
    frames += callsites.length;
    const lines = callsites.map((c) => `    at ${c.getFileName() ?? "?"}:${c.getLineNumber() ?? 0}`);
    return [`${error.name}: ${error.message}`, ...lines].join("\n");
  };
  try {
    declare();
  } finally {
    if (original) Object.defineProperty(Error, "prepareStackTrace", original);
    else Reflect.deleteProperty(Error, "prepareStackTrace");
  }
  return frames;
}

const declared: pulumi.Resource[] = [];
const caller = (i: number) => {
  const resource = new DigitalHuman(`caller-${i}`, {
    phoneNumber: `+1555010${String(i).padStart(4, "0")}`,
    intent: "Disputes a charge",
    successCriteria: "The agent offers a refund",
    simulationIds: [42],
  });
  declared.push(resource);
  return resource;
};
/** Resolves once every resource declared has registered (with the mocks), so none outlives the test. */
const registered = () =>
  Promise.all(declared.splice(0).map((r) => new Promise((resolve) => r.urn.apply(resolve))));

beforeAll(() =>
  pulumi.runtime.setMocks(
    {
      newResource: (args) => Promise.resolve({ id: `${args.name}-id`, state: args.inputs as object }),
      call: () => Promise.resolve({}),
    },
    "project",
    "stack",
    false,
  ),
);
afterEach(async () => {
  delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  await registered();
});

describe("declaring a resource", () => {
  test("formats only the frames of its source position, not four stack traces per output property", () => {
    const limit = Error.stackTraceLimit;

    const quiet = framesFormatted(() => caller(1));
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const debugging = framesFormatted(() => caller(2));

    // A digital human names some forty outputs: with every promise's stack trace it is over a
    // thousand frames; without them, the one stack the SDK reads its source position from.
    expect(debugging).toBeGreaterThan(1000);
    expect(quiet).toBeLessThan(debugging / 10);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  test("puts the limit back, and gives an error thrown while registering a stack that leads here", () => {
    const limit = Error.stackTraceLimit;
    let thrown: unknown;
    try {
      // The SDK refuses a parent that is not a resource, from inside the constructor.
      new DigitalHuman(
        "orphan",
        { phoneNumber: "+15550100", intent: "i", successCriteria: "s" },
        {
          parent: {} as pulumi.Resource,
        },
      );
    } catch (error) {
      thrown = error;
    }

    expect(Error.stackTraceLimit).toBe(limit);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain("Resource parent is not a valid Resource");
    expect((thrown as Error).stack).toContain("registration-cost.test.ts");
  });
});
