// A program that throws reports its error at once, and once. Through our language host, an error
// thrown in an apply took about 45 s to show: Node.js's util.inspect looped on the frames that
// @pulumi/pulumi's source maps name (see tools/pulumi-language-nodejs/inspect-guard.js).
import { capture, createE2EStack, type E2EStack } from "./harness";

describe("a program that throws", () => {
  let e2e: E2EStack | undefined;

  afterAll(async () => {
    await e2e?.cleanup();
  });

  test("fails preview within seconds and prints its error once", async () => {
    e2e = await createE2EStack("program-error", {}, {}, { fixture: "throws-in-apply", config: {} });
    const output: string[] = [];
    const started = Date.now();
    const failure = await e2e.stack.preview(capture(output)).catch((e: Error) => e);
    const seconds = (Date.now() - started) / 1000;

    expect(failure).toBeInstanceOf(Error);
    const printed = output.join("");
    expect(printed).toContain("failed with an unhandled exception");
    expect(printed.match(/Error: boom/g)).toHaveLength(1);
    // The one timing bound in these suites: this bug changes nothing but the time (a successful
    // program of this size previews in about 2 s, the failing one took about 45 s), so only a
    // bound can catch it coming back; 15 s leaves a slow machine plenty of room.
    expect(seconds).toBeLessThan(15);
  }, 90_000);
});
