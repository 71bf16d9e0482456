// BluejayClient against the real emulator over loopback HTTP: every operation, every error type,
// input validation, retries and create reconciliation. No fetch mocks: the emulator's request log is
// the witness of what went over the wire.
import * as net from "net";
import {
  BluejayAmbiguousCreateError,
  BluejayApiError,
  BluejayClient,
  BluejayConfigError,
  BluejayError,
  BluejayInputError,
  BluejayNetworkError,
  BluejayResponseError,
} from "../../provider/client";
import { TEST_API_KEY, useEmulator } from "../helpers/emulator";

const fx = useEmulator();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";

/** Every error a test in this file saw, so the last test can check none of them leaks the key. */
const thrown: unknown[] = [];

type ErrorClass<E> = abstract new (...args: never[]) => E;

async function rejection<E>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error("expected the call to fail, but it succeeded");
  thrown.push(error);
  expect(error).toBeInstanceOf(type);
  expect(error).toBeInstanceOf(BluejayError);
  return error as E;
}

function thrownBy<E>(fn: () => unknown, type: ErrorClass<E>): E {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error("expected the call to throw, but it returned");
  thrown.push(error);
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** The request log without timestamps. */
function log(): { method: string; path: string; query: string; status: number }[] {
  return fx.emulator.requests.map(({ method, path, query, status }) => ({ method, path, query, status }));
}

function seed(title: string, extra: { description?: string; digital_human_ids?: number[] } = {}) {
  return fx.emulator.store.create({ title, ...extra });
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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

describe("API errors", () => {
  test("a 422 becomes BluejayApiError with fieldErrors and the message `Bluejay rejected POST /v1/create-community (422): body.title: Field required`", async () => {
    fx.emulator.injectFault({
      method: "POST",
      status: 422,
      body: JSON.stringify({ detail: [{ loc: ["body", "title"], msg: "Field required", type: "missing" }] }),
    });

    const error = await rejection(fx.client().createCommunity({ title: "x" }), BluejayApiError);

    expect(error.status).toBe(422);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/create-community");
    expect(error.fieldErrors).toEqual([{ loc: ["body", "title"], msg: "Field required", type: "missing" }]);
    expect(error.message).toBe(
      "Bluejay rejected POST /v1/create-community (422): body.title: Field required",
    );
    expect(log()).toEqual([{ method: "POST", path: "/v1/create-community", query: "", status: 422 }]);
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a 422 with several field errors lists each as loc: msg, joined by '; '", async () => {
    const record = seed("x");
    fx.emulator.injectFault({
      method: "PUT",
      status: 422,
      body: JSON.stringify({
        detail: [
          { loc: ["body", "digital_human_ids", 0], msg: "Input should be a valid integer", type: "int_type" },
          { loc: ["body", "title"], msg: "Input should be a valid string", type: "string_type" },
        ],
      }),
    });

    const error = await rejection(fx.client().updateCommunity(record.id, { title: "t" }), BluejayApiError);

    expect(error.message).toBe(
      `Bluejay rejected PUT /v1/update-community/${record.id} (422): ` +
        "body.digital_human_ids.0: Input should be a valid integer; body.title: Input should be a valid string",
    );
  });

  test("a wrong API key gives BluejayApiError 401 whose message points at bluejay:apiKey and BLUEJAY_API_KEY without the key, after one request", async () => {
    const wrongKey = "bj-wrong-key-0000deadbeef";
    const error = await rejection(fx.client({ apiKey: wrongKey }).listCommunities(), BluejayApiError);

    expect(error.status).toBe(401);
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/v1/communities");
    expect(error.detail).toBe("Invalid or missing API key");
    expect(error.message).toContain("bluejay:apiKey");
    expect(error.message).toContain("BLUEJAY_API_KEY");
    expect(error.message).not.toContain(wrongKey);
    expect(String(error.stack)).not.toContain(wrongKey);
    expect(log()).toEqual([{ method: "GET", path: "/v1/communities", query: "", status: 401 }]);
  });

  test("getCommunity of an unknown UUID gives BluejayApiError 404 naming the id, without retrying", async () => {
    const error = await rejection(fx.client().getCommunity(UNKNOWN_ID), BluejayApiError);

    expect(error.status).toBe(404);
    expect(error.communityId).toBe(UNKNOWN_ID);
    expect(error.message).toContain(`Bluejay has no community with id ${UNKNOWN_ID}`);
    expect(error.message).toContain(`GET /v1/community/${UNKNOWN_ID} returned 404`);
    expect(log()).toEqual([{ method: "GET", path: `/v1/community/${UNKNOWN_ID}`, query: "", status: 404 }]);
  });

  test.each([
    ["updateCommunity", (c: BluejayClient) => c.updateCommunity(UNKNOWN_ID, { title: "t" })],
    ["addDigitalHumansToCommunity", (c: BluejayClient) => c.addDigitalHumansToCommunity(UNKNOWN_ID, [1])],
    ["deleteCommunity", (c: BluejayClient) => c.deleteCommunity(UNKNOWN_ID)],
  ])("%s of an unknown UUID gives a 404 BluejayApiError naming the id", async (_name, call) => {
    const error = await rejection(call(fx.client()), BluejayApiError);

    expect(error.status).toBe(404);
    expect(error.message).toContain(UNKNOWN_ID);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a 2xx body missing created_at gives BluejayResponseError naming created_at", async () => {
    const record = seed("x");
    fx.emulator.injectFault({ method: "GET", body: JSON.stringify({ id: record.id, title: "x" }) });

    const error = await rejection(fx.client().getCommunity(record.id), BluejayResponseError);

    expect(error.status).toBe(200);
    expect(error.problems).toEqual([expect.stringMatching(/^created_at: /)]);
    expect(error.message).toContain("created_at");
    expect(error.message).toContain(`GET /v1/community/${record.id} (200)`);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a 2xx body with a malformed created_at and a non-UUID id names both fields", async () => {
    fx.emulator.injectFault({
      method: "GET",
      body: JSON.stringify({
        communities: [{ id: "nope", title: "x", created_at: "yesterday" }],
        total_count: 1,
      }),
    });

    const error = await rejection(fx.client().listCommunities(), BluejayResponseError);

    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^communities\.0\.id: /),
        expect.stringMatching(/^communities\.0\.created_at: /),
      ]),
    );
  });

  test("an HTML 200 body gives BluejayResponseError saying the body is not JSON, without retrying", async () => {
    const record = seed("x");
    fx.emulator.injectFault({
      method: "GET",
      body: "<html><body><h1>Welcome to nginx!</h1></body></html>",
      contentType: "text/html",
    });

    const error = await rejection(fx.client().getCommunity(record.id), BluejayResponseError);

    expect(error.message).toContain("body is not JSON");
    expect(error.message).toContain("Welcome to nginx!");
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a body larger than maxResponseBytes gives BluejayResponseError naming the limit", async () => {
    fx.emulator.injectFault({
      method: "GET",
      body: JSON.stringify({ communities: [], total_count: 0, padding: "x".repeat(4096) }),
    });

    const error = await rejection(
      fx.client({ maxResponseBytes: 1024 }).listCommunities(),
      BluejayResponseError,
    );

    expect(error.message).toContain("larger than 1024 bytes");
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a response trickling slower than requestTimeoutMs gives BluejayNetworkError ETIMEDOUT after every retry", async () => {
    const record = seed("slow");
    fx.emulator.injectFault({ method: "GET", trickleMs: 100, times: Infinity });

    const started = Date.now();
    const error = await rejection(
      fx.client({ requestTimeoutMs: 150, maxRetries: 1 }).getCommunity(record.id),
      BluejayNetworkError,
    );

    expect(error.code).toBe("ETIMEDOUT");
    expect(error.message).toContain("150 ms");
    expect(error.message).toContain("bluejay:requestTimeoutMs");
    expect(fx.emulator.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("a closed port gives BluejayNetworkError ECONNREFUSED naming the origin, after maxRetries retries", async () => {
    const port = await closedPort();
    const origin = `http://127.0.0.1:${port}`;
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: origin,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    try {
      const error = await rejection(client.listCommunities(), BluejayNetworkError);

      expect(error.code).toBe("ECONNREFUSED");
      expect(error.origin).toBe(origin);
      expect(error.message).toContain(`GET /v1/communities at ${origin}`);
      expect(error.message).toContain("BLUEJAY_API_URL");
      expect(client.attempts).toBe(3);
    } finally {
      client.close();
    }
  });

  test("a POST to a closed port is retried (it provably never left) and fails with ECONNREFUSED, not an ambiguous create", async () => {
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    try {
      const error = await rejection(client.createCommunity({ title: "t" }), BluejayNetworkError);
      expect(error.code).toBe("ECONNREFUSED");
      expect(client.attempts).toBe(2);
    } finally {
      client.close();
    }
  });

  test("a 429 through every retry gives BluejayApiError with retryAfterSeconds and a rate-limit message", async () => {
    fx.emulator.injectFault({ method: "GET", status: 429, retryAfter: 7, times: Infinity });

    const error = await rejection(fx.client({ maxRetries: 0 }).listCommunities(), BluejayApiError);

    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toContain("Bluejay rate-limited GET /v1/communities (429");
  });

  test("a server that echoes the API key in its error body has it redacted from the message and fieldErrors", async () => {
    const record = seed("x");
    fx.emulator.injectFault({
      method: "GET",
      status: 400,
      body: JSON.stringify({ detail: `bad key ${TEST_API_KEY}` }),
    });
    fx.emulator.injectFault({
      method: "PUT",
      status: 422,
      body: JSON.stringify({
        detail: [{ loc: ["header", "x-api-key"], msg: `got ${TEST_API_KEY}`, type: "x" }],
      }),
    });
    fx.emulator.injectFault({
      method: "DELETE",
      body: `<p>key=${TEST_API_KEY}</p>`,
      contentType: "text/html",
    });
    const client = fx.client();

    const detail = await rejection(client.getCommunity(record.id), BluejayApiError);
    expect(detail.message).toContain("bad key [redacted]");
    expect(detail.detail).toBe("bad key [redacted]");

    const field = await rejection(client.updateCommunity(record.id, { title: "t" }), BluejayApiError);
    expect(field.message).toContain("header.x-api-key: got [redacted]");
    expect(JSON.stringify(field.fieldErrors)).not.toContain(TEST_API_KEY);

    const notJson = await rejection(client.deleteCommunity(record.id), BluejayResponseError);
    expect(notJson.message).toContain("key=[redacted]");
  });
});

describe("input validation", () => {
  test.each([
    ["../x", "getCommunity"],
    ["abc?x=1", "getCommunity"],
    ["", "getCommunity"],
    [`${UNKNOWN_ID}/../..`, "getCommunity"],
  ])("getCommunity(%j) throws BluejayInputError naming id and sends nothing", async (id) => {
    const error = await rejection(fx.client().getCommunity(id), BluejayInputError);

    expect(error.operation).toBe("getCommunity");
    expect(error.message).toMatch(/^Invalid arguments to getCommunity: id must be a UUID/);
    expect(error.message).toContain("Nothing was sent to Bluejay.");
    expect(fx.emulator.requests).toHaveLength(0);
  });

  test.each([
    ["updateCommunity", (c: BluejayClient) => c.updateCommunity("../x", { title: "t" })],
    ["deleteCommunity", (c: BluejayClient) => c.deleteCommunity("abc?x=1")],
    ["addDigitalHumansToCommunity", (c: BluejayClient) => c.addDigitalHumansToCommunity("", [1])],
    ["getCommunity", (c: BluejayClient) => c.getCommunity(42 as unknown as string)],
  ])(
    "%s with an invalid id throws BluejayInputError naming id and sends nothing",
    async (operation, call) => {
      const error = await rejection(call(fx.client()), BluejayInputError);

      expect(error.operation).toBe(operation);
      expect(error.problems).toEqual([expect.stringMatching(/^id must be a (string )?UUID/)]);
      expect(fx.emulator.requests).toHaveLength(0);
    },
  );

  const id = UNKNOWN_ID;
  test.each<[string, (c: BluejayClient) => Promise<unknown>, string]>([
    [
      "title is a number",
      (c) => c.createCommunity({ title: 5 as unknown as string }),
      "title must be a string",
    ],
    ["title is missing", (c) => c.createCommunity({} as unknown as { title: string }), "title is required"],
    [
      "description is a number",
      (c) => c.createCommunity({ title: "t", description: 1 as unknown as string }),
      "description must be a string",
    ],
    [
      "a digital human id is fractional",
      (c) => c.createCommunity({ title: "t", digitalHumanIds: [1, 2.5] }),
      "digitalHumanIds.1 must be a whole number",
    ],
    [
      "a digital human id is negative",
      (c) => c.createCommunity({ title: "t", digitalHumanIds: [-3] }),
      "digitalHumanIds.0 must be a positive integer",
    ],
    [
      "a digital human id is zero",
      (c) => c.updateCommunity(id, { digitalHumanIds: [0] }),
      "digitalHumanIds.0 must be a positive integer",
    ],
    [
      "a digital human id is a string",
      (c) => c.updateCommunity(id, { digitalHumanIds: ["7" as unknown as number] }),
      "digitalHumanIds.0 must be a number",
    ],
    [
      "update title is a number",
      (c) => c.updateCommunity(id, { title: 1 as unknown as string }),
      "title must be a string",
    ],
    [
      "an unknown field is given",
      (c) => c.createCommunity({ title: "t", titel: "typo" } as unknown as { title: string }),
      "titel",
    ],
    [
      "the list filter is fractional",
      (c) => c.listCommunities({ digitalHumanId: 1.5 }),
      "digitalHumanId must be a whole number",
    ],
    [
      "the list filter is negative",
      (c) => c.listCommunities({ digitalHumanId: -1 }),
      "digitalHumanId must be a positive integer",
    ],
    [
      "no digital humans are added",
      (c) => c.addDigitalHumansToCommunity(id, []),
      "digitalHumanIds must name at least one id",
    ],
    [
      "an added digital human id is fractional",
      (c) => c.addDigitalHumansToCommunity(id, [0.5]),
      "digitalHumanIds.0 must be a whole number",
    ],
  ])("BluejayInputError when %s, naming the field, with zero HTTP requests", async (_case, call, problem) => {
    const error = await rejection(call(fx.client()), BluejayInputError);

    expect(error.message).toContain(problem);
    expect(fx.emulator.requests).toHaveLength(0);
  });
});

describe("client configuration", () => {
  test("plain http to a non-loopback host is refused with BluejayConfigError on baseUrl", () => {
    const error = thrownBy(
      () => new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: "http://example.invalid" }),
      BluejayConfigError,
    );

    expect(error.setting).toBe("baseUrl");
    expect(error.message).toContain(
      "Refusing to send the Bluejay API key over plain http to example.invalid",
    );
    expect(error.message).toContain("bluejay:allowInsecureHttp");
  });

  test("plain http to a non-loopback host is allowed with allowInsecureHttp: true", () => {
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: "http://example.invalid",
      allowInsecureHttp: true,
    });
    client.close();
  });

  test.each([
    "http://localhost:1",
    "http://127.0.0.1:1",
    "http://127.8.9.10",
    "http://[::1]:8080",
    "https://example.invalid",
  ])("%s is accepted without allowInsecureHttp", (baseUrl) => {
    const client = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl });
    client.close();
  });

  test("loopback http (the emulator) works end to end", async () => {
    expect(fx.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fx.client().listCommunities()).resolves.toEqual({ communities: [], totalCount: 0 });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["an empty apiKey", { apiKey: "" }, "apiKey"],
    ["a relative baseUrl", { apiKey: TEST_API_KEY, baseUrl: "/v1" }, "baseUrl"],
    ["an ftp baseUrl", { apiKey: TEST_API_KEY, baseUrl: "ftp://example.com" }, "baseUrl"],
    ["a negative maxRetries", { apiKey: TEST_API_KEY, maxRetries: -1 }, "maxRetries"],
    ["an unknown option", { apiKey: TEST_API_KEY, retries: 3 }, "options"],
  ])("%s is rejected with BluejayConfigError naming the setting", (_case, options, setting) => {
    const error = thrownBy(
      () => new BluejayClient(options as unknown as ConstructorParameters<typeof BluejayClient>[0]),
      BluejayConfigError,
    );
    expect(error.setting).toBe(setting);
  });
});

describe("retries", () => {
  test.each([503, 502, 504])("a GET answered %i is retried and then succeeds", async (status) => {
    const record = seed("r");
    fx.emulator.injectFault({ method: "GET", status, times: 2 });

    const community = await fx.client().getCommunity(record.id);

    expect(community.id).toBe(record.id);
    expect(log().map((r) => r.status)).toEqual([status, status, 200]);
    expect(log().every((r) => r.method === "GET" && r.path === `/v1/community/${record.id}`)).toBe(true);
  });

  test("a GET answered 429 with Retry-After is retried (Retry-After capped by maxRetryDelayMs) and then succeeds", async () => {
    fx.emulator.injectFault({ method: "GET", status: 429, retryAfter: 30 });

    const started = Date.now();
    const list = await fx.client({ maxRetryDelayMs: 20 }).listCommunities();

    expect(list.totalCount).toBe(0);
    expect(log().map((r) => r.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("a GET whose connection is dropped without an answer is retried and then succeeds", async () => {
    const record = seed("r");
    fx.emulator.injectFault({ method: "GET", drop: true });

    const community = await fx.client().getCommunity(record.id);

    expect(community.title).toBe("r");
    expect(log().map((r) => r.status)).toEqual([0, 200]);
  });

  test("PUT and DELETE are retried on 503 and on a dropped connection", async () => {
    const record = seed("r");
    fx.emulator.injectFault({ method: "PUT", status: 503 });
    fx.emulator.injectFault({ method: "DELETE", drop: true });
    const client = fx.client();

    expect((await client.updateCommunity(record.id, { title: "s" })).title).toBe("s");
    expect((await client.deleteCommunity(record.id)).title).toBe("s");
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual([
      "PUT 503",
      "PUT 200",
      "DELETE 0",
      "DELETE 200",
    ]);
  });

  test("a DELETE whose answer was lost after it committed is retried and then reports 404 for the now-gone id", async () => {
    const record = seed("gone");
    fx.emulator.injectFault({ method: "DELETE", commit: true, drop: true });

    const error = await rejection(fx.client().deleteCommunity(record.id), BluejayApiError);

    expect(error.status).toBe(404);
    expect(error.communityId).toBe(record.id);
    expect(fx.emulator.communities()).toEqual([]);
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual(["DELETE 0", "DELETE 404"]);
  });

  test("a PUT whose answer was lost after it committed is retried and returns the updated community", async () => {
    const record = seed("before", { digital_human_ids: [1] });
    fx.emulator.injectFault({ method: "PUT", path: /^\/v1\/add-to-community\//, commit: true, status: 502 });

    const community = await fx.client().addDigitalHumansToCommunity(record.id, [2]);

    expect(community.digitalHumanIds).toEqual([1, 2]);
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 502", "PUT 200"]);
  });

  test("maxRetries: 2 against a fault that never ends makes exactly 3 requests, then throws the last error", async () => {
    fx.emulator.injectFault({ method: "GET", status: 503, times: Infinity });

    const client = fx.client({ maxRetries: 2 });
    const error = await rejection(client.listCommunities(), BluejayApiError);

    expect(error.status).toBe(503);
    expect(error.message).toContain("Bluejay failed to handle GET /v1/communities (503");
    expect(error.message).toContain("through every retry");
    expect(fx.emulator.requests).toHaveLength(3);
    expect(client.attempts).toBe(3);
  });

  test("maxRetries: 0 makes exactly one request", async () => {
    fx.emulator.injectFault({ method: "GET", status: 502, times: Infinity });

    await rejection(fx.client({ maxRetries: 0 }).listCommunities(), BluejayApiError);

    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a GET answered 500 is not retried (only 429/502/503/504 are transient)", async () => {
    fx.emulator.injectFault({ method: "GET", status: 500, times: Infinity });

    const error = await rejection(fx.client().listCommunities(), BluejayApiError);

    expect(error.status).toBe(500);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test.each([
    [429, { retryAfter: 0 }],
    [503, {}],
  ])(
    "a POST answered %i (not processed) is sent again and creates exactly one community",
    async (status, extra) => {
      fx.emulator.injectFault({ method: "POST", status, ...extra });

      const community = await fx.client().createCommunity({ title: "Once" });

      expect(fx.emulator.communities().map((c) => c.id)).toEqual([community.id]);
      expect(log()).toEqual([
        { method: "POST", path: "/v1/create-community", query: "", status },
        { method: "POST", path: "/v1/create-community", query: "", status: 200 },
      ]);
    },
  );

  test("a POST that committed but was answered 500 is reconciled via GET /v1/communities: one community, no second POST", async () => {
    const community = await (async () => {
      fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });
      return fx.client().createCommunity({ title: "Lost answer", description: "d", digitalHumanIds: [2, 1] });
    })();

    expect(fx.emulator.communities()).toHaveLength(1);
    const [stored] = fx.emulator.communities();
    expect(community).toEqual({
      id: stored!.id,
      title: "Lost answer",
      description: "d",
      createdAt: stored!.created_at,
      digitalHumanIds: [2, 1],
    });
    expect(log()).toEqual([
      { method: "POST", path: "/v1/create-community", query: "", status: 500 },
      { method: "GET", path: "/v1/communities", query: "", status: 200 },
    ]);
  });

  test("a POST that committed but whose connection dropped is reconciled to the single created community", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, drop: true });

    const community = await fx.client().createCommunity({ title: "Dropped after write" });

    expect(fx.emulator.communities().map((c) => c.id)).toEqual([community.id]);
    expect(community.title).toBe("Dropped after write");
    expect(log()).toEqual([
      { method: "POST", path: "/v1/create-community", query: "", status: 0 },
      { method: "GET", path: "/v1/communities", query: "", status: 200 },
    ]);
  });

  test("a POST that committed but answered a body missing created_at is reconciled instead of failing", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, body: JSON.stringify({ ok: true }) });

    const community = await fx.client().createCommunity({ title: "Odd body" });

    expect(fx.emulator.communities().map((c) => c.id)).toEqual([community.id]);
    expect(log().map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1/create-community",
      "GET /v1/communities",
    ]);
  });

  test("reconciliation ignores communities that differ from what was sent", async () => {
    seed("Lost answer", { description: "other" });
    seed("Lost answer", { digital_human_ids: [1] });
    seed("Another title");
    fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });

    const community = await fx.client().createCommunity({ title: "Lost answer" });

    expect(fx.emulator.communities()).toHaveLength(4);
    expect(community).toMatchObject({ title: "Lost answer", digitalHumanIds: [] });
    expect(community.description).toBeUndefined();
  });

  test("reconciliation ignores an identical community created long before the attempt", async () => {
    fx.emulator.store.create({ title: "Old twin" }, new Date(Date.now() - 10 * 60_000));
    fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });

    const community = await fx.client().createCommunity({ title: "Old twin" });

    expect(fx.emulator.communities()).toHaveLength(2);
    expect(Date.parse(community.createdAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  test("a POST dropped before it was processed is reconciled (none found) and sent again: exactly one community", async () => {
    fx.emulator.injectFault({ method: "POST", drop: true });

    const community = await fx.client().createCommunity({ title: "Second time lucky" });

    expect(fx.emulator.communities().map((c) => c.id)).toEqual([community.id]);
    expect(log()).toEqual([
      { method: "POST", path: "/v1/create-community", query: "", status: 0 },
      { method: "GET", path: "/v1/communities", query: "", status: 200 },
      { method: "POST", path: "/v1/create-community", query: "", status: 200 },
    ]);
  });

  test("two identical communities after an unanswered POST give BluejayAmbiguousCreateError listing both candidates", async () => {
    const twin = seed("Twin");
    fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });

    const error = await rejection(
      fx.client().createCommunity({ title: "Twin" }),
      BluejayAmbiguousCreateError,
    );

    const ids = fx.emulator.communities().map((c) => c.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(twin.id);
    expect([...error.candidateIds].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(error.message).toContain(id);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/create-community");
    expect(error.message).toContain("Possible duplicates");
    expect(error.cause).toBeInstanceOf(BluejayApiError);
    expect(log().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /v1/create-community 500",
      "GET /v1/communities 200",
    ]);
  });

  test("a POST that is never answered and never creates anything gives up after 3 POSTs with BluejayAmbiguousCreateError", async () => {
    fx.emulator.injectFault({ method: "POST", drop: true, times: Infinity });

    const error = await rejection(
      fx.client().createCommunity({ title: "Void" }),
      BluejayAmbiguousCreateError,
    );

    expect(error.candidateIds).toEqual([]);
    expect(error.message).toContain("check Bluejay for a community with this title");
    expect(error.cause).toBeInstanceOf(BluejayNetworkError);
    expect(fx.emulator.communities()).toEqual([]);
    expect(log().map((r) => r.method)).toEqual(["POST", "GET", "POST", "GET", "POST", "GET"]);
  });

  test("a POST answered 400 is neither retried nor reconciled", async () => {
    fx.emulator.injectFault({ method: "POST", status: 400 });

    const error = await rejection(fx.client().createCommunity({ title: "t" }), BluejayApiError);

    expect(error.status).toBe(400);
    expect(error.message).toBe("Bluejay rejected POST /v1/create-community (400: Bad Request)");
    expect(log()).toEqual([{ method: "POST", path: "/v1/create-community", query: "", status: 400 }]);
  });
});

describe("chaos", () => {
  test("under seeded random transient faults, sequential creates and reads all succeed and leave no duplicates", async () => {
    fx.emulator.faults.setChaos({ rate: 0.3, seed: 42 });
    const client = fx.client({ maxRetries: 8 });

    const created = [];
    for (let i = 0; i < 15; i++)
      created.push(await client.createCommunity({ title: `chaos ${i}`, digitalHumanIds: [i + 1] }));
    for (const community of created) expect(await client.getCommunity(community.id)).toEqual(community);

    const stored = fx.emulator.communities();
    expect(stored.map((c) => c.title).sort()).toEqual(created.map((c) => c.title).sort());
    expect(new Set(created.map((c) => c.id)).size).toBe(15);
    expect(fx.emulator.requests.some((r) => r.fault !== undefined)).toBe(true);
  });
});

describe("secrets", () => {
  test("no error thrown in this file carries the API key in its message, stack or causes", () => {
    expect(thrown.length).toBeGreaterThan(40);
    for (const error of thrown) {
      let current: unknown = error;
      for (let depth = 0; current instanceof Error && depth < 5; depth++) {
        expect(String(current.message + current.stack)).not.toContain(TEST_API_KEY);
        expect(JSON.stringify(current)).not.toContain(TEST_API_KEY);
        current = current.cause;
      }
    }
  });
});
