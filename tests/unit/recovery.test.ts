// Repairing state after an interrupted `pulumi up`: each pending create is recorded, dropped or
// left for a person, from what Bluejay holds.
import { repairPendingCreates, trackingKey } from "../../provider/recovery";
import { AGENT_TYPE, COMMUNITY_TYPE, LABEL_TYPE, PROMPT_VERSION_TYPE, SIMULATION_TYPE } from "../../provider";
import { makeAgentChain, useEmulator } from "../helpers/emulator";

const urn = (name: string) => `urn:pulumi:dev::proj::${COMMUNITY_TYPE}::${name}`;
const pendingCreate = (name: string, inputs: Record<string, unknown>) => ({
  type: "creating",
  resource: { urn: urn(name), custom: true, type: COMMUNITY_TYPE, inputs: { __provider: "stub", ...inputs } },
});

describe("repairPendingCreates", () => {
  const fx = useEmulator();

  test("records matched creates, drops those that never happened, leaves ambiguous ones pending", async () => {
    const tracked = fx.emulator.store.create({ title: "Tracked" });
    const made = fx.emulator.store.create({ title: "Made", description: "d", digital_human_ids: [2, 1] });
    fx.emulator.store.create({ title: "Twin" });
    fx.emulator.store.create({ title: "Twin" });
    const otherOp = { type: "updating", resource: { urn: "urn:x", type: "other:Thing", inputs: {} } };
    const exported = {
      version: 3,
      deployment: {
        manifest: { version: "v3.248.0" },
        resources: [
          { urn: urn("tracked"), type: COMMUNITY_TYPE, id: tracked.id, inputs: { title: "Tracked" } },
        ],
        pending_operations: [
          pendingCreate("made", { title: "Made", description: "d", digitalHumanIds: [1, 2] }),
          pendingCreate("never", { title: "Never sent" }),
          pendingCreate("twin", { title: "Twin" }),
          pendingCreate("tracked-again", { title: "Tracked" }),
          otherOp,
        ],
      },
    };

    const { state, pending } = await repairPendingCreates(exported, fx.client());

    expect(pending).toEqual([
      { urn: urn("made"), kind: "Community", id: made.id, candidates: [made.id] },
      { urn: urn("never"), kind: "Community", candidates: [] },
      {
        urn: urn("twin"),
        kind: "Community",
        candidates: expect.arrayContaining([expect.any(String), expect.any(String)]),
      },
      { urn: urn("tracked-again"), kind: "Community", candidates: [] },
    ]);
    const recorded = state.deployment.resources.find((r) => r.urn === urn("made"));
    expect(recorded).toMatchObject({
      id: made.id,
      custom: true,
      inputs: { title: "Made", __provider: "stub" },
      outputs: {
        title: "Made",
        description: "d",
        digitalHumanIds: [2, 1],
        createdAt: made.created_at,
        __provider: "stub",
      },
    });
    expect(state.deployment.pending_operations!.map((op) => op.resource.urn)).toEqual([urn("twin"), "urn:x"]);
    expect(state).toMatchObject({ version: 3, deployment: { manifest: { version: "v3.248.0" } } });
    // One list request, no writes.
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/communities"]);
  });

  test("ids of different kinds never collide: a pending Agent 1 is recorded though a Simulation 1 is tracked", async () => {
    const client = fx.client();
    const { agent, simulation } = await makeAgentChain(client);
    expect([agent.agentId, simulation.simulationId]).toEqual([1, 1]);
    const exported = {
      deployment: {
        manifest: { time: new Date().toISOString() },
        resources: [{ urn: "urn:pulumi:dev::proj::x::nightly", type: SIMULATION_TYPE, id: "1", inputs: {} }],
        pending_operations: [
          {
            type: "creating",
            resource: {
              urn: "urn:pulumi:dev::proj::x::bot",
              custom: true,
              type: AGENT_TYPE,
              inputs: { __provider: "stub", name: "A", systemPrompt: "p", knowledgeBase: "k", goals: [] },
            },
          },
        ],
      },
    };

    const { pending } = await repairPendingCreates(exported, client);

    expect(pending).toEqual([
      { urn: "urn:pulumi:dev::proj::x::bot", kind: "Agent", id: "1", candidates: ["1"] },
    ]);
  });

  test("kinds under an agent: an adopted label is read under the agent its inputs name; a version Bluejay keeps no time for is found by its text", async () => {
    const client = fx.client();
    const { agentId } = await client.agents.create({
      name: "A",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
    });
    const label = await client.labels.create({ agentId, labelText: "qa" });
    const version = await client.promptVersions.create({ agentId, promptText: "Be brief." });
    const creating = (name: string, type: string, inputs: Record<string, unknown>) => ({
      type: "creating",
      resource: {
        urn: `urn:pulumi:dev::proj::x::${name}`,
        custom: true,
        type,
        inputs: { __provider: "stub", ...inputs },
      },
    });
    const exported = {
      deployment: {
        manifest: { time: new Date().toISOString() },
        resources: [],
        pending_operations: [
          creating("adopted", LABEL_TYPE, { agentId, labelText: "qa", adoptId: label.id }),
          creating("prompt", PROMPT_VERSION_TYPE, { agentId, promptText: "Be brief.", labels: ["pr-1"] }),
        ],
      },
    };

    const { pending } = await repairPendingCreates(exported, client);

    expect(pending).toEqual([
      { urn: "urn:pulumi:dev::proj::x::adopted", kind: "Label", id: label.id, candidates: [label.id] },
      {
        urn: "urn:pulumi:dev::proj::x::prompt",
        kind: "PromptVersion",
        id: version.id,
        candidates: [version.id],
      },
    ]);
  });

  test("a look-alike older than the interrupted create could be (a call's budget before the checkpoint) is never taken", async () => {
    fx.emulator.store.create({ title: "Old twin" }, new Date(Date.now() - 10 * 60_000));
    const exported = {
      deployment: {
        manifest: { time: new Date().toISOString() },
        resources: [],
        pending_operations: [pendingCreate("twin", { title: "Old twin" })],
      },
    };

    const { pending } = await repairPendingCreates(exported, fx.client());

    expect(pending).toEqual([{ urn: urn("twin"), kind: "Community", candidates: [] }]);
  });

  test("a resource another stack of the backend tracks is never taken, however alike", async () => {
    const other = fx.emulator.store.create({ title: "Shared name" });
    const exported = {
      deployment: {
        manifest: { time: new Date().toISOString() },
        resources: [],
        pending_operations: [pendingCreate("mine", { title: "Shared name" })],
      },
    };

    const { pending } = await repairPendingCreates(exported, fx.client(), {
      trackedElsewhere: new Set([trackingKey(COMMUNITY_TYPE, other.id)]),
    });

    expect(pending).toEqual([{ urn: urn("mine"), kind: "Community", candidates: [] }]);
  });

  test("state without pending creates is returned as it is, without calling Bluejay", async () => {
    const exported = { deployment: { resources: [] } };
    expect(await repairPendingCreates(exported, fx.client())).toEqual({ state: exported, pending: [] });
    expect(fx.emulator.requests).toHaveLength(0);
  });

  test("input that is not an exported stack is refused with the field at fault", async () => {
    await expect(repairPendingCreates({ deployment: { resources: "x" } }, fx.client())).rejects.toThrow(
      /resources/,
    );
  });
});

describe("repairPendingCreates with secrets and unlistable kinds", () => {
  const fx = useEmulator();
  const secret = (value: unknown) => ({
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    plaintext: JSON.stringify(value),
  });

  test("a secret input exported with --show-secrets is matched, and recorded as a secret again", async () => {
    const made = fx.emulator.store.create({ title: "Secret title" });
    const exported = {
      deployment: {
        resources: [],
        pending_operations: [pendingCreate("hidden", { title: secret("Secret title") })],
      },
    };

    const { state, pending } = await repairPendingCreates(exported, fx.client());

    expect(pending).toEqual([{ urn: urn("hidden"), kind: "Community", id: made.id, candidates: [made.id] }]);
    const [recorded] = state.deployment.resources;
    expect(recorded!.outputs).toMatchObject({ title: secret("Secret title"), digitalHumanIds: [] });
    expect(state.deployment.pending_operations).toEqual([]);
  });

  test("a secret input seen only as ciphertext leaves the create pending and says why", async () => {
    fx.emulator.store.create({ title: "Secret title" });
    const ciphertext = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "v1:abc",
    };
    const op = pendingCreate("hidden", { title: ciphertext });

    const { state, pending } = await repairPendingCreates(
      { deployment: { resources: [], pending_operations: [op, op] } },
      fx.client(),
    );

    // Listed twice in the export, reported once.
    expect(pending).toEqual([
      {
        urn: urn("hidden"),
        kind: "Community",
        candidates: [],
        leftPending:
          "its inputs hold secrets this export shows only as ciphertext: export with `pulumi stack export --show-secrets`",
      },
    ]);
    expect(state.deployment.pending_operations).toHaveLength(2);
    expect(fx.emulator.requests).toHaveLength(0);
  });

  test.each([
    ["DigitalHuman", { phoneNumber: "+1" }, "list every"],
    ["Schedule", { simulationId: 1, schedule: { daily: { at: "02:00" } } }, "read or list a"],
    // An adoption of a kind Bluejay cannot read: whether its update happened cannot be told either.
    [
      "Alert",
      {
        name: "A",
        entityType: "standard_metric",
        entityField: "latency",
        operator: "equals",
        comparisonValue: "1",
        appliesToAllAgents: true,
        adoptId: "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
      },
      "read or list a",
    ],
  ])(
    "a pending create of a kind Bluejay cannot list (%s) is left pending with the reason, nothing asked",
    async (kind, inputs, cannot) => {
      const type = `pulumi-nodejs:dynamic/bluejay:${kind}`;
      const op = {
        type: "creating",
        resource: { urn: `urn:pulumi:dev::proj::${type}::it`, type, inputs },
      };

      const { pending } = await repairPendingCreates(
        { deployment: { resources: [], pending_operations: [op] } },
        fx.client(),
      );

      expect(pending).toEqual([
        {
          urn: op.resource.urn,
          kind,
          candidates: [],
          leftPending: `Bluejay cannot ${cannot} ${kind}: look for it in Bluejay and adopt it with adoptId; then clear the pending create with \`pulumi refresh --clear-pending-creates\``,
        },
      ]);
      expect(fx.emulator.requests).toEqual([]);
    },
  );
});
