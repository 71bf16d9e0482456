// The kinds that belong to an agent (CustomerTrait, CustomerPersona) and Workflow: what each checks at
// preview, what each reads before it writes, how each is adopted, how a create whose answer was lost
// is found, and the requests of each lifecycle step. kinds.test.ts holds them to the shared contract.
import { BluejayInputError } from "../../../provider/client";
import { BluejayAdoptionError } from "../../../provider/dynamic/errors";
import type { AnyResourceKind } from "../../../provider/dynamic/kind";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { UNKNOWN } from "../../../provider/dynamic/unknown";
import { customerPersonaKind } from "../../../provider/kinds/customer-persona/kind";
import { customerTraitKind } from "../../../provider/kinds/customer-trait/kind";
import { workflowKind } from "../../../provider/kinds/workflow/kind";
import type { BluejayClient } from "../../../provider/client";
import { requestLog, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();
/** The request log as `METHOD /path?query`, ids as `{id}`. */
const requests = () =>
  requestLog(fx.emulator).map(
    (r) =>
      `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$|\/\d+$/, "/{id}")}${r.query.replace(/=\d+/, "={id}")}`,
  );
const offline = (kind: AnyResourceKind) =>
  new ResourceLifecycle(kind, () => {
    throw new Error("check needs no client");
  });
const newAgent = async (client: BluejayClient, mode?: "VOICE" | "TEXT") =>
  (
    await client.agents.create({
      name: "Support bot",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
      ...(mode ? { mode } : {}),
    })
  ).agentId;
const start = { id: "wf-start", type: "start" };
const graph = { nodes: [start, { id: "n-greet", type: "single", data: { message: "Hi" } }], edges: [] };

describe("checks at preview", () => {
  const trait = { agentId: 7, name: "plan" };

  test.each([
    ["NUMBER", 30],
    ["NUMBER", 1.5],
    ["STRING", "basic"],
    ["BOOLEAN", false],
    ["DATE", "2024-02-29"],
  ])("a %s trait takes the default %p", async (dataType, defaultValue) => {
    const { failures } = await offline(customerTraitKind).check({}, { ...trait, dataType, defaultValue });
    expect(failures).toEqual([]);
  });

  test("a default that does not fit its data type is refused, naming defaultValue and the fix", async () => {
    const { failures } = await offline(customerTraitKind).check(
      {},
      { ...trait, dataType: "NUMBER", defaultValue: "abc" },
    );
    expect(failures).toEqual([
      {
        property: "",
        path: "defaultValue",
        reason:
          'defaultValue must be a number when dataType is "NUMBER". Set defaultValue to a value of the trait\'s dataType: ' +
          'true or false for "BOOLEAN", a string for "STRING", a number for "NUMBER" (e.g. 30), a date written YYYY-MM-DD ' +
          'for "DATE" (e.g. "2024-05-31"); or leave it out.',
      },
    ]);
  });

  test.each([
    ["NUMBER", "30", "a number"],
    ["BOOLEAN", "true", "true or false"],
    ["STRING", 5, "a string"],
    ["DATE", "2024-02-30", 'a real date written YYYY-MM-DD (e.g. "2024-05-31")'],
    ["DATE", "31/01/2026", 'a real date written YYYY-MM-DD (e.g. "2024-05-31")'],
    ["DATE", "2026-01-31T00:00:00Z", 'a real date written YYYY-MM-DD (e.g. "2024-05-31")'],
  ])("a %s trait refuses the default %p: it must be %s", async (dataType, defaultValue, expected) => {
    const { failures } = await offline(customerTraitKind).check({}, { ...trait, dataType, defaultValue });
    expect(failures.map((f) => f.reason.split(". Set")[0])).toEqual([
      `defaultValue must be ${expected} when dataType is "${dataType}"`,
    ]);
  });

  test("the default is judged only once its data type is known, and not at all when the type is invalid", async () => {
    const lifecycle = offline(customerTraitKind);
    expect(
      (await lifecycle.check({}, { ...trait, dataType: UNKNOWN, defaultValue: "abc" })).failures,
    ).toEqual([]);
    const { failures } = await lifecycle.check({}, { ...trait, dataType: "TEXT", defaultValue: "abc" });
    expect(failures.map((f) => f.path)).toEqual(["dataType"]);
  });

  test("a data type changed with no new default is refused when the old default does not fit the new type", async () => {
    const lifecycle = offline(customerTraitKind);
    const olds = { ...trait, dataType: "NUMBER", defaultValue: 30 };
    const { failures } = await lifecycle.check(olds, { ...trait, dataType: "STRING" });
    expect(failures.map((f) => f.reason.split(". Set")[0])).toEqual([
      'defaultValue is required when dataType changes to "STRING" and the old default is not a string: Bluejay offers no way to clear a default',
    ]);
    // With a default of the new type, or none to keep, it goes through.
    expect(
      (await lifecycle.check(olds, { ...trait, dataType: "STRING", defaultValue: "30" })).failures,
    ).toEqual([]);
    expect(
      (await lifecycle.check({ ...trait, dataType: "NUMBER" }, { ...trait, dataType: "STRING" })).failures,
    ).toEqual([]);
  });

  test("a persona needs its agent: Bluejay lists personas only by agent", async () => {
    const { failures } = await offline(customerPersonaKind).check(
      {},
      { name: "P", description: "d", goal: "g" },
    );
    expect(failures).toEqual([
      {
        property: "",
        path: "agentId",
        reason:
          "agentId is required. Set agentId to the agentId output of an Agent (a whole number), e.g. agentId: agent.agentId.",
      },
    ]);
  });

  test("a workflow graph with two start nodes is refused, naming the second", async () => {
    const definition = { nodes: [start, { id: "n" }, { id: "again", type: "start" }] };
    const { failures } = await offline(workflowKind).check({}, { name: "W", definition });
    expect(failures).toEqual([
      {
        property: "",
        path: "definition.nodes[2].type",
        reason:
          'definition.nodes[2].type is a second "start" node (the first is nodes[0]): Bluejay refuses a graph with more than one start. ' +
          'Set definition to a React Flow graph, { nodes: [...], edges: [...] }, with one node of type "start" (see the example on the Workflow reference page).',
      },
    ]);
  });

  test("a workflow name over Bluejay's 255 characters, or nodes that are not a list, are refused", async () => {
    const { failures } = await offline(workflowKind).check(
      {},
      { name: "x".repeat(256), definition: { nodes: { a: start } } },
    );
    expect(failures.map((f) => f.reason.split(". Set")[0])).toEqual([
      "name must be at most 255 characters (Bluejay's limit)",
      "definition.nodes must be a list",
    ]);
  });
});

describe("a workflow names voice agents only", () => {
  test("a TEXT agent stops the create before anything is written, naming agentIds[i] and the fix", async () => {
    const client = fx.client();
    const voice = await newAgent(client);
    const text = await newAgent(client, "TEXT");
    fx.emulator.clearRequests();
    const lifecycle = new ResourceLifecycle(workflowKind, () => client);

    const error = await rejection(
      lifecycle.create({ name: "W", agentIds: [voice, text], definition: graph }),
      BluejayInputError,
    );

    expect(error.message).toBe(
      `Invalid arguments to Workflow create: agentIds[1] names agent ${text}, a TEXT agent: Bluejay's workflows are for voice agents only. ` +
        'Remove it from agentIds, or name a voice agent (an Agent whose mode is "VOICE", the default). Bluejay was read, and nothing was written to it.',
    );
    expect(requests()).toEqual(["GET /v1/agents/{id}", "GET /v1/agents/{id}"]);
    expect(fx.emulator.records("workflows")).toEqual([]);
  });

  test("an agent Bluejay does not hold is named the same way", async () => {
    const lifecycle = new ResourceLifecycle(workflowKind, () => fx.client());
    const error = await rejection(
      lifecycle.create({ name: "W", agentIds: [404], definition: graph }),
      BluejayInputError,
    );
    expect(error.problems).toEqual([
      "agentIds[0] names agent 404, which Bluejay does not hold (GET /v1/agents/404 answered 404). Use the agentId output of an existing Agent",
    ]);
  });

  test("an update reads only the agents it adds; a TEXT one stops it; removing agentIds sends [] and reads none", async () => {
    const client = fx.client();
    const [a, b] = [await newAgent(client), await newAgent(client)];
    const text = await newAgent(client, "TEXT");
    const lifecycle = new ResourceLifecycle(workflowKind, () => client);
    const declared = { name: "W", agentIds: [a], definition: graph };
    const { id, outs } = await lifecycle.create(declared);

    fx.emulator.clearRequests();
    const added = await lifecycle.update(id, outs, { ...declared, agentIds: [a, b] });
    expect(requests()).toEqual(["GET /v1/agents/{id}", "PUT /v1/workflow/{id}"]);

    fx.emulator.clearRequests();
    await rejection(
      lifecycle.update(id, added.outs, { ...declared, agentIds: [a, b, text] }),
      BluejayInputError,
    );
    expect(requests()).toEqual(["GET /v1/agents/{id}"]);

    fx.emulator.clearRequests();
    const { agentIds: _removed, ...without } = declared;
    const cleared = await lifecycle.update(id, added.outs, without);
    expect(requests()).toEqual(["PUT /v1/workflow/{id}"]);
    expect(cleared.outs.agentIds).toEqual([]);
    expect(fx.emulator.records("workflows")[0]?.agent_ids).toEqual([]);
  });

  test("the workflow makes no digital humans, and destroying it leaves nothing behind", async () => {
    const client = fx.client();
    const lifecycle = new ResourceLifecycle(workflowKind, () => client);
    const { id, outs } = await lifecycle.create({
      name: "W",
      agentIds: [await newAgent(client)],
      definition: graph,
    });
    expect(fx.emulator.records("digitalHumans")).toEqual([]);
    await lifecycle.delete(id, outs);
    expect(fx.emulator.records("workflows")).toEqual([]);
    expect(fx.emulator.records("digitalHumans")).toEqual([]);
  });
});

describe("adopting a persona", () => {
  test("needs the agent it belongs to: another agent is refused, nothing adopted or written", async () => {
    const client = fx.client();
    const [owner, other] = [await newAgent(client), await newAgent(client)];
    const persona = await client.customerPersonas.create({
      agentId: owner,
      name: "P",
      description: "d",
      goal: "g",
    });
    fx.emulator.clearRequests();
    const lifecycle = new ResourceLifecycle(customerPersonaKind, () => client);

    const error = await rejection(
      lifecycle.create({ agentId: other, name: "P", description: "d", goal: "g", adoptId: persona.id }),
      BluejayAdoptionError,
    );

    expect(error.message).toBe(
      `adoptId ${persona.id} names a CustomerPersona that does not match the declaration: it is not among the personas of agent ${other} ` +
        `(GET /v1/customer-personas-by-agent/${other}), and Bluejay's read of a persona does not say its agent. ` +
        "Set agentId to the persona's agent, or remove adoptId to create a new persona. Nothing was adopted or created.",
    );
    expect(requests()).toEqual(["GET /v1/customer-persona/{id}", "GET /v1/customer-personas-by-agent/{id}"]);
  });

  test("with its agent, it is adopted and updated to the declaration in place", async () => {
    const client = fx.client();
    const owner = await newAgent(client);
    const persona = await client.customerPersonas.create({
      agentId: owner,
      name: "P",
      description: "d",
      goal: "g",
    });
    fx.emulator.clearRequests();
    const lifecycle = new ResourceLifecycle(customerPersonaKind, () => client);

    const adopted = await lifecycle.create({
      agentId: owner,
      name: "P",
      description: "d",
      goal: "g2",
      adoptId: persona.id,
    });

    expect(adopted.id).toBe(persona.id);
    expect(adopted.outs).toMatchObject({ agentId: owner, goal: "g2", adoptId: persona.id });
    expect(requests()).toEqual([
      "GET /v1/customer-persona/{id}",
      "GET /v1/customer-personas-by-agent/{id}",
      "PUT /v1/update-customer-persona/{id}",
    ]);
  });
});

/** Each kind, inputs that make one, the list a lost create is looked for in, and one input to change. */
const kinds: [
  AnyResourceKind,
  (client: BluejayClient) => Promise<Record<string, unknown>>,
  string,
  [string, unknown],
][] = [
  [
    customerTraitKind,
    async (client) => ({
      agentId: await newAgent(client),
      name: "plan",
      dataType: "STRING",
      defaultValue: "basic",
    }),
    "GET /v1/customer-traits?agent_id={id}",
    ["defaultValue", "premium"],
  ],
  [
    customerPersonaKind,
    async (client) => ({ agentId: await newAgent(client), name: "P", description: "d", goal: "g" }),
    "GET /v1/customer-personas-by-agent/{id}",
    ["goal", "g2"],
  ],
  [
    workflowKind,
    async (client) => ({ name: "W", agentIds: [await newAgent(client)], definition: graph }),
    "GET /v1/workflow?agent_id={id}",
    ["name", "W2"],
  ],
];

describe.each(kinds.map(([kind, ...rest]) => [kind.name, kind, ...rest] as const))(
  "%s",
  (_name, kind, declare, list, [name, value]) => {
    test("a create committed but answered 500 is found in Bluejay's list, never posted twice", async () => {
      const client = fx.client({ lostCreateWindowMs: 2000 });
      const inputs = await declare(client);
      fx.emulator.clearRequests();
      fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });

      const created = await new ResourceLifecycle(kind, () => client).create(inputs);

      expect(fx.emulator.records(kind.api.plural as never).map((r) => r.id)).toEqual([created.id]);
      expect(requests().filter((r) => !r.startsWith("GET /v1/agents/"))).toEqual([
        `POST ${kind.api.create.path}`,
        list,
      ]);
      expect(created.outs).toMatchObject(inputs);
    });

    test("the requests of each step: create, an up with no change, a one-input update, a refresh, a destroy", async () => {
      const client = fx.client();
      const lifecycle = new ResourceLifecycle(kind, () => client);
      const inputs = await declare(client);
      const step = async (work: () => Promise<unknown>) => {
        fx.emulator.clearRequests();
        await work();
        return requests().length;
      };
      let state: Record<string, unknown> = {};
      let id = "";
      const counts = {
        create: await step(async () => {
          await lifecycle.check({}, inputs);
          ({ id, outs: state } = await lifecycle.create(inputs));
        }),
        // `pulumi up` with nothing changed: check and diff, and no update.
        unchanged: await step(async () => {
          await lifecycle.check(inputs, inputs);
          expect((await lifecycle.diff(id, state, inputs)).changes).toBe(false);
        }),
        update: await step(async () => {
          const news = { ...inputs, [name]: value };
          await lifecycle.check(inputs, news);
          ({ outs: state } = await lifecycle.update(id, state, news));
        }),
        refresh: await step(() => lifecycle.read(id, state)),
        destroy: await step(() => lifecycle.delete(id, state)),
      };
      // A workflow reads its agent before the create; every other step is one request, or none.
      const creates = kind === workflowKind ? 2 : 1;
      expect(counts).toEqual({ create: creates, unchanged: 0, update: 1, refresh: 1, destroy: 1 });
    });
  },
);
