// examples/bootstrap (a whole Bluejay test environment: a folder, an agent, a simulation, six digital
// humans, two communities, two custom metrics) through the real engine, step by step. Each step
// checks Pulumi's view and Bluejay's, and the requests each step sent are kept per kind and printed
// at the end as a table: what a lifecycle of every kind costs in Bluejay requests.
import type { RequestLogEntry } from "../../emulator";
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
  });

  step("2. a second up with no change writes nothing and reports every resource unchanged", async () => {
    const up = await operation("2. up (no change)", () => e2e.stack.up(display()));
    expect(up.summary.resourceChanges).toEqual({ same: RESOURCES });
    expect(writes()).toEqual([]);
  });

  step("3. a new company name changes one field of each kind: one update each, nothing else", async () => {
    const ids = await outputs();
    await e2e.stack.setConfig("bluejay-bootstrap:company", { value: "Globex" });
    const up = await operation("3. up (one field per kind)", () => e2e.stack.up(display()));
    expect(up.summary.resourceChanges).toEqual({ same: RESOURCES - KINDS.length, update: KINDS.length });
    expect(writes().sort()).toEqual(
      [
        `PUT /v1/update-folder/${ids.folderId}`,
        "POST /v1/update-agent",
        `PUT /v1/simulation/${ids.simulationId}`,
        `PUT /v1/update-digital-human/${ids.callers.angry}`,
        `PUT /v1/update-community/${ids.communityIds.support}`,
        `PUT /v1/update-custom-metric/${ids.customMetricIds.refundPolicy}`,
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
  });

  step("4. records changed in Bluejay show as drift on refresh, and the next up puts them back", async () => {
    const ids = await outputs();
    const empathyId = ids.customMetricIds.empathy!;
    const { stores } = e2e.emulator;
    stores.agents.modify(ids.agentId, (a) => void (a.knowledge_base = "Refunds take 30 days."));
    stores.customMetrics.modify(empathyId, (m) => void (m.description = "Edited in the Bluejay UI"));

    const refresh = await operation("4. refresh (drift)", () => e2e.stack.refresh(display()));
    expect(refresh.summary.resourceChanges).toEqual({ same: RESOURCES - 2, update: 2 });
    expect(writes()).toEqual([]);
    const resources = (await e2e.exportState()).deployment.resources;
    expect(resourcesOf(resources, "Agent")[0]!.outputs!.knowledgeBase).toBe("Refunds take 30 days.");
    const empathy = resources.find((r) => r.id === empathyId);
    expect(empathy!.outputs!.description).toBe("Edited in the Bluejay UI");

    const up = await operation("4. up (undo drift)", () => e2e.stack.up(display()));
    expect(up.summary.resourceChanges).toEqual({ same: RESOURCES - 2, update: 2 });
    expect(writes().sort()).toEqual(["POST /v1/update-agent", `PUT /v1/update-custom-metric/${empathyId}`]);
    expect(stores.agents.get(ids.agentId)!.knowledge_base).toBe("Refunds take 5 days.");
    expect(stores.customMetrics.get(empathyId)!.description).toBe(
      "Did the agent acknowledge the caller's frustration?",
    );
    const again = await operation("4. up (no change)", () => e2e.stack.up(display()));
    expect(again.summary.resourceChanges).toEqual({ same: RESOURCES });
    expect(writes()).toEqual([]);
  });

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

  step("6. destroy leaves the emulator empty of every kind", async () => {
    const destroy = await operation("6. destroy", () => e2e.stack.destroy(display()));
    expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });
    expect(e2e.emulator.isEmpty()).toBe(true);
    expect(e2e.emulator.counts()).toEqual(bootstrapCounts(0));
    expect(writes().filter((w) => w.startsWith("DELETE"))).toHaveLength(RESOURCES - 1);
    // Nothing the CLI printed in any step carried the API key or the password.
    expect(printed()).not.toContain(E2E_API_KEY);
    expect(printed()).not.toContain(WEBSOCKET_PASSWORD);
  });

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
