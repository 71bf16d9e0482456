// examples/bootstrap (a whole Bluejay test setup: one or more resources of every kind the package
// manages) through the real engine, step by step: up, a no-change up, one field of each kind changed,
// refresh after changes made in Bluejay (for every kind Bluejay can read back), destroy. Each step
// checks Pulumi's view and Bluejay's, and the requests each step sent are kept per kind and printed
// at the end as a table: what a lifecycle of every kind costs in Bluejay requests.
import type { RequestLogEntry } from "../../emulator";
import type { KindPlural } from "../../emulator/server";
import { KINDS as REGISTRY } from "../../provider/kinds/registry";
import {
  capture,
  createE2EStack,
  E2E_API_KEY,
  readTree,
  type E2EStack,
  type StoredResource,
} from "./harness";
import { BOOTSTRAP_DECLARES, BOOTSTRAP_RESOURCES, bootstrapCounts } from "../helpers/bootstrap";
import { orderedSteps } from "../helpers/steps";

jest.setTimeout(180_000);

const WEBSOCKET_PASSWORD = "ws-pass-7c41e09b-bootstrap";
/** The kinds of the registry the example declares. */
const KINDS = REGISTRY.map((kind) => kind.name).filter((name) => name in BOOTSTRAP_DECLARES);
type Kind = (typeof KINDS)[number];
/** What the example declares of each kind. */
const DECLARED = BOOTSTRAP_DECLARES;
/** Every resource of the example, and the stack itself. */
const RESOURCES = BOOTSTRAP_RESOURCES;
const typeOf = (kind: Kind) => `pulumi-nodejs:dynamic/bluejay:${kind}`;

describe("examples/bootstrap through `pulumi up`, step by step", () => {
  let e2e: E2EStack;
  /** Everything the CLI printed, stdout and stderr, for the leak checks. */
  const printed = () => e2e.output.join("");
  const writes = () => e2e.emulator.writes.map((r) => `${r.method} ${r.path}`);
  /** Each lifecycle operation's requests, by the operation's label, in the order they ran. */
  const requestsBy = new Map<string, RequestLogEntry[]>();
  /** The serialized provider's size of each resource, by resource name. */
  const providerSizes: { kind: Kind; name: string; bytes: number }[] = [];

  /** Runs one engine operation with a fresh request log, keeping the log under `label`. */
  async function operation<T>(label: string, run: () => Promise<T>): Promise<T> {
    e2e.emulator.clearRequests();
    try {
      return await run();
    } finally {
      requestsBy.set(label, [...e2e.emulator.requests]);
    }
  }
  /** Options for an Automation API call that keep all it prints. */
  const display = () => ({
    ...capture(e2e.output),
    onError: (line: string) => void e2e.output.push(line),
  });

  const step = orderedSteps();

  const outputs = async () => {
    const all = await e2e.stack.outputs();
    return {
      folderId: all.folderId!.value as string,
      agentId: all.agentId!.value as number,
      simulationId: all.simulationId!.value as number,
      callers: all.callers!.value as Record<string, number>,
      communityIds: all.communityIds!.value as Record<string, string>,
      customMetricIds: all.customMetricIds!.value as Record<string, string>,
      setup: all.testSetup!.value as {
        traitIds: { plan: string; seats: string };
        personaId: string;
        labelId: string;
        promptVersionId: string;
        knowledgeBaseVersionId: string;
        workflowId: string;
        scheduleId: string;
        alertId: string;
      },
    };
  };
  const resourcesOf = (resources: StoredResource[], kind: Kind) =>
    resources.filter((r) => r.type === typeOf(kind));

  beforeAll(async () => {
    e2e = await createE2EStack(
      "bootstrap",
      {},
      {},
      {
        example: "bootstrap",
        config: {
          "bluejay-bootstrap:namePrefix": { value: "[e2e] " },
          "bluejay-bootstrap:websocketPassword": { value: WEBSOCKET_PASSWORD, secret: true },
        },
      },
    );
  });
  afterAll(async () => {
    printRequestTable();
    // Whatever happened, leave no stack state or emulator behind.
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  step("1. up creates every resource, and the ids flow from one to the next", async () => {
    const up = await operation("1. up (create)", () => e2e.stack.up(display()));
    expect(up.summary.resourceChanges).toEqual({ create: RESOURCES });
    expect(e2e.emulator.counts()).toEqual(bootstrapCounts());
    const ids = await outputs();
    const [agent] = e2e.emulator.records("agents");
    // Folder -> agent: the agent joined the folder by its name.
    const [folder] = e2e.emulator.records("folders");
    expect(folder).toMatchObject({ id: ids.folderId, name: "[e2e] Acme support" });
    expect(agent).toMatchObject({ folder_id: ids.folderId });
    const [simulation] = e2e.emulator.records("simulations");
    expect(agent).toMatchObject({
      id: ids.agentId,
      name: "[e2e] Support bot",
      agent_description: "You are the support line of Acme.",
      websocket_password: WEBSOCKET_PASSWORD,
    });
    // Agent -> simulation.
    expect(simulation).toMatchObject({ id: ids.simulationId, agent_id: ids.agentId });
    // Simulation -> every digital human.
    const humans = e2e.emulator.records("digitalHumans");
    expect(new Set(humans.map((h) => h.id))).toEqual(new Set(Object.values(ids.callers)));
    for (const human of humans) expect(human.simulation_ids).toEqual([ids.simulationId]);
    expect(new Set(humans.map((h) => h.language))).toEqual(new Set(["en", "es", "de"]));
    // Digital humans -> communities.
    const community = (name: string) => e2e.emulator.store.get(ids.communityIds[name]!)!;
    const callers = (...names: string[]) => names.map((n) => ids.callers[n]).sort();
    expect(community("support").title).toBe("[e2e] Support line callers");
    expect([...community("support").digital_human_ids].sort()).toEqual(
      callers("angry", "spanish", "elderly", "scripted", "vip", "noisy"),
    );
    expect([...community("international").digital_human_ids].sort()).toEqual(
      callers("spanish", "elderly", "noisy"),
    );
    // Agent -> custom metrics.
    const metrics = e2e.emulator.records("customMetrics");
    expect(metrics.map((m) => [m.name, m.response_type, m.agent_ids]).sort()).toEqual([
      ["[e2e] Empathy", "yes_no", [ids.agentId]],
      ["[e2e] Refund policy", "quantitative", [ids.agentId]],
    ]);
    expect(metrics.find((m) => m.response_type === "quantitative")).toMatchObject({
      min_value: 1,
      max_value: 5,
    });
    expect(up.outputs.digitalHumanIds!.value).toEqual(community("support").digital_human_ids);
    // Agent -> traits, persona, label, versions (the versions carry the stack's label), workflow.
    const { stores } = e2e.emulator;
    expect(
      e2e.emulator.records("customerTraits").map((t) => [t.name, t.data_type, t.default_value, t.agent_id]),
    ).toEqual(
      expect.arrayContaining([
        ["plan", "STRING", "Acme Basic", ids.agentId],
        ["seats", "NUMBER", 1, ids.agentId],
      ]),
    );
    expect(stores.customerPersonas.get(ids.setup.personaId)).toMatchObject({ name: "Impatient commuter" });
    expect(stores.labels.get(ids.setup.labelId)).toMatchObject({ agent_id: ids.agentId, label_text: "e2e" });
    for (const [plural, id] of [
      ["promptVersions", ids.setup.promptVersionId],
      ["knowledgeBaseVersions", ids.setup.knowledgeBaseVersionId],
    ] as const) {
      expect(stores[plural].get(id)).toMatchObject({ agent_id: ids.agentId, version: 1 });
      expect(stores[plural].get(id)!.labels).toContain("e2e");
    }
    expect(stores.workflows.get(ids.setup.workflowId)).toMatchObject({
      name: "[e2e] Password reset",
      agent_ids: [ids.agentId],
    });
    // Simulation -> its schedule; metric -> the alert, on this stack's agent only.
    expect(stores.schedules.get(ids.setup.scheduleId)).toMatchObject({
      simulation_id: String(ids.simulationId),
      cron_expression: "0 2 * * *",
    });
    expect(stores.alerts.get(ids.setup.alertId)).toMatchObject({
      entity_field: ids.customMetricIds.empathy,
      agents: [ids.agentId],
    });
  });

  step("2. a second up with no change writes nothing and reports every resource unchanged", async () => {
    const up = await operation("2. up (no change)", () => e2e.stack.up(display()));
    expect(up.summary.resourceChanges).toEqual({ same: RESOURCES });
    expect(writes()).toEqual([]);
  });

  step(
    "3. one field of each kind changes (company, release label, nightly time): one update each, nothing else",
    async () => {
      const ids = await outputs();
      await e2e.stack.setConfig("bluejay-bootstrap:company", { value: "Globex" });
      await e2e.stack.setConfig("bluejay-bootstrap:releaseLabel", { value: "e2e-next" });
      await e2e.stack.setConfig("bluejay-bootstrap:nightlyAt", { value: "03:30" });
      const up = await operation("3. up (one field per kind)", () => e2e.stack.up(display()));
      expect(up.summary.resourceChanges).toEqual({ same: RESOURCES - KINDS.length, update: KINDS.length });
      const { setup } = ids;
      const versionLabels = (segment: string) => [
        `DELETE /v1/agents/${ids.agentId}/${segment}/versions/1/labels`,
        `POST /v1/agents/${ids.agentId}/${segment}/versions/1/labels`,
      ];
      expect(writes().sort()).toEqual(
        [
          `PUT /v1/update-folder/${ids.folderId}`,
          "POST /v1/update-agent",
          `PUT /v1/simulation/${ids.simulationId}`,
          `PUT /v1/update-digital-human/${ids.callers.angry}`,
          `PUT /v1/update-community/${ids.communityIds.support}`,
          `PUT /v1/update-custom-metric/${ids.customMetricIds.refundPolicy}`,
          `PUT /v1/update-customer-trait/${setup.traitIds.plan}`,
          `PUT /v1/update-customer-persona/${setup.personaId}`,
          `PUT /v1/workflow/${setup.workflowId}`,
          `PUT /v1/agents/${ids.agentId}/labels/${setup.labelId}`,
          ...versionLabels("prompts"),
          ...versionLabels("knowledge-bases"),
          `PUT /v1/update-schedule/${setup.scheduleId}`,
          `PUT /v1/update-alert/${setup.alertId}`,
        ].sort(),
      );
      // Same ids: updated in place, nothing replaced.
      expect(await outputs()).toEqual(ids);
      const { stores } = e2e.emulator;
      expect(stores.folders.get(ids.folderId)!.name).toBe("[e2e] Globex support");
      expect(stores.agents.get(ids.agentId)).toMatchObject({
        agent_description: "You are the support line of Globex.",
        folder_id: ids.folderId,
      });
      expect(stores.simulations.get(ids.simulationId)!.description).toBe(
        "Every Globex support scenario, run each night",
      );
      expect(stores.digitalHumans.get(ids.callers.angry!)!.intent).toBe(
        "Disputes a double charge on their Globex bill",
      );
      expect(stores.communities.get(ids.communityIds.support!)!.description).toBe(
        "Everyone who calls the Globex support line",
      );
      expect(stores.customMetrics.get(ids.customMetricIds.refundPolicy!)!.description).toBe(
        "How closely did the agent follow Globex's refund policy?",
      );
      expect(stores.customerTraits.get(setup.traitIds.plan)!.default_value).toBe("Globex Basic");
      expect(stores.customerPersonas.get(setup.personaId)!.description).toContain("Calls Globex");
      expect(stores.workflows.get(setup.workflowId)!.description).toBe(
        "How the Globex support line resets a password",
      );
      expect(stores.labels.get(setup.labelId)!.label_text).toBe("e2e-next");
      expect(stores.promptVersions.get(setup.promptVersionId)!.labels).toContain("e2e-next");
      expect(stores.knowledgeBaseVersions.get(setup.knowledgeBaseVersionId)!.labels).toContain("e2e-next");
      expect(stores.schedules.get(setup.scheduleId)!.cron_expression).toBe("30 3 * * *");
      expect(stores.alerts.get(setup.alertId)!.name).toBe("[e2e] Globex empathy dropped");
    },
  );

  step(
    "4. a change made in Bluejay to each kind it can read back shows on refresh, and the next up puts it back",
    async () => {
      const ids = await outputs();
      const { setup } = ids;
      const { stores } = e2e.emulator;
      /** One field of one record of each kind Bluejay reads back: its store, id, wire field, value, output. */
      const edits: [Kind, KindPlural, string | number, string, unknown, string, unknown][] = [
        ["Folder", "folders", ids.folderId, "name", "Edited", "name", "Edited"],
        [
          "Agent",
          "agents",
          ids.agentId,
          "knowledge_base",
          "Refunds take 30 days.",
          "knowledgeBase",
          "Refunds take 30 days.",
        ],
        ["Simulation", "simulations", ids.simulationId, "description", "Edited", "description", "Edited"],
        ["DigitalHuman", "digitalHumans", ids.callers.angry!, "intent", "Edited", "intent", "Edited"],
        [
          "Community",
          "communities",
          ids.communityIds.support!,
          "description",
          "Edited",
          "description",
          "Edited",
        ],
        [
          "CustomMetric",
          "customMetrics",
          ids.customMetricIds.empathy!,
          "description",
          "Edited",
          "description",
          "Edited",
        ],
        [
          "CustomerTrait",
          "customerTraits",
          setup.traitIds.plan,
          "default_value",
          "Edited",
          "defaultValue",
          "Edited",
        ],
        ["CustomerPersona", "customerPersonas", setup.personaId, "goal", "Edited", "goal", "Edited"],
        ["Workflow", "workflows", setup.workflowId, "description", "Edited", "description", "Edited"],
        ["Label", "labels", setup.labelId, "label_text", "edited", "labelText", "edited"],
        ["PromptVersion", "promptVersions", setup.promptVersionId, "labels", ["latest"], "labels", []],
        [
          "KnowledgeBaseVersion",
          "knowledgeBaseVersions",
          setup.knowledgeBaseVersionId,
          "labels",
          ["latest"],
          "labels",
          [],
        ],
      ];
      const readable = REGISTRY.filter((kind) => kind.api.read !== undefined).map((kind) => kind.name);
      expect(edits.map(([kind]) => kind).sort()).toEqual([...readable].sort());
      const before = new Map(
        edits.map(([, plural, id, field]) => [`${plural}/${id}`, stores[plural].get(id)![field]]),
      );
      for (const [, plural, id, field, value] of edits)
        stores[plural].modify(id, (r) => void (r[field] = value));

      const refresh = await operation("4. refresh (drift)", () => e2e.stack.refresh(display()));
      expect(refresh.summary.resourceChanges).toEqual({
        same: RESOURCES - edits.length,
        update: edits.length,
      });
      expect(writes()).toEqual([]);
      const resources = (await e2e.exportState()).deployment.resources;
      for (const [kind, , id, , , output, shown] of edits) {
        const resource = resources.find((r) => r.type === typeOf(kind) && String(r.id) === String(id));
        expect([kind, resource!.outputs![output]]).toEqual([kind, shown]);
      }

      const up = await operation("4. up (undo drift)", () => e2e.stack.up(display()));
      expect(up.summary.resourceChanges).toEqual({ same: RESOURCES - edits.length, update: edits.length });
      expect(writes()).toHaveLength(edits.length);
      for (const [kind, plural, id, field] of edits) {
        const now = stores[plural].get(id)![field];
        const was = before.get(`${plural}/${id}`);
        expect([kind, now]).toEqual([kind, was]);
      }
      const again = await operation("4. up (no change)", () => e2e.stack.up(display()));
      expect(again.summary.resourceChanges).toEqual({ same: RESOURCES });
      expect(writes()).toEqual([]);
    },
  );

  step("5. the state holds no API key or password in clear, and a small provider per resource", async () => {
    const state = await e2e.exportState();
    const text = JSON.stringify(state);
    expect(text).not.toContain(E2E_API_KEY);
    expect(text).not.toContain(WEBSOCKET_PASSWORD);
    // Nor any file of the backend: history and backups included.
    const backend = readTree(e2e.stateDir);
    expect(backend).not.toContain(E2E_API_KEY);
    expect(backend).not.toContain(WEBSOCKET_PASSWORD);

    // The agent's webhook key, which Bluejay made up, is a secret in state.
    const [agent] = resourcesOf(state.deployment.resources, "Agent");
    const webhookKey = e2e.emulator.records("agents")[0]!.http_webhook_key;
    expect(webhookKey).toEqual(expect.any(String));
    expect(text).not.toContain(webhookKey!);
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
    expect(agent!.outputs!.httpWebhookKey).toMatchObject({ ...secret, ciphertext: expect.any(String) });
    expect(agent!.outputs!.websocketPassword).toMatchObject(secret);
    expect(agent!.inputs!.websocketPassword).toMatchObject(secret);

    for (const kind of KINDS) {
      const resources = resourcesOf(state.deployment.resources, kind);
      expect(resources).toHaveLength(DECLARED[kind]!);
      for (const resource of resources) {
        const provider = resource.outputs!.__provider;
        expect(resource.inputs!.__provider).toBe(provider);
        expect(typeof provider).toBe("string");
        const bytes = Buffer.byteLength(provider as string);
        providerSizes.push({ kind, name: resource.urn.split("::").pop()!, bytes });
        expect(bytes).toBeLessThanOrEqual(1200);
        expect(provider).toContain(`kind: ${JSON.stringify(kind)}`);
      }
    }
  });

  step(
    "6. destroy leaves the emulator empty of every kind, and says what Bluejay kept until the agent went",
    async () => {
      const ids = await outputs();
      const output = e2e.output.length;
      const destroy = await operation("6. destroy", () => e2e.stack.destroy(display()));
      expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });
      expect(e2e.emulator.isEmpty()).toBe(true);
      expect(e2e.emulator.counts()).toEqual(bootstrapCounts(0));
      // One DELETE per resource; each version, the agent's only one, is kept by Bluejay until the agent
      // goes: its label is taken off it (one more DELETE), and a warning says so.
      const releases = writes().filter((w) =>
        /^DELETE \/v1\/agents\/\d+\/(prompts|knowledge-bases)\/versions\/1\/labels$/.test(w),
      );
      expect(releases).toHaveLength(2);
      expect(writes().filter((w) => w.startsWith("DELETE"))).toHaveLength(RESOURCES - 1 + releases.length);
      const said = e2e.output.slice(output).join("");
      expect(said).toContain(
        `Bluejay kept PromptVersion ${ids.setup.promptVersionId}: it is the agent's only prompt version`,
      );
      expect(said).toContain(`Bluejay kept KnowledgeBaseVersion ${ids.setup.knowledgeBaseVersionId}`);
      // Nothing the CLI printed in any step carried the API key or the password.
      expect(printed()).not.toContain(E2E_API_KEY);
      expect(printed()).not.toContain(WEBSOCKET_PASSWORD);
    },
  );

  /** Per operation and kind: each request as `METHOD /path/{template}`, with its count. */
  function printRequestTable(): void {
    if (!e2e) return;
    const templates = e2e.emulator.operations().map((op) => ({
      ...op,
      pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, "[^/]+")}$`),
    }));
    const rows: string[][] = [];
    for (const [label, requests] of requestsBy) {
      const counts = new Map<string, number>();
      for (const { method, path } of requests) {
        const op = templates.find((t) => t.method === method && t.pattern.test(path));
        const key = op ? `${op.kind}\t${method} ${op.path}` : `?\t${method} ${path}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const byKind = [...counts].sort(([a], [b]) => {
        const rank = (k: string) => KINDS.indexOf(k.split("\t")[0]!);
        return rank(a) - rank(b) || a.localeCompare(b);
      });
      if (byKind.length === 0) rows.push([label, "-", "(no requests)", "0"]);
      for (const [key, count] of byKind) rows.push([label, ...key.split("\t"), String(count)]);
      rows.push([label, "all", "total", String(requests.length)]);
    }
    const header = ["operation", "kind", "request", "count"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    const sizes = providerSizes.map((s) => `| ${s.kind} | ${s.name} | ${s.bytes} |`);
    console.log(
      [
        "Bluejay requests per lifecycle operation of examples/bootstrap, by kind:",
        line(header),
        line(widths.map((w) => "-".repeat(w))),
        ...rows.map(line),
        "",
        "Serialized provider (__provider) per resource, bytes:",
        "| kind | resource | bytes |",
        "| --- | --- | --- |",
        ...sizes,
      ].join("\n"),
    );
  }
});
