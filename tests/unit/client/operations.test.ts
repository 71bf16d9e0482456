// BluejayClient's Communities operations against the real emulator over loopback HTTP: what each
// sends (the emulator's request log is the witness) and the camelCase shape it returns.
import { customMetricApi } from "../../../provider/kinds/custom-metric/kind";
import { BluejayInputError, BluejayResponseError } from "../../../provider/client";
import { rejection } from "../../helpers/errors";
import { makeAgentChain, requestLog, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();
const log = () => requestLog(fx.emulator);
const seed = (title: string, extra: { description?: string; digital_human_ids?: number[] } = {}) =>
  fx.emulator.store.create({ title, ...extra });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("operations", () => {
  test("createCommunity sends exactly one POST /v1/create-community and returns the camelCase community", async () => {
    const before = Date.now();
    const community = await fx.client().createCommunity({
      title: "Night shift",
      description: "Callers after 10pm",
      digitalHumanIds: [3, 1, 3],
    });

    expect(community).toEqual({
      id: expect.stringMatching(UUID),
      title: "Night shift",
      description: "Callers after 10pm",
      createdAt: expect.stringMatching(ISO_DATE),
      digitalHumanIds: [3, 1],
    });
    expect(Object.keys(community).sort()).toEqual([
      "createdAt",
      "description",
      "digitalHumanIds",
      "id",
      "title",
    ]);
    expect(Date.parse(community.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(log()).toEqual([{ method: "POST", path: "/v1/create-community", query: "", status: 200 }]);
    expect(fx.emulator.communities()).toEqual([
      {
        id: community.id,
        title: "Night shift",
        description: "Callers after 10pm",
        created_at: community.createdAt,
        digital_human_ids: [3, 1],
      },
    ]);
  });

  test("createCommunity with only a title returns no description and an empty digitalHumanIds list", async () => {
    const community = await fx.client().createCommunity({ title: "Bare" });

    expect(community).toEqual({
      id: expect.stringMatching(UUID),
      title: "Bare",
      createdAt: expect.stringMatching(ISO_DATE),
      digitalHumanIds: [],
    });
    expect("description" in community).toBe(false);
    expect(fx.emulator.communities()[0]).toMatchObject({ description: null, digital_human_ids: [] });
  });

  test("getCommunity sends one GET /v1/community/{id} and maps the record to camelCase", async () => {
    const record = seed("Pilots", { description: "d", digital_human_ids: [5, 6] });

    const community = await fx.client().getCommunity(record.id);

    expect(community).toEqual({
      id: record.id,
      title: "Pilots",
      description: "d",
      createdAt: record.created_at,
      digitalHumanIds: [5, 6],
    });
    expect(log()).toEqual([{ method: "GET", path: `/v1/community/${record.id}`, query: "", status: 200 }]);
  });

  test("updateCommunity sends only the given fields with one PUT and leaves the others as they were", async () => {
    const record = seed("Old title", { description: "keep me", digital_human_ids: [1, 2] });

    const updated = await fx.client().updateCommunity(record.id, { title: "New title" });

    expect(updated).toEqual({
      id: record.id,
      title: "New title",
      description: "keep me",
      createdAt: record.created_at,
      digitalHumanIds: [1, 2],
    });
    expect(log()).toEqual([
      { method: "PUT", path: `/v1/update-community/${record.id}`, query: "", status: 200 },
    ]);
    expect(fx.emulator.store.get(record.id)).toMatchObject({ title: "New title", description: "keep me" });
  });

  test("updateCommunity digitalHumanIds replaces the whole list, and [] empties it", async () => {
    const record = seed("Team", { digital_human_ids: [1, 2, 3] });
    const client = fx.client();

    const replaced = await client.updateCommunity(record.id, { digitalHumanIds: [9, 8] });
    expect(replaced.digitalHumanIds).toEqual([9, 8]);
    expect(replaced.title).toBe("Team");

    const emptied = await client.updateCommunity(record.id, { digitalHumanIds: [] });
    expect(emptied.digitalHumanIds).toEqual([]);
    expect(fx.emulator.store.get(record.id)?.digital_human_ids).toEqual([]);
  });

  test('updateCommunity with description "" clears the description and keeps the title', async () => {
    const record = seed("Team", { description: "to be removed" });

    const updated = await fx.client().updateCommunity(record.id, { description: "" });

    expect(updated.title).toBe("Team");
    expect(updated.description ?? "").toBe("");
    expect(fx.emulator.store.get(record.id)?.description).toBe("");
  });

  test("updateCommunity with an empty patch changes nothing", async () => {
    const record = seed("Same", { description: "same", digital_human_ids: [4] });

    const updated = await fx.client().updateCommunity(record.id, {});

    expect(updated).toEqual({
      id: record.id,
      title: "Same",
      description: "same",
      createdAt: record.created_at,
      digitalHumanIds: [4],
    });
  });

  test("deleteCommunity sends one DELETE, returns the community as it was, and removes it", async () => {
    const record = seed("Doomed", { digital_human_ids: [7] });
    const other = seed("Survivor");

    const deleted = await fx.client().deleteCommunity(record.id);

    expect(deleted).toEqual({
      id: record.id,
      title: "Doomed",
      createdAt: record.created_at,
      digitalHumanIds: [7],
    });
    expect(log()).toEqual([{ method: "DELETE", path: `/v1/community/${record.id}`, query: "", status: 200 }]);
    expect(fx.emulator.communities().map((c) => c.id)).toEqual([other.id]);
  });

  test("listCommunities without a filter returns every community and totalCount", async () => {
    const a = seed("A", { digital_human_ids: [1] });
    const b = seed("B", { description: "bee", digital_human_ids: [2] });
    const c = seed("C");

    const list = await fx.client().listCommunities();

    expect(list.totalCount).toBe(3);
    expect(list.communities).toEqual(
      expect.arrayContaining([
        { id: a.id, title: "A", createdAt: a.created_at, digitalHumanIds: [1] },
        { id: b.id, title: "B", description: "bee", createdAt: b.created_at, digitalHumanIds: [2] },
        { id: c.id, title: "C", createdAt: c.created_at, digitalHumanIds: [] },
      ]),
    );
    expect(list.communities).toHaveLength(3);
    expect(log()).toEqual([{ method: "GET", path: "/v1/communities", query: "", status: 200 }]);
  });

  test("listCommunities with digitalHumanId sends ?digital_human_id= and returns only communities holding it", async () => {
    const a = seed("A", { digital_human_ids: [1, 7] });
    seed("B", { digital_human_ids: [2] });
    const c = seed("C", { digital_human_ids: [7] });

    const list = await fx.client().listCommunities({ digitalHumanId: 7 });

    expect(list.totalCount).toBe(2);
    expect(list.communities.map((x) => x.id).sort()).toEqual([a.id, c.id].sort());
    expect(log()).toEqual([
      { method: "GET", path: "/v1/communities", query: "?digital_human_id=7", status: 200 },
    ]);
  });

  test("listCommunities on an empty Bluejay returns no communities and totalCount 0", async () => {
    await expect(fx.client().listCommunities()).resolves.toEqual({ communities: [], totalCount: 0 });
  });

  test("addDigitalHumansToCommunity appends with one PUT and does not duplicate ids already present", async () => {
    const record = seed("Grow", { digital_human_ids: [1, 2] });

    const community = await fx.client().addDigitalHumansToCommunity(record.id, [2, 3, 3, 4]);

    expect(community).toEqual({
      id: record.id,
      title: "Grow",
      createdAt: record.created_at,
      digitalHumanIds: [1, 2, 3, 4],
    });
    expect(log()).toEqual([
      { method: "PUT", path: `/v1/add-to-community/${record.id}`, query: "", status: 200 },
    ]);
    expect(fx.emulator.store.get(record.id)?.digital_human_ids).toEqual([1, 2, 3, 4]);
  });

  test("a full create/get/update/add/list/delete lifecycle round-trips through the emulator", async () => {
    const client = fx.client();
    const created = await client.createCommunity({ title: "Life", digitalHumanIds: [1] });
    expect(await client.getCommunity(created.id)).toEqual(created);
    await client.updateCommunity(created.id, { description: "cycle" });
    const grown = await client.addDigitalHumansToCommunity(created.id, [2]);
    expect(grown).toMatchObject({ title: "Life", description: "cycle", digitalHumanIds: [1, 2] });
    expect((await client.listCommunities({ digitalHumanId: 2 })).communities).toEqual([grown]);
    await client.deleteCommunity(created.id);
    expect((await client.listCommunities()).totalCount).toBe(0);
    expect(log().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /v1/create-community 200",
      `GET /v1/community/${created.id} 200`,
      `PUT /v1/update-community/${created.id} 200`,
      `PUT /v1/add-to-community/${created.id} 200`,
      "GET /v1/communities 200",
      `DELETE /v1/community/${created.id} 200`,
      "GET /v1/communities 200",
    ]);
    expect(client.attempts).toBe(7);
  });

  test("many sequential requests on one keep-alive client all succeed", async () => {
    const client = fx.client();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await client.createCommunity({ title: `seq ${i}` })).id);
    for (const id of ids) expect((await client.getCommunity(id)).id).toBe(id);
    expect((await client.listCommunities()).totalCount).toBe(10);
    expect(fx.emulator.requests).toHaveLength(21);
    expect(fx.emulator.requests.every((r) => r.status === 200)).toBe(true);
  });
});

describe("operations of the other kinds", () => {
  test("a paginated list that does not end is an error naming why, never a list cut short", async () => {
    const client = fx.client();
    await client.customMetrics.create({ name: "M", description: "d", responseType: "pass_fail" });
    // Bluejay keeps saying there are more pages: read at most 3 of them here.
    fx.emulator.injectFault({
      method: "GET",
      path: "/v1/custom-metrics",
      times: Infinity,
      body: JSON.stringify({
        metrics: [
          {
            id: "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
            name: "M",
            description: "d",
            response_type: "pass_fail",
            created_at: "2026-12-01T10:00:00Z",
          },
        ],
        total_count: 999,
        page: 1,
        page_size: 50,
        items_in_page: 1,
        total_pages: 999,
      }),
    });
    const api = customMetricApi;
    const limited = { ...api, list: { ...api.list!, pages: { ...api.list!.pages!, limit: 3 } } };
    const error = await rejection(client.operationsFor(limited).list(), BluejayResponseError);
    expect(error.message).toBe(
      "Bluejay's response to GET /v1/custom-metrics (200) is not what its API promises: the list of custom metrics did not end after 3 pages of 50 (it kept answering more pages); rather than cut it short, nothing was returned. Narrow the list with a filter, or report it to Bluejay. Nothing was written to Pulumi state; check bluejay:apiUrl points at Bluejay.",
    );
    expect(fx.emulator.requests.filter((r) => r.path === "/v1/custom-metrics")).toHaveLength(3);
  });

  test("listing custom metrics reads every page: 120 metrics come back from pages 1, 2 and 3", async () => {
    const client = fx.client();
    for (let i = 0; i < 120; i++) {
      await client.customMetrics.create({ name: `M${i}`, description: "d", responseType: "pass_fail" });
    }
    fx.emulator.clearRequests();

    const metrics = await client.customMetrics.list();

    expect(metrics.map((m) => m.name).sort()).toEqual(Array.from({ length: 120 }, (_, i) => `M${i}`).sort());
    expect(log().map((r) => `${r.path}${r.query}`)).toEqual([
      "/v1/custom-metrics?page=1&page_size=50",
      "/v1/custom-metrics?page=2&page_size=50",
      "/v1/custom-metrics?page=3&page_size=50",
    ]);
  });

  test("an agent comes back in one camelCase shape: its id a number, its system prompt named as it was sent", async () => {
    const client = fx.client();
    const created = await client.agents.create({
      name: "Support bot",
      systemPrompt: "You are the support line of Acme.",
      knowledgeBase: "Refunds take 5 days.",
      goals: ["Resolve billing questions"],
      folder: "Support",
    });

    const read = await client.agents.get(created.agentId);

    expect(read).toMatchObject({
      agentId: created.agentId,
      systemPrompt: "You are the support line of Acme.",
      folderId: expect.any(String),
    });
    expect(typeof read.agentId).toBe("number");
    expect(read).not.toHaveProperty("agentDescription");
    expect(log().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/add-agent",
      `GET /v1/agents/${created.agentId}`,
      `GET /v1/agents/${created.agentId}`,
    ]);
  });

  test("a digital human is unwrapped from Bluejay's {digital_human, simulation_ids} answer", async () => {
    const client = fx.client();

    const { simulation, human } = await makeAgentChain(client);

    expect(human).toMatchObject({
      digitalHumanId: expect.any(Number),
      intent: "i",
      simulationIds: [simulation.simulationId],
    });
    expect(human).not.toHaveProperty("digitalHuman");
  });
});

describe("actions: operations beyond create, read, update, delete and list", () => {
  test("an action's input is checked before anything is sent: a label remove naming none (Bluejay's 'every label') never goes out", async () => {
    const client = fx.client();
    const { agent } = await makeAgentChain(client);
    fx.emulator.clearRequests();

    const error = await rejection(
      client.promptVersions.act("removeLabels", 1, { labels: [] }, agent.agentId),
      BluejayInputError,
    );

    expect(error.message).toContain("labels");
    expect(log()).toEqual([]);
  });

  test("an action of a kind under an agent needs the agent: without one, nothing is sent", async () => {
    await expect(
      fx.client().promptVersions.act("addLabels", 1, { labels: ["a"], overrideLabel: true }),
    ).rejects.toThrow("agentId is required: a prompt version lives under one");
    expect(log()).toEqual([]);
  });
});
