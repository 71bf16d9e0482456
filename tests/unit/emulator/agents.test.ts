// Agents: add, get, update (id in the body, as a string), delete and list, with Bluejay's shapes.
import { useEmulator } from "../../helpers/emulator";
import { AGENT, UUID, caller, creators, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const AGENT_PYDANTIC_KEYS = [
  "agent_description",
  "connection_type",
  "created_at",
  "custom_sip_headers",
  "enable_outbound_call_auto_start",
  "external_agent_id",
  "folder_id",
  "goals",
  "http_webhook",
  "http_webhook_key",
  "id",
  "keyterms",
  "knowledge_base",
  "livekit_agent_name",
  "livekit_metadata",
  "mode",
  "name",
  "organization_id",
  "phone_number",
  "pipecat_agent_configuration",
  "pipecat_agent_name",
  "pipecat_room_properties",
  "provider_id",
  "redact_pii",
  "simulation_notifications",
  "sip_password",
  "sip_uri",
  "sip_username",
  "type",
  "voice_provider",
  "websocket_password",
  "websocket_url",
  "websocket_username",
];

describe("agents", () => {
  test("add-agent answers only {agent_id: integer, status: '200', http_webhook_key: null}, ids counting up from 1", async () => {
    const first = await call("POST", "/v1/add-agent", { body: AGENT });
    const second = await call("POST", "/v1/add-agent", { body: AGENT });

    expect(first).toMatchObject({
      status: 200,
      body: { agent_id: 1, status: "200", http_webhook_key: null },
    });
    expect(Object.keys(first.body as object).sort()).toEqual(["agent_id", "http_webhook_key", "status"]);
    expect(okBody(second).agent_id).toBe(2);
    expect(fx.emulator.records("agents").map((a) => a.id)).toEqual([1, 2]);
  });

  test("GET /v1/agents/{id} answers AgentPydantic: system_prompt as agent_description, defaults filled, unset fields null", async () => {
    const before = Date.now();
    const id = await make.agent();

    const agent = okBody(await call("GET", `/v1/agents/${id}`));

    expect(Object.keys(agent).sort()).toEqual(AGENT_PYDANTIC_KEYS);
    expect(agent).toMatchObject({
      id,
      name: AGENT.name,
      agent_description: AGENT.system_prompt,
      knowledge_base: AGENT.knowledge_base,
      goals: AGENT.goals,
      organization_id: expect.any(String),
      type: "INBOUND",
      mode: "VOICE",
      redact_pii: false,
      folder_id: null,
      simulation_notifications: {},
      http_webhook_key: null,
      sip_password: null,
    });
    expect("system_prompt" in agent).toBe(false);
    expect(Date.parse(agent.created_at as string)).toBeGreaterThanOrEqual(before);
  });

  test("every AgentRequest field given on add is returned by GET under its AgentPydantic name", async () => {
    const body = {
      ...AGENT,
      phone_number: "+15550199",
      type: "OUTBOUND",
      connection_type: "SIP",
      mode: "TEXT",
      keyterms: ["refund"],
      external_agent_id: "ext-1",
      websocket_url: "wss://agent.example/ws",
      websocket_username: "ws-user",
      websocket_password: "ws-secret",
      sip_uri: "sip:agent@example.com",
      sip_username: "sip-user",
      sip_password: "sip-secret",
      custom_sip_headers: { Tenant: "acme" },
      redact_pii: true,
      livekit_agent_name: "lk",
      livekit_metadata: { a: 1 },
      pipecat_agent_name: "pc",
      pipecat_agent_configuration: { b: [1] },
      pipecat_room_properties: { c: null },
      voice_provider: "eleven",
      provider_id: "p-1",
      enable_outbound_call_auto_start: true,
    };
    const id = await make.agent(body);

    const agent = okBody(await call("GET", `/v1/agents/${id}`));

    const { system_prompt, ...sameName } = body;
    expect(agent).toMatchObject({ ...sameName, agent_description: system_prompt });
  });

  test("websocket_password and sip_password are stored and returned by GET and all-agents, as the OpenAPI answers them", async () => {
    const id = await make.agent({ websocket_password: "ws-secret", sip_password: "sip-secret" });

    const agent = okBody(await call("GET", `/v1/agents/${id}`));
    const all = (await call("GET", "/v1/all-agents")).body as Record<string, unknown>[];

    expect(agent).toMatchObject({ websocket_password: "ws-secret", sip_password: "sip-secret" });
    expect(all[0]).toMatchObject({ websocket_password: "ws-secret", sip_password: "sip-secret" });
  });

  test("add-agent with http_webhook answers a generated http_webhook_key, which GET returns too", async () => {
    const reply = okBody(
      await call("POST", "/v1/add-agent", { body: { ...AGENT, http_webhook: "https://hook" } }),
    );

    expect(reply.http_webhook_key).toEqual(expect.stringMatching(/^whsec_[0-9a-f]{48}$/));
    expect(okBody(await call("GET", `/v1/agents/${String(reply.agent_id)}`))).toMatchObject({
      http_webhook: "https://hook",
      http_webhook_key: reply.http_webhook_key,
    });
  });

  test("folder (a name) is answered as folder_id (a UUID); the same name gives the same id", async () => {
    const a = await make.agent({ folder: "Support" });
    const b = await make.agent({ folder: "Support" });
    const c = await make.agent({ folder: "Sales" });

    const ids = await Promise.all(
      [a, b, c].map(async (id) => okBody(await call("GET", `/v1/agents/${id}`)).folder_id),
    );

    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  test("update-agent takes agent_id as a string in the body and answers {agent: <AgentUpdateRequest shape>, status, http_webhook_key}", async () => {
    const id = await make.agent({ folder: "Support" });

    const reply = okBody(
      await call("POST", "/v1/update-agent", {
        body: { agent_id: String(id), name: "Renamed", system_prompt: "New" },
      }),
    );

    expect(reply).toMatchObject({ status: "200", http_webhook_key: null });
    expect(reply.agent).toMatchObject({
      agent_id: String(id),
      name: "Renamed",
      system_prompt: "New",
      knowledge_base: AGENT.knowledge_base,
      folder: "Support",
    });
    expect(okBody(await call("GET", `/v1/agents/${id}`))).toMatchObject({
      name: "Renamed",
      agent_description: "New",
    });
  });

  test("update-agent leaves null and absent fields as they are and changes only the fields given", async () => {
    const id = await make.agent({ phone_number: "+1555", redact_pii: true, keyterms: ["a"] });
    const before = okBody(await call("GET", `/v1/agents/${id}`));

    await call("POST", "/v1/update-agent", {
      body: { agent_id: String(id), name: null, phone_number: null, redact_pii: null, keyterms: ["b"] },
    });

    expect(okBody(await call("GET", `/v1/agents/${id}`))).toEqual({ ...before, keyterms: ["b"] });
  });

  test("update-agent setting http_webhook answers a new http_webhook_key; a later update keeps the same key", async () => {
    const id = String(await make.agent());

    const first = okBody(
      await call("POST", "/v1/update-agent", { body: { agent_id: id, http_webhook: "https://a" } }),
    );
    const second = okBody(
      await call("POST", "/v1/update-agent", { body: { agent_id: id, http_webhook: "https://b" } }),
    );

    expect(first.http_webhook_key).toEqual(expect.stringMatching(/^whsec_/));
    expect(second.http_webhook_key).toBe(first.http_webhook_key);
    expect(fx.emulator.records("agents")[0]).toMatchObject({
      http_webhook: "https://b",
      http_webhook_key: first.http_webhook_key,
    });
  });

  test.each([
    ["an unknown", "99"],
    ["a non-numeric", "abc"],
    ["a null", null],
  ])('update-agent with %s agent_id gives 404 {"detail": "Agent not found"}', async (_case, agentId) => {
    await make.agent();

    const reply = await call("POST", "/v1/update-agent", { body: { agent_id: agentId, name: "x" } });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Agent not found" } });
    expect(fx.emulator.records("agents")[0]?.name).toBe(AGENT.name);
  });

  test("all-agents answers a bare array of every agent (AgentPydantic), in creation order", async () => {
    await make.agent({ name: "a" });
    await make.agent({ name: "b" });

    const reply = await call("GET", "/v1/all-agents");

    expect(Array.isArray(reply.body)).toBe(true);
    expect((reply.body as { id: number; name: string }[]).map((a) => [a.id, a.name])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  test("all-agents with no agents answers []", async () => {
    expect(await call("GET", "/v1/all-agents")).toMatchObject({ status: 200, body: [] });
  });

  test("DELETE /v1/agent/{id} answers {agent_id, status: '200'} and the agent is gone", async () => {
    const id = await make.agent();

    expect(await call("DELETE", `/v1/agent/${id}`)).toMatchObject({
      status: 200,
      body: { agent_id: id, status: "200" },
    });
    expect((await call("GET", `/v1/agents/${id}`)).status).toBe(404);
    expect(await call("DELETE", `/v1/agent/${id}`)).toMatchObject({
      status: 404,
      body: { detail: "Agent not found" },
    });
  });

  test("an agent that still has simulations is not deleted: 409 naming the simulations; once they are deleted, it is", async () => {
    const agentId = await make.agent();
    const s1 = await make.simulation(agentId);
    const s2 = await make.simulation(agentId);

    const refused = await call("DELETE", `/v1/agent/${agentId}`);

    expect(refused).toMatchObject({
      status: 409,
      body: { detail: `Agent ${agentId} still has simulations (${s1}, ${s2}); delete them first` },
    });
    expect(fx.emulator.records("agents")).toHaveLength(1);
    expect(fx.emulator.records("simulations")).toHaveLength(2);

    await call("DELETE", `/v1/simulation/${s1}`);
    await call("DELETE", `/v1/simulation/${s2}`);
    expect((await call("DELETE", `/v1/agent/${agentId}`)).status).toBe(200);
  });

  test("deleting an agent removes it from the agent_ids of custom metrics", async () => {
    const a = await make.agent();
    const b = await make.agent();
    const metric = await make.metric({ agent_ids: [a, b] });

    await call("DELETE", `/v1/agent/${a}`);

    expect(okBody(await call("GET", `/v1/custom-metric/${metric}`)).agent_ids).toEqual([b]);
  });

  test('GET of an unknown agent id gives 404 {"detail": "Agent not found"}', async () => {
    expect(await call("GET", "/v1/agents/42")).toMatchObject({
      status: 404,
      body: { detail: "Agent not found" },
    });
  });

  test("fields the model does not declare are ignored on add and update", async () => {
    const reply = await call("POST", "/v1/add-agent", { body: { ...AGENT, surprise: true } });
    const id = okBody(reply).agent_id as number;
    await call("POST", "/v1/update-agent", { body: { agent_id: String(id), extra: 1 } });

    expect("surprise" in okBody(await call("GET", `/v1/agents/${id}`))).toBe(false);
  });
});
