// One `pulumi up` of 200 communities while the emulator injects transient faults into 10% of
// requests (429, 502, 503, dropped connections, lost answers after a write, latency) ends with
// exactly 200 communities, each created once; `destroy` then leaves none.
import { capture, createE2EStack, E2E_API_KEY, type Declared, type E2EStack } from "./harness";

jest.setTimeout(600_000);

const COUNT = 200;
const declared: Declared = Object.fromEntries(
  Array.from({ length: COUNT }, (_, i) => [`load${i}`, { title: `Load ${i}`, digitalHumanIds: [i + 1] }]),
);

describe("200 communities under 10% transient faults", () => {
  let e2e: E2EStack;

  beforeAll(async () => {
    e2e = await createE2EStack("load", {}, { chaos: { rate: 0.1, seed: 20261130 } });
    await e2e.declare(declared);
  });
  afterAll(async () => {
    e2e.emulator.faults.clear();
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("up creates each community exactly once and destroy removes them all", async () => {
    const up = await e2e.stack.up(capture(e2e.output));
    const stored = e2e.emulator.communities();
    const titles = new Set(stored.map((c) => c.title));
    const faults = e2e.emulator.requests.filter((r) => r.fault);
    const posts = e2e.emulator.requests.filter((r) => r.method === "POST");
    console.log(
      `load up: ${e2e.emulator.requests.length} requests, ${posts.length} POST attempts, ` +
        `${faults.length} faults injected, ${stored.length} communities, ${stored.length - titles.size} duplicates`,
    );
    expect(faults.length).toBeGreaterThan(COUNT * 0.05);
    expect(stored).toHaveLength(COUNT);
    expect(titles.size).toBe(COUNT);
    const ids = up.outputs.ids!.value as Record<string, string>;
    expect(new Set(Object.values(ids))).toEqual(new Set(stored.map((c) => c.id)));

    e2e.emulator.clearRequests();
    await e2e.stack.destroy(capture(e2e.output));
    console.log(
      `load destroy: ${e2e.emulator.requests.length} requests, ` +
        `${e2e.emulator.requests.filter((r) => r.fault).length} faults injected, ${e2e.emulator.communities().length} left`,
    );
    expect(e2e.emulator.communities()).toEqual([]);
    expect(e2e.output.join("")).not.toContain(E2E_API_KEY);
  });
});
