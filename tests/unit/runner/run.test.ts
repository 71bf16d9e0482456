// `runSimulations` against the emulator over loopback: it queues through the right queue, waits
// with backoff, reads back, and answers the verdict for every way a run can end: passing, failing
// the gate, timing out, running out of funds, interrupted, refused. No fetch is mocked.
import { BluejayClient } from "../../../provider/client";
import { runSimulations, type RunSimulationsOptions } from "../../../provider/runner";
import { renderJson } from "../../../provider/runner/report/json";
import { renderJunit } from "../../../provider/runner/report/junit";
import { renderMarkdown } from "../../../provider/runner/report/markdown";
import { renderTable } from "../../../provider/runner/report/table";
import { requestLog, TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();

/** An agent with two metrics, and `simulations` simulations of `callers` digital humans each. */
async function environment(
  client: BluejayClient,
  {
    simulations = 1,
    callers = 3,
    agent = {},
  }: { simulations?: number; callers?: number; agent?: object } = {},
) {
  const made = await client.agents.create({
    name: "Support bot",
    systemPrompt: "p",
    knowledgeBase: "k",
    goals: [],
    ...agent,
  });
  await client.customMetrics.create({
    name: "Empathy",
    description: "d",
    responseType: "yes_no",
    agentIds: [made.agentId],
  });
  const simulationIds: number[] = [];
  const humans: number[][] = [];
  for (let s = 0; s < simulations; s++) {
    const simulation = await client.simulations.create({
      agentId: made.agentId,
      name: `Simulation ${s + 1}`,
    });
    simulationIds.push(simulation.simulationId);
    const ids: number[] = [];
    for (let c = 0; c < callers; c++) {
      const human = await client.digitalHumans.create({
        name: `Caller ${s + 1}.${c + 1}`,
        phoneNumber: "+15550100101",
        intent: "Wants a refund",
        successCriteria: "The agent offers a refund",
        simulationIds: [simulation.simulationId],
      });
      ids.push(human.digitalHumanId);
    }
    humans.push(ids);
  }
  return { agentId: made.agentId, simulationIds, humans };
}

const fast = { pollIntervalMs: 5, maxPollIntervalMs: 20 } satisfies Partial<RunSimulationsOptions>;

describe("runSimulations", () => {
  test("every call passes: exit code 0, each run reported call by call", async () => {
    const client = fx.client();
    const { simulationIds, humans } = await environment(client, { simulations: 2, callers: 2 });
    fx.emulator.setRunOutcome({ polls: 3 });
    const events: string[] = [];

    const report = await runSimulations({
      client,
      simulationIds,
      ...fast,
      onProgress: (e) => events.push(e.type),
    });

    expect(report.verdict).toMatchObject({ outcome: "passed", exitCode: 0 });
    expect(report.verdict.message).toBe("Gate passed: 4 of 4 calls passed (100%; --min-pass-rate 100%).");
    expect(
      report.runs.map((r) => [
        r.simulationId,
        r.status,
        r.ended,
        r.calls.map((c) => [c.digitalHumanId, c.verdict]),
      ]),
    ).toEqual([
      [simulationIds[0], "COMPLETED", true, humans[0]!.map((id) => [id, "passed"])],
      [simulationIds[1], "COMPLETED", true, humans[1]!.map((id) => [id, "passed"])],
    ]);
    expect(report.runs[0]!.calls[0]).toMatchObject({
      name: "Caller 1.1",
      metrics: [{ name: "Empathy", value: "yes", passed: true }],
    });
    expect(events.filter((e) => e === "queued")).toHaveLength(2);
    expect(events.filter((e) => e === "ended")).toHaveLength(2);
    // Three polls per simulation end each run: one request per simulation per round, then its results once.
    const log = requestLog(fx.emulator);
    expect(log.filter((r) => r.path.startsWith("/v1/get-simulation-runs/"))).toHaveLength(6);
    expect(log.filter((r) => r.path.startsWith("/v1/retrieve-simulation-results/"))).toHaveLength(2);
    expect(report.stats).toMatchObject({ rounds: 3, polls: 6, failedPolls: 0 });
  });

  test("a failure rate that crosses --min-pass-rate fails the gate: exit code 1, naming the rate", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 4 });
    fx.emulator.setRunOutcome({ polls: 1, failRate: 0.5 });

    const atHalf = await runSimulations({ client, simulationIds, minPassRate: 0.5, ...fast });
    const above = await runSimulations({ client, simulationIds, minPassRate: 0.75, ...fast });

    expect(atHalf.verdict.exitCode).toBe(0);
    expect(above.verdict).toMatchObject({ outcome: "failed", exitCode: 1 });
    expect(above.verdict.message).toBe("Gate failed: 2 of 4 calls passed (50%), below --min-pass-rate 75%.");
    expect(above.runs[0]!.calls.filter((c) => c.verdict === "failed")[0]!.reasons).toEqual([
      "The agent did not meet the criteria: The agent offers a refund.",
    ]);
  });

  test("a metric threshold fails the gate on its own; the metric's reasons reach the failing calls", async () => {
    const client = fx.client();
    const { simulationIds, humans } = await environment(client, { callers: 2 });
    fx.emulator.setRunOutcome({
      polls: 1,
      digitalHumans: {
        [humans[0]![0]!]: { metrics: { Empathy: { value: "no", reason: "Ignored the frustration." } } },
      },
    });

    const report = await runSimulations({
      client,
      simulationIds,
      minPassRate: 0,
      metrics: [{ metric: "Empathy", min: 0.9 }],
      ...fast,
    });

    expect(report.verdict).toMatchObject({
      exitCode: 1,
      failures: ["Empathy passed in 50% of 2 calls, below 90%."],
    });
    expect(report.runs[0]!.calls[0]!.reasons).toEqual(["Empathy: no (Ignored the frustration.)"]);
  });

  test("a run that does not end within --timeout: exit code 2, the run named and left going", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 1 });
    fx.emulator.setRunOutcome({ hang: true });

    const started = Date.now();
    const report = await runSimulations({ client, simulationIds, timeoutMs: 300, ...fast });

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(report.verdict).toMatchObject({ outcome: "unjudged", exitCode: 2, cause: "timeout" });
    expect(report.verdict.message).toContain(
      "run 1 of Simulation 1 (simulation 1) had not ended after 0.3 s (--timeout).",
    );
    expect(report.verdict.message).toContain("`npx pulumi-bluejay test --run 1`");
    expect(report.runs[0]).toMatchObject({ ended: false, status: "RUNNING" });
    expect(fx.emulator.simulationRuns()[0]).toMatchObject({ status: "RUNNING" });
  });

  test("insufficient funds: exit code 2, and what to do", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 2 });
    fx.emulator.setRunOutcome({ polls: 2, calls: { status: "INSUFFICIENT_FUNDS" } });

    const report = await runSimulations({ client, simulationIds, ...fast });

    expect(report.verdict).toMatchObject({ exitCode: 2, cause: "insufficient-funds" });
    expect(report.verdict.message).toBe(
      "Bluejay stopped run 1 of Simulation 1 (simulation 1) for insufficient funds: add credit to the Bluejay workspace and run again.",
    );
  });

  test("aborting the wait (Ctrl-C) leaves the runs going and names them: exit code 130", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { simulations: 2, callers: 1 });
    fx.emulator.setRunOutcome({ hang: true });
    const interrupt = new AbortController();

    const report = await runSimulations({
      client,
      simulationIds,
      ...fast,
      signal: interrupt.signal,
      onProgress: (e) => e.type === "status" && interrupt.abort(),
    });

    expect(report.verdict).toMatchObject({ exitCode: 130, cause: "interrupted" });
    expect(report.verdict.message).toContain("nothing was cancelled");
    expect(report.verdict.message).toContain("`npx pulumi-bluejay test --run 1 --run 2`");
    expect(fx.emulator.simulationRuns().map((r) => r.status)).toEqual(["INITIALIZING", "INITIALIZING"]);
    expect(fx.emulator.writes.filter((w) => w.method === "DELETE")).toEqual([]);
  });

  test("--run judges runs already queued, queueing nothing", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 2 });
    fx.emulator.setRunOutcome({ polls: 3, failRate: 0.5 });
    const { simulationRunId } = await client.simulationRuns.queue({ simulationId: simulationIds[0]! });
    fx.emulator.clearRequests();

    const report = await runSimulations({ client, runIds: [simulationRunId], minPassRate: 0.5, ...fast });

    expect(report.verdict.exitCode).toBe(0);
    expect(report.runs[0]).toMatchObject({
      simulationRunId,
      simulationName: "Simulation 1",
      status: "COMPLETED",
    });
    expect(report.runs[0]!.calls.map((c) => [c.name, c.verdict])).toEqual([
      ["Caller 1.1", "failed"],
      ["Caller 1.2", "passed"],
    ]);
    expect(fx.emulator.writes).toEqual([]);
  });

  test("a subset of digital humans and the overrides are sent with the run", async () => {
    const client = fx.client();
    const { simulationIds, humans } = await environment(client, { simulations: 2, callers: 3 });
    fx.emulator.setRunOutcome({ polls: 1 });

    const report = await runSimulations({
      client,
      simulationIds,
      digitalHumanIds: [humans[0]![2]!, humans[0]![0]!],
      overrides: { phoneNumber: "+15550100999", livekitMetadata: { branch: "pr-7" } },
      ...fast,
    });

    expect(report.verdict.exitCode).toBe(0);
    expect(report.skipped).toEqual([
      {
        simulationId: simulationIds[1],
        simulationName: "Simulation 2",
        reason: "none of its digital humans is one of --digital-human",
      },
    ]);
    expect(fx.emulator.simulationRuns()).toEqual([
      expect.objectContaining({
        simulation_id: simulationIds[0],
        digital_human_ids: [humans[0]![0], humans[0]![2]],
        overrides: { phone_number: "+15550100999", livekit_metadata: { branch: "pr-7" } },
      }),
    ]);
  });

  test("each agent's runs go through its own queue: voice, SMS, HTTP text", async () => {
    const client = fx.client();
    const voice = await environment(client, { callers: 1, agent: { connectionType: "WEBSOCKET" } });
    const sms = await environment(client, { callers: 1, agent: { mode: "TEXT", connectionType: "SMS" } });
    const http = await environment(client, {
      callers: 1,
      agent: { mode: "TEXT", connectionType: "HTTP_WEBHOOK" },
    });
    fx.emulator.setRunOutcome({ polls: 1 });

    const report = await runSimulations({
      client,
      simulationIds: [...voice.simulationIds, ...sms.simulationIds, ...http.simulationIds],
      ...fast,
    });

    expect(report.verdict.exitCode).toBe(0);
    expect(report.runs.map((r) => r.queue)).toEqual(["voice", "sms", "http_text"]);
    expect(
      requestLog(fx.emulator)
        .filter((r) => r.path.startsWith("/v1/queue"))
        .map((r) => r.path),
    ).toEqual([
      "/v1/queue-simulation-run",
      "/v1/queue-sms-simulation-run",
      "/v1/queue-http-text-simulation-run",
    ]);
  });

  test("an override the agent's queue does not take: exit code 2 naming it, and nothing queued", async () => {
    const client = fx.client();
    const voice = await environment(client, { callers: 1 });
    const sms = await environment(client, { callers: 1, agent: { mode: "TEXT", connectionType: "SMS" } });

    const report = await runSimulations({
      client,
      simulationIds: [...voice.simulationIds, ...sms.simulationIds],
      overrides: { sipUri: "sip:bot@example.com" },
      ...fast,
    });

    expect(report.verdict).toMatchObject({ exitCode: 2, cause: "error" });
    expect(report.verdict.message).toContain(
      "Simulation 2 (Simulation 1) runs through POST /v1/queue-sms-simulation-run, which does not take --sip-uri",
    );
    expect(fx.emulator.simulationRuns()).toEqual([]);
  });

  test("an unknown simulation: exit code 2 naming it, nothing queued", async () => {
    const client = fx.client();

    const report = await runSimulations({ client, simulationIds: [404], ...fast });

    expect(report.verdict).toMatchObject({ exitCode: 2, cause: "error" });
    expect(report.verdict.message).toContain(
      "Bluejay has no simulation with id 404 (GET /v1/simulation/404 returned 404). Check the ids given to --simulation; " +
        "with --stack, run `pulumi refresh` then `pulumi up` to bring the stack's simulations back.",
    );
  });

  test("an unknown run: exit code 2, the advice says to check --run", async () => {
    const client = fx.client();

    const report = await runSimulations({ client, runIds: [404], ...fast });

    expect(report.verdict).toMatchObject({ exitCode: 2, cause: "error" });
    expect(report.verdict.message).toContain("returned 404). Check the ids given to --run");
  });

  test("polls that fail for a reason that may pass are tried again at the next round", async () => {
    const client = fx.client({ maxRetries: 0 });
    const { simulationIds } = await environment(client, { callers: 1 });
    fx.emulator.setRunOutcome({ polls: 2 });
    fx.emulator.injectFault({
      method: "GET",
      path: `/v1/get-simulation-runs/${simulationIds[0]}`,
      status: 503,
      times: 2,
    });
    const failures: string[] = [];

    const report = await runSimulations({
      client,
      simulationIds,
      ...fast,
      onProgress: (e) => e.type === "poll-failed" && failures.push(e.message),
    });

    expect(report.verdict.exitCode).toBe(0);
    expect(report.stats.failedPolls).toBe(2);
    expect(failures[0]).toContain("503");
  });

  test("a queue whose answer is lost is found among the simulation's runs, not queued twice", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 1 });
    fx.emulator.setRunOutcome({ polls: 1 });
    fx.emulator.injectFault({ method: "POST", path: "/v1/queue-simulation-run", commit: true, drop: true });

    const report = await runSimulations({ client, simulationIds, ...fast });

    expect(report.verdict.exitCode).toBe(0);
    expect(fx.emulator.simulationRuns()).toHaveLength(1);
    expect(report.runs[0]!.simulationRunId).toBe(1);
  });

  test("a queue whose answer is lost before Bluejay got it is sent again", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 1 });
    fx.emulator.setRunOutcome({ polls: 1 });
    fx.emulator.injectFault({ method: "POST", path: "/v1/queue-simulation-run", drop: true });

    const report = await runSimulations({ client, simulationIds, ...fast });

    expect(report.verdict.exitCode).toBe(0);
    expect(fx.emulator.simulationRuns()).toHaveLength(1);
  });

  test("the API key appears in no report and no message, even when Bluejay refuses it", async () => {
    const client = fx.client();
    const { simulationIds } = await environment(client, { callers: 2 });
    fx.emulator.setRunOutcome({ polls: 1, failRate: 0.5 });
    const passing = await runSimulations({ client, simulationIds, ...fast });
    const refused = await runSimulations({
      client: fx.client({ apiKey: `${TEST_API_KEY}-wrong` }),
      simulationIds,
      ...fast,
    });

    expect(refused.verdict.message).toContain("Bluejay refused the API key");
    for (const report of [passing, refused]) {
      const everything = [
        renderTable(report),
        renderJunit(report),
        renderMarkdown(report),
        renderJson(report),
      ].join("\n");
      expect(everything).not.toContain(TEST_API_KEY);
    }
  });
});
