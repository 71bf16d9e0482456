// Simulations: create (agent_id as a string), get, update, delete and the two lists, with Bluejay's
// shapes, and the reference to an existing agent kept honest.
import { useEmulator } from "../../helpers/emulator";
import { caller, creators, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const SETTINGS_DEFAULTS = {
  prompt_id: null,
  knowledge_base_id: null,
  sequential_calling: false,
  hangup_on_transfer: false,
  max_call_duration: 10,
  max_call_duration_units: "minutes",
  digital_humans_settings: null,
  selected_custom_metrics: null,
  custom_metrics_failing_threshold: null,
  custom_metrics_passing_threshold: null,
};

describe("simulations", () => {
  test("create-simulation answers only {simulation_id: integer, status: '200'}; simulation ids count from 1 on their own", async () => {
    await make.agent();
    const agentId = await make.agent();

    const reply = await call("POST", "/v1/create-simulation", { body: { agent_id: String(agentId) } });

    expect(reply).toMatchObject({ status: 200, body: { simulation_id: 1, status: "200" } });
    expect(Object.keys(reply.body as object).sort()).toEqual(["simulation_id", "status"]);
    expect(await make.simulation(agentId)).toBe(2);
  });

  test("GET answers SimulationPydantic: agent_id as an integer, defaults filled, create-only fields inside settings", async () => {
    const agentId = await make.agent();
    const before = Date.now();
    const id = await make.simulation(agentId, { name: "Smoke", description: "d" });

    const simulation = okBody(await call("GET", `/v1/simulation/${id}`));

    expect(simulation).toEqual({
      id,
      agent_id: agentId,
      name: "Smoke",
      created_at: expect.any(String),
      settings: SETTINGS_DEFAULTS,
      type: "parallel",
      max_concurrent: null,
      max_turns: null,
      ringing_timeout: 300,
      tags: null,
      description: "d",
      pinned: false,
      always_on: false,
    });
    expect(Date.parse(simulation.created_at as string)).toBeGreaterThanOrEqual(before);
  });

  test("every SimulationRequest field is kept: top-level ones as such, the rest in settings (digital_humans_settings with defaults)", async () => {
    const agentId = await make.agent();
    const metric = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const id = await make.simulation(agentId, {
      prompt_id: "7C9E6679-7425-40DE-944B-E07FC1F90AE7",
      knowledge_base_id: null,
      hangup_on_transfer: true,
      max_call_duration: 90,
      max_call_duration_units: "seconds",
      ringing_timeout: 30,
      digital_humans_settings: { default_name: "Ann", num_runs: 3 },
      selected_custom_metrics: [metric],
      custom_metrics_failing_threshold: 20,
      custom_metrics_passing_threshold: 80,
      always_on: true,
    });

    const simulation = okBody(await call("GET", `/v1/simulation/${id}`));

    expect(simulation).toMatchObject({
      ringing_timeout: 30,
      always_on: true,
      settings: {
        ...SETTINGS_DEFAULTS,
        prompt_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        hangup_on_transfer: true,
        max_call_duration: 90,
        max_call_duration_units: "seconds",
        digital_humans_settings: {
          default_name: "Ann",
          default_caller_number: "random",
          default_language: "random",
          default_background_noise: "none",
          first_message: "ai_generated",
          num_runs: 3,
        },
        selected_custom_metrics: [metric],
        custom_metrics_failing_threshold: 20,
        custom_metrics_passing_threshold: 80,
      },
    });
  });

  test("type is 'sequential' with sequential_calling, 'max_concurrent' with max_concurrent, and 'parallel' otherwise", async () => {
    const agentId = await make.agent();
    const sequential = await make.simulation(agentId, { sequential_calling: true, max_concurrent: 5 });
    const limited = await make.simulation(agentId, { max_concurrent: 5 });
    const parallel = await make.simulation(agentId);

    const types = fx.emulator.records("simulations").map((s) => [s.id, s.type, s.max_concurrent]);

    expect(types).toEqual([
      [sequential, "sequential", 5],
      [limited, "max_concurrent", 5],
      [parallel, "parallel", null],
    ]);
  });

  test.each([
    ["an unknown", "42"],
    ["a non-numeric", "abc"],
  ])(
    "create-simulation for %s agent_id answers 404 naming the agent and creates nothing",
    async (_case, agentId) => {
      const reply = await call("POST", "/v1/create-simulation", { body: { agent_id: agentId } });

      expect(reply).toMatchObject({ status: 404, body: { detail: `Agent ${agentId} not found` } });
      expect(fx.emulator.records("simulations")).toEqual([]);
    },
  );

  test("PUT changes only the fields given (null leaves a value as is), create-only fields inside settings, and answers the simulation", async () => {
    const agentId = await make.agent();
    const id = await make.simulation(agentId, { name: "Old", description: "keep" });
    const before = okBody(await call("GET", `/v1/simulation/${id}`));

    const reply = await call("PUT", `/v1/simulation/${id}`, {
      body: {
        name: "New",
        description: null,
        max_turns: 12,
        tags: ["smoke"],
        pinned: true,
        max_call_duration: 3,
        digital_humans_settings: { anything: "goes" },
      },
    });

    const expected = {
      ...before,
      name: "New",
      max_turns: 12,
      tags: ["smoke"],
      pinned: true,
      settings: { ...SETTINGS_DEFAULTS, max_call_duration: 3, digital_humans_settings: { anything: "goes" } },
    };
    expect(reply).toMatchObject({ status: 200, body: expected });
    expect(okBody(await call("GET", `/v1/simulation/${id}`))).toEqual(expected);
  });

  test("PUT setting max_concurrent turns a parallel simulation into type max_concurrent", async () => {
    const id = await make.simulation(await make.agent());

    const reply = okBody(await call("PUT", `/v1/simulation/${id}`, { body: { max_concurrent: 10 } }));

    expect(reply).toMatchObject({ type: "max_concurrent", max_concurrent: 10 });
  });

  test("PUT on a simulation whose agent is gone answers 404 naming the agent and changes nothing", async () => {
    const agentId = await make.agent();
    const id = await make.simulation(agentId, { name: "orphan" });
    fx.emulator.stores.agents.delete(agentId);

    const reply = await call("PUT", `/v1/simulation/${id}`, { body: { name: "changed" } });

    expect(reply).toMatchObject({ status: 404, body: { detail: `Agent ${agentId} not found` } });
    expect(fx.emulator.records("simulations")[0]?.name).toBe("orphan");
  });

  test("DELETE answers {message, deleted_simulation_id}; the simulation is gone and digital humans lose the link", async () => {
    const agentId = await make.agent();
    const doomed = await make.simulation(agentId);
    const kept = await make.simulation(agentId);
    const human = await make.digitalHuman([doomed, kept]);

    const reply = await call("DELETE", `/v1/simulation/${doomed}`);

    expect(reply).toMatchObject({
      status: 200,
      body: { message: `Simulation ${doomed} deleted successfully`, deleted_simulation_id: doomed },
    });
    expect((await call("GET", `/v1/simulation/${doomed}`)).status).toBe(404);
    expect(okBody(await call("GET", `/v1/digital-human/${human}`)).simulation_ids).toEqual([kept]);
  });

  test("get-simulations-by-agent lists that agent's simulations as SimulationRes {id, name, agent_id, created_at, settings}", async () => {
    const a = await make.agent();
    const b = await make.agent();
    const s1 = await make.simulation(a, { name: "one" });
    await make.simulation(b, { name: "other" });
    const s3 = await make.simulation(a, { name: "three" });

    const reply = okBody(await call("GET", `/v1/get-simulations-by-agent/${a}`));
    const simulations = reply.simulations as Record<string, unknown>[];

    expect(simulations.map((s) => [s.id, s.name, s.agent_id])).toEqual([
      [s1, "one", a],
      [s3, "three", a],
    ]);
    expect(Object.keys(simulations[0]!).sort()).toEqual(["agent_id", "created_at", "id", "name", "settings"]);
  });

  test.each(["42", "abc"])(
    'get-simulations-by-agent for agent %j (a string path parameter) answers 404 {"detail": "Agent not found"}',
    async (agentId) => {
      expect(await call("GET", `/v1/get-simulations-by-agent/${agentId}`)).toMatchObject({
        status: 404,
        body: { detail: "Agent not found" },
      });
    },
  );

  test("get-all-simulations lists every simulation of every agent, in creation order", async () => {
    const a = await make.agent();
    const b = await make.agent();
    await make.simulation(a);
    await make.simulation(b);

    const reply = okBody(await call("GET", "/v1/get-all-simulations"));

    expect((reply.simulations as { id: number; agent_id: number }[]).map((s) => [s.id, s.agent_id])).toEqual([
      [1, a],
      [2, b],
    ]);
    expect(okBody(await call("GET", "/v1/get-all-simulations"))).toEqual(reply);
  });

  test.each([
    ["GET", undefined],
    ["PUT", { name: "x" }],
    ["DELETE", undefined],
  ])(
    '%s /v1/simulation/{id} for an unknown id gives 404 {"detail": "Simulation not found"}',
    async (method, body) => {
      expect(await call(method, "/v1/simulation/77", { body })).toMatchObject({
        status: 404,
        body: { detail: "Simulation not found" },
      });
    },
  );
});
