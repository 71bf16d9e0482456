// Customer traits: an agent's trait definitions. The default is converted to the data type and one
// that does not convert is refused as pydantic refuses a value; the list filters by agent.
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, UUID, caller, creators, fieldErrors, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const trait = async (body: Record<string, unknown>) =>
  okBody(
    await call("POST", "/v1/create-customer-trait", { body: { name: "plan", data_type: "STRING", ...body } }),
  );

describe("customer traits", () => {
  test("create answers CustomerTraitResponse: a UUID id, the agent, the default, created_at", async () => {
    const agentId = await make.agent();

    const created = await trait({ agent_id: agentId, default_value: "basic" });

    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      agent_id: agentId,
      name: "plan",
      data_type: "STRING",
      default_value: "basic",
      created_at: expect.any(String),
    });
    expect(okBody(await call("GET", `/v1/customer-trait/${created.id as string}`))).toEqual(created);
  });

  test.each([
    ["NUMBER", "30", 30],
    ["NUMBER", 1.5, 1.5],
    ["BOOLEAN", "TRUE", true],
    ["BOOLEAN", false, false],
    ["STRING", 5, "5"],
    ["DATE", "2024-02-29", "2024-02-29"],
    ["STRING", null, null],
  ])("a %s default given as %p is stored converted, as %p", async (dataType, given, stored) => {
    const created = await trait({ agent_id: await make.agent(), data_type: dataType, default_value: given });
    expect(created.default_value).toEqual(stored);
  });

  test("a default that does not convert to the data type gives 422 value_error at default_value, and nothing is made", async () => {
    const reply = await call("POST", "/v1/create-customer-trait", {
      body: { agent_id: await make.agent(), name: "plan", data_type: "NUMBER", default_value: "abc" },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "value_error",
        loc: ["body", "default_value"],
        msg: "Value error, default_value cannot be converted to NUMBER",
        input: "abc",
        ctx: { error: {} },
      },
    ]);
    expect(fx.emulator.records("customerTraits")).toEqual([]);
  });

  test.each([
    ["DATE", "2024-02-30"],
    ["DATE", "31/01/2026"],
    ["BOOLEAN", "yes please"],
    ["STRING", { a: 1 }],
  ])("a %s default of %p is refused", async (dataType, given) => {
    const reply = await call("POST", "/v1/create-customer-trait", {
      body: { agent_id: await make.agent(), name: "t", data_type: dataType, default_value: given },
    });
    expect(fieldErrors(reply).map((e) => e.type)).toEqual(["value_error"]);
  });

  test("create without agent_id, name or data_type, or with a data type it does not list, gives FastAPI's 422", async () => {
    const missing = await call("POST", "/v1/create-customer-trait", { body: { default_value: 1 } });
    expect(fieldErrors(missing).map((e) => [e.type, e.loc])).toEqual([
      ["missing", ["body", "agent_id"]],
      ["missing", ["body", "name"]],
      ["missing", ["body", "data_type"]],
    ]);
    const wrong = await call("POST", "/v1/create-customer-trait", {
      body: { agent_id: 1, name: "t", data_type: "TEXT" },
    });
    expect(fieldErrors(wrong)).toEqual([
      {
        type: "enum",
        loc: ["body", "data_type"],
        msg: "Input should be 'BOOLEAN', 'STRING', 'DATE' or 'NUMBER'",
        input: "TEXT",
        ctx: { expected: "'BOOLEAN', 'STRING', 'DATE' or 'NUMBER'" },
      },
    ]);
  });

  test("create naming an unknown agent answers 404 naming it", async () => {
    expect(
      await call("POST", "/v1/create-customer-trait", {
        body: { agent_id: 9, name: "t", data_type: "DATE" },
      }),
    ).toMatchObject({ status: 404, body: { detail: "Agent 9 not found" } });
  });

  test("PUT changes the fields given and leaves null ones; a new data type converts the kept default, or is refused", async () => {
    const created = await trait({ agent_id: await make.agent(), data_type: "NUMBER", default_value: 30 });
    const path = `/v1/update-customer-trait/${created.id as string}`;

    expect(okBody(await call("PUT", path, { body: { name: "seats", default_value: null } }))).toMatchObject({
      name: "seats",
      data_type: "NUMBER",
      default_value: 30,
    });
    expect(okBody(await call("PUT", path, { body: { data_type: "STRING" } }))).toMatchObject({
      data_type: "STRING",
      default_value: "30",
    });
    expect(await call("PUT", path, { body: { data_type: "BOOLEAN" } })).toMatchObject({
      status: 400,
      body: {
        detail: "The trait's default value cannot be converted to BOOLEAN: send a default_value of that type",
      },
    });
    expect(
      fieldErrors(await call("PUT", path, { body: { data_type: "DATE", default_value: "soon" } }))[0],
    ).toMatchObject({ type: "value_error", loc: ["body", "default_value"] });
    expect(fx.emulator.records("customerTraits")[0]).toMatchObject({
      data_type: "STRING",
      default_value: "30",
    });
  });

  test("the list answers every trait, or one agent's, with total_count", async () => {
    const [a, b] = [await make.agent(), await make.agent()];
    const ta = await trait({ agent_id: a });
    await trait({ agent_id: b });

    const mine = okBody(await call("GET", `/v1/customer-traits?agent_id=${a}`));
    expect(mine).toEqual({ traits: [ta], total_count: 1 });
    expect(okBody(await call("GET", "/v1/customer-traits")).total_count).toBe(2);
  });

  test("DELETE answers a confirmation naming the trait; then it is gone", async () => {
    const created = await trait({ agent_id: await make.agent() });
    const id = created.id as string;

    expect(okBody(await call("DELETE", `/v1/customer-trait/${id}`))).toEqual({
      message: "Customer trait deleted successfully",
      deleted_trait_id: id,
    });
    expect(await call("GET", `/v1/customer-trait/${id}`)).toMatchObject({
      status: 404,
      body: { detail: "Customer trait not found" },
    });
  });

  test.each([
    ["GET", "/v1/customer-trait/", undefined],
    ["PUT", "/v1/update-customer-trait/", { name: "x" }],
    ["DELETE", "/v1/customer-trait/", undefined],
  ])("%s %s<unknown UUID> gives 404", async (method, prefix, body) => {
    expect(await call(method, `${prefix}${UNKNOWN_ID}`, { body })).toMatchObject({
      status: 404,
      body: { detail: "Customer trait not found" },
    });
  });
});
