// Lookups through the real engine: a lookup of an object Bluejay does not hold fails with advice for a
// lookup (not a resource's `pulumi refresh`), once, and no stray Node.js warning.
import { capture, createE2EStack, E2E_API_KEY, type E2EStack } from "./harness";

jest.setTimeout(120_000);

describe("a lookup of an agent Bluejay does not hold", () => {
  let e2e: E2EStack;

  beforeAll(async () => {
    e2e = await createE2EStack("lookup-missing", {}, {}, { fixture: "lookup-missing", config: {} });
  });
  afterAll(async () => {
    await e2e?.cleanup();
  });

  test("fails the preview naming the id and the lookup, with no advice to refresh and no Node.js warning", async () => {
    const sink: string[] = [];
    const error = await e2e.stack.preview({ ...capture(sink), onError: (line) => void sink.push(line) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const all = `${sink.join("")}\n${String(error)}`;
    expect(error).toBeInstanceOf(Error);
    expect(all).toContain("Bluejay has no agent with id 987654 (GET /v1/agents/987654 returned 404)");
    expect(all).toContain("Check the id given to getAgent");
    expect(all).not.toContain("pulumi refresh");
    expect(all).not.toContain("PromiseRejectionHandledWarning");
    expect(all).not.toContain(E2E_API_KEY);
    // The trace names the package's own files, which it ships (no source maps to files it does not).
    expect(all).not.toMatch(/provider\/[\w/-]+\.ts:\d+/);
  });
});
