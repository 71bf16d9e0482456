// Customer personas: Bluejay keeps a persona's agent but never answers it; only the agent's list shows
// which personas are its; delete answers the persona.
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, UUID, caller, creators, fieldErrors, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const PERSONA = { name: "Impatient commuter", description: "Calls from a train", goal: "Moves a delivery" };
const persona = async (body: Record<string, unknown> = {}) =>
  okBody(await call("POST", "/v1/create-customer-persona", { body: { ...PERSONA, ...body } }));

describe("customer personas", () => {
  test("create answers CustomerPersonaPydantic: a UUID id, created_at, the organization, and no agent", async () => {
    const agentId = await make.agent();

    const created = await persona({ agent_id: agentId });

    expect(created).toEqual({
      ...PERSONA,
      id: expect.stringMatching(UUID),
      created_at: expect.any(String),
      org_id: expect.stringMatching(UUID),
    });
    expect(okBody(await call("GET", `/v1/customer-persona/${created.id as string}`))).toEqual(created);
    expect(fx.emulator.records("customerPersonas")[0]?.agent_id).toBe(agentId);
  });

  test("a persona may have no agent; an unknown agent is 404; name, description and goal are required", async () => {
    expect((await persona()).id).toEqual(expect.stringMatching(UUID));
    expect(
      await call("POST", "/v1/create-customer-persona", { body: { ...PERSONA, agent_id: 5 } }),
    ).toMatchObject({
      status: 404,
      body: { detail: "Agent 5 not found" },
    });
    const reply = await call("POST", "/v1/create-customer-persona", { body: { agent_id: null } });
    expect(fieldErrors(reply).map((e) => [e.type, e.loc])).toEqual([
      ["missing", ["body", "name"]],
      ["missing", ["body", "description"]],
      ["missing", ["body", "goal"]],
    ]);
  });

  test("the agent's list holds its personas alone; an unknown agent is 404", async () => {
    const [a, b] = [await make.agent(), await make.agent()];
    const mine = await persona({ agent_id: a });
    await persona({ agent_id: b });
    await persona();

    expect(okBody(await call("GET", `/v1/customer-personas-by-agent/${a}`))).toEqual([mine]);
    expect(await call("GET", "/v1/customer-personas-by-agent/99")).toMatchObject({
      status: 404,
      body: { detail: "Agent not found" },
    });
  });

  test("PUT changes the fields given, leaves null ones, and cannot move the persona to another agent", async () => {
    const agentId = await make.agent();
    const created = await persona({ agent_id: agentId });
    const path = `/v1/update-customer-persona/${created.id as string}`;

    const updated = okBody(await call("PUT", path, { body: { goal: "Cancels", name: null, agent_id: 42 } }));

    expect(updated).toEqual({ ...created, goal: "Cancels" });
    expect(fx.emulator.records("customerPersonas")[0]?.agent_id).toBe(agentId);
  });

  test("DELETE answers the persona; then it is gone", async () => {
    const created = await persona();
    const id = created.id as string;

    expect(okBody(await call("DELETE", `/v1/customer-persona/${id}`))).toEqual(created);
    expect(await call("DELETE", `/v1/customer-persona/${UNKNOWN_ID}`)).toMatchObject({
      status: 404,
      body: { detail: "Customer persona not found" },
    });
    expect(fx.emulator.records("customerPersonas")).toEqual([]);
  });
});
