// The whole lifecycle through the real Pulumi engine: each test checks Pulumi's view and Bluejay's.
import { capture, createE2EStack, E2E_API_KEY, repoRoot, type Declared, type E2EStack } from "./harness";
import { orderedSteps } from "../helpers/steps";

jest.setTimeout(180_000);

const three: Declared = {
  support: { title: "Support callers", description: "Angry and confused", digitalHumanIds: [101, 102] },
  billing: { title: "Billing callers", digitalHumanIds: [201] },
  onboarding: { title: "New customers" },
};

// The steps share one stack and one emulator and run in the order of their numbers: each starts
// where the one before it ended. Steps 1 and 2 build the stack up; steps 3 to 9 each start and end
// with the three communities declared, deployed and unchanged (a step that changes them restores
// them before it ends); step 10 reads everything the earlier steps printed; step 11 tears down.
// Once a step fails, the later ones fail at once naming it, instead of failing for its reasons.
describe("Community through `pulumi up`, step by step", () => {
  let e2e: E2EStack;
  const writes = () => e2e.emulator.writes.map((r) => `${r.method} ${r.path}`);
  const step = orderedSteps();
  /** What steps 3 to 9 start from and leave behind. */
  const expectThreeDeployed = () => expect(e2e.emulator.communities()).toHaveLength(3);

  beforeAll(async () => {
    e2e = await createE2EStack("lifecycle");
    await e2e.declare(three);
  });
  afterAll(async () => {
    // Whatever happened, leave no stack state or emulator behind.
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });
  beforeEach(() => e2e.emulator.clearRequests());

  step("1. preview plans one create per community and sends nothing to Bluejay", async () => {
    const preview = await e2e.stack.preview(capture(e2e.output));
    expect(preview.changeSummary.create).toBe(3 + 1); // three communities and the stack itself
    expect(e2e.emulator.requests).toHaveLength(0);
  });

  step("2. up creates them; outputs carry every id and createdAt; Bluejay holds exactly three", async () => {
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    const stored = e2e.emulator.communities();
    expect(stored).toHaveLength(3);
    expect(writes()).toEqual(Array(3).fill("POST /v1/create-community"));
    const ids = up.outputs.ids!.value as Record<string, string>;
    const createdAt = up.outputs.createdAt!.value as Record<string, string>;
    expect(Object.keys(ids).sort()).toEqual(["billing", "onboarding", "support"]);
    for (const name of Object.keys(three)) {
      const community = stored.find((c) => c.id === ids[name]);
      expect(community).toMatchObject({
        title: three[name]!.title,
        digital_human_ids: three[name]!.digitalHumanIds ?? [],
      });
      expect(createdAt[name]).toBe(community!.created_at);
    }
    expect(up.outputs.titles!.value).toEqual({
      support: "Support callers",
      billing: "Billing callers",
      onboarding: "New customers",
    });
  });

  step("3. a second up with no change reports no changes and writes nothing", async () => {
    expectThreeDeployed();
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toEqual({ same: 4 });
    expect(writes()).toEqual([]);
  });

  step("4. a changed title or id list updates in place: same id, one PUT, no replacement", async () => {
    expectThreeDeployed();
    const before = (await e2e.stack.outputs()).ids!.value as Record<string, string>;
    await e2e.declare({
      ...three,
      support: { ...three.support!, title: "Support line callers" },
      billing: { ...three.billing!, digitalHumanIds: [202, 201] },
    });
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toEqual({ same: 2, update: 2 });
    expect(up.outputs.ids!.value as Record<string, string>).toEqual(before);
    expect(writes().sort()).toEqual(
      [`PUT /v1/update-community/${before.billing}`, `PUT /v1/update-community/${before.support}`].sort(),
    );
    expect(e2e.emulator.store.get(before.support!)!.title).toBe("Support line callers");
    expect(e2e.emulator.store.get(before.billing!)!.digital_human_ids.sort()).toEqual([201, 202]);
    await e2e.declare(three);
    await e2e.stack.up(capture(e2e.output));
  });

  step("5. a community deleted behind Pulumi's back disappears on refresh and comes back on up", async () => {
    expectThreeDeployed();
    const ids = (await e2e.stack.outputs()).ids!.value as Record<string, string>;
    e2e.emulator.store.delete(ids.onboarding!);
    const refresh = await e2e.stack.refresh(capture(e2e.output));
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    expect(writes()).toEqual([]);
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    const newId = (up.outputs.ids!.value as Record<string, string>).onboarding!;
    expect(newId).not.toBe(ids.onboarding);
    expect(e2e.emulator.store.get(newId)).toMatchObject({ title: "New customers" });
    expect(e2e.emulator.communities()).toHaveLength(3);
  });

  step("6. drift shows on refresh and up restores the declared value", async () => {
    expectThreeDeployed();
    const ids = (await e2e.stack.outputs()).ids!.value as Record<string, string>;
    e2e.emulator.store.update(ids.support!, { title: "Edited in the Bluejay UI" });
    const refresh = await e2e.stack.refresh(capture(e2e.output));
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const stored = (await e2e.exportState()).deployment.resources.find((r) => r.id === ids.support);
    expect(stored?.outputs?.title).toBe("Edited in the Bluejay UI");
    e2e.emulator.clearRequests();
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(writes()).toEqual([`PUT /v1/update-community/${ids.support}`]);
    expect(e2e.emulator.store.get(ids.support!)!.title).toBe("Support callers");
  });

  step("7. adopting an existing community brings it under management without creating another", async () => {
    expectThreeDeployed();
    const handMade = e2e.emulator.store.create({ title: "Made in the UI", digital_human_ids: [900] });
    await e2e.declare({
      ...three,
      adopted: { title: "Escalations", digitalHumanIds: [900, 901], adoptId: handMade.id },
    });
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    expect((up.outputs.ids!.value as Record<string, string>).adopted).toBe(handMade.id);
    expect(writes()).toEqual([`PUT /v1/update-community/${handMade.id}`]);
    expect(e2e.emulator.communities()).toHaveLength(4);
    expect(e2e.emulator.store.get(handMade.id)).toMatchObject({
      title: "Escalations",
      digital_human_ids: [900, 901],
    });
    await e2e.declare(three);
    await e2e.stack.up(capture(e2e.output));
    expect(e2e.emulator.store.get(handMade.id)).toBeUndefined();
  });

  step("8. an empty title fails preview with a message naming title; nothing is created", async () => {
    expectThreeDeployed();
    await e2e.declare({ ...three, broken: { title: "" } });
    const failure = await e2e.stack.preview(capture(e2e.output)).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure as Error)).toMatch(/title must not be empty or blank/);
    expect(e2e.emulator.requests).toHaveLength(0);
    await e2e.declare(three);
  });

  step("9. a wrong API key fails with the key-refused message and the key appears nowhere", async () => {
    expectThreeDeployed();
    const wrongKey = "bj-wrong-key-0f9e8d7c6b5a";
    await e2e.setApiKey(wrongKey);
    await e2e.declare({ ...three, extra: { title: "Needs a create" } });
    const output: string[] = [];
    const failure = (await e2e.stack.up(capture(output)).catch((e: Error) => e)) as Error;
    const everything = `${String(failure)}\n${failure.stack}\n${output.join("")}`;
    expect(everything).toContain("Bluejay refused the API key for POST /v1/create-community (401");
    expect(everything).toContain("pulumi config set --secret bluejay:apiKey");
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(E2E_API_KEY);
    await e2e.setApiKey(E2E_API_KEY);
    await e2e.declare(three);
    await e2e.stack.up(capture(e2e.output));
  });

  step("10. exported state holds no API key, no absolute path, and each provider under 2 KB", async () => {
    const state = await e2e.exportState();
    expect(JSON.stringify(state)).not.toContain(E2E_API_KEY);
    const communities = state.deployment.resources.filter(
      (r) => r.type === "pulumi-nodejs:dynamic/bluejay:Community",
    );
    expect(communities).toHaveLength(3);
    for (const { inputs } of communities) {
      const provider = inputs!.__provider as string;
      expect(provider.length).toBeLessThan(2048);
      expect(provider).not.toContain(repoRoot);
      expect(provider).not.toMatch(/(^|[\s"'`(])\/(work|home|root|tmp|usr)\//);
    }
    // Nothing the CLI printed in any test carried the key either.
    expect(e2e.output.join("")).not.toContain(E2E_API_KEY);
  });

  step("11. destroy leaves the emulator empty", async () => {
    const destroy = await e2e.stack.destroy(capture(e2e.output));
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 4 });
    expect(e2e.emulator.communities()).toEqual([]);
    expect(writes().filter((w) => w.startsWith("DELETE"))).toHaveLength(3);
  });
});
