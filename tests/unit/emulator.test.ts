// The Bluejay emulator on its own, spoken to with Node's global fetch: FastAPI-shaped validation and
// auth errors, response shapes, persistence, the request log, fault injection, chaos mode and the CLI.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BluejayEmulator } from "../../emulator";
import { TEST_API_KEY, useEmulator } from "../helpers/emulator";

const fx = useEmulator();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";
const CLI = path.resolve(__dirname, "../../dist/emulator/cli.js");

interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

interface CallOptions {
  /** A JSON value to send, or a string to send as is. */
  body?: unknown;
  /** The X-API-Key header; `null` sends none. */
  key?: string | null;
  base?: string;
}

async function call(method: string, urlPath: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? TEST_API_KEY : options.key;
  if (key !== null) headers["X-API-Key"] = key;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${options.base ?? fx.emulator.url}${urlPath}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Leave non-JSON bodies as text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

async function create(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = await call("POST", "/v1/create-community", { body });
  expect(reply.status).toBe(200);
  return reply.body as Record<string, unknown>;
}

/** The request log without timestamps or fault notes. */
function log(
  emulator: BluejayEmulator = fx.emulator,
): { method: string; path: string; query: string; status: number }[] {
  return emulator.requests.map(({ method, path: p, query, status }) => ({ method, path: p, query, status }));
}

/** The `detail` list of a 422 body. */
function fieldErrors(
  reply: Reply,
): { type: string; loc: (string | number)[]; msg: string; input?: unknown }[] {
  expect(reply.status).toBe(422);
  const detail = (reply.body as { detail: unknown }).detail;
  expect(Array.isArray(detail)).toBe(true);
  return detail as { type: string; loc: (string | number)[]; msg: string }[];
}

describe("validation errors (FastAPI-style 422)", () => {
  test('a create without a title gives 422 {"detail":[{type:"missing",loc:["body","title"],msg:"Field required"}]}', async () => {
    const reply = await call("POST", "/v1/create-community", { body: { description: "no title" } });

    expect(reply.status).toBe(422);
    expect(reply.headers.get("content-type")).toContain("application/json");
    expect(reply.body).toEqual({
      detail: [
        {
          type: "missing",
          loc: ["body", "title"],
          msg: "Field required",
          input: { description: "no title" },
        },
      ],
    });
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a create with an empty body gives 422 missing at loc ['body']", async () => {
    const reply = await call("POST", "/v1/create-community", { body: "" });

    expect(fieldErrors(reply)).toEqual([
      { type: "missing", loc: ["body"], msg: "Field required", input: null },
    ]);
  });

  test("wrong types give one error per field: string_type, list_type, int_parsing, int_type", async () => {
    const reply = await call("POST", "/v1/create-community", {
      body: { title: 5, description: ["x"], digital_human_ids: [1, "abc", { n: 1 }] },
    });

    expect(fieldErrors(reply)).toEqual([
      { type: "string_type", loc: ["body", "title"], msg: "Input should be a valid string", input: 5 },
      {
        type: "string_type",
        loc: ["body", "description"],
        msg: "Input should be a valid string",
        input: ["x"],
      },
      {
        type: "int_parsing",
        loc: ["body", "digital_human_ids", 1],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: "abc",
      },
      {
        type: "int_type",
        loc: ["body", "digital_human_ids", 2],
        msg: "Input should be a valid integer",
        input: { n: 1 },
      },
    ]);
  });

  test("digital_human_ids that is not a list gives list_type; a null title on create gives string_type", async () => {
    const reply = await call("POST", "/v1/create-community", {
      body: { title: null, digital_human_ids: "1,2" },
    });

    expect(fieldErrors(reply)).toEqual([
      { type: "string_type", loc: ["body", "title"], msg: "Input should be a valid string", input: null },
      {
        type: "list_type",
        loc: ["body", "digital_human_ids"],
        msg: "Input should be a valid list",
        input: "1,2",
      },
    ]);
  });

  test("a fractional digital human id gives int_from_float at its index", async () => {
    const reply = await call("POST", "/v1/create-community", {
      body: { title: "t", digital_human_ids: [1, 2.5] },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "int_from_float",
        loc: ["body", "digital_human_ids", 1],
        msg: "Input should be a valid integer, got a number with a fractional part",
        input: 2.5,
      },
    ]);
  });

  test("fractional ids are rejected on update and add-to-community too", async () => {
    const { id } = await create({ title: "t" });

    const update = await call("PUT", `/v1/update-community/${id}`, { body: { digital_human_ids: [0.5] } });
    const add = await call("PUT", `/v1/add-to-community/${id}`, { body: { digital_human_ids: [3, 4.25] } });

    expect(fieldErrors(update)[0]).toMatchObject({
      type: "int_from_float",
      loc: ["body", "digital_human_ids", 0],
    });
    expect(fieldErrors(add)[0]).toMatchObject({
      type: "int_from_float",
      loc: ["body", "digital_human_ids", 1],
    });
    expect(fx.emulator.store.get(id as string)?.digital_human_ids).toEqual([]);
  });

  test("integer strings are coerced like pydantic's lax mode: ['7'] is stored as [7]", async () => {
    const community = await create({ title: "t", digital_human_ids: ["7", 8] });

    expect(community.digital_human_ids).toEqual([7, 8]);
  });

  test("invalid JSON gives 422 json_invalid with msg 'JSON decode error' and a ctx.error", async () => {
    const reply = await call("POST", "/v1/create-community", { body: '{"title": "t",' });

    const [error, ...rest] = fieldErrors(reply);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({
      type: "json_invalid",
      msg: "JSON decode error",
      ctx: { error: expect.any(String) },
    });
    expect(error!.loc[0]).toBe("body");
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a JSON body that is not an object gives model_attributes_type at loc ['body']", async () => {
    const reply = await call("POST", "/v1/create-community", { body: [{ title: "t" }] });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "model_attributes_type",
        loc: ["body"],
        msg: "Input should be a valid dictionary or object to extract fields from",
        input: [{ title: "t" }],
      },
    ]);
  });

  test.each([
    ["GET", "/v1/community/not-a-uuid"],
    ["DELETE", "/v1/community/not-a-uuid"],
    ["PUT", "/v1/update-community/not-a-uuid"],
    ["PUT", "/v1/add-to-community/not-a-uuid"],
  ])("%s %s gives 422 uuid_parsing at loc ['path','community_id']", async (method, urlPath) => {
    const body = method === "PUT" ? { digital_human_ids: [1] } : undefined;
    const reply = await call(method, urlPath, { body });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "uuid_parsing",
        loc: ["path", "community_id"],
        msg: "Input should be a valid UUID, invalid character or length",
        input: "not-a-uuid",
      },
    ]);
  });

  test("a path id with malformed percent-encoding gives 422 uuid_parsing and the emulator keeps serving", async () => {
    const reply = await call("GET", "/v1/community/%E0%A4%A");

    expect(fieldErrors(reply)).toEqual([
      expect.objectContaining({ type: "uuid_parsing", loc: ["path", "community_id"] }),
    ]);
    expect((await call("GET", "/v1/communities")).status).toBe(200);
  });

  test("a path id in upper case or without hyphens is a valid UUID and finds the canonical community", async () => {
    const { id } = await create({ title: "canon" });
    const upper = (id as string).toUpperCase();

    expect((await call("GET", `/v1/community/${upper}`)).body).toMatchObject({ id, title: "canon" });
    expect((await call("GET", `/v1/community/${(id as string).replace(/-/g, "")}`)).body).toMatchObject({
      id,
    });
  });

  test.each(["abc", "1.5"])(
    "a digital_human_id query of %j gives 422 int_parsing at loc ['query','digital_human_id']",
    async (value) => {
      const reply = await call("GET", `/v1/communities?digital_human_id=${value}`);

      expect(fieldErrors(reply)).toEqual([
        {
          type: "int_parsing",
          loc: ["query", "digital_human_id"],
          msg: "Input should be a valid integer, unable to parse string as an integer",
          input: value,
        },
      ]);
    },
  );

  test("add-to-community without digital_human_ids gives missing; with null gives list_type", async () => {
    const { id } = await create({ title: "t" });

    const missing = await call("PUT", `/v1/add-to-community/${id}`, { body: {} });
    const nulled = await call("PUT", `/v1/add-to-community/${id}`, { body: { digital_human_ids: null } });

    expect(fieldErrors(missing)).toEqual([
      { type: "missing", loc: ["body", "digital_human_ids"], msg: "Field required", input: {} },
    ]);
    expect(fieldErrors(nulled)).toEqual([
      {
        type: "list_type",
        loc: ["body", "digital_human_ids"],
        msg: "Input should be a valid list",
        input: null,
      },
    ]);
  });
});

describe("auth and not-found errors", () => {
  test.each([
    ["missing", null],
    ["unknown", "bj-not-a-real-key"],
  ])("a %s X-API-Key gives 401 {detail} and writes nothing", async (_case, key) => {
    const reply = await call("POST", "/v1/create-community", { key, body: { title: "t" } });

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ detail: "Invalid or missing API key" });
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a bad key is reported as 401 before the body is validated", async () => {
    const reply = await call("POST", "/v1/create-community", { key: "nope", body: "{not json" });

    expect(reply.status).toBe(401);
  });

  test("every operation requires the key", async () => {
    const replies = await Promise.all([
      call("GET", "/v1/communities", { key: null }),
      call("GET", `/v1/community/${UNKNOWN_ID}`, { key: null }),
      call("DELETE", `/v1/community/${UNKNOWN_ID}`, { key: null }),
      call("PUT", `/v1/update-community/${UNKNOWN_ID}`, { key: null, body: {} }),
      call("PUT", `/v1/add-to-community/${UNKNOWN_ID}`, { key: null, body: { digital_human_ids: [1] } }),
    ]);

    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
  });

  test.each([
    ["GET", `/v1/community/${UNKNOWN_ID}`, undefined],
    ["DELETE", `/v1/community/${UNKNOWN_ID}`, undefined],
    ["PUT", `/v1/update-community/${UNKNOWN_ID}`, { title: "t" }],
    ["PUT", `/v1/add-to-community/${UNKNOWN_ID}`, { digital_human_ids: [1] }],
  ])('%s %s for an unknown id gives 404 {"detail": "Community not found"}', async (method, urlPath, body) => {
    const reply = await call(method, urlPath, { body });

    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ detail: "Community not found" });
  });

  test("an unknown route gives 404 Not Found and a wrong method gives 405", async () => {
    expect(await call("GET", "/v1/nope")).toMatchObject({ status: 404, body: { detail: "Not Found" } });
    expect(await call("POST", "/v1/communities", { body: {} })).toMatchObject({
      status: 405,
      body: { detail: "Method Not Allowed" },
    });
  });
});

describe("response shapes and semantics", () => {
  test("create returns {id: UUID, title, description: null, created_at: ISO, digital_human_ids: []} when only a title is given", async () => {
    const before = Date.now();
    const community = await create({ title: "Shape" });

    expect(Object.keys(community).sort()).toEqual([
      "created_at",
      "description",
      "digital_human_ids",
      "id",
      "title",
    ]);
    expect(community).toEqual({
      id: expect.stringMatching(UUID),
      title: "Shape",
      description: null,
      created_at: expect.any(String),
      digital_human_ids: [],
    });
    const createdAt = community.created_at as string;
    expect(new Date(createdAt).toISOString()).toBe(createdAt);
    expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(createdAt)).toBeLessThanOrEqual(Date.now());
  });

  test("create keeps description and de-duplicates digital_human_ids in order; unknown fields are ignored", async () => {
    const community = await create({
      title: "Full",
      description: "d",
      digital_human_ids: [3, 1, 3],
      extra: true,
    });

    expect(community).toMatchObject({ title: "Full", description: "d", digital_human_ids: [3, 1] });
    expect("extra" in community).toBe(false);
  });

  test("each create gets a fresh id", async () => {
    const a = await create({ title: "same" });
    const b = await create({ title: "same" });

    expect(a.id).not.toBe(b.id);
    expect(fx.emulator.communities()).toHaveLength(2);
  });

  test("get returns the community as create returned it", async () => {
    const community = await create({ title: "g", digital_human_ids: [1] });

    expect(await call("GET", `/v1/community/${community.id}`)).toMatchObject({
      status: 200,
      body: community,
    });
  });

  test("list returns {communities, total_count} and filters by digital_human_id", async () => {
    const a = await create({ title: "a", digital_human_ids: [1, 2] });
    const b = await create({ title: "b", digital_human_ids: [2] });
    const c = await create({ title: "c" });

    expect((await call("GET", "/v1/communities")).body).toEqual({ communities: [a, b, c], total_count: 3 });
    expect((await call("GET", "/v1/communities?digital_human_id=2")).body).toEqual({
      communities: [a, b],
      total_count: 2,
    });
    expect((await call("GET", "/v1/communities?digital_human_id=99")).body).toEqual({
      communities: [],
      total_count: 0,
    });
    expect((await call("GET", "/v1/communities?digital_human_id=")).body).toMatchObject({ total_count: 3 });
  });

  test("PUT with null title, description and digital_human_ids leaves every value as it is", async () => {
    const community = await create({ title: "keep", description: "keep too", digital_human_ids: [5] });

    const reply = await call("PUT", `/v1/update-community/${community.id}`, {
      body: { title: null, description: null, digital_human_ids: null },
    });

    expect(reply).toMatchObject({ status: 200, body: community });
    expect((await call("GET", `/v1/community/${community.id}`)).body).toEqual(community);
  });

  test("PUT with an empty object changes nothing", async () => {
    const community = await create({ title: "keep", description: "d" });

    expect((await call("PUT", `/v1/update-community/${community.id}`, { body: {} })).body).toEqual(community);
  });

  test("PUT changes only the fields given; digital_human_ids replaces the list; description '' clears it", async () => {
    const community = await create({ title: "old", description: "old d", digital_human_ids: [1, 2] });
    const at = `/v1/update-community/${community.id}`;

    expect((await call("PUT", at, { body: { title: "new" } })).body).toEqual({ ...community, title: "new" });
    expect((await call("PUT", at, { body: { digital_human_ids: [9] } })).body).toMatchObject({
      title: "new",
      description: "old d",
      digital_human_ids: [9],
    });
    expect((await call("PUT", at, { body: { description: "" } })).body).toMatchObject({ description: "" });
    expect((await call("PUT", at, { body: { digital_human_ids: [] } })).body).toMatchObject({
      digital_human_ids: [],
    });
    expect((await call("GET", `/v1/community/${community.id}`)).body).toEqual({
      ...community,
      title: "new",
      description: "",
      digital_human_ids: [],
    });
  });

  test("add-to-community appends new ids and skips ones already present", async () => {
    const community = await create({ title: "add", digital_human_ids: [1, 2] });

    const reply = await call("PUT", `/v1/add-to-community/${community.id}`, {
      body: { digital_human_ids: [2, 3, 3, 1, 4] },
    });

    expect(reply.body).toEqual({ ...community, digital_human_ids: [1, 2, 3, 4] });
  });

  test("DELETE returns the community as it was, and it is gone afterwards", async () => {
    const community = await create({ title: "bye", digital_human_ids: [1] });

    expect((await call("DELETE", `/v1/community/${community.id}`)).body).toEqual(community);
    expect((await call("GET", `/v1/community/${community.id}`)).status).toBe(404);
    expect((await call("DELETE", `/v1/community/${community.id}`)).status).toBe(404);
  });
});

describe("persistence", () => {
  test("a community written with dataFile survives a restart of the emulator on the same file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-emulator-"));
    const dataFile = path.join(dir, "nested", "communities.json");
    try {
      const first = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      let community: unknown;
      let deletedId: unknown;
      try {
        community = (
          await call("POST", "/v1/create-community", {
            base: first.url,
            body: { title: "kept", digital_human_ids: [4] },
          })
        ).body;
        const doomed = await call("POST", "/v1/create-community", {
          base: first.url,
          body: { title: "deleted" },
        });
        deletedId = (doomed.body as { id: string }).id;
        await call("DELETE", `/v1/community/${deletedId}`, { base: first.url });
      } finally {
        await first.close();
      }
      expect(JSON.parse(fs.readFileSync(dataFile, "utf8"))).toEqual({ communities: [community] });

      const second = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      try {
        const id = (community as { id: string }).id;
        expect((await call("GET", `/v1/community/${id}`, { base: second.url })).body).toEqual(community);
        expect((await call("GET", "/v1/communities", { base: second.url })).body).toEqual({
          communities: [community],
          total_count: 1,
        });
        expect((await call("GET", `/v1/community/${deletedId}`, { base: second.url })).status).toBe(404);
      } finally {
        await second.close();
      }
      expect(fs.readdirSync(path.dirname(dataFile))).toEqual(["communities.json"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an emulator without dataFile starts empty every time", async () => {
    await create({ title: "ephemeral" });
    const other = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY] });
    try {
      expect((await call("GET", "/v1/communities", { base: other.url })).body).toEqual({
        communities: [],
        total_count: 0,
      });
    } finally {
      await other.close();
    }
  });

  test("an emulator refuses to start without a non-empty API key", async () => {
    await expect(BluejayEmulator.start({ apiKeys: [] })).rejects.toThrow("at least one non-empty API key");
    await expect(BluejayEmulator.start({ apiKeys: [""] })).rejects.toThrow("at least one non-empty API key");
  });
});

describe("request log", () => {
  test("every request is logged with method, path (no query), query and the status sent", async () => {
    const { id } = await create({ title: "logged" });
    await call("GET", "/v1/communities?digital_human_id=3");
    await call("GET", `/v1/community/${UNKNOWN_ID}`);
    await call("PUT", `/v1/update-community/${id}`, { body: { title: 1 } });
    await call("DELETE", `/v1/community/${id}`, { key: null });

    expect(log()).toEqual([
      { method: "POST", path: "/v1/create-community", query: "", status: 200 },
      { method: "GET", path: "/v1/communities", query: "?digital_human_id=3", status: 200 },
      { method: "GET", path: `/v1/community/${UNKNOWN_ID}`, query: "", status: 404 },
      { method: "PUT", path: `/v1/update-community/${id}`, query: "", status: 422 },
      { method: "DELETE", path: `/v1/community/${id}`, query: "", status: 401 },
    ]);
    expect(fx.emulator.writes.map((r) => r.method)).toEqual(["POST", "PUT", "DELETE"]);
    expect(fx.emulator.requests.every((r) => typeof r.at === "number" && r.fault === undefined)).toBe(true);
  });

  test("clearRequests empties the log and reset forgets communities, faults and requests", async () => {
    await create({ title: "x" });
    fx.emulator.clearRequests();
    expect(fx.emulator.requests).toEqual([]);

    fx.emulator.injectFault({ status: 500 });
    fx.emulator.reset();
    expect(fx.emulator.communities()).toEqual([]);
    expect((await call("GET", "/v1/communities")).status).toBe(200);
  });
});

describe("fault injection", () => {
  test("a status fault answers that status with a Retry-After header and a FastAPI detail body, once", async () => {
    fx.emulator.injectFault({ method: "GET", path: "/v1/communities", status: 429, retryAfter: 3 });

    const faulted = await call("GET", "/v1/communities");
    const next = await call("GET", "/v1/communities");

    expect(faulted.status).toBe(429);
    expect(faulted.headers.get("retry-after")).toBe("3");
    expect(faulted.body).toEqual({ detail: "Too Many Requests" });
    expect(next.status).toBe(200);
    expect(next.headers.get("retry-after")).toBeNull();
    expect(fx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, "status 429"],
      [200, undefined],
    ]);
  });

  test("a fault only hits requests matching its method and path (string or RegExp)", async () => {
    const { id } = await create({ title: "t" });
    fx.emulator.injectFault({ method: "DELETE", status: 503 });
    fx.emulator.injectFault({ path: /^\/v1\/community\//, status: 502 });

    expect((await call("GET", "/v1/communities")).status).toBe(200);
    expect((await call("GET", `/v1/community/${id}`)).status).toBe(502);
    expect((await call("DELETE", `/v1/community/${id}`)).status).toBe(503);
    expect((await call("GET", `/v1/community/${id}`)).status).toBe(200);
  });

  test("a drop fault destroys the connection: fetch rejects, nothing is written and the log shows status 0", async () => {
    fx.emulator.injectFault({ method: "POST", drop: true });

    await expect(call("POST", "/v1/create-community", { body: { title: "t" } })).rejects.toThrow();

    expect(fx.emulator.communities()).toEqual([]);
    expect(fx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([[0, "drop"]]);
  });

  test("a commit fault performs the write, then answers with the injected status", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });

    const reply = await call("POST", "/v1/create-community", { body: { title: "written" } });

    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ detail: "Internal Server Error" });
    expect(fx.emulator.communities().map((c) => c.title)).toEqual(["written"]);
    expect(fx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([[500, "commit, status 500"]]);
  });

  test("a commit + drop fault performs the write, then destroys the connection", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, drop: true });

    await expect(call("POST", "/v1/create-community", { body: { title: "written" } })).rejects.toThrow();

    expect(fx.emulator.communities().map((c) => c.title)).toEqual(["written"]);
    expect(log()[0]?.status).toBe(0);
  });

  test("a status fault without commit does not perform the write", async () => {
    fx.emulator.injectFault({ method: "POST", status: 503 });

    expect((await call("POST", "/v1/create-community", { body: { title: "t" } })).status).toBe(503);
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a body fault answers that raw body with its content type, and status 200 by default", async () => {
    fx.emulator.injectFault({ method: "GET", body: "<html>oops</html>", contentType: "text/html" });

    const reply = await call("GET", "/v1/communities");

    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/html");
    expect(reply.body).toBe("<html>oops</html>");
  });

  test("times counts matching requests: times 2 faults exactly the first two", async () => {
    fx.emulator.injectFault({ method: "GET", status: 503, times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/v1/communities")).status);

    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  test("times: Infinity faults every matching request", async () => {
    fx.emulator.injectFault({ method: "GET", status: 504, times: Infinity });

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call("GET", "/v1/communities")).status);

    expect(statuses).toEqual([504, 504, 504, 504, 504]);
    expect((await call("POST", "/v1/create-community", { body: { title: "t" } })).status).toBe(200);
  });

  test("rules apply in the order they were added, each until its times run out", async () => {
    fx.emulator.injectFault({ method: "GET", status: 502 });
    fx.emulator.injectFault({ method: "GET", status: 503, times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/v1/communities")).status);

    expect(statuses).toEqual([502, 503, 503, 200]);
  });

  test("delayMs adds latency before the real answer", async () => {
    fx.emulator.injectFault({ method: "GET", delayMs: 120 });

    const started = Date.now();
    const reply = await call("GET", "/v1/communities");

    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(fx.emulator.requests[0]?.fault).toBe("delay 120ms");
  });

  test("trickleMs sends the real answer slowly, in trickleBytes chunks, but complete", async () => {
    const community = await create({ title: "trickled", description: "x".repeat(40) });
    fx.emulator.injectFault({ method: "GET", trickleMs: 5, trickleBytes: 20 });

    const started = Date.now();
    const reply = await call("GET", `/v1/community/${community.id}`);

    expect(reply).toMatchObject({ status: 200, body: community });
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
  });
});

describe("chaos mode", () => {
  async function chaosRun(
    chaos: { rate: number; seed?: number },
    requests = 20,
  ): Promise<(string | undefined)[]> {
    const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], chaos });
    try {
      for (let i = 0; i < requests; i++) {
        const method = i % 2 === 0 ? "GET" : "POST";
        const urlPath = method === "GET" ? "/v1/communities" : "/v1/create-community";
        const body = method === "POST" ? { title: `c${i}` } : undefined;
        await call(method, urlPath, { base: emulator.url, body }).catch(() => undefined);
      }
      expect(emulator.requests).toHaveLength(requests);
      return emulator.requests.map((r) => r.fault);
    } finally {
      await emulator.close();
    }
  }

  test("rate 1 injects a fault on every request", async () => {
    const faults = await chaosRun({ rate: 1, seed: 7 });

    expect(faults.every((f) => typeof f === "string" && f.length > 0)).toBe(true);
  });

  test("rate 0 injects nothing", async () => {
    const faults = await chaosRun({ rate: 0, seed: 7 });

    expect(faults.every((f) => f === undefined)).toBe(true);
  });

  test("the same seed gives the same fault sequence; a partial rate faults some requests but not all", async () => {
    const first = await chaosRun({ rate: 0.5, seed: 1234 });
    const second = await chaosRun({ rate: 0.5, seed: 1234 });

    expect(second).toEqual(first);
    expect(first.some((f) => f === undefined)).toBe(true);
    expect(first.some((f) => f !== undefined)).toBe(true);
  });

  test("lost-response faults (commit) are only injected on writes, never on GETs", async () => {
    const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], chaos: { rate: 1, seed: 99 } });
    try {
      for (let i = 0; i < 40; i++)
        await call("GET", "/v1/communities", { base: emulator.url }).catch(() => undefined);
      expect(emulator.requests.some((r) => r.fault?.includes("commit"))).toBe(false);
    } finally {
      await emulator.close();
    }
  });

  test("reset turns chaos off", async () => {
    fx.emulator.faults.setChaos({ rate: 1, seed: 3 });
    fx.emulator.reset();

    await call("GET", "/v1/communities");
    expect(fx.emulator.requests[0]?.fault).toBeUndefined();
  });
});

describe("command line", () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    return child;
  }

  function envWithout(...names: string[]): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of names) delete env[name];
    return env;
  }

  function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let buffered = "";
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const newline = buffered.indexOf("\n");
        if (newline >= 0) resolve(buffered.slice(0, newline));
      });
      child.once("exit", (code) =>
        reject(new Error(`emulator exited with ${code} before printing: ${stderr}`)),
      );
    });
  }

  function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string; stdout: string }> {
    return new Promise((resolve) => {
      let stderr = "";
      let stdout = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.once("close", (code) => resolve({ code, stderr, stdout }));
    });
  }

  test("`node dist/emulator/cli.js --port 0` with BLUEJAY_API_KEY prints its URL, serves that key, and exits 0 on SIGTERM", async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    const child = run(["--port", "0"], { ...envWithout("BLUEJAY_API_KEY"), BLUEJAY_API_KEY: TEST_API_KEY });

    const line = await firstLine(child);
    const match = /^Bluejay emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match).not.toBeNull();
    const url = match![1]!;
    expect(Number(match![2])).toBeGreaterThan(0);

    expect(await call("GET", "/v1/communities", { base: url })).toMatchObject({
      status: 200,
      body: { communities: [], total_count: 0 },
    });
    expect((await call("GET", "/v1/communities", { base: url, key: "other" })).status).toBe(401);

    const done = exited(child);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });

  test("--api-key keys are accepted instead of BLUEJAY_API_KEY", async () => {
    const child = run(["--port", "0", "--api-key", "k1", "--api-key", "k2"], envWithout("BLUEJAY_API_KEY"));

    const url = (await firstLine(child)).replace("Bluejay emulator listening on ", "");

    expect((await call("GET", "/v1/communities", { base: url, key: "k2" })).status).toBe(200);
    expect((await call("GET", "/v1/communities", { base: url, key: TEST_API_KEY })).status).toBe(401);
    const done = exited(child);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });

  test("without any key the CLI exits with code 2 and a message naming BLUEJAY_API_KEY", async () => {
    const child = run(["--port", "0"], envWithout("BLUEJAY_API_KEY"));

    const { code, stderr, stdout } = await exited(child);

    expect(code).toBe(2);
    expect(stderr).toContain("BLUEJAY_API_KEY");
    expect(stderr).toContain("No API key to accept");
    expect(stdout).toBe("");
  });

  test.each([
    [["--port", "70000"], "--port"],
    [["--port", "0", "--chaos", "2"], "--chaos"],
  ])("bad arguments %j exit with code 2 naming %s", async (args, flag) => {
    const child = run(args, { ...envWithout("BLUEJAY_API_KEY"), BLUEJAY_API_KEY: TEST_API_KEY });

    const { code, stderr } = await exited(child);

    expect(code).toBe(2);
    expect(stderr).toContain(flag);
  });
});
