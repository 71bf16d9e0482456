// Reads coalesced through lists (provider/dynamic/coalesce.ts). A refresh reads every resource, several
// at once, in one provider process; reads of one kind that come together are answered from one read
// of the kind's list (every page) where the list carries what a read does, instead of one GET each.
// What each test proves is read from the emulator's request log and from the read results, held
// against the same reads with coalescing off: one GET per resource.
import * as fs from "fs";
import * as path from "path";
import type { BluejayClient } from "../../../provider/client";
import { resolveClientOptions } from "../../../provider/config";
import { FRESH_MS, GATHER_MS, MIN_READS } from "../../../provider/dynamic/coalesce";
import type { AnyResourceKind } from "../../../provider/dynamic/kind";
import { ResourceLifecycle, type ReadResult } from "../../../provider/dynamic/lifecycle";
import { agentKind } from "../../../provider/kinds/agent/kind";
import { communityKind } from "../../../provider/kinds/community/kind";
import { customMetricKind } from "../../../provider/kinds/custom-metric/kind";
import { digitalHumanKind } from "../../../provider/kinds/digital-human/kind";
import { folderKind } from "../../../provider/kinds/folder/kind";
import { simulationKind } from "../../../provider/kinds/simulation/kind";
import { KINDS } from "../../../provider/kinds/registry";
import { useEmulator } from "../../helpers/emulator";

const fx = useEmulator();

/** A resource as state holds it after `up`. */
interface Held {
  kind: AnyResourceKind;
  id: string;
  outs: Record<string, unknown>;
}

/** The engine's parallelism on a 2-core machine (4 × GOMAXPROCS). */
const PARALLEL = 8;

/** Reads every resource the way a refresh does: in state order, PARALLEL at a time, one process. */
async function refresh(client: BluejayClient, held: readonly Held[]): Promise<ReadResult[]> {
  const lifecycles = new Map<AnyResourceKind, ResourceLifecycle>();
  const lifecycle = (kind: AnyResourceKind) => {
    let found = lifecycles.get(kind);
    if (!found) lifecycles.set(kind, (found = new ResourceLifecycle(kind, () => client)));
    return found;
  };
  const results: ReadResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < held.length) {
        const i = next++;
        const { kind, id, outs } = held[i]!;
        results[i] = await lifecycle(kind).read(id, { ...outs, __provider: "stub" });
      }
    }),
  );
  return results;
}

async function create(client: BluejayClient, kind: AnyResourceKind, inputs: object): Promise<Held> {
  const { id, outs } = await new ResourceLifecycle(kind, () => client).create(inputs as never);
  return { kind, id, outs };
}

/** `GET /v1/community/{id}` → `GET /v1/community/*`, counted. */
function routes(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of fx.emulator.requests) {
    const route = `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$|\/\d+$/, "/*")}`;
    counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}

const coalescing = () => fx.client();
const oneGetEach = () => fx.client({ coalesceReads: false });

async function communities(client: BluejayClient, n: number): Promise<Held[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      create(client, communityKind, {
        title: `Pool ${i}`,
        description: `Callers ${i}`,
        digitalHumanIds: [i + 1],
      }),
    ),
  );
}

describe("reads that come together", () => {
  test("twenty community reads at once: one list answers them all, no GET", async () => {
    const client = coalescing();
    const held = await communities(client, 20);
    const lifecycle = new ResourceLifecycle(communityKind, () => client);
    fx.emulator.clearRequests();

    const listed = await Promise.all(held.map(({ id, outs }) => lifecycle.read(id, outs)));

    expect(routes()).toEqual({ "GET /v1/communities": 1 });
    expect(listed.map((r) => r.id)).toEqual(held.map((h) => h.id));
  });

  test(`fewer than ${MIN_READS} reads at once are GETs: a list is read for a crowd, not for one`, async () => {
    const client = coalescing();
    const held = await communities(client, MIN_READS - 1);
    fx.emulator.clearRequests();

    await refresh(client, held);

    expect(routes()).toEqual({ "GET /v1/community/*": MIN_READS - 1 });
  });

  test("the list answers later reads while it is fresh, and a write makes it stale", async () => {
    const client = coalescing();
    const held = await communities(client, 6);
    const lifecycle = new ResourceLifecycle(communityKind, () => client);
    fx.emulator.clearRequests();

    await refresh(client, held.slice(0, 3));
    await refresh(client, held.slice(3, 4));
    expect(routes()).toEqual({ "GET /v1/communities": 1 });

    // This process writes: a read after it must see Bluejay as it is now.
    const renamed = held[4]!;
    await lifecycle.update(renamed.id, renamed.outs, { title: "Renamed", description: "Callers 4" });
    fx.emulator.clearRequests();
    const [after] = await refresh(client, [renamed]);

    expect(routes()).toEqual({ "GET /v1/community/*": 1 });
    expect(after!.props).toMatchObject({ title: "Renamed" });
    expect(FRESH_MS).toBeLessThanOrEqual(10_000);
    expect(GATHER_MS).toBeLessThanOrEqual(50);
  });

  test("a list that fails answers nothing: every read is its GET", async () => {
    const client = fx.client({ maxRetries: 0 });
    const held = await communities(client, 5);
    fx.emulator.injectFault({ method: "GET", path: "/v1/communities", status: 500 });
    fx.emulator.clearRequests();

    const results = await refresh(client, held);

    expect(routes()).toEqual({ "GET /v1/communities": 1, "GET /v1/community/*": 5 });
    expect(results.map((r) => r.id)).toEqual(held.map((h) => h.id));
  });

  test("bluejay:coalesceReads false (BLUEJAY_COALESCE_READS=false) sends one GET per read", async () => {
    expect(
      resolveClientOptions({ get: (k) => ({ "bluejay:apiKey": "k", "bluejay:coalesceReads": "false" })[k] }),
    ).toMatchObject({
      coalesceReads: false,
    });
    expect(
      resolveClientOptions(undefined, { BLUEJAY_API_KEY: "k", BLUEJAY_COALESCE_READS: "false" }),
    ).toMatchObject({
      coalesceReads: false,
    });
    const client = oneGetEach();
    const held = await communities(client, 10);
    fx.emulator.clearRequests();

    await refresh(client, held);

    expect(routes()).toEqual({ "GET /v1/community/*": 10 });
  });
});

describe("the list answers a read only when it holds all the read would", () => {
  test("an id the list lacks is a GET: a digital human in no simulation, one in two, one deleted", async () => {
    const client = coalescing();
    const agent = await create(client, agentKind, {
      name: "A",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
    });
    const agentId = Number(agent.id);
    const [s1, s2] = await Promise.all(
      ["S1", "S2"].map((name) => create(client, simulationKind, { agentId, name })),
    );
    const human = (i: number, simulationIds: number[]) =>
      create(client, digitalHumanKind, {
        phoneNumber: `+1555010${1000 + i}`,
        intent: `Intent ${i}`,
        successCriteria: "s",
        simulationIds,
      });
    const inOne = await Promise.all([0, 1, 2, 3].map((i) => human(i, [Number(s1!.id)])));
    const inNone = await human(4, []);
    const inTwo = await human(5, [Number(s2!.id), Number(s1!.id)]);
    fx.emulator.stores.digitalHumans.delete(Number(inOne[3]!.id));
    fx.emulator.clearRequests();

    const results = await refresh(client, [...inOne, inNone, inTwo]);

    expect(routes()).toEqual({
      "GET /v1/get-all-simulations": 1,
      "GET /v1/digital-humans-by-simulation/*": 2,
      // The deleted one, the one in no simulation, the one in two.
      "GET /v1/digital-human/*": 3,
    });
    expect(results.map((r) => r.id)).toEqual([
      inOne[0]!.id,
      inOne[1]!.id,
      inOne[2]!.id,
      "",
      inNone.id,
      inTwo.id,
    ]);
    expect(results[5]!.props!.simulationIds).toEqual([Number(s2!.id), Number(s1!.id)]);
  });

  test("a field state holds that the list leaves out (a secret, say) is read by GET", async () => {
    const client = coalescing();
    const agents = await Promise.all(
      [0, 1, 2].map((i) =>
        create(client, agentKind, {
          name: `Agent ${i}`,
          systemPrompt: "p",
          knowledgeBase: "k",
          goals: [],
          connectionType: "WEBSOCKET",
          websocketUrl: "wss://agents.example.com",
          websocketPassword: `secret-${i}`,
        }),
      ),
    );
    // A Bluejay whose list leaves the websocket password out.
    const listed = fx.emulator.records("agents").map(({ websocket_password: _left, ...agent }) => agent);
    fx.emulator.injectFault({
      method: "GET",
      path: "/v1/all-agents",
      status: 200,
      body: JSON.stringify(listed),
    });
    fx.emulator.clearRequests();

    const results = await refresh(client, agents);

    expect(routes()).toEqual({ "GET /v1/all-agents": 1, "GET /v1/agents/*": 3 });
    expect(results.map((r) => r.props!.websocketPassword)).toEqual(["secret-0", "secret-1", "secret-2"]);
  });
});

describe("a refresh of a whole environment, drift included", () => {
  /** examples/bootstrap's kinds, larger: three of the kinds that list whole, more than a page of metrics. */
  async function environment(client: BluejayClient): Promise<Held[]> {
    const folders = await Promise.all(
      [0, 1, 2].map((i) => create(client, folderKind, { name: `Team ${i}` })),
    );
    const agents = await Promise.all(
      [0, 1, 2].map((i) =>
        create(client, agentKind, {
          name: `Bot ${i}`,
          folder: `Team ${i}`,
          systemPrompt: "You are the support line.",
          knowledgeBase: "Refunds take 5 days.",
          goals: ["Resolve billing questions"],
          connectionType: "WEBSOCKET",
          websocketUrl: "wss://agents.example.com/support",
          websocketPassword: `password-${i}`,
          httpWebhook: "https://hooks.example.com/calls",
        }),
      ),
    );
    const agentId = Number(agents[0]!.id);
    const simulations = await Promise.all(
      [0, 1].map((i) => create(client, simulationKind, { agentId, name: `Nightly ${i}`, maxConcurrent: 3 })),
    );
    const humans = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        create(client, digitalHumanKind, {
          phoneNumber: `+1555020${1000 + i}`,
          name: `Caller ${i}`,
          intent: `Disputes charge ${i}`,
          successCriteria: "The agent offers a refund",
          accent: "british",
          interruptions: { type: "none" },
          simulationIds: i === 11 ? [] : [Number(simulations[i % 2]!.id)],
        }),
      ),
    );
    const pools = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        create(client, communityKind, {
          title: `Pool ${i}`,
          description: `Callers of pool ${i}`,
          digitalHumanIds: [Number(humans[i]!.id), Number(humans[i + 1]!.id)],
        }),
      ),
    );
    const metrics: Held[] = [];
    for (let i = 0; i < 55; i++) {
      metrics.push(
        await create(client, customMetricKind, {
          name: `Metric ${i}`,
          description: `Did the agent handle scenario ${i}?`,
          responseType: "yes_no",
          agentIds: [agentId],
        }),
      );
    }
    return [...folders, ...agents, ...simulations, ...humans, ...pools, ...metrics];
  }

  /** Edits in Bluejay behind Pulumi's back, one or more per kind. */
  function drift(held: readonly Held[]): void {
    const of = (kind: AnyResourceKind) => held.filter((h) => h.kind === kind).map((h) => h.id);
    const { stores } = fx.emulator;
    stores.folders.modify(of(folderKind)[1]!, (f) => void (f.name = "Renamed team"));
    stores.agents.modify(Number(of(agentKind)[2]), (a) => void (a.knowledge_base = "Refunds take 7 days."));
    stores.simulations.modify(Number(of(simulationKind)[0]), (s) => void (s.name = "Weekly"));
    const humans = of(digitalHumanKind).map(Number);
    stores.digitalHumans.modify(humans[0]!, (h) => void (h.intent = "Wants a discount"));
    stores.digitalHumans.modify(
      humans[1]!,
      (h) => void (h.simulation_ids = [...(h.simulation_ids as number[]), Number(of(simulationKind)[0])]),
    );
    stores.digitalHumans.delete(humans[2]!);
    stores.communities.modify(of(communityKind)[0]!, (c) => void (c.title = "Edited pool"));
    stores.communities.delete(of(communityKind)[1]!);
    stores.customMetrics.modify(of(customMetricKind)[52]!, (m) => void (m.response_type = "pass_fail"));
    stores.customMetrics.delete(of(customMetricKind)[3]!);
  }

  test("reads the same state as one GET per resource, with under a quarter of the requests", async () => {
    const held = await environment(coalescing());
    drift(held);

    fx.emulator.clearRequests();
    const perGet = await refresh(oneGetEach(), held);
    const getRequests = fx.emulator.requests.length;
    fx.emulator.clearRequests();
    const coalesced = await refresh(coalescing(), held);
    const coalescedRequests = fx.emulator.requests.length;

    expect(coalesced).toEqual(perGet);
    expect(getRequests).toBe(held.length);
    expect(coalescedRequests).toBeLessThanOrEqual(held.length / 4);
    // The drift is there, the same in both: what was edited, and what is gone.
    const find = (kind: AnyResourceKind, n: number) =>
      coalesced[held.indexOf(held.filter((h) => h.kind === kind)[n]!)]!;
    expect(find(folderKind, 1).props).toMatchObject({ name: "Renamed team" });
    expect(find(agentKind, 2).props).toMatchObject({ knowledgeBase: "Refunds take 7 days." });
    expect(find(simulationKind, 0).props).toMatchObject({ name: "Weekly" });
    expect(find(digitalHumanKind, 0).props).toMatchObject({ intent: "Wants a discount" });
    expect(find(digitalHumanKind, 1).props!.simulationIds).toHaveLength(2);
    expect(find(digitalHumanKind, 2).id).toBe("");
    expect(find(communityKind, 0).props).toMatchObject({ title: "Edited pool" });
    expect(find(communityKind, 1).id).toBe("");
    expect(find(customMetricKind, 52).props).toMatchObject({ responseType: "pass_fail" });
    expect(find(customMetricKind, 3).id).toBe("");
  });
});

describe("which lists answer reads, by Bluejay's OpenAPI", () => {
  type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema> };
  const document = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, "../../../openapi/bluejay-openapi.json"), "utf8"),
  ) as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
    >;
    components: { schemas: Record<string, Schema> };
  };
  const resolve = (schema: Schema): Schema =>
    schema.$ref ? resolve(document.components.schemas[schema.$ref.split("/").pop()!]!) : schema;
  const answer = (p: string) =>
    resolve(document.paths[p]!.get!.responses["200"]!.content!["application/json"]!.schema);
  /** The schema of a list's items: the array it answers, or the one array its object holds. */
  const itemOf = (list: Schema): Schema => {
    if (list.type === "array") return resolve(list.items!);
    const arrays = Object.values(list.properties ?? {}).filter((p) => resolve(p).type === "array");
    expect(arrays).toHaveLength(1);
    return resolve(resolve(arrays[0]!).items!);
  };
  const fieldsOf = (schema: Schema) => Object.keys(schema.properties ?? {}).sort();

  const listed = (KINDS as readonly AnyResourceKind[]).filter((kind) => kind.api.list && kind.api.read);
  test.each(listed.map((kind) => [kind.name, kind] as const))(
    "%s: `whole` exactly where each item of the unfiltered list has every field of the read's answer",
    (_name, kind) => {
      const list = kind.api.list!;
      const unfiltered = list.filter.safeParse({}).success ? list.request({}).path : undefined;
      const read = fieldsOf(answer(kind.api.read!.path));
      const item = unfiltered === undefined ? [] : fieldsOf(itemOf(answer(unfiltered)));
      const holdsAll = unfiltered !== undefined && read.every((field) => item.includes(field));
      expect(list.whole === true).toBe(holdsAll);
    },
  );

  test("a digital human's list lacks only the simulations it is in, which readAll puts together", () => {
    const read = fieldsOf(answer("/v1/digital-human/{digital_human_id}"));
    const item = fieldsOf(itemOf(answer("/v1/digital-humans-by-simulation/{simulation_id}")));
    expect(read).toEqual(["digital_human", "simulation_id", "simulation_ids"]);
    expect(item).toEqual(
      fieldsOf(resolve(answer("/v1/digital-human/{digital_human_id}").properties!.digital_human!)),
    );
    expect(typeof digitalHumanKind.readAll).toBe("function");
    expect("readAll" in simulationKind).toBe(false);
  });
});
