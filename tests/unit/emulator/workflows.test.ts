// Workflows (v2): the agents a workflow names must exist and be voice agents; the graph keeps its
// nodes and edges (defaulting to []) and has at most one start; the update reads a null agent_ids as
// "clear the links"; a workflow makes no digital humans.
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, UUID, caller, creators, fieldErrors, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const START = { id: "wf-start", type: "start" };
const workflow = async (body: Record<string, unknown> = {}) =>
  okBody(
    await call("POST", "/v1/workflow", { body: { name: "Reset", definition: { nodes: [START] }, ...body } }),
  );

describe("workflows", () => {
  test("create answers WorkflowV2Response: a UUID id, the agents, the graph with edges defaulting to [], and no digital humans", async () => {
    const agentId = await make.agent();

    const created = await workflow({ agent_ids: [agentId, agentId], description: "d" });

    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      organization_id: expect.stringMatching(UUID),
      agent_ids: [agentId],
      name: "Reset",
      description: "d",
      definition: { nodes: [START], edges: [] },
      created_at: expect.any(String),
    });
    expect(okBody(await call("GET", `/v1/workflow/${created.id as string}`))).toEqual(created);
    expect(fx.emulator.records("digitalHumans")).toEqual([]);
  });

  test("a workflow of the organization names no agent: agent_ids is []", async () => {
    expect((await workflow()).agent_ids).toEqual([]);
  });

  test("name must have 1 to 255 characters: string_too_short, string_too_long; definition is required", async () => {
    const short = await call("POST", "/v1/workflow", { body: { name: "", definition: {} } });
    expect(fieldErrors(short)).toEqual([
      {
        type: "string_too_short",
        loc: ["body", "name"],
        msg: "String should have at least 1 character",
        input: "",
        ctx: { min_length: 1 },
      },
    ]);
    const long = await call("POST", "/v1/workflow", { body: { name: "x".repeat(256) } });
    expect(fieldErrors(long).map((e) => [e.type, e.loc, e.msg, e.ctx])).toEqual([
      ["string_too_long", ["body", "name"], "String should have at most 255 characters", { max_length: 255 }],
      ["missing", ["body", "definition"], "Field required", undefined],
    ]);
    expect(fx.emulator.records("workflows")).toEqual([]);
  });

  test("a TEXT agent is refused (400), an unknown one is 404, and nothing is made", async () => {
    const text = await make.agent({ mode: "TEXT" });

    expect(
      await call("POST", "/v1/workflow", { body: { name: "W", agent_ids: [text], definition: {} } }),
    ).toMatchObject({
      status: 400,
      body: { detail: `Agent ${text} is a TEXT agent: workflows are for voice agents only` },
    });
    expect(
      await call("POST", "/v1/workflow", { body: { name: "W", agent_ids: [77], definition: {} } }),
    ).toMatchObject({
      status: 404,
      body: { detail: "Agent 77 not found" },
    });
    expect(fx.emulator.records("workflows")).toEqual([]);
  });

  test("a graph with two start nodes gives 422 value_error at definition", async () => {
    const reply = await call("POST", "/v1/workflow", {
      body: { name: "W", definition: { nodes: [START, { id: "s2", type: "start" }] } },
    });
    expect(fieldErrors(reply)).toEqual([
      {
        type: "value_error",
        loc: ["body", "definition"],
        msg: "Value error, a workflow has one start node (found 2)",
        input: { nodes: [START, { id: "s2", type: "start" }] },
        ctx: { error: {} },
      },
    ]);
  });

  test("PUT changes the fields given; agent_ids null clears the links, absent keeps them; a TEXT agent is refused", async () => {
    const [a, b] = [await make.agent(), await make.agent()];
    const text = await make.agent({ mode: "TEXT" });
    const created = await workflow({ agent_ids: [a] });
    const path = `/v1/workflow/${created.id as string}`;

    expect(okBody(await call("PUT", path, { body: { agent_ids: [a, b], name: null } }))).toMatchObject({
      name: "Reset",
      agent_ids: [a, b],
    });
    expect(okBody(await call("PUT", path, { body: { description: "" } }))).toMatchObject({
      agent_ids: [a, b],
      description: "",
    });
    expect(await call("PUT", path, { body: { agent_ids: [text] } })).toMatchObject({ status: 400 });
    expect(okBody(await call("PUT", path, { body: { agent_ids: null } })).agent_ids).toEqual([]);
  });

  test("the list answers every workflow, or one agent's; an unknown agent is 404", async () => {
    const [a, b] = [await make.agent(), await make.agent()];
    const mine = await workflow({ agent_ids: [a, b] });
    await workflow({ agent_ids: [b] });

    expect(okBody(await call("GET", `/v1/workflow?agent_id=${a}`))).toEqual({
      workflows: [mine],
      total_count: 1,
    });
    expect(okBody(await call("GET", "/v1/workflow")).total_count).toBe(2);
    expect(await call("GET", "/v1/workflow?agent_id=99")).toMatchObject({
      status: 404,
      body: { detail: "Agent not found" },
    });
  });

  test("DELETE answers a confirmation; then it is gone", async () => {
    const id = (await workflow()).id as string;

    expect(okBody(await call("DELETE", `/v1/workflow/${id}`))).toEqual({
      message: "Workflow deleted successfully",
      deleted_workflow_id: id,
    });
    expect(await call("GET", `/v1/workflow/${id}`)).toMatchObject({
      status: 404,
      body: { detail: "Workflow not found" },
    });
    expect(await call("DELETE", `/v1/workflow/${UNKNOWN_ID}`)).toMatchObject({ status: 404 });
  });
});
