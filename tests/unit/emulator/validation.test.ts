// FastAPI (pydantic v2) validation errors: the 422 bodies the emulator answers for invalid bodies,
// path parameters and query parameters. Two tables: what every operation of every kind must refuse,
// derived from Bluejay's OpenAPI description (so a new kind is covered the day it is registered), and
// pydantic's error for each field kind, written out in full once.
import { KINDS } from "../../../provider/kinds/registry";
import { useEmulator } from "../../helpers/emulator";
import { loadDocument, operation, requestSchema, sample, type SchemaNode } from "../../helpers/contract";
import { caller, creators, fieldErrors, UNKNOWN_ID, type FieldError } from "./http";

const fx = useEmulator();
const call = caller(fx);
const doc = loadDocument();

const INT_PARSING = "Input should be a valid integer, unable to parse string as an integer";
const UUID_PARSING = "Input should be a valid UUID, invalid character or length";

const resolve = (node: SchemaNode): SchemaNode =>
  node.$ref ? resolve(doc.components.schemas[node.$ref.replace("#/components/schemas/", "")]!) : node;

/** Every route the kinds' doubles serve, with its operation in the document. */
const served = KINDS.flatMap((kind) =>
  kind.emulator.routes.map(({ route }) => {
    const [method, template] = route.split(" ") as [string, string];
    const op = operation(doc, method, template)!;
    const params = (op.parameters ?? []).filter((p) => p.in === "path");
    const body = requestSchema(op);
    return { kind: kind.name, method, template, params, body: body && resolve(body) };
  }),
);

/** The template with each path parameter given a valid value, or `bad` for the one named `wrong`. */
function fill(route: (typeof served)[number], wrong?: string, bad = "abc"): string {
  return route.params.reduce((path, param) => {
    const value = param.name === wrong ? bad : resolve(param.schema).format === "uuid" ? UNKNOWN_ID : "1";
    return path.replace(`{${param.name}}`, encodeURIComponent(value));
  }, route.template);
}

describe("every operation of every kind refuses what its OpenAPI description refuses", () => {
  const typedParams = served.flatMap((route) =>
    route.params
      .map((param) => ({ param, schema: resolve(param.schema) }))
      .filter(({ schema }) => schema.type === "integer" || schema.format === "uuid")
      .map(({ param, schema }) => ({
        name: `${route.method} ${route.template}: ${param.name}`,
        route,
        param: param.name,
        expected: schema.type === "integer" ? ["int_parsing", INT_PARSING] : ["uuid_parsing", UUID_PARSING],
      })),
  );

  test.each(typedParams)("$name that does not parse gives 422 at ['path', name]", async (c) => {
    const body = c.route.body ? sample(doc, c.route.body) : undefined;
    const reply = await call(c.route.method, fill(c.route, c.param), { body });

    expect(fieldErrors(reply)).toEqual([
      { type: c.expected[0], loc: ["path", c.param], msg: c.expected[1], input: "abc" },
    ]);
  });

  const withRequired = served.filter((r) => (r.body?.required ?? []).length > 0);

  test.each(withRequired.map((route) => ({ name: `${route.method} ${route.template}`, route })))(
    "$name with an empty object gives one missing error per required field, in the document's order, and writes nothing",
    async ({ route }) => {
      const reply = await call(route.method, fill(route), { body: {} });

      const required = new Set(route.body!.required);
      expect(fieldErrors(reply)).toEqual(
        Object.keys(route.body!.properties ?? {})
          .filter((name) => required.has(name))
          .map((name) => ({ type: "missing", loc: ["body", name], msg: "Field required", input: {} })),
      );
      expect(fx.emulator.isEmpty()).toBe(true);
    },
  );

  const withBody = served.filter((r) => r.body !== undefined);

  test.each(withBody.map((route) => ({ name: `${route.method} ${route.template}`, route })))(
    "$name with invalid JSON gives 422 json_invalid and writes nothing",
    async ({ route }) => {
      const reply = await call(route.method, fill(route), { body: '{"name": ' });

      const [error, ...rest] = fieldErrors(reply);
      expect(rest).toEqual([]);
      expect(error).toMatchObject({
        type: "json_invalid",
        msg: "JSON decode error",
        ctx: { error: expect.any(String) },
      });
      expect(error!.loc[0]).toBe("body");
      expect(fx.emulator.isEmpty()).toBe(true);
    },
  );

  test("every kind in the registry serves at least one route the tables above exercise", () => {
    const exercised = new Set([...typedParams.map((c) => c.route.kind), ...withBody.map((r) => r.kind)]);
    expect(KINDS.map((k) => k.name).filter((name) => !exercised.has(name))).toEqual([]);
  });
});

interface FieldKindCase {
  behaviour: string;
  method: string;
  path: string;
  body?: unknown;
  detail: FieldError[];
}

const AGENT = { name: "a", system_prompt: "p", knowledge_base: "k", goals: [] };
const at = ["body", "digital_human", "interruptions"];
const ENUM_DATA_TYPE = "'BOOLEAN', 'STRING', 'DATE' or 'NUMBER'";
const CONNECTIONS = "'SMS', 'HTTP_WEBHOOK', 'PHONE', 'SIP', 'WEBSOCKET', 'LIVEKIT' or 'PIPECAT'";
const RESPONSE_TYPES = "'pass_fail', 'yes_no', 'qualitative', 'quantitative', 'json' or 'enum'";

/** One case per pydantic field kind: the request, and the whole `detail` Bluejay answers. */
const FIELD_KINDS: FieldKindCase[] = [
  {
    behaviour: "a missing required field: type missing, the whole body as input",
    method: "POST",
    path: "/v1/create-community",
    body: { description: "no title" },
    detail: [
      { type: "missing", loc: ["body", "title"], msg: "Field required", input: { description: "no title" } },
    ],
  },
  {
    behaviour: "an empty request body: missing at ['body']",
    method: "POST",
    path: "/v1/create-community",
    body: "",
    detail: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }],
  },
  {
    behaviour: "a JSON body that is not an object: model_attributes_type at ['body']",
    method: "POST",
    path: "/v1/create-community",
    body: [{ title: "t" }],
    detail: [
      {
        type: "model_attributes_type",
        loc: ["body"],
        msg: "Input should be a valid dictionary or object to extract fields from",
        input: [{ title: "t" }],
      },
    ],
  },
  {
    behaviour:
      "wrong types, one error per field: string_type (null included), list_type, int_parsing, int_type",
    method: "POST",
    path: "/v1/create-community",
    body: { title: null, description: ["x"], digital_human_ids: [1, "abc", { n: 1 }] },
    detail: [
      { type: "string_type", loc: ["body", "title"], msg: "Input should be a valid string", input: null },
      {
        type: "string_type",
        loc: ["body", "description"],
        msg: "Input should be a valid string",
        input: ["x"],
      },
      { type: "int_parsing", loc: ["body", "digital_human_ids", 1], msg: INT_PARSING, input: "abc" },
      {
        type: "int_type",
        loc: ["body", "digital_human_ids", 2],
        msg: "Input should be a valid integer",
        input: { n: 1 },
      },
    ],
  },
  {
    behaviour: "a list field given a string: list_type",
    method: "PUT",
    path: `/v1/add-to-community/${UNKNOWN_ID}`,
    body: { digital_human_ids: "1,2" },
    detail: [
      {
        type: "list_type",
        loc: ["body", "digital_human_ids"],
        msg: "Input should be a valid list",
        input: "1,2",
      },
    ],
  },
  {
    behaviour: "a fractional id: int_from_float at its index",
    method: "PUT",
    path: `/v1/update-community/${UNKNOWN_ID}`,
    body: { digital_human_ids: [3, 4.25] },
    detail: [
      {
        type: "int_from_float",
        loc: ["body", "digital_human_ids", 1],
        msg: "Input should be a valid integer, got a number with a fractional part",
        input: 4.25,
      },
    ],
  },
  {
    behaviour: "an enum outside its values: type enum, ctx.expected listing them",
    method: "POST",
    path: "/v1/add-agent",
    body: { ...AGENT, connection_type: "FAX", mode: null },
    detail: [
      {
        type: "enum",
        loc: ["body", "connection_type"],
        msg: `Input should be ${CONNECTIONS}`,
        input: "FAX",
        ctx: { expected: CONNECTIONS },
      },
    ],
  },
  {
    behaviour: "booleans: bool_parsing for text pydantic cannot read, bool_type for other values",
    method: "POST",
    path: "/v1/add-agent",
    body: { ...AGENT, redact_pii: "maybe", enable_outbound_call_auto_start: [] },
    detail: [
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
    ],
  },
  {
    behaviour: "a string list: list_type for a non-list, string_type at a non-string item's index",
    method: "POST",
    path: "/v1/add-agent",
    body: { ...AGENT, goals: "win", keyterms: ["a", 2] },
    detail: [
      { type: "list_type", loc: ["body", "goals"], msg: "Input should be a valid list", input: "win" },
      { type: "string_type", loc: ["body", "keyterms", 1], msg: "Input should be a valid string", input: 2 },
    ],
  },
  {
    behaviour: "an object field: dict_type for a non-object; a map's bad value has the key in its loc",
    method: "POST",
    path: "/v1/add-agent",
    body: { ...AGENT, livekit_metadata: [1], custom_sip_headers: { Tenant: 5 } },
    detail: [
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
    ],
  },
  {
    behaviour:
      "a string field given a number: string_type (pydantic v2 does not coerce create-simulation's agent_id)",
    method: "POST",
    path: "/v1/create-simulation",
    body: { agent_id: 7 },
    detail: [
      { type: "string_type", loc: ["body", "agent_id"], msg: "Input should be a valid string", input: 7 },
    ],
  },
  {
    behaviour: "integer bounds: greater_than and less_than_equal with ctx",
    method: "POST",
    path: "/v1/create-simulation",
    body: { agent_id: "1", max_concurrent: 0, custom_metrics_passing_threshold: 101 },
    detail: [
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
    ],
  },
  {
    behaviour: "integer bounds: less_than_equal above the maximum, greater_than_equal below the minimum",
    method: "POST",
    path: "/v1/create-simulation",
    body: { agent_id: "1", max_concurrent: 501, custom_metrics_failing_threshold: -1 },
    detail: [
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
    ],
  },
  {
    behaviour:
      "an inline enum: literal_error; UUID fields: uuid_parsing, and uuid_type for a list item that is no string",
    method: "POST",
    path: "/v1/create-simulation",
    body: {
      agent_id: "1",
      prompt_id: "nope",
      max_call_duration_units: "hours",
      selected_custom_metrics: ["0f8fad5b-d9cb-469f-a165-70867728950e", 7],
    },
    detail: [
      { type: "uuid_parsing", loc: ["body", "prompt_id"], msg: UUID_PARSING, input: "nope" },
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
    ],
  },
  {
    behaviour: "a nested model that is not an object: model_type naming the model",
    method: "POST",
    path: "/v1/create-digital-human",
    body: { digital_human: "Ann" },
    detail: [
      {
        type: "model_type",
        loc: ["body", "digital_human"],
        msg: "Input should be a valid dictionary or instance of DigitalHumanRequestData",
        input: "Ann",
        ctx: { class_name: "DigitalHumanRequestData" },
      },
    ],
  },
  {
    behaviour: "errors inside a nested model carry the full loc: missing, bounds, float_parsing",
    method: "POST",
    path: "/v1/create-digital-human",
    body: {
      digital_human: {
        background_noise_volume: 1.5,
        endpointing_delay: "soon",
        creativity: "-1",
        silence_timeout: 5,
      },
    },
    detail: [
      {
        type: "missing",
        loc: ["body", "digital_human", "phone_number"],
        msg: "Field required",
        input: {
          background_noise_volume: 1.5,
          endpointing_delay: "soon",
          creativity: "-1",
          silence_timeout: 5,
        },
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
    ],
  },
  {
    behaviour: "a number given an object: float_type",
    method: "POST",
    path: "/v1/create-digital-human",
    body: { digital_human: { phone_number: "+1", creativity: {} } },
    detail: [
      {
        type: "float_type",
        loc: ["body", "digital_human", "creativity"],
        msg: "Input should be a valid number",
        input: {},
      },
    ],
  },
  {
    behaviour: "a list of models is validated item by item, each error at its index",
    method: "POST",
    path: "/v1/create-digital-human",
    body: {
      digital_human: {
        phone_number: "+1",
        traits: [
          { trait_name: "ok", trait_data_type: "STRING", value: null },
          { trait_name: "bad", trait_data_type: "COLOR" },
        ],
      },
    },
    detail: [
      {
        type: "enum",
        loc: ["body", "digital_human", "traits", 1, "trait_data_type"],
        msg: `Input should be ${ENUM_DATA_TYPE}`,
        input: "COLOR",
        ctx: { expected: ENUM_DATA_TYPE },
      },
      {
        type: "missing",
        loc: ["body", "digital_human", "traits", 1, "value"],
        msg: "Field required",
        input: { trait_name: "bad", trait_data_type: "COLOR" },
      },
    ],
  },
  {
    behaviour: "a union no member accepts reports every member's errors under the member's name",
    method: "POST",
    path: "/v1/create-digital-human",
    body: { digital_human: { phone_number: "+1", interruptions: { type: "keywords" } } },
    detail: [
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
    ],
  },
  {
    behaviour: "missing fields and an enum error of one body are reported together, in field order",
    method: "POST",
    path: "/v1/create-custom-metric",
    body: { response_type: "score" },
    detail: [
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
        msg: `Input should be ${RESPONSE_TYPES}`,
        input: "score",
        ctx: { expected: RESPONSE_TYPES },
      },
    ],
  },
  {
    behaviour: "query parameters: int_parsing for a non-integer; page_size is declared without bounds",
    method: "GET",
    path: "/v1/custom-metrics?agent_id=x&page=y&page_size=-5",
    detail: [
      { type: "int_parsing", loc: ["query", "agent_id"], msg: INT_PARSING, input: "x" },
      { type: "int_parsing", loc: ["query", "page"], msg: INT_PARSING, input: "y" },
    ],
  },
  {
    behaviour: "a fractional query integer: int_parsing",
    method: "GET",
    path: "/v1/communities?digital_human_id=1.5",
    detail: [{ type: "int_parsing", loc: ["query", "digital_human_id"], msg: INT_PARSING, input: "1.5" }],
  },
  {
    behaviour: "path and body errors of one request are reported together, path first",
    method: "PUT",
    path: "/v1/simulation/abc",
    body: { max_concurrent: 0 },
    detail: [
      { type: "int_parsing", loc: ["path", "simulation_id"], msg: INT_PARSING, input: "abc" },
      {
        type: "greater_than",
        loc: ["body", "max_concurrent"],
        msg: "Input should be greater than 0",
        input: 0,
        ctx: { gt: 0 },
      },
    ],
  },
  {
    behaviour: "a path id with malformed percent-encoding: uuid_parsing of the raw text",
    method: "GET",
    path: "/v1/community/%E0%A4%A",
    detail: [{ type: "uuid_parsing", loc: ["path", "community_id"], msg: UUID_PARSING, input: "%E0%A4%A" }],
  },
];

describe("pydantic v2's error for each field kind (FastAPI's 422 body, in full)", () => {
  test.each(FIELD_KINDS)("$behaviour ($method $path)", async (c) => {
    const reply = await call(c.method, c.path, { body: c.body });

    expect(reply.headers.get("content-type")).toContain("application/json");
    expect(fieldErrors(reply)).toEqual(c.detail);
    expect(fx.emulator.isEmpty()).toBe(true);
  });
});

describe("what pydantic's lax mode accepts is stored converted", () => {
  const make = creators(call);

  test("integer strings in an id list are stored as integers: ['7'] is [7]", async () => {
    const reply = await call("POST", "/v1/create-community", {
      body: { title: "t", digital_human_ids: ["7", 8] },
    });

    expect(reply.body).toMatchObject({ digital_human_ids: [7, 8] });
  });

  test("booleans from 'yes' and 0; a number from '0.5'", async () => {
    const agent = await make.agent({ redact_pii: "yes", enable_outbound_call_auto_start: 0 });
    const human = await make.digitalHuman([], { background_noise_volume: "0.5" });

    expect(fx.emulator.records("agents").find((a) => a.id === agent)).toMatchObject({
      redact_pii: true,
      enable_outbound_call_auto_start: false,
    });
    expect(fx.emulator.records("digitalHumans").find((h) => h.id === human)?.background_noise_volume).toBe(
      0.5,
    );
  });

  test("a null for a nullable enum with a default (mode) is accepted, and GET answers the default", async () => {
    const id = await make.agent({ mode: null, type: null });

    expect((await call("GET", `/v1/agents/${id}`)).body).toMatchObject({ mode: "VOICE", type: null });
  });

  test("a path UUID in upper case or without hyphens finds the canonical record", async () => {
    const created = await call("POST", "/v1/create-community", { body: { title: "canon" } });
    const id = (created.body as { id: string }).id;

    expect((await call("GET", `/v1/community/${id.toUpperCase()}`)).body).toMatchObject({
      id,
      title: "canon",
    });
    expect((await call("GET", `/v1/community/${id.replace(/-/g, "")}`)).body).toMatchObject({ id });
  });

  test("after a malformed path the emulator keeps serving", async () => {
    await call("GET", "/v1/community/%E0%A4%A");

    expect((await call("GET", "/v1/communities")).status).toBe(200);
  });
});
