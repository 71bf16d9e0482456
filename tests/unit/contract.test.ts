// Bluejay's OpenAPI description (the committed copy in openapi/) is the contract: the client's
// operations, the emulator's routes, the emulator's request validation and its answers are each held
// to it, field by field and in both directions.
import { z } from "zod";
import type { Actions, AnyApiSpec, ListSpec } from "../../provider/client/operations";
import { RUN_ACTIONS } from "../../provider/runs/api";
import {
  FINAL_RESULT_STATUSES,
  FINAL_RUN_STATUSES,
  SIMULATION_RUN_STATUSES,
  TEST_RESULT_STATUSES,
} from "../../provider/runs/wire";
import type { AnyResourceKind } from "../../provider/dynamic/kind";
import { KINDS } from "../../provider/kinds/registry";
import { LISTINGS } from "../../provider/listings/registry";
import {
  answerSchema,
  answerValidator,
  differences,
  fromDocument,
  fromZod,
  loadDocument,
  operation,
  requestSchema,
  sample,
  templateOf,
  type SchemaNode,
} from "../helpers/contract";
import { useEmulator } from "../helpers/emulator";
import { caller } from "./emulator/http";

const doc = loadDocument();
const kinds = KINDS as readonly AnyResourceKind[];

/** Filters to list with: `{}` where allowed, and each filter field alone with a sample value. */
function sampleFilters(list: ListSpec<unknown, unknown, unknown>): Record<string, unknown>[] {
  const shape = (list.filter as unknown as z.ZodObject<z.ZodRawShape>).shape;
  const value = (field: z.ZodTypeAny) =>
    fromZod(field).shape.kind === "string" ? "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10" : 7;
  const filters = Object.entries(shape).map(([name, field]) => ({ [name]: value(field) }));
  return list.filter.safeParse({}).success ? [{}, ...filters] : filters;
}

/** One request the client sends: method, path template, its body and answer schemas. */
interface ClientOperation {
  name: string;
  method: string;
  path: string;
  body?: z.ZodTypeAny;
  answer: z.ZodTypeAny;
  query?: string[];
}

/** Every request a kind's client sends. */
function clientOperations(api: AnyApiSpec): ClientOperation[] {
  const ops: ClientOperation[] = [
    {
      name: "create",
      method: api.create.method,
      path: api.create.path,
      body: api.create.wire as z.ZodTypeAny,
      answer: api.create.answer as z.ZodTypeAny,
    },
    {
      name: "delete",
      method: api.delete.method,
      path: api.delete.path,
      answer: api.delete.answer as z.ZodTypeAny,
    },
  ];
  if (api.read)
    ops.push({
      name: "read",
      method: api.read.method,
      path: api.read.path,
      answer: api.read.answer as z.ZodTypeAny,
    });
  if (api.update) {
    ops.push({
      name: "update",
      method: api.update.method,
      path: api.update.path,
      body: api.update.wire as z.ZodTypeAny,
      answer: api.update.answer as z.ZodTypeAny,
    });
  }
  for (const [name, action] of Object.entries((api.actions ?? {}) as Actions)) {
    // Every key a query asks for, whatever the input: each read of the input answers a value.
    const anyInput = new Proxy({}, { get: () => "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10" });
    ops.push({
      name: `action ${name}`,
      method: action.method,
      path: action.path,
      ...(action.wire ? { body: action.wire as z.ZodTypeAny } : {}),
      answer: action.answer as z.ZodTypeAny,
      query: Object.keys(action.query?.(anyInput) ?? {}),
    });
  }
  if (api.list) ops.push(...listOperations(api.list));
  return ops;
}

/** Every request the run operations send (`client.simulationRuns`): method, path template, body and answer. */
const runOperations = RUN_ACTIONS.map((action) => ({
  name: action.name,
  method: action.method,
  path: action.path,
  ...(action.wire ? { body: action.wire as z.ZodTypeAny } : {}),
  answer: action.answer as z.ZodTypeAny,
}));

/** The requests of a list: with no filter where allowed, and with each filter field. */
function listOperations(list: ListSpec<unknown, unknown, unknown>): ClientOperation[] {
  return sampleFilters(list).map((filter) => {
    const request = list.request(filter);
    const pages = list.pages ? Object.keys(list.pages.query(1, list.pages.size)) : [];
    return {
      name: `list ${JSON.stringify(filter)}`,
      method: request.method,
      path: templateOf(doc, request.method, request.path) ?? request.path,
      answer: list.answer as z.ZodTypeAny,
      query: [...Object.keys(request.query ?? {}), ...pages],
    };
  });
}

/** Every request the client sends: each kind's, and each listing's list (phone numbers). */
const described = [
  ...kinds.map((kind) => [kind.name, clientOperations(kind.api)] as const),
  ...LISTINGS.map((listing) => [listing.api.name, listOperations(listing.api.list)] as const),
];

describe("the client against Bluejay's OpenAPI description", () => {
  describe("simulation runs", () => {
    test.each(runOperations.map((op) => [op.name, op] as const))(
      "%s: method and path are an operation of the document",
      (_op, op) => {
        expect(operation(doc, op.method, op.path) ? `${op.method} ${op.path}` : "missing").toBe(
          `${op.method} ${op.path}`,
        );
      },
    );

    test.each(runOperations.map((op) => [op.name, op] as const))(
      "%s: the body matches the document field by field, both ways",
      (_op, op) => {
        const contract = requestSchema(operation(doc, op.method, op.path)!);
        if (!contract) return expect(op.body).toBeUndefined();
        expect(op.body).toBeDefined();
        expect(differences(fromZod(op.body!), fromDocument(doc, contract), "body")).toEqual([]);
      },
    );

    test("the statuses a run and a call can have are the document's enums", () => {
      const values = (name: string) => doc.components.schemas[name]!.enum!.map(String).sort();
      expect([...SIMULATION_RUN_STATUSES].sort()).toEqual(values("SimulationRunStatus"));
      // A result's status is declared as any text; Bluejay's webhooks name its values.
      expect([...TEST_RESULT_STATUSES].sort()).toEqual(values("TestResultStatus"));
      expect(FINAL_RUN_STATUSES.filter((s) => !SIMULATION_RUN_STATUSES.includes(s))).toEqual([]);
      expect(FINAL_RESULT_STATUSES.filter((s) => !TEST_RESULT_STATUSES.includes(s))).toEqual([]);
    });

    test.each(runOperations.map((op) => [op.name, op] as const))(
      "%s: the answer matches the document field by field, both ways",
      (_op, op) => {
        const contract = answerSchema(operation(doc, op.method, op.path)!)!;
        expect(differences(fromZod(op.answer), fromDocument(doc, contract), "answer")).toEqual([]);
      },
    );
  });

  describe.each(described)("%s", (_name, ops) => {
    test.each(ops.map((op) => [op.name, op] as const))(
      "%s: method and path are an operation of the document",
      (_op, op) => {
        expect(operation(doc, op.method, op.path) ? `${op.method} ${op.path}` : "missing").toBe(
          `${op.method} ${op.path}`,
        );
        const declared = (operation(doc, op.method, op.path)?.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => p.name);
        expect((op.query ?? []).filter((name) => !declared.includes(name))).toEqual([]);
      },
    );

    // A listing sends no body.
    const withBody = ops.filter((op) => op.body);
    if (withBody.length > 0) {
      test.each(withBody.map((op) => [op.name, op] as const))(
        "%s: the body matches the document field by field",
        (_op, op) => {
          const contract = requestSchema(operation(doc, op.method, op.path)!)!;
          expect(differences(fromZod(op.body!), fromDocument(doc, contract), "body")).toEqual([]);
        },
      );
    }

    test.each(ops.map((op) => [op.name, op] as const))(
      "%s: the answer matches the document field by field",
      (_op, op) => {
        const contract = answerSchema(operation(doc, op.method, op.path)!)!;
        expect(differences(fromZod(op.answer), fromDocument(doc, contract), "answer")).toEqual([]);
      },
    );
  });
});

const fx = useEmulator();
const call = caller(fx);

describe("the emulator against Bluejay's OpenAPI description", () => {
  test("every route is an operation of the document, and every operation the client sends is served", () => {
    const served = fx.emulator.operations().map(({ method, path }) => `${method} ${path}`);
    expect(served.filter((route) => !operation(doc, ...(route.split(" ") as [string, string])))).toEqual([]);
    const sent = [...described.flatMap(([, ops]) => ops), ...runOperations].map(
      (op) => `${op.method} ${op.path}`,
    );
    expect([...new Set(sent)].filter((route) => !served.includes(route))).toEqual([]);
  });

  /** Each route with a body, and the body the document's own required fields make. */
  const withBodies = () =>
    fx.emulator
      .operations()
      .map(({ method, path }) => ({ method, path, schema: requestSchema(operation(doc, method, path)!) }))
      .flatMap(({ method, path, schema }) => (schema ? [{ method: method, path, schema }] : []));
  /** The path with each parameter filled in as the document types it: a UUID, or 7. */
  const concrete = (method: string, path: string) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const parameter = operation(doc, method, path)?.parameters?.find((p) => p.name === name);
      return parameter?.schema.format === "uuid" ? "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10" : "7";
    });

  test("validation follows the document: a body of the required fields passes; each one missing is a 422 at its place", async () => {
    for (const { method, path, schema } of withBodies()) {
      const body = sample(doc, schema) as Record<string, unknown>;
      const passes = await call(method, concrete(method, path), { body });
      expect([`${method} ${path}`, passes.status === 422 ? passes.body : "not a 422"]).toEqual([
        `${method} ${path}`,
        "not a 422",
      ]);
      for (const field of Object.keys(body)) {
        const { [field]: _dropped, ...rest } = body;
        const reply = await call(method, concrete(method, path), { body: rest });
        expect([`${method} ${path} without ${field}`, reply.status, reply.body]).toEqual([
          `${method} ${path} without ${field}`,
          422,
          {
            detail: expect.arrayContaining([
              expect.objectContaining({ type: "missing", loc: ["body", field] }),
            ]),
          },
        ]);
      }
    }
  });

  test("validation follows the document: every enum field refuses a value it does not list", async () => {
    const enumFields = (schema: SchemaNode): [string, string[]][] => {
      const node = schema.$ref
        ? doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")]!
        : schema;
      return Object.entries(node.properties ?? {}).flatMap(([name, property]) => {
        const shape = fromDocument(doc, property).shape;
        return shape.kind === "enum" ? [[name, shape.values] as [string, string[]]] : [];
      });
    };
    let checked = 0;
    for (const { method, path, schema } of withBodies()) {
      for (const [field, values] of enumFields(schema)) {
        const body = { ...(sample(doc, schema) as object), [field]: "not-a-listed-value" };
        const reply = await call(method, concrete(method, path), { body });
        const error = (reply.body as { detail: { loc: unknown[]; type: string; msg: string }[] }).detail.find(
          (e) => e.loc[1] === field,
        );
        expect([`${method} ${path} ${field}`, error?.type]).toEqual([
          `${method} ${path} ${field}`,
          expect.stringMatching(/^(enum|literal_error)$/),
        ]);
        for (const value of values) expect(error?.msg).toContain(`'${value}'`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  test("every 200 answer of every route validates against the document's response schema", async () => {
    const validate = answerValidator(doc);
    const answered = new Set<string>();
    const check = async (method: string, path: string, body?: unknown) => {
      const reply = await call(method, path, body === undefined ? {} : { body });
      expect([method, path, reply.status]).toEqual([method, path, 200]);
      const template = templateOf(doc, method, path.split("?")[0]!)!;
      const problems = validate(reply.body, answerSchema(operation(doc, method, template)!)!);
      expect([`${method} ${template}`, problems]).toEqual([`${method} ${template}`, []]);
      answered.add(`${method} ${template}`);
      return reply.body as Record<string, unknown>;
    };
    // A whole environment, every kind, every operation: what the kinds' doubles answer.
    const folder = await check("POST", "/v1/create-folder", { name: "Support" });
    const agent = await check("POST", "/v1/add-agent", {
      name: "Bot",
      system_prompt: "p",
      knowledge_base: "k",
      goals: [],
      folder: "Support",
      http_webhook: "https://hook.example",
      custom_sip_headers: { A: "b" },
    });
    const agentId = agent.agent_id as number;
    const simulation = await check("POST", "/v1/create-simulation", {
      agent_id: String(agentId),
      name: "S",
      max_concurrent: 2,
    });
    const simulationId = simulation.simulation_id as number;
    const human = await check("POST", "/v1/create-digital-human", {
      digital_human: {
        phone_number: "+15550100101",
        traits: [{ trait_name: "vip", trait_data_type: "BOOLEAN", value: true }],
      },
      simulation_ids: [simulationId],
    });
    const humanId = (human.digital_human as { id: number }).id;
    const community = await check("POST", "/v1/create-community", {
      title: "C",
      digital_human_ids: [humanId],
    });
    const metric = await check("POST", "/v1/create-custom-metric", {
      name: "M",
      description: "d",
      response_type: "yes_no",
      agent_ids: [agentId],
    });
    const trait = await check("POST", "/v1/create-customer-trait", {
      agent_id: agentId,
      name: "plan",
      data_type: "NUMBER",
      default_value: "30",
    });
    const persona = await check("POST", "/v1/create-customer-persona", {
      agent_id: agentId,
      name: "P",
      description: "d",
      goal: "g",
    });
    const workflow = await check("POST", "/v1/workflow", {
      name: "W",
      agent_ids: [agentId],
      definition: { nodes: [{ id: "wf-start", type: "start" }] },
    });
    fx.emulator.stores.phoneNumbers.put({
      id: 1,
      created_at: "2026-01-05T10:00:00Z",
      phone_number: "+15550100101",
      purchase_date: "2026-01-05",
      price: 115,
      organization_id: "0b1ee000-0000-4000-8000-00000000b1e1",
    });
    await check("GET", "/v1/phone-numbers");
    await check("GET", `/v1/customer-trait/${String(trait.id)}`);
    await check("GET", `/v1/customer-traits?agent_id=${agentId}`);
    await check("PUT", `/v1/update-customer-trait/${String(trait.id)}`, { default_value: 45 });
    await check("GET", `/v1/customer-persona/${String(persona.id)}`);
    await check("GET", `/v1/customer-personas-by-agent/${agentId}`);
    await check("PUT", `/v1/update-customer-persona/${String(persona.id)}`, { goal: "g2" });
    await check("GET", `/v1/workflow/${String(workflow.id)}`);
    await check("GET", `/v1/workflow?agent_id=${agentId}`);
    await check("PUT", `/v1/workflow/${String(workflow.id)}`, { agent_ids: null, description: "d" });
    await check("DELETE", `/v1/workflow/${String(workflow.id)}`);
    await check("DELETE", `/v1/customer-persona/${String(persona.id)}`);
    await check("DELETE", `/v1/customer-trait/${String(trait.id)}`);
    await check("GET", `/v1/folder/${String(folder.id)}`);
    await check("GET", "/v1/all-folders");
    await check("PUT", `/v1/update-folder/${String(folder.id)}`, { name: "Support line" });
    await check("GET", `/v1/get-agents-by-folder/${String(folder.id)}`);
    await check("GET", `/v1/agents/${agentId}`);
    await check("GET", "/v1/all-agents");
    await check("POST", "/v1/update-agent", { agent_id: String(agentId), knowledge_base: "k2" });
    await check("GET", `/v1/simulation/${simulationId}`);
    // Each of the three types the emulator works out itself (SimulationType), answered once.
    for (const settings of [{}, { sequential_calling: true }]) {
      const other = await check("POST", "/v1/create-simulation", { agent_id: String(agentId), ...settings });
      await check("GET", `/v1/simulation/${String(other.simulation_id)}`);
      await check("DELETE", `/v1/simulation/${String(other.simulation_id)}`);
    }
    await check("PUT", `/v1/simulation/${simulationId}`, { tags: ["a"], max_turns: 5 });
    await check("GET", "/v1/get-all-simulations");
    await check("GET", `/v1/get-simulations-by-agent/${agentId}`);
    await check("GET", `/v1/digital-human/${humanId}`);
    await check("PUT", `/v1/update-digital-human/${humanId}`, { intent: "i2" });
    await check("GET", `/v1/digital-humans-by-simulation/${simulationId}`);
    await check("GET", `/v1/community/${String(community.id)}`);
    await check("GET", "/v1/communities?digital_human_id=" + String(humanId));
    await check("PUT", `/v1/update-community/${String(community.id)}`, { description: "d" });
    await check("PUT", `/v1/add-to-community/${String(community.id)}`, { digital_human_ids: [99] });
    // Runs through every status: queued, initializing, running, ended; calls that pass, fail, do not
    // complete; and through each of the three queues.
    fx.emulator.setRunOutcome({
      polls: 3,
      digitalHumans: {
        [humanId]: {
          passed: false,
          reason: "No refund offered",
          metrics: { M: { value: "no", reason: "Curt" } },
        },
      },
    });
    const second = await check("POST", "/v1/create-digital-human", {
      digital_human: { phone_number: "+15550100102" },
      simulation_ids: [simulationId],
    });
    const incomplete = (second.digital_human as { id: number }).id;
    fx.emulator.setRunOutcome(
      { polls: 3, digitalHumans: { [incomplete]: { status: "INCOMPLETED" } } },
      { simulationId },
    );
    const queued = await check("POST", "/v1/queue-simulation-run", {
      simulation_id: String(simulationId),
      phone_number: "+15550100999",
      livekit_metadata: { branch: "pr-1" },
    });
    const runId = queued.simulation_run_id as string;
    await check("GET", `/v1/retrieve-simulation-results/${runId}`);
    await check("GET", `/v1/get-simulation-runs/${simulationId}`);
    const ended = await check("GET", `/v1/retrieve-simulation-results/${runId}`);
    expect((ended.simulation_run as { status: string }).status).toBe("INCOMPLETED");
    await check("GET", `/v1/get-simulation-runs/${simulationId}`);
    for (const [connection, queue] of [
      ["SMS", "/v1/queue-sms-simulation-run"],
      ["HTTP_WEBHOOK", "/v1/queue-http-text-simulation-run"],
    ] as const) {
      const textAgent = await check("POST", "/v1/add-agent", {
        name: connection,
        system_prompt: "p",
        knowledge_base: "k",
        goals: [],
        mode: "TEXT",
        connection_type: connection,
      });
      const textSimulation = await check("POST", "/v1/create-simulation", {
        agent_id: String(textAgent.agent_id),
      });
      const textSimulationId = textSimulation.simulation_id as number;
      const caller = await check("POST", "/v1/create-digital-human", {
        digital_human: { phone_number: "+15550100103" },
        simulation_ids: [textSimulationId],
      });
      fx.emulator.setRunOutcome(
        { polls: 1, calls: { status: "INSUFFICIENT_FUNDS" } },
        { simulationId: textSimulationId },
      );
      const textRun = await check("POST", queue, {
        simulation_id: String(textSimulationId),
        digital_human_ids: [String((caller.digital_human as { id: number }).id)],
      });
      const results = await check(
        "GET",
        `/v1/retrieve-simulation-results/${String(textRun.simulation_run_id)}`,
      );
      expect((results.simulation_run as { status: string }).status).toBe("INSUFFICIENT_FUNDS");
      await check("DELETE", `/v1/digital-human/${String((caller.digital_human as { id: number }).id)}`);
      await check("DELETE", `/v1/simulation/${textSimulationId}`);
      await check("DELETE", `/v1/agent/${String(textAgent.agent_id)}`);
    }
    await check("DELETE", `/v1/digital-human/${incomplete}`);
    const schedule = await check("POST", "/v1/create-schedule", {
      simulation_id: String(simulationId),
      schedule: { frequency: "weekly", day_of_week: "monday", time: "02:00" },
    });
    const alert = await check("POST", "/v1/create-alert", {
      name: "A",
      entity_type: "custom_metric",
      entity_field: String(metric.id),
      operator: "less_than",
      comparison_value: "0.5",
      applies_to_all_agents: false,
      agent_ids: [agentId],
      notification_channels: [{ type: "email", target: "oncall@example.com" }],
    });
    await check("PUT", `/v1/update-schedule/${String(schedule.id)}`, { enabled: false });
    await check("PUT", `/v1/update-alert/${String(alert.id)}`, { min_events: 3 });
    await check("DELETE", `/v1/delete-schedule/${String(schedule.id)}`);
    await check("DELETE", `/v1/alert/${String(alert.id)}`);
    await check("GET", `/v1/custom-metric/${String(metric.id)}`);
    await check("GET", "/v1/custom-metrics?page=1&page_size=10");
    await check("GET", `/v1/custom-metrics-by-agent/${agentId}`);
    await check("PUT", `/v1/update-custom-metric/${String(metric.id)}`, { tags: ["t"] });
    // An agent's labels, and its prompt and knowledge-base versions (one shape, two paths).
    const label = await check("POST", `/v1/agents/${agentId}/labels`, { label_text: "staging" });
    await check("GET", `/v1/agents/${agentId}/labels?q=stag`);
    await check("GET", `/v1/agents/${agentId}/labels/${String(label.id)}`);
    await check("PUT", `/v1/agents/${agentId}/labels/${String(label.id)}`, { label_text: "qa" });
    await check("DELETE", `/v1/agents/${agentId}/labels/${String(label.id)}`);
    for (const [segment, text] of [
      ["prompts", "prompt_text"],
      ["knowledge-bases", "kb_text"],
    ] as const) {
      const base = `/v1/agents/${agentId}/${segment}`;
      const first = await check("POST", `${base}/versions`, {
        [text]: "one",
        commit_message: "first",
        labels: ["qa"],
        metadata: { ticket: 7 },
      });
      await check("POST", `${base}/versions`, { [text]: "two" });
      await check("GET", `${base}/versions?limit=10`);
      await check("GET", `${base}?label=qa`);
      if (segment === "prompts") await check("POST", `${base}/promote?prompt_id=${String(first.id)}`);
      await check("POST", `${base}/versions/2/labels`, { labels: ["x"] });
      await check("GET", `${base}/versions/2`);
      await check("GET", `${base}/versions/2/labels`);
      await check("DELETE", `${base}/versions/2/labels`, { labels: ["x"] });
      const third = await check("POST", `${base}/versions`, { [text]: "three" });
      await check("GET", `${base}/${String(third.id)}`);
      await check("DELETE", `${base}/${String(third.id)}`);
      await check("POST", `${base}/versions/2/labels`, { labels: ["gone"] });
      await check("DELETE", `${base}/versions?label=gone`);
      await check("POST", `${base}/versions`, { [text]: "four" });
      await check("DELETE", `${base}/versions/2`);
    }
    await check("DELETE", `/v1/custom-metric/${String(metric.id)}`);
    await check("DELETE", `/v1/community/${String(community.id)}`);
    await check("DELETE", `/v1/digital-human/${humanId}`);
    await check("DELETE", `/v1/simulation/${simulationId}`);
    await check("DELETE", `/v1/agent/${agentId}`);
    await check("DELETE", `/v1/folder/${String(folder.id)}`);

    const served = fx.emulator.operations().map(({ method, path }) => `${method} ${path}`);
    expect(served.filter((route) => !answered.has(route))).toEqual([]);
  });
});
