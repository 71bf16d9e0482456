// `client.simulationRuns`: the three queues, a simulation's runs and a run's results, against the
// emulator over loopback: ids as numbers whatever Bluejay sends them as, inputs checked before
// anything is sent, a lost queue answer reported as ambiguous and never sent twice.
import { BluejayAmbiguousCreateError, BluejayApiError, BluejayInputError } from "../../../provider/client";
import { makeAgentChain, requestLog, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();

describe("client.simulationRuns", () => {
  test("queue sends the ids as text and the overrides in snake_case; the run comes back with whole-number ids", async () => {
    const client = fx.client();
    const { simulation, human, agent } = await makeAgentChain(client);

    const queued = await client.simulationRuns.queue({
      simulationId: simulation.simulationId,
      digitalHumanIds: [human.digitalHumanId],
      phoneNumber: "+15550100999",
      livekitMetadata: { branch: "pr-9" },
    });

    expect(queued).toEqual({
      simulationRunId: 1,
      simulationResultIds: [1],
      agentId: agent.agentId,
      status: "success",
    });
    expect(fx.emulator.simulationRuns()[0]).toMatchObject({
      digital_human_ids: [human.digitalHumanId],
      overrides: { phone_number: "+15550100999", livekit_metadata: { branch: "pr-9" } },
    });
  });

  test("list and results read a run as it moves on, in camelCase with the evaluation kept as Bluejay sends it", async () => {
    const client = fx.client();
    const { simulation, human } = await makeAgentChain(client);
    fx.emulator.setRunOutcome({ polls: 2, calls: { passed: false, reason: "No refund" } });
    const { simulationRunId } = await client.simulationRuns.queue({ simulationId: simulation.simulationId });

    const [first] = await client.simulationRuns.list(simulation.simulationId);
    const results = await client.simulationRuns.results(simulationRunId);

    expect(first).toMatchObject({
      simulationRunId,
      simulationId: simulation.simulationId,
      status: "INITIALIZING",
    });
    expect(results.run).toMatchObject({
      simulationRunId,
      simulationId: simulation.simulationId,
      status: "COMPLETED",
      testsFailed: 1,
    });
    expect(results.results).toEqual([
      expect.objectContaining({
        simulationResultId: 1,
        digitalHumanId: human.digitalHumanId,
        status: "COMPLETED",
        evaluations: [expect.objectContaining({ goal_success: false, goal_reasoning: "No refund" })],
      }),
    ]);
  });

  test("queueSms and queueHttpText reach their own operations", async () => {
    const client = fx.client();
    for (const [connectionType, queue] of [
      ["SMS", "queueSms"],
      ["HTTP_WEBHOOK", "queueHttpText"],
    ] as const) {
      const agent = await client.agents.create({
        name: connectionType,
        systemPrompt: "p",
        knowledgeBase: "k",
        goals: [],
        mode: "TEXT",
        connectionType,
      });
      const simulation = await client.simulations.create({ agentId: agent.agentId, name: "S" });
      await client.digitalHumans.create({
        phoneNumber: "+1555",
        intent: "i",
        successCriteria: "s",
        simulationIds: [simulation.simulationId],
      });
      const queued = await client.simulationRuns[queue]({ simulationId: simulation.simulationId });
      expect(queued.agentId).toBe(agent.agentId);
    }
    expect(requestLog(fx.emulator).filter((r) => r.path.startsWith("/v1/queue"))).toEqual([
      expect.objectContaining({ path: "/v1/queue-sms-simulation-run", status: 200 }),
      expect.objectContaining({ path: "/v1/queue-http-text-simulation-run", status: 200 }),
    ]);
  });

  test("bad inputs fail before anything is sent, naming each field", async () => {
    const client = fx.client();

    const error = await client.simulationRuns
      .queue({ simulationId: -1, promptId: "not-a-uuid", digitalHumanIds: [] })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BluejayInputError);
    expect((error as BluejayInputError).message).toMatch(/simulationId.*promptId|promptId.*simulationId/s);
    expect((error as BluejayInputError).message).toContain(
      "digitalHumanIds must name at least one digital human",
    );
    expect(fx.emulator.requests).toEqual([]);
  });

  test("a queue whose answer is lost is ambiguous (the run may exist) and is not sent again", async () => {
    const client = fx.client();
    const { simulation } = await makeAgentChain(client);
    fx.emulator.injectFault({ method: "POST", path: "/v1/queue-simulation-run", commit: true, drop: true });

    const error = await client.simulationRuns
      .queue({ simulationId: simulation.simulationId })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BluejayAmbiguousCreateError);
    expect((error as BluejayAmbiguousCreateError).kind).toBe("SimulationRun");
    expect(fx.emulator.simulationRuns()).toHaveLength(1);
    expect(requestLog(fx.emulator).filter((r) => r.path === "/v1/queue-simulation-run")).toHaveLength(1);
  });

  test("an unknown run or simulation is a 404 naming it", async () => {
    const client = fx.client();

    const run = await client.simulationRuns.results(77).catch((e: unknown) => e);
    const simulation = await client.simulationRuns.list(78).catch((e: unknown) => e);

    expect(run).toBeInstanceOf(BluejayApiError);
    expect((run as BluejayApiError).resource).toEqual({ kind: "simulation run", id: "77" });
    expect((simulation as BluejayApiError).resource).toEqual({ kind: "simulation", id: "78" });
  });
});
