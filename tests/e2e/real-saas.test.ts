// Creates and reads that hold against a real SaaS, through the real CLI: a create Bluejay commits after
// its answer was lost, an adopted simulation declared with its write-only settings, a create whose
// follow-up step is refused once, and timestamps without an offset.
import { BluejayClient } from "../../provider/client";
import { BOOTSTRAP_RESOURCES, bootstrapCounts } from "../helpers/bootstrap";
import { capture, createE2EStack, E2E_API_KEY, type E2EStack } from "./harness";

jest.setTimeout(180_000);

/** Runs `up`, keeping what it printed; resolves to the error when it fails. */
async function up(e2e: E2EStack, sink: string[] = []) {
  const result = await e2e.stack.up({ ...capture(sink), onError: (line) => void sink.push(line) }).then(
    (r) => ({ ok: true as const, summary: r.summary }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  e2e.output.push(...sink);
  return { ...result, printed: sink.join("") };
}

describe("a create Bluejay commits after its answer was lost", () => {
  let e2e: E2EStack;
  beforeAll(async () => {
    e2e = await createE2EStack("late-commit");
    await e2e.declare({ support: { title: "Support callers" } });
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("a gateway's 504 at once while Bluejay commits 5 s later: exactly one community, tracked in state", async () => {
    e2e.emulator.injectFault({
      method: "POST",
      path: "/v1/create-community",
      status: 504,
      commitAfterMs: 5000,
    });

    const run = await up(e2e);

    expect(run.ok).toBe(true);
    const stored = e2e.emulator.communities();
    expect(stored.map((c) => c.title)).toEqual(["Support callers"]);
    expect(e2e.emulator.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    const state = await e2e.exportState();
    expect(state.deployment.resources.filter((r) => r.id === stored[0]!.id)).toHaveLength(1);
    // And the next up has nothing to do.
    e2e.emulator.clearRequests();
    expect((await up(e2e)).ok).toBe(true);
    expect(e2e.emulator.writes).toEqual([]);
  });
});

describe("simulations", () => {
  let e2e: E2EStack;
  beforeEach(async () => {
    e2e = await createE2EStack("simulation", {}, {}, { fixture: "simulation", config: {} });
  });
  afterEach(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("an adopted simulation declared with its write-only settings shows no changes and survives the next up", async () => {
    const client = new BluejayClient({ apiKey: E2E_API_KEY, baseUrl: e2e.emulator.url });
    const agent = await client.agents.create({
      name: "Bot",
      systemPrompt: "You answer the support line.",
      knowledgeBase: "Refunds take 5 days.",
      goals: [],
    });
    const made = await client.simulations.create({
      agentId: agent.agentId,
      name: "Nightly",
      sequentialCalling: false,
      maxCallDuration: 5,
      maxCallDurationUnits: "minutes",
    });
    client.close();
    await e2e.stack.setConfig("bluejay-simulation:agentId", { value: String(agent.agentId) });
    await e2e.stack.setConfig("bluejay-simulation:simulationId", { value: String(made.simulationId) });
    e2e.emulator.clearRequests();

    const adopted = await up(e2e);

    expect(adopted.ok).toBe(true);
    // Bluejay held what was declared: nothing was sent.
    expect(e2e.emulator.writes).toEqual([]);
    const preview = await e2e.stack.preview({ ...capture(e2e.output), diff: true });
    expect(preview.changeSummary).toEqual({ same: 3 });
    e2e.emulator.clearRequests();
    const again = await up(e2e);
    expect(again.ok).toBe(true);
    expect(e2e.emulator.writes).toEqual([]);
    expect(e2e.emulator.records("simulations").map((s) => s.id)).toEqual([made.simulationId]);
  });

  test("a follow-up update refused once says why in the CLI output; the next up finishes it in place", async () => {
    await e2e.stack.setConfig("bluejay-simulation:tags", { value: JSON.stringify(["nightly"]) });
    e2e.emulator.injectFault({ method: "PUT", path: /^\/v1\/simulation\/\d+$/, status: 422 });

    const first = await up(e2e);

    expect(first.ok).toBe(false);
    expect(first.printed).toMatch(
      /Simulation 1 was created in Bluejay, but its follow-up update failed: Bluejay rejected PUT \/v1\/simulation\/1 \(422[^)]*\)\. Pulumi records the Simulation as created; the next `pulumi up` finishes it in place, with no second create\./,
    );
    const [made] = e2e.emulator.records("simulations");
    expect(made!.tags).toBeNull();
    e2e.emulator.clearRequests();

    const second = await up(e2e);

    expect(second.ok).toBe(true);
    expect(e2e.emulator.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /v1/simulation/${String(made!.id)}`,
    ]);
    expect(e2e.emulator.records("simulations")).toEqual([
      expect.objectContaining({ id: made!.id, tags: ["nightly"] }),
    ]);
  });
});

describe("timestamps without an offset", () => {
  let e2e: E2EStack;
  beforeAll(async () => {
    e2e = await createE2EStack(
      "naive-time",
      {},
      { naiveTimestamps: true },
      { example: "bootstrap", config: {} },
    );
    await e2e.stack.setConfig("bluejay-bootstrap:websocketPassword", { value: "ws-naive", secret: true });
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("examples/bootstrap comes up, changes nothing on a second up, and goes away, when no timestamp has an offset", async () => {
    const created = await up(e2e);
    expect(created.ok).toBe(true);
    expect(String(e2e.emulator.records("agents")[0]!.created_at)).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/,
    );
    const state = await e2e.exportState();
    const agent = state.deployment.resources.find((r) => r.type.endsWith(":Agent"));
    // Read as UTC, and recorded with its offset.
    expect(String(agent!.outputs!.createdAt)).toMatch(/Z$/);

    e2e.emulator.clearRequests();
    const again = await up(e2e);
    expect(again.ok && again.summary.resourceChanges).toEqual({ same: BOOTSTRAP_RESOURCES });
    expect(e2e.emulator.writes).toEqual([]);

    await e2e.stack.destroy(capture(e2e.output));
    expect(e2e.emulator.counts()).toEqual(bootstrapCounts(0));
  });
});
