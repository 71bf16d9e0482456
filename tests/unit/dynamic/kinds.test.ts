// Every resource kind through the shared lifecycle against the emulator: what each step sends and
// what it records. Community has its own, more detailed suite (lifecycle.test.ts); this one holds
// the new kinds to the same contract, so a kind described wrongly fails here.
import * as pulumi from "@pulumi/pulumi";
import { BluejayPartialCreateError, type BluejayClient } from "../../../provider/client";
import type { AnyResourceKind } from "../../../provider/dynamic/kind";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { UNKNOWN } from "../../../provider/dynamic/unknown";
import { agentKind } from "../../../provider/kinds/agent/kind";
import type { CustomMetricArgs, DigitalHumanArgs } from "../../../provider";
import { customMetricKind } from "../../../provider/kinds/custom-metric/kind";
import { customerPersonaKind } from "../../../provider/kinds/customer-persona/kind";
import { customerTraitKind } from "../../../provider/kinds/customer-trait/kind";
import { workflowKind } from "../../../provider/kinds/workflow/kind";
import { digitalHumanKind } from "../../../provider/kinds/digital-human/kind";
import { knowledgeBaseVersionKind } from "../../../provider/kinds/knowledge-base-version/kind";
import { labelKind } from "../../../provider/kinds/label/kind";
import { promptVersionKind } from "../../../provider/kinds/prompt-version/kind";
import { simulationKind } from "../../../provider/kinds/simulation/kind";
import { scheduleKind } from "../../../provider/kinds/schedule/kind";
import { alertKind } from "../../../provider/kinds/alert/kind";
import type { KindPlural } from "../../../emulator/server";
import { requestLog, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();
const writes = () =>
  requestLog(fx.emulator)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path.replace(/\/([0-9a-f-]{36}|\d+)(?=\/|$)/g, "/{id}")}`);

interface Case {
  kind: AnyResourceKind;
  /** Valid inputs, given a client to make what they refer to. */
  declare: (client: BluejayClient) => Promise<Record<string, unknown>>;
  /** One input changed in place, and the one write it takes. */
  change: [name: string, value: unknown, write: string];
  /** The id output, besides Pulumi's id. */
  idOutput?: string;
  /** A field changed in Bluejay behind Pulumi's back (its store, a wire field, a value), and the input that shows it. */
  drift?: [plural: KindPlural, field: string, value: unknown, input: string];
  /** A kind Bluejay cannot read back: a field changed in Bluejay (its wire name), which refresh cannot see. */
  unseenDrift?: [field: string, value: unknown];
  /** The writes a create of the declaration makes, when more than its one create. */
  createWrites?: string[];
}

const agentInputs = {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: "Refunds take 5 days.",
  goals: ["Resolve billing questions"],
};
const newAgent = async (client: BluejayClient) => (await client.agents.create(agentInputs)).agentId;
const newSimulation = async (client: BluejayClient) =>
  (await client.simulations.create({ agentId: await newAgent(client), name: "S" })).simulationId;
/** An alert on a custom metric, scoped to one agent: what a stack declares. */
const alertOn = async (client: BluejayClient) => {
  const agentId = await newAgent(client);
  const metric = await client.customMetrics.create({
    name: "Empathy",
    description: "Did the agent acknowledge the caller's frustration?",
    responseType: "yes_no",
    agentIds: [agentId],
  });
  return {
    name: "Empathy dropped",
    entityType: "custom_metric",
    entityField: metric.id,
    operator: "less_than",
    comparisonValue: "0.8",
    agentIds: [agentId],
    notificationChannels: [{ type: "email", target: "oncall@example.com" }],
  };
};
/** An agent that has a version already, so the declared one is neither its first nor its only one. */
const agentWithVersions = async (client: BluejayClient) => {
  const agentId = await newAgent(client);
  await client.promptVersions.create({ agentId, promptText: "The first prompt." });
  await client.knowledgeBaseVersions.create({ agentId, kbText: "The first knowledge base." });
  return agentId;
};

const cases: Case[] = [
  {
    kind: agentKind,
    declare: () => Promise.resolve({ ...agentInputs, keyterms: ["refund"], redactPii: true }),
    change: ["knowledgeBase", "Refunds take 3 days.", "POST /v1/update-agent"],
    idOutput: "agentId",
  },
  {
    kind: simulationKind,
    declare: async (client) => ({
      agentId: await newAgent(client),
      name: "Nightly regression",
      maxCallDuration: 5,
    }),
    change: ["name", "Weekly regression", "PUT /v1/simulation/{id}"],
    idOutput: "simulationId",
  },
  {
    kind: digitalHumanKind,
    declare: async (client) => {
      const simulation = await client.simulations.create({ agentId: await newAgent(client), name: "S" });
      return {
        phoneNumber: "+15550100101",
        name: "Angry caller",
        intent: "Disputes a double charge",
        successCriteria: "The agent offers a refund",
        simulationIds: [simulation.simulationId],
      };
    },
    change: ["intent", "Asks for a refund twice", "PUT /v1/update-digital-human/{id}"],
    idOutput: "digitalHumanId",
  },
  {
    kind: customMetricKind,
    declare: async (client) => ({
      name: "Empathy",
      description: "Did the agent acknowledge the caller's frustration?",
      responseType: "yes_no",
      agentIds: [await newAgent(client)],
    }),
    change: ["description", "Was the agent kind?", "PUT /v1/update-custom-metric/{id}"],
  },
  {
    kind: customerTraitKind,
    declare: async (client) => ({
      agentId: await newAgent(client),
      name: "plan",
      dataType: "NUMBER",
      defaultValue: 30,
    }),
    change: ["defaultValue", 45, "PUT /v1/update-customer-trait/{id}"],
    drift: ["customerTraits", "name", "tier", "name"],
  },
  {
    kind: customerPersonaKind,
    declare: async (client) => ({
      agentId: await newAgent(client),
      name: "Impatient commuter",
      description: "Calls from a train.",
      goal: "Moves a delivery.",
    }),
    change: ["goal", "Cancels the order.", "PUT /v1/update-customer-persona/{id}"],
    drift: ["customerPersonas", "goal", "Asks for a refund.", "goal"],
  },
  {
    kind: workflowKind,
    declare: async (client) => ({
      name: "Password reset",
      agentIds: [await newAgent(client)],
      definition: {
        nodes: [
          { id: "wf-start", type: "start", position: { x: 100, y: 50 }, data: { id: "wf-start" } },
          { id: "n-greet", type: "single", position: { x: 200, y: 180 }, data: { message: "Hi" } },
        ],
        edges: [{ source: "wf-start", target: "n-greet" }],
      },
    }),
    change: ["description", "Resets a forgotten password.", "PUT /v1/workflow/{id}"],
    drift: [
      "workflows",
      "definition",
      { nodes: [{ id: "wf-start", type: "start" }], edges: [] },
      "definition",
    ],
  },
  {
    kind: scheduleKind,
    declare: async (client) => ({
      simulationId: await newSimulation(client),
      schedule: { daily: { at: "02:00" } },
    }),
    change: ["schedule", { every: { hours: 6 } }, "PUT /v1/update-schedule/{id}"],
    unseenDrift: ["enabled", false],
  },
  {
    kind: alertKind,
    declare: alertOn,
    change: ["comparisonValue", "0.6", "PUT /v1/update-alert/{id}"],
    unseenDrift: ["is_enabled", false],
  },
  {
    kind: labelKind,
    declare: async (client) => ({ agentId: await newAgent(client), labelText: "staging" }),
    change: ["labelText", "qa", "PUT /v1/agents/{id}/labels/{id}"],
  },
  ...(
    [
      [promptVersionKind, "promptText", "prompts"],
      [knowledgeBaseVersionKind, "kbText", "knowledge-bases"],
    ] as const
  ).map(([kind, text, segment]): Case => ({
    kind,
    declare: async (client) => ({
      agentId: await agentWithVersions(client),
      [text]: "Answer in one sentence.",
      commitMessage: "Shorter answers",
      metadata: { ticket: "SUP-7" },
      labels: ["pr-123"],
    }),
    // Labels change in place: the new one added, the dropped one removed, by the version's number.
    change: ["labels", ["pr-123", "qa"], `POST /v1/agents/{id}/${segment}/versions/{id}/labels`],
    createWrites: [
      `POST /v1/agents/{id}/${segment}/versions`,
      `POST /v1/agents/{id}/${segment}/versions/{id}/labels`,
    ],
  })),
];

describe.each(cases.map((c) => [c.kind.name, c] as const))(
  "%s",
  (_name, { kind, declare, change, idOutput, drift, unseenDrift, createWrites }) => {
    const plural = kind.api.plural as KindPlural;
    const setup = async () => {
      const client = fx.client();
      const lifecycle = new ResourceLifecycle(kind, () => client);
      const inputs = await declare(client);
      fx.emulator.clearRequests();
      return { client, lifecycle, inputs };
    };

    test("check accepts the declaration, and unknown values in every input", async () => {
      const { lifecycle, inputs } = await setup();
      expect((await lifecycle.check({}, inputs)).failures).toEqual([]);
      const unknowns = Object.fromEntries(Object.keys(inputs).map((key) => [key, UNKNOWN]));
      expect((await lifecycle.check({}, unknowns)).failures).toEqual([]);
    });

    test("create makes one write (and its follow-ups) and records every declared input and the id", async () => {
      const { lifecycle, inputs } = await setup();
      const created = await lifecycle.create(inputs);
      if (createWrites) expect(writes()).toEqual(createWrites);
      else expect(writes()).toHaveLength(1);
      expect(created.outs).toMatchObject(inputs);
      if (idOutput) expect(created.outs[idOutput]).toBe(Number(created.id));
    });

    test("a no-change diff is no change, and update without changes sends nothing", async () => {
      const { lifecycle, inputs } = await setup();
      const { id, outs } = await lifecycle.create(inputs);
      fx.emulator.clearRequests();
      expect(await lifecycle.diff(id, outs, inputs)).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      await lifecycle.update(id, outs, inputs);
      expect(writes()).toEqual([]);
    });

    test("a change to one input updates in place with one write", async () => {
      const { lifecycle, inputs } = await setup();
      const { id, outs } = await lifecycle.create(inputs);
      fx.emulator.clearRequests();
      const [name, value, write] = change;
      const news = { ...inputs, [name]: value };
      expect(lifecycle.changes(id, outs, news)).toEqual({ updates: [name], replaces: [] });
      const updated = await lifecycle.update(id, outs, news);
      expect(writes()).toEqual([write]);
      expect(updated.outs[name]).toEqual(value);
    });

    if (kind.api.read) {
      test("read shows what Bluejay holds; a resource deleted outside Pulumi reads as gone", async () => {
        const { lifecycle, inputs } = await setup();
        const { id, outs } = await lifecycle.create(inputs);
        const read = await lifecycle.read(id, outs);
        expect(read.props).toEqual(outs);
        await lifecycle.delete(id, outs);
        expect(await lifecycle.read(id, outs)).toEqual({ id: "" });
      });
    } else {
      test("Bluejay offers no read: a refresh sends nothing and keeps state, even after a change in Bluejay", async () => {
        const { lifecycle, inputs } = await setup();
        const { id, outs } = await lifecycle.create(inputs);
        const [record] = fx.emulator.records(plural);
        const [field, value] = unseenDrift!;
        fx.emulator.stores[plural].modify(record!.id, (r) => void (r[field] = value));
        fx.emulator.clearRequests();
        const read = await lifecycle.read(id, outs);
        expect(fx.emulator.requests).toEqual([]);
        expect(read).toEqual({ id, props: outs, inputs });
        expect(lifecycle.changes(id, read.props!, inputs)).toEqual({ updates: [], replaces: [] });
      });
    }

    if (drift) {
      test("read shows a change made in Bluejay behind Pulumi's back, and the next diff shows the update", async () => {
        const { lifecycle, inputs } = await setup();
        const { id, outs } = await lifecycle.create(inputs);
        const [plural, field, value, input] = drift;
        fx.emulator.stores[plural].modify(id, (record) => void (record[field] = value));
        const read = await lifecycle.read(id, outs);
        expect(read.props?.[input]).toEqual(value);
        expect(lifecycle.changes(id, read.inputs!, inputs)).toEqual({ updates: [input], replaces: [] });
      });
    }

    test("delete of a resource already gone succeeds", async () => {
      const { lifecycle, inputs } = await setup();
      const { id, outs } = await lifecycle.create(inputs);
      await lifecycle.delete(id, outs);
      await expect(lifecycle.delete(id, outs)).resolves.toBeUndefined();
    });

    test("adoptId takes over an existing resource and creates nothing", async () => {
      const { lifecycle, inputs } = await setup();
      const existing = await lifecycle.create(inputs);
      const held = fx.emulator.records(plural).length;
      fx.emulator.clearRequests();
      const adoptId = idOutput ? Number(existing.id) : existing.id;
      const adopted = await lifecycle.create({ ...inputs, adoptId });
      expect(adopted.id).toBe(existing.id);
      expect(adopted.outs).toMatchObject({ ...inputs, adoptId });
      expect(fx.emulator.records(plural)).toHaveLength(held);
      // Bluejay holds what is declared (a simulation's settings included): nothing is sent. Where
      // Bluejay cannot be read, nothing tells that: one update sends the declaration.
      expect(writes()).toEqual(kind.api.read ? [] : [change[2]]);
      expect(lifecycle.changes(adopted.id, adopted.outs, { ...inputs, adoptId })).toEqual({
        updates: [],
        replaces: [],
      });
    });
  },
);

describe("replacement", () => {
  // What a kind under an agent takes besides its agent, and one other input that updates in place.
  const underAgent: [AnyResourceKind, Record<string, unknown>, [string, unknown]][] = [
    [simulationKind, { name: "S" }, ["name", "T"]],
    [customerTraitKind, { name: "plan", dataType: "STRING" }, ["name", "tier"]],
    [customerPersonaKind, { name: "P", description: "d", goal: "g" }, ["goal", "g2"]],
  ];

  test.each(underAgent.map(([kind, rest, change]) => [kind.name, kind, rest, change] as const))(
    "a %s moved to another agent is replaced (Bluejay's update takes no agent); another input still updates in place",
    async (_name, kind, rest, [name, value]) => {
      const client = fx.client();
      const lifecycle = new ResourceLifecycle(kind, () => client);
      const first = await newAgent(client);
      const second = await newAgent(client);
      const old = await lifecycle.create({ agentId: first, ...rest });
      const news = { agentId: second, ...rest, [name]: value };
      expect(lifecycle.changes(old.id, old.outs, news)).toEqual({ updates: [name], replaces: ["agentId"] });
      expect(await lifecycle.diff(old.id, old.outs, news)).toMatchObject({ replaces: ["agentId"] });

      // Pulumi's replace: the new one first, then the old one deleted.
      const made = await lifecycle.create(news);
      await lifecycle.delete(old.id, old.outs);

      expect(made.outs).toMatchObject({ agentId: second });
      expect((await lifecycle.read(made.id, made.outs)).props).toMatchObject({
        agentId: second,
        [name]: value,
      });
      expect(await lifecycle.read(old.id, old.outs)).toEqual({ id: "" });
    },
  );
});

describe("secrets", () => {
  test("a read hands an agent's declared passwords back as inputs (the engine keeps them secret), and stores them as secret outputs", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(agentKind, () => client);
    const { id, outs } = await lifecycle.create({
      ...agentInputs,
      websocketPassword: "hunter2-ws",
      sipPassword: "hunter2-sip",
    });
    const read = await lifecycle.read(id, outs);
    expect(read.props).toMatchObject({ websocketPassword: "hunter2-ws", sipPassword: "hunter2-sip" });
    // Handed back, so a refresh does not show them as removed: Pulumi marks a returned input secret
    // again when the input it had was (tests/e2e/secrets.test.ts holds state free of them).
    expect(read.inputs).toMatchObject({ websocketPassword: "hunter2-ws", sipPassword: "hunter2-sip" });
    expect(agentKind.secretOutputs).toEqual(["websocketPassword", "sipPassword", "httpWebhookKey"]);
  });
});

describe("what counts as a change", () => {
  test("keys Bluejay adds inside a nested value are no change; removing the input clears it exactly", () => {
    const lifecycle = new ResourceLifecycle(agentKind, () => {
      throw new Error("diff needs no client");
    });
    const olds = {
      ...agentInputs,
      customSipHeaders: { "X-Team": "support" },
      pipecatRoomProperties: { a: 1, b: 2 },
    };
    expect(
      lifecycle.changes("1", olds, {
        ...agentInputs,
        customSipHeaders: { "X-Team": "support" },
        pipecatRoomProperties: { a: 1 },
      }).updates,
    ).toEqual([]);
    expect(
      lifecycle.changes("1", olds, { ...agentInputs, customSipHeaders: { "X-Team": "support" } }).updates,
    ).toEqual(["pipecatRoomProperties"]);
  });

  test("a digital human's removed silenceToolInstructions goes back to Bluejay's \"default\", once", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(digitalHumanKind, () => client);
    const declared = { phoneNumber: "+15550100101", intent: "i", successCriteria: "s" };
    const { id, outs } = await lifecycle.create({ ...declared, silenceToolInstructions: "Say hello" });

    const updated = await lifecycle.update(id, outs, declared);

    expect(updated.outs.silenceToolInstructions).toBe("default");
    expect(lifecycle.changes(id, updated.outs, declared)).toEqual({ updates: [], replaces: [] });
  });

  test("a simulation needs a name: without one Bluejay would invent one no update could match", async () => {
    const lifecycle = new ResourceLifecycle(simulationKind, () => fx.client());
    const { failures } = await lifecycle.check({}, { agentId: 1 });
    expect(failures).toEqual([
      { property: "", path: "name", reason: "name is required. Set name to a string." },
    ]);
  });
});

describe("partial creates", () => {
  test("an agent whose read-back fails is reported with its id, so Pulumi tracks it instead of creating another", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(agentKind, () => client);
    fx.emulator.injectFault({ method: "GET", path: /^\/v1\/agents\/\d+$/, status: 500 });

    const error = await rejection(lifecycle.create(agentInputs), BluejayPartialCreateError);

    const [agent] = fx.emulator.records("agents");
    expect(error.id).toBe(String(agent!.id));
    // What Bluejay holds is what was sent: recorded as such, the next `up` has nothing left to send.
    expect(error.properties).toEqual({
      ...agentInputs,
      agentId: agent!.id,
      __declared: Object.keys(agentInputs).sort(),
    });
    expect(error.message).toMatch(
      /^Agent \d+ was created in Bluejay, but reading it back failed: Bluejay failed to handle GET .* Pulumi records the Agent as created; the next `pulumi up` finishes it in place, with no second create\.$/,
    );
    // Pulumi's CLI prints an initialization failure's reasons, and nothing else of it.
    expect(error.reasons).toEqual([error.message]);
  });

  test("a simulation whose follow-up update is refused is recorded as made, and the next up finishes it in place", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(simulationKind, () => client);
    const agentId = await newAgent(client);
    const declared = {
      agentId,
      name: "Nightly",
      sequentialCalling: false,
      maxCallDuration: 5,
      tags: ["nightly"],
    };
    fx.emulator.injectFault({ method: "PUT", path: /^\/v1\/simulation\/\d+$/, status: 422 });

    const error = await rejection(lifecycle.create(declared), BluejayPartialCreateError);

    expect(error.message).toMatch(
      /^Simulation \d+ was created in Bluejay, but its follow-up update failed: Bluejay rejected PUT/,
    );
    // Recorded as Bluejay holds it: no raw settings blob, the write-only inputs as sent, no tags yet.
    expect(error.properties).not.toHaveProperty("settings");
    expect(error.properties).toMatchObject({
      agentId,
      name: "Nightly",
      sequentialCalling: false,
      maxCallDuration: 5,
    });
    expect(error.properties).not.toHaveProperty("tags");
    // The next up: the tags are an update in place, nothing is replaced; the update finishes it.
    expect(lifecycle.changes(error.id, error.properties, declared)).toEqual({
      updates: ["tags"],
      replaces: [],
    });
    fx.emulator.clearRequests();
    const finished = await lifecycle.update(error.id, error.properties, declared);
    expect(writes()).toEqual(["PUT /v1/simulation/{id}"]);
    expect(finished.outs).toMatchObject({ tags: ["nightly"] });
    expect(fx.emulator.records("simulations")).toHaveLength(1);
  });
});

describe("adoption", () => {
  test("an adopted simulation declared with its write-only settings is taken as is: nothing is sent, nothing replaced", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(simulationKind, () => client);
    const agentId = await newAgent(client);
    const made = await client.simulations.create({
      agentId,
      name: "Made by hand",
      sequentialCalling: false,
      maxCallDuration: 5,
    });
    fx.emulator.clearRequests();
    const declared = {
      agentId,
      name: "Made by hand",
      sequentialCalling: false,
      maxCallDuration: 5,
      adoptId: made.simulationId,
    };

    const adopted = await lifecycle.create(declared);

    expect(writes()).toEqual([]);
    expect(adopted.id).toBe(String(made.simulationId));
    expect(lifecycle.changes(adopted.id, adopted.outs, declared)).toEqual({ updates: [], replaces: [] });
  });

  test("adoption sends only what updates in place: a differing field only a replace could change is left for the preview to show", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(simulationKind, () => client);
    const agentId = await newAgent(client);
    const made = await client.simulations.create({ agentId, name: "Old name", alwaysOn: false });
    fx.emulator.clearRequests();
    const declared = { agentId, name: "New name", alwaysOn: true, adoptId: made.simulationId };

    const adopted = await lifecycle.create(declared);

    // The name is updated; alwaysOn, which the update endpoint refuses, is not sent.
    expect(fx.emulator.writes.map((w) => JSON.stringify(w.method))).toEqual(['"PUT"']);
    expect(adopted.outs).toMatchObject({ name: "New name", alwaysOn: false });
    expect(lifecycle.changes(adopted.id, adopted.outs, declared)).toEqual({
      updates: [],
      replaces: ["alwaysOn"],
    });
  });
});

describe("arguments", () => {
  test("list inputs take lists of Outputs, as ids flow between resources", () => {
    // Compiled by `npm run typecheck`: a regression in ArgsOf fails the build, not only this test.
    const args: DigitalHumanArgs = {
      phoneNumber: "+15550100101",
      intent: "i",
      successCriteria: "s",
      simulationIds: [pulumi.output(7)],
    };
    const metric: CustomMetricArgs = {
      name: "n",
      description: "d",
      responseType: "yes_no",
      agentIds: [pulumi.output(1)],
    };
    expect(Array.isArray(args.simulationIds) && Array.isArray(metric.agentIds)).toBe(true);
  });
});
