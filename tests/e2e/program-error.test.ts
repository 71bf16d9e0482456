// A program that throws reports its error at once, and once (checked without a clock: the program
// shows how util.inspect treats the frames that made it slow). Through our language host, an error
// thrown in an apply took about 45 s to show: Node.js's util.inspect looped on the frames that
// @pulumi/pulumi's source maps name (see tools/pulumi-language-nodejs/inspect-guard.js).
import { capture, createE2EStack, type E2EStack } from "./harness";

describe("a program that throws", () => {
  let e2e: E2EStack | undefined;

  afterAll(async () => {
    await e2e?.cleanup();
  });

  test("prints its error once, and the host's guard formats the SDK's frames in colour without looping", async () => {
    e2e = await createE2EStack("program-error", {}, {}, { fixture: "throws-in-apply", config: {} });
    const output: string[] = [];
    const failure = await e2e.stack.preview(capture(output)).catch((e: Error) => e);

    expect(failure).toBeInstanceOf(Error);
    const printed = output.join("");
    expect(printed).toContain("failed with an unhandled exception");
    expect(printed.match(/Error: boom/g)).toHaveLength(1);
    // Unguarded, this line reads "failed: RangeError: Invalid string length" after a 30 s loop.
    expect(printed).toContain("inspect in colour: Error: probe");
  }, 90_000);
});
