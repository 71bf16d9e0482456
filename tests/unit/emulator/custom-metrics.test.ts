// Custom metrics: create, get, update, delete (which answers the database row), the paginated list
// and the deprecated list by agent, with agent links that must exist.
import { useEmulator } from "../../helpers/emulator";
import { METRIC, UUID, caller, creators, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

interface Page {
  metrics: { id: string; name: string }[];
  total_count: number;
  page: number;
  page_size: number;
  items_in_page: number;
  total_pages: number;
}

async function metrics(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await make.metric({ name: `m${i}` }));
  return ids;
}

async function listPage(query: string): Promise<Page> {
  return okBody(await call("GET", `/v1/custom-metrics${query}`)) as unknown as Page;
}

describe("custom metrics", () => {
  test("create answers CustomMetricResponse: a UUID id, created_at, eval_route AUTO, allow_not_applicable false, agent_ids []", async () => {
    const before = Date.now();

    const reply = await call("POST", "/v1/create-custom-metric", { body: METRIC });

    const metric = okBody(reply);
    expect(metric).toEqual({
      ...METRIC,
      id: expect.stringMatching(UUID),
      agent_ids: [],
      min_value: null,
      max_value: null,
      category: null,
      tags: null,
      scoring_guidance: null,
      created_at: expect.any(String),
      eval_route: "AUTO",
      model: null,
      audio_model: null,
      temperature: null,
      enum_options: null,
      allow_not_applicable: false,
    });
    expect(Date.parse(metric.created_at as string)).toBeGreaterThanOrEqual(before);
  });

  test("create merges the deprecated agent_id into agent_ids", async () => {
    const a = await make.agent();
    const b = await make.agent();

    const metric = okBody(
      await call("POST", "/v1/create-custom-metric", { body: { ...METRIC, agent_ids: [a], agent_id: b } }),
    );

    expect(metric.agent_ids).toEqual([a, b]);
  });

  test("create naming an unknown agent answers 404 naming it and creates nothing", async () => {
    const reply = await call("POST", "/v1/create-custom-metric", { body: { ...METRIC, agent_ids: [7] } });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Agent 7 not found" } });
    expect(fx.emulator.records("customMetrics")).toEqual([]);
  });

  test("GET answers the metric as create did; the id may be given in upper case", async () => {
    const created = okBody(
      await call("POST", "/v1/create-custom-metric", { body: { ...METRIC, tags: ["tone"] } }),
    );

    expect(await call("GET", `/v1/custom-metric/${created.id as string}`)).toMatchObject({
      status: 200,
      body: created,
    });
    expect((await call("GET", `/v1/custom-metric/${(created.id as string).toUpperCase()}`)).body).toEqual(
      created,
    );
  });

  test("PUT changes the fields given, leaves null and absent ones (eval_route included), and agent_ids replaces the links", async () => {
    const a = await make.agent();
    const b = await make.agent();
    const id = await make.metric({ agent_ids: [a], eval_route: "TEXT", category: "tone" });
    const before = okBody(await call("GET", `/v1/custom-metric/${id}`));

    const reply = await call("PUT", `/v1/update-custom-metric/${id}`, {
      body: {
        name: "Renamed",
        category: null,
        agent_ids: [b],
        response_type: "quantitative",
        min_value: 0,
        max_value: 10,
      },
    });

    const expected = {
      ...before,
      name: "Renamed",
      agent_ids: [b],
      response_type: "quantitative",
      min_value: 0,
      max_value: 10,
    };
    expect(reply).toMatchObject({ status: 200, body: expected });
    expect(okBody(await call("GET", `/v1/custom-metric/${id}`))).toEqual(expected);
  });

  test("PUT naming an unknown agent answers 404 naming it and changes nothing", async () => {
    const id = await make.metric();

    const reply = await call("PUT", `/v1/update-custom-metric/${id}`, {
      body: { agent_ids: [3], name: "x" },
    });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Agent 3 not found" } });
    expect(fx.emulator.records("customMetrics")[0]?.name).toBe(METRIC.name);
  });

  test("DELETE answers the database row: one agent_id, tags [] instead of null, organization_id, no agent_ids; then it is gone", async () => {
    const a = await make.agent();
    const b = await make.agent();
    const id = await make.metric({ agent_ids: [a, b] });

    const reply = okBody(await call("DELETE", `/v1/custom-metric/${id}`));

    expect(reply).toMatchObject({ id, agent_id: a, tags: [], organization_id: expect.stringMatching(UUID) });
    expect("agent_ids" in reply).toBe(false);
    expect(await call("GET", `/v1/custom-metric/${id}`)).toMatchObject({
      status: 404,
      body: { detail: "Custom metric not found" },
    });
  });

  test.each([
    ["GET", "/v1/custom-metric/", undefined],
    ["PUT", "/v1/update-custom-metric/", { name: "x" }],
    ["DELETE", "/v1/custom-metric/", undefined],
  ])('%s %s<unknown UUID> gives 404 {"detail": "Custom metric not found"}', async (method, prefix, body) => {
    expect(await call(method, `${prefix}3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10`, { body })).toMatchObject({
      status: 404,
      body: { detail: "Custom metric not found" },
    });
  });

  test("the list is paginated: page (1-based) and page_size give that slice, with total_count, items_in_page and total_pages", async () => {
    const ids = await metrics(5);

    const first = await listPage("?page=1&page_size=2");
    const last = await listPage("?page=3&page_size=2");
    const beyond = await listPage("?page=4&page_size=2");

    expect(first).toMatchObject({ total_count: 5, page: 1, page_size: 2, items_in_page: 2, total_pages: 3 });
    expect(first.metrics.map((m) => m.id)).toEqual(ids.slice(0, 2));
    expect(last).toMatchObject({ page: 3, items_in_page: 1, total_pages: 3 });
    expect(last.metrics.map((m) => m.id)).toEqual(ids.slice(4));
    expect(beyond).toMatchObject({ metrics: [], page: 4, items_in_page: 0, total_count: 5 });
  });

  test("reading every page yields every metric exactly once", async () => {
    const ids = await metrics(7);

    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const reply = await listPage(`?page=${page}&page_size=3`);
      seen.push(...reply.metrics.map((m) => m.id));
      if (page >= reply.total_pages) break;
    }

    expect(seen).toEqual(ids);
  });

  test("page defaults to 1 and page_size to 50; a page_size over 100 is served (and answered) as 100", async () => {
    await metrics(101);

    const defaults = await listPage("");
    const capped = await listPage("?page_size=500");

    expect(defaults).toMatchObject({
      page: 1,
      page_size: 50,
      items_in_page: 50,
      total_count: 101,
      total_pages: 3,
    });
    expect(capped).toMatchObject({ page: 1, page_size: 100, items_in_page: 100, total_pages: 2 });
  });

  test("an empty list answers total_count 0, total_pages 0", async () => {
    expect(await listPage("")).toEqual({
      metrics: [],
      total_count: 0,
      page: 1,
      page_size: 50,
      items_in_page: 0,
      total_pages: 0,
    });
  });

  test("agent_id filters the list to that agent's metrics; an unknown agent gives an empty page", async () => {
    const a = await make.agent();
    const b = await make.agent();
    const ma = await make.metric({ agent_ids: [a] });
    await make.metric({ agent_ids: [b] });
    const mab = await make.metric({ agent_ids: [a, b] });

    expect((await listPage(`?agent_id=${a}`)).metrics.map((m) => m.id)).toEqual([ma, mab]);
    expect(await listPage("?agent_id=99")).toMatchObject({ metrics: [], total_count: 0 });
  });

  test("the deprecated custom-metrics-by-agent answers every metric of the agent on one page of the same shape", async () => {
    const a = await make.agent();
    const ma = await make.metric({ agent_ids: [a] });
    await make.metric();

    const reply = okBody(await call("GET", `/v1/custom-metrics-by-agent/${a}`)) as unknown as Page;

    expect(reply).toMatchObject({ total_count: 1, page: 1, items_in_page: 1, total_pages: 1 });
    expect(reply.metrics.map((m) => m.id)).toEqual([ma]);
    expect(await call("GET", "/v1/custom-metrics-by-agent/99")).toMatchObject({
      status: 404,
      body: { detail: "Agent not found" },
    });
  });
});
