// Simulation runs over real loopback HTTP: the three queues, the statuses a run goes through as it is
// polled, outcomes set per run, per digital human and per custom metric, and the admin endpoint an
// emulator in another process takes them through.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BluejayEmulator } from "../../../emulator";
import { useEmulator } from "../../helpers/emulator";
import { caller, creators, fieldErrors, okBody, TEST_API_KEY } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

/** An agent (voice unless `agent` says otherwise), a simulation of it and `callers` digital humans in it. */
async function simulationWith(callers: number, agent: Record<string, unknown> = {}) {
  const agentId = await make.agent(agent);
  const simulationId = await make.simulation(agentId);
  const humans: number[] = [];
  for (let i = 0; i < callers; i++) {
    humans.push(
      await make.digitalHuman([simulationId], { name: `Caller ${i + 1}`, success_criteria: "Refund" }),
    );
  }
  return { agentId, simulationId, humans };
}

const queue = async (simulationId: number, body: Record<string, unknown> = {}) =>
  okBody(
    await call("POST", "/v1/queue-simulation-run", {
      body: { simulation_id: String(simulationId), ...body },
    }),
  );
const runsOf = async (simulationId: number) =>
  okBody(await call("GET", `/v1/get-simulation-runs/${simulationId}`)).simulation_runs as Record<
    string,
    unknown
  >[];
const resultsOf = async (runId: unknown) =>
  okBody(await call("GET", `/v1/retrieve-simulation-results/${String(runId)}`));
type Result = { digital_human_id: number; status: string; evaluations: Record<string, unknown>[] | null };

describe("simulation runs", () => {
  test("a queued run answers its id, one result id per digital human and the agent, all as text", async () => {
    const { agentId, simulationId } = await simulationWith(3);

    const queued = await queue(simulationId);

    expect(queued).toEqual({
      simulation_run_id: "1",
      simulation_result_ids: ["1", "2", "3"],
      agent_id: String(agentId),
      status: "success",
    });
  });

  test("each poll moves a run on: INITIALIZING, RUNNING (calls ending one by one), then COMPLETED with its counts", async () => {
    const { simulationId } = await simulationWith(4);
    fx.emulator.setRunOutcome({ polls: 3 });
    await queue(simulationId);

    const seen = [];
    for (let i = 0; i < 4; i++) {
      const [run] = await runsOf(simulationId);
      seen.push([run!.status, run!.tests_completed, run!.total_tests]);
    }

    expect(seen).toEqual([
      ["INITIALIZING", 0, 4],
      ["RUNNING", 2, 4],
      ["COMPLETED", 4, 4],
      ["COMPLETED", 4, 4],
    ]);
    const [run] = await runsOf(simulationId);
    expect(run).toMatchObject({ id: 1, experiment_id: simulationId, tests_passed: 4, tests_failed: 0 });
  });

  test("reading a run's results is a poll too; results show each call's status until it ends", async () => {
    const { simulationId } = await simulationWith(2);
    fx.emulator.setRunOutcome({ polls: 2 });
    const { simulation_run_id: runId } = await queue(simulationId);

    const first = await resultsOf(runId);
    const second = await resultsOf(runId);

    expect(first.simulation_run).toMatchObject({
      id: runId,
      simulation_id: String(simulationId),
      status: "INITIALIZING",
    });
    expect((first.simulation_results as Result[]).map((r) => r.status)).toEqual(["QUEUED", "QUEUED"]);
    expect(second.simulation_run).toMatchObject({ status: "COMPLETED", tests_passed: 2 });
    expect((second.simulation_results as Result[]).map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED"]);
  });

  test("delayMs holds a run until that much time has passed, whatever the polls", async () => {
    const { simulationId } = await simulationWith(1);
    fx.emulator.setRunOutcome({ polls: 1, delayMs: 300 });
    await queue(simulationId);

    const early = (await runsOf(simulationId))[0]!.status;
    await new Promise((resolve) => setTimeout(resolve, 350));
    const late = (await runsOf(simulationId))[0]!.status;

    expect([early, late]).toEqual(["INITIALIZING", "COMPLETED"]);
  });

  test("a hung run never ends", async () => {
    const { simulationId } = await simulationWith(1);
    fx.emulator.setRunOutcome({ hang: true });
    await queue(simulationId);

    for (let i = 0; i < 20; i++) await runsOf(simulationId);

    expect((await runsOf(simulationId))[0]!.status).toBe("RUNNING");
  });

  test("outcomes per digital human and per custom metric: verdict, reasons and grades come back in the evaluation", async () => {
    const { agentId, simulationId, humans } = await simulationWith(3);
    await make.metric({ name: "Empathy", response_type: "yes_no", agent_ids: [agentId] });
    await make.metric({
      name: "Policy",
      response_type: "quantitative",
      min_value: 1,
      max_value: 5,
      agent_ids: [agentId],
    });
    fx.emulator.setRunOutcome({
      polls: 1,
      digitalHumans: {
        [humans[0]!]: {
          passed: false,
          reason: "No refund offered",
          metrics: { Empathy: { value: "no", reason: "Curt" } },
        },
        [humans[2]!]: { status: "INCOMPLETED" },
      },
    });
    const { simulation_run_id: runId } = await queue(simulationId);

    const { simulation_run: run, simulation_results } = await resultsOf(runId);
    const results = simulation_results as Result[];

    expect(run).toMatchObject({
      status: "INCOMPLETED",
      tests_passed: 1,
      tests_failed: 1,
      tests_incompleted: 1,
    });
    expect(results.map((r) => [r.digital_human_id, r.status])).toEqual([
      [humans[0], "COMPLETED"],
      [humans[1], "COMPLETED"],
      [humans[2], "INCOMPLETED"],
    ]);
    const grades = (r: Result) =>
      (
        r.evaluations![0]!.custom_metrics as { name: string; response_value: string; reasoning: string }[]
      ).map(({ name, response_value, reasoning }) => [name, response_value, reasoning]);
    expect(results[0]!.evaluations![0]).toMatchObject({
      goal_success: false,
      goal_reasoning: "No refund offered",
    });
    expect(grades(results[0]!)).toEqual([
      ["Empathy", "no", "Curt"],
      ["Policy", "5", "Graded by the Bluejay emulator."],
    ]);
    expect(results[1]!.evaluations![0]).toMatchObject({ goal_success: true });
    expect(grades(results[1]!)).toEqual([
      ["Empathy", "yes", "Graded by the Bluejay emulator."],
      ["Policy", "5", "Graded by the Bluejay emulator."],
    ]);
    expect(results[2]!.evaluations).toBeNull();
  });

  test("failRate fails the first share of calls by digital human id, the same way every time", async () => {
    const { simulationId, humans } = await simulationWith(10);
    fx.emulator.setRunOutcome({ polls: 1, failRate: 0.3 });

    const verdicts = [];
    for (let i = 0; i < 2; i++) {
      const { simulation_run_id: runId } = await queue(simulationId);
      const results = (await resultsOf(runId)).simulation_results as Result[];
      verdicts.push(
        results.filter((r) => r.evaluations![0]!.goal_success === false).map((r) => r.digital_human_id),
      );
    }

    expect(verdicts).toEqual([humans.slice(0, 3), humans.slice(0, 3)]);
  });

  test("a call out of funds ends the run INSUFFICIENT_FUNDS", async () => {
    const { simulationId } = await simulationWith(2);
    fx.emulator.setRunOutcome({ polls: 1, calls: { status: "INSUFFICIENT_FUNDS" } });
    const { simulation_run_id: runId } = await queue(simulationId);

    const { simulation_run: run, simulation_results } = await resultsOf(runId);

    expect(run).toMatchObject({ status: "INSUFFICIENT_FUNDS", tests_completed: 0 });
    expect((simulation_results as Result[]).map((r) => r.status)).toEqual([
      "INSUFFICIENT_FUNDS",
      "INSUFFICIENT_FUNDS",
    ]);
  });

  test("an outcome is fixed when the run is queued, and may be set for one simulation", async () => {
    const one = await simulationWith(1);
    const two = await simulationWith(1);
    fx.emulator.setRunOutcome({ polls: 1 });
    fx.emulator.setRunOutcome({ polls: 1, calls: { passed: false } }, { simulationId: two.simulationId });
    const first = await queue(one.simulationId);
    const second = await queue(two.simulationId);
    fx.emulator.setRunOutcome({ polls: 1, calls: { passed: false } });

    const passed = async (runId: unknown) =>
      ((await resultsOf(runId)).simulation_results as Result[])[0]!.evaluations![0]!.goal_success;

    expect([await passed(first.simulation_run_id), await passed(second.simulation_run_id)]).toEqual([
      true,
      false,
    ]);
  });

  test("a subset of digital humans runs only those; the overrides are kept on the run", async () => {
    const { simulationId, humans } = await simulationWith(3);

    const queued = await queue(simulationId, {
      digital_human_ids: [String(humans[2]), String(humans[0])],
      phone_number: "+15550100999",
      livekit_metadata: { branch: "pr-7" },
    });

    expect(queued.simulation_result_ids).toHaveLength(2);
    const [stored] = fx.emulator.simulationRuns();
    expect(stored).toMatchObject({
      digital_human_ids: [humans[0], humans[2]],
      overrides: { phone_number: "+15550100999", livekit_metadata: { branch: "pr-7" } },
      queue: "voice",
    });
    expect((await runsOf(simulationId))[0]).toMatchObject({ phone_number: "+15550100999" });
  });

  test("each queue takes only its kind of agent: SMS, HTTP text, voice", async () => {
    const sms = await simulationWith(1, { mode: "TEXT", connection_type: "SMS" });
    const http = await simulationWith(1, { mode: "TEXT", connection_type: "HTTP_WEBHOOK" });
    const voice = await simulationWith(1, { connection_type: "WEBSOCKET" });
    const body = (id: number) => ({ body: { simulation_id: String(id) } });

    expect((await call("POST", "/v1/queue-sms-simulation-run", body(sms.simulationId))).body).toMatchObject({
      simulation_run_id: "1",
      terminated_conversations: [],
    });
    expect((await call("POST", "/v1/queue-http-text-simulation-run", body(http.simulationId))).status).toBe(
      200,
    );
    expect((await call("POST", "/v1/queue-simulation-run", body(voice.simulationId))).status).toBe(200);
    const wrong = await call("POST", "/v1/queue-simulation-run", body(sms.simulationId));
    expect(wrong).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining("/v1/queue-sms-simulation-run") },
    });
    expect((await call("POST", "/v1/queue-sms-simulation-run", body(http.simulationId))).status).toBe(400);
  });

  test("refusals: an unknown simulation or run is a 404, a stranger or an empty simulation a 400, a bad body a 422", async () => {
    const { simulationId } = await simulationWith(1);
    const other = await simulationWith(1);
    const empty = await make.simulation(await make.agent());

    expect((await call("POST", "/v1/queue-simulation-run", { body: { simulation_id: "999" } })).status).toBe(
      404,
    );
    expect((await call("GET", "/v1/get-simulation-runs/999")).status).toBe(404);
    expect((await call("GET", "/v1/retrieve-simulation-results/999")).status).toBe(404);
    const stranger = await call("POST", "/v1/queue-simulation-run", {
      body: { simulation_id: String(simulationId), digital_human_ids: [String(other.humans[0])] },
    });
    expect(stranger).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining("is not in simulation") },
    });
    const missing = await call("POST", "/v1/queue-simulation-run", {
      body: { simulation_id: String(simulationId), digital_human_ids: ["4242"] },
    });
    expect(missing).toMatchObject({ status: 404, body: { detail: "Digital human 4242 not found" } });
    expect(
      (await call("POST", "/v1/queue-simulation-run", { body: { simulation_id: String(empty) } })).status,
    ).toBe(400);
    const bad = await call("POST", "/v1/queue-simulation-run", { body: { prompt_id: "not-a-uuid" } });
    expect(fieldErrors(bad).map((e) => e.loc)).toEqual([
      ["body", "simulation_id"],
      ["body", "prompt_id"],
    ]);
  });

  test("runs are not records of a kind: counts() leaves them out, and reset() forgets them", async () => {
    const { simulationId } = await simulationWith(1);
    await queue(simulationId);

    expect(Object.keys(fx.emulator.counts())).not.toContain("simulationRuns");
    expect(fx.emulator.simulationRuns()).toHaveLength(1);
    fx.emulator.reset();
    expect(fx.emulator.simulationRuns()).toEqual([]);
  });

  test("the admin endpoint sets and clears outcomes for an emulator in another process; it needs the key", async () => {
    const { simulationId } = await simulationWith(2);
    const set = (body: unknown, key?: string | null) =>
      call("PUT", "/_emulator/run-outcome", { body, ...(key === undefined ? {} : { key }) });

    expect((await set({ outcome: { polls: 1 } }, null)).status).toBe(401);
    expect(await set({ outcome: { polls: 0 } })).toMatchObject({
      status: 422,
      body: { detail: expect.stringContaining("outcome.polls") },
    });
    expect(await set({ outcome: { polls: 1, failRate: 1 }, simulation_id: simulationId })).toMatchObject({
      status: 200,
    });
    const failing = await queue(simulationId);
    expect((await call("DELETE", "/_emulator/run-outcome")).status).toBe(200);
    const passing = await queue(simulationId);

    const failed = (r: Result[]) => r.filter((x) => x.evaluations?.[0]?.goal_success === false).length;
    expect(failed((await resultsOf(failing.simulation_run_id)).simulation_results as Result[])).toBe(2);
    await resultsOf(passing.simulation_run_id);
    expect(failed((await resultsOf(passing.simulation_run_id)).simulation_results as Result[])).toBe(0);
    // Not one of Bluejay's operations: the contract test's list of routes does not show it.
    expect(fx.emulator.operations().some((o) => o.path.startsWith("/_emulator"))).toBe(false);
  });

  test("with a data file, runs survive a restart and go on where they were", async () => {
    const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-runs-")), "data.json");
    const first = await BluejayEmulator.start({
      apiKeys: [TEST_API_KEY],
      dataFile,
      runOutcome: { polls: 3 },
    });
    const base = { base: first.url };
    const agent = okBody(
      await call("POST", "/v1/add-agent", {
        ...base,
        body: { name: "A", system_prompt: "p", knowledge_base: "k", goals: [] },
      }),
    );
    const simulation = okBody(
      await call("POST", "/v1/create-simulation", { ...base, body: { agent_id: String(agent.agent_id) } }),
    );
    await call("POST", "/v1/create-digital-human", {
      ...base,
      body: { digital_human: { phone_number: "+1555" }, simulation_ids: [simulation.simulation_id] },
    });
    await call("POST", "/v1/queue-simulation-run", {
      ...base,
      body: { simulation_id: String(simulation.simulation_id) },
    });
    await call("GET", `/v1/get-simulation-runs/${String(simulation.simulation_id)}`, base);
    await first.close();

    const second = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
    const statuses = [];
    for (let i = 0; i < 2; i++) {
      const reply = await call("GET", `/v1/get-simulation-runs/${String(simulation.simulation_id)}`, {
        base: second.url,
      });
      statuses.push((okBody(reply).simulation_runs as { status: string }[])[0]!.status);
    }
    await second.close();

    expect(statuses).toEqual(["RUNNING", "COMPLETED"]);
  });
});
