// FastAPI (pydantic v2) validation errors: the 422 bodies the emulator answers for invalid bodies,
// path parameters and query parameters, field kind by field kind, on every kind of record.
import { useEmulator } from "../../helpers/emulator";
import { caller, communityCreator, creators, fieldErrors } from "./http";

const fx = useEmulator();
const call = caller(fx);
const create = communityCreator(call);

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
    expect(fx.emulator.store.get(id)?.digital_human_ids).toEqual([]);
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
    const upper = id.toUpperCase();

    expect((await call("GET", `/v1/community/${upper}`)).body).toMatchObject({ id, title: "canon" });
    expect((await call("GET", `/v1/community/${id.replace(/-/g, "")}`)).body).toMatchObject({
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

describe("validation of agents, simulations, digital humans and custom metrics (pydantic v2 field kinds)", () => {
  const make = creators(call);
  const AGENT = { name: "a", system_prompt: "p", knowledge_base: "k", goals: [] };

  test("an empty agent body gives one missing error per required field, in the OpenAPI's field order", async () => {
    const reply = await call("POST", "/v1/add-agent", { body: {} });

    expect(fieldErrors(reply)).toEqual(
      ["name", "system_prompt", "knowledge_base", "goals"].map((name) => ({
        type: "missing",
        loc: ["body", name],
        msg: "Field required",
        input: {},
      })),
    );
    expect(fx.emulator.records("agents")).toEqual([]);
  });

  test("an enum field outside its values gives type 'enum' with msg and ctx.expected listing the values", async () => {
    const reply = await call("POST", "/v1/add-agent", {
      body: { ...AGENT, type: "SIDEWAYS", connection_type: "FAX", mode: null },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "enum",
        loc: ["body", "type"],
        msg: "Input should be 'INBOUND' or 'OUTBOUND'",
        input: "SIDEWAYS",
        ctx: { expected: "'INBOUND' or 'OUTBOUND'" },
      },
      {
        type: "enum",
        loc: ["body", "connection_type"],
        msg: "Input should be 'SMS', 'HTTP_WEBHOOK', 'PHONE', 'SIP', 'WEBSOCKET', 'LIVEKIT' or 'PIPECAT'",
        input: "FAX",
        ctx: { expected: "'SMS', 'HTTP_WEBHOOK', 'PHONE', 'SIP', 'WEBSOCKET', 'LIVEKIT' or 'PIPECAT'" },
      },
    ]);
  });

  test("a null for a nullable enum with a default (mode) is accepted; GET then answers mode VOICE (required there)", async () => {
    const id = await make.agent({ mode: null, type: null });

    expect((await call("GET", `/v1/agents/${id}`)).body).toMatchObject({ mode: "VOICE", type: null });
  });

  test("booleans are lax like pydantic's ('yes', 1, 'off' accepted); others give bool_parsing or bool_type", async () => {
    const accepted = await make.agent({ redact_pii: "yes", enable_outbound_call_auto_start: 0 });
    const reply = await call("POST", "/v1/add-agent", {
      body: { ...AGENT, redact_pii: "maybe", enable_outbound_call_auto_start: [] },
    });

    expect(fx.emulator.records("agents").find((a) => a.id === accepted)).toMatchObject({
      redact_pii: true,
      enable_outbound_call_auto_start: false,
    });
    expect(fieldErrors(reply)).toEqual([
      {
        type: "bool_parsing",
        loc: ["body", "redact_pii"],
        msg: "Input should be a valid boolean, unable to interpret input",
        input: "maybe",
      },
      {
        type: "bool_type",
        loc: ["body", "enable_outbound_call_auto_start"],
        msg: "Input should be a valid boolean",
        input: [],
      },
    ]);
  });

  test("a string list gives list_type for a non-list and string_type at the index of a non-string item", async () => {
    const reply = await call("POST", "/v1/add-agent", {
      body: { ...AGENT, goals: "win", keyterms: ["a", 2] },
    });

    expect(fieldErrors(reply)).toEqual([
      { type: "list_type", loc: ["body", "goals"], msg: "Input should be a valid list", input: "win" },
      { type: "string_type", loc: ["body", "keyterms", 1], msg: "Input should be a valid string", input: 2 },
    ]);
  });

  test("an object field gives dict_type for a non-object; custom_sip_headers values must be strings (loc ends in the key)", async () => {
    const reply = await call("POST", "/v1/add-agent", {
      body: { ...AGENT, livekit_metadata: [1], custom_sip_headers: { Tenant: 5 } },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "string_type",
        loc: ["body", "custom_sip_headers", "Tenant"],
        msg: "Input should be a valid string",
        input: 5,
      },
      {
        type: "dict_type",
        loc: ["body", "livekit_metadata"],
        msg: "Input should be a valid dictionary",
        input: [1],
      },
    ]);
  });

  test("create-simulation's agent_id must be a JSON string: a number gives string_type (pydantic v2 does not coerce)", async () => {
    const agentId = await make.agent();

    const reply = await call("POST", "/v1/create-simulation", { body: { agent_id: agentId } });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "string_type",
        loc: ["body", "agent_id"],
        msg: "Input should be a valid string",
        input: agentId,
      },
    ]);
  });

  test("integer bounds: max_concurrent 0 gives greater_than, 501 less_than_equal; thresholds are bounded to 0..100", async () => {
    const zero = await call("POST", "/v1/create-simulation", {
      body: { agent_id: "1", max_concurrent: 0, custom_metrics_passing_threshold: 101 },
    });
    const high = await call("POST", "/v1/create-simulation", {
      body: { agent_id: "1", max_concurrent: 501, custom_metrics_failing_threshold: -1 },
    });

    expect(fieldErrors(zero)).toEqual([
      {
        type: "greater_than",
        loc: ["body", "max_concurrent"],
        msg: "Input should be greater than 0",
        input: 0,
        ctx: { gt: 0 },
      },
      {
        type: "less_than_equal",
        loc: ["body", "custom_metrics_passing_threshold"],
        msg: "Input should be less than or equal to 100",
        input: 101,
        ctx: { le: 100 },
      },
    ]);
    expect(fieldErrors(high)).toEqual([
      {
        type: "less_than_equal",
        loc: ["body", "max_concurrent"],
        msg: "Input should be less than or equal to 500",
        input: 501,
        ctx: { le: 500 },
      },
      {
        type: "greater_than_equal",
        loc: ["body", "custom_metrics_failing_threshold"],
        msg: "Input should be greater than or equal to 0",
        input: -1,
        ctx: { ge: 0 },
      },
    ]);
  });

  test("an inline enum (max_call_duration_units) gives literal_error; UUID fields give uuid_parsing, list items at their index", async () => {
    const reply = await call("POST", "/v1/create-simulation", {
      body: {
        agent_id: "1",
        prompt_id: "nope",
        max_call_duration_units: "hours",
        selected_custom_metrics: ["0f8fad5b-d9cb-469f-a165-70867728950e", 7],
      },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "uuid_parsing",
        loc: ["body", "prompt_id"],
        msg: "Input should be a valid UUID, invalid character or length",
        input: "nope",
      },
      {
        type: "literal_error",
        loc: ["body", "max_call_duration_units"],
        msg: "Input should be 'minutes' or 'seconds'",
        input: "hours",
        ctx: { expected: "'minutes' or 'seconds'" },
      },
      {
        type: "uuid_type",
        loc: ["body", "selected_custom_metrics", 1],
        msg: "UUID input should be a string, bytes or UUID object",
        input: 7,
      },
    ]);
  });

  test("a nested model: digital_human missing gives missing; not an object gives model_type naming DigitalHumanRequestData", async () => {
    const missing = await call("POST", "/v1/create-digital-human", { body: { simulation_ids: [] } });
    const notObject = await call("POST", "/v1/create-digital-human", { body: { digital_human: "Ann" } });

    expect(fieldErrors(missing)).toEqual([
      {
        type: "missing",
        loc: ["body", "digital_human"],
        msg: "Field required",
        input: { simulation_ids: [] },
      },
    ]);
    expect(fieldErrors(notObject)).toEqual([
      {
        type: "model_type",
        loc: ["body", "digital_human"],
        msg: "Input should be a valid dictionary or instance of DigitalHumanRequestData",
        input: "Ann",
        ctx: { class_name: "DigitalHumanRequestData" },
      },
    ]);
  });

  test("errors inside the nested digital human carry the full loc: phone_number missing, numbers out of range or unparsable", async () => {
    const reply = await call("POST", "/v1/create-digital-human", {
      body: {
        digital_human: {
          background_noise_volume: 1.5,
          endpointing_delay: "soon",
          creativity: "-1",
          silence_timeout: 5,
        },
      },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "missing",
        loc: ["body", "digital_human", "phone_number"],
        msg: "Field required",
        input: expect.any(Object),
      },
      {
        type: "less_than_equal",
        loc: ["body", "digital_human", "background_noise_volume"],
        msg: "Input should be less than or equal to 1",
        input: 1.5,
        ctx: { le: 1 },
      },
      {
        type: "float_parsing",
        loc: ["body", "digital_human", "endpointing_delay"],
        msg: "Input should be a valid number, unable to parse string as a number",
        input: "soon",
      },
      {
        type: "greater_than_equal",
        loc: ["body", "digital_human", "creativity"],
        msg: "Input should be greater than or equal to 0",
        input: "-1",
        ctx: { ge: 0 },
      },
      {
        type: "greater_than_equal",
        loc: ["body", "digital_human", "silence_timeout"],
        msg: "Input should be greater than or equal to 15",
        input: 5,
        ctx: { ge: 15 },
      },
    ]);
  });

  test("numbers are lax like pydantic's: '0.5' is stored as 0.5; an object gives float_type", async () => {
    const id = await make.digitalHuman([], { background_noise_volume: "0.5" });
    const reply = await call("POST", "/v1/create-digital-human", {
      body: { digital_human: { phone_number: "+1", creativity: {} } },
    });

    expect(fx.emulator.records("digitalHumans").find((h) => h.id === id)?.background_noise_volume).toBe(0.5);
    expect(fieldErrors(reply)).toEqual([
      {
        type: "float_type",
        loc: ["body", "digital_human", "creativity"],
        msg: "Input should be a valid number",
        input: {},
      },
    ]);
  });

  test("a list of models is validated item by item: each trait's errors at its index", async () => {
    const reply = await call("POST", "/v1/create-digital-human", {
      body: {
        digital_human: {
          phone_number: "+1",
          traits: [
            { trait_name: "ok", trait_data_type: "STRING", value: null },
            { trait_name: "bad", trait_data_type: "COLOR" },
          ],
        },
      },
    });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "enum",
        loc: ["body", "digital_human", "traits", 1, "trait_data_type"],
        msg: "Input should be 'BOOLEAN', 'STRING', 'DATE' or 'NUMBER'",
        input: "COLOR",
        ctx: { expected: "'BOOLEAN', 'STRING', 'DATE' or 'NUMBER'" },
      },
      {
        type: "missing",
        loc: ["body", "digital_human", "traits", 1, "value"],
        msg: "Field required",
        input: { trait_name: "bad", trait_data_type: "COLOR" },
      },
    ]);
  });

  test("a union (interruptions) that no member accepts reports every member's errors under the member's name", async () => {
    const reply = await call("POST", "/v1/create-digital-human", {
      body: { digital_human: { phone_number: "+1", interruptions: { type: "keywords" } } },
    });

    const at = ["body", "digital_human", "interruptions"];
    expect(fieldErrors(reply)).toEqual([
      {
        type: "literal_error",
        loc: [...at, "SimpleInterruptionConfig", "type"],
        msg: "Input should be 'none', 'low', 'medium' or 'high'",
        input: "keywords",
        ctx: { expected: "'none', 'low', 'medium' or 'high'" },
      },
      {
        type: "missing",
        loc: [...at, "KeywordsInterruptionConfig", "keyword_responses"],
        msg: "Field required",
        input: { type: "keywords" },
      },
      {
        type: "literal_error",
        loc: [...at, "ContextualInterruptionConfig", "type"],
        msg: "Input should be 'contextual'",
        input: "keywords",
        ctx: { expected: "'contextual'" },
      },
      {
        type: "missing",
        loc: [...at, "ContextualInterruptionConfig", "contextual_prompt"],
        msg: "Field required",
        input: { type: "keywords" },
      },
    ]);
  });

  test("the flat digital human update validates its own fields (enum, list of ints) at ['body', field]", async () => {
    const id = await make.digitalHuman();

    const reply = await call("PUT", `/v1/update-digital-human/${id}`, {
      body: { language: "klingon", simulation_ids: ["x"] },
    });

    expect(fieldErrors(reply).map((e) => [e.type, e.loc])).toEqual([
      ["enum", ["body", "language"]],
      ["int_parsing", ["body", "simulation_ids", 0]],
    ]);
  });

  test("a custom metric's response_type must be one of the six; name and description are required", async () => {
    const reply = await call("POST", "/v1/create-custom-metric", { body: { response_type: "score" } });

    expect(fieldErrors(reply)).toEqual([
      { type: "missing", loc: ["body", "name"], msg: "Field required", input: { response_type: "score" } },
      {
        type: "missing",
        loc: ["body", "description"],
        msg: "Field required",
        input: { response_type: "score" },
      },
      {
        type: "enum",
        loc: ["body", "response_type"],
        msg: "Input should be 'pass_fail', 'yes_no', 'qualitative', 'quantitative', 'json' or 'enum'",
        input: "score",
        ctx: { expected: "'pass_fail', 'yes_no', 'qualitative', 'quantitative', 'json' or 'enum'" },
      },
    ]);
  });

  test("update-agent requires agent_id (null is allowed, absent is not)", async () => {
    const reply = await call("POST", "/v1/update-agent", { body: { name: "x" } });

    expect(fieldErrors(reply)).toEqual([
      { type: "missing", loc: ["body", "agent_id"], msg: "Field required", input: { name: "x" } },
    ]);
  });

  test.each([
    ["GET", "/v1/agents/abc", "agent_id"],
    ["DELETE", "/v1/agent/abc", "agent_id"],
    ["GET", "/v1/simulation/abc", "simulation_id"],
    ["PUT", "/v1/simulation/abc", "simulation_id"],
    ["DELETE", "/v1/simulation/abc", "simulation_id"],
    ["GET", "/v1/digital-human/abc", "digital_human_id"],
    ["PUT", "/v1/update-digital-human/abc", "digital_human_id"],
    ["DELETE", "/v1/digital-human/abc", "digital_human_id"],
    ["GET", "/v1/digital-humans-by-simulation/abc", "simulation_id"],
    ["GET", "/v1/custom-metrics-by-agent/abc", "agent_id"],
  ])("%s %s gives 422 int_parsing at ['path', '%s']", async (method, urlPath, name) => {
    const reply = await call(method, urlPath, { body: method === "PUT" ? {} : undefined });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "int_parsing",
        loc: ["path", name],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: "abc",
      },
    ]);
  });

  test.each([
    ["GET", "/v1/custom-metric/abc"],
    ["PUT", "/v1/update-custom-metric/abc"],
    ["DELETE", "/v1/custom-metric/abc"],
  ])("%s %s gives 422 uuid_parsing at ['path', 'metric_id']", async (method, urlPath) => {
    const reply = await call(method, urlPath, { body: method === "PUT" ? {} : undefined });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "uuid_parsing",
        loc: ["path", "metric_id"],
        msg: "Input should be a valid UUID, invalid character or length",
        input: "abc",
      },
    ]);
  });

  test("custom-metrics query parameters: a non-integer gives int_parsing (page and page_size are declared without bounds)", async () => {
    const reply = await call("GET", "/v1/custom-metrics?agent_id=x&page=y&page_size=-5");

    expect(fieldErrors(reply)).toEqual([
      {
        type: "int_parsing",
        loc: ["query", "agent_id"],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: "x",
      },
      {
        type: "int_parsing",
        loc: ["query", "page"],
        msg: "Input should be a valid integer, unable to parse string as an integer",
        input: "y",
      },
    ]);
  });

  test("path, query and body errors of one request are reported together, path first", async () => {
    const reply = await call("PUT", "/v1/simulation/abc", { body: { max_concurrent: 0 } });

    expect(fieldErrors(reply).map((e) => [e.type, e.loc])).toEqual([
      ["int_parsing", ["path", "simulation_id"]],
      ["greater_than", ["body", "max_concurrent"]],
    ]);
  });

  test.each([
    ["POST", "/v1/add-agent"],
    ["POST", "/v1/update-agent"],
    ["POST", "/v1/create-simulation"],
    ["POST", "/v1/create-digital-human"],
    ["POST", "/v1/create-custom-metric"],
  ])("%s %s with invalid JSON gives 422 json_invalid and writes nothing", async (method, urlPath) => {
    const reply = await call(method, urlPath, { body: '{"name": ' });

    expect(fieldErrors(reply)).toEqual([
      expect.objectContaining({ type: "json_invalid", msg: "JSON decode error" }),
    ]);
    expect(fx.emulator.isEmpty()).toBe(true);
  });
});
