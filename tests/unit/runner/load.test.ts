// Load and requests: 50 digital humans over 5 simulations, each run ending at a set pace (after 2
// polls and 0.4 s to 2 s), against the emulator over loopback. The wall time of `runSimulations`
// stays within one poll pause of the slowest run, and polling costs one request per simulation per
// round: the number of calls in a run does not change it. Then the same behind an emulator that
// allows 5 requests a second: the client's rate limiter paces everything and nothing fails. The
// figures are printed for docs/design.md.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BluejayEmulator } from "../../../emulator";
import { BluejayClient } from "../../../provider/client";
import { runSimulations } from "../../../provider/runner";
import { TEST_API_KEY } from "../../helpers/emulator";

jest.setTimeout(60_000);

const SIMULATIONS = 5;
const CALLERS = 10;
const POLL = { pollIntervalMs: 100, maxPollIntervalMs: 500 };
/** Simulation k's run ends 0.4 s × k after it was queued (and after at least 2 polls). */
const PACE_MS = 400;

/** Makes the environment in an emulator of its own, kept in `dataFile`: the measured one starts from it. */
async function environment(dataFile: string): Promise<number[]> {
  const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
  const setup = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: emulator.url });
  try {
    const agent = await setup.agents.create({
      name: "Support bot",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
    });
    const simulationIds: number[] = [];
    for (let s = 1; s <= SIMULATIONS; s++) {
      const { simulationId } = await setup.simulations.create({
        agentId: agent.agentId,
        name: `Simulation ${s}`,
      });
      simulationIds.push(simulationId);
      for (let c = 1; c <= CALLERS; c++) {
        await setup.digitalHumans.create({
          name: `Caller ${s}.${c}`,
          phoneNumber: "+15550100101",
          intent: "Wants a refund",
          successCriteria: "The agent offers a refund",
          simulationIds: [simulationId],
        });
      }
    }
    return simulationIds;
  } finally {
    setup.close();
    await emulator.close();
  }
}

async function measure(
  emulatorOptions: Partial<Parameters<typeof BluejayEmulator.start>[0]> = {},
  clientOptions: { maxRequestsPerSecond?: number } = {},
) {
  const dataFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-load-")), "data.json");
  const simulationIds = await environment(dataFile);
  const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile, ...emulatorOptions });
  const client = new BluejayClient({
    apiKey: TEST_API_KEY,
    baseUrl: emulator.url,
    retryBaseDelayMs: 50,
    ...clientOptions,
  });
  try {
    simulationIds.forEach((simulationId, i) =>
      emulator.setRunOutcome({ polls: 2, delayMs: PACE_MS * (i + 1), failRate: 0.1 }, { simulationId }),
    );
    emulator.clearRequests();

    const started = Date.now();
    const report = await runSimulations({ client, simulationIds, minPassRate: 0.9, ...POLL });
    const wallMs = Date.now() - started;

    const requests = emulator.requests;
    const count = (prefix: string) =>
      requests.filter((r) => r.path.startsWith(prefix) && r.status === 200).length;
    const firstQueued = Math.min(...requests.filter((r) => r.path.startsWith("/v1/queue")).map((r) => r.at));
    return {
      report,
      wallMs,
      /** From the first run queued to the verdict. */
      waitMs: started + wallMs - firstQueued,
      slowestMs: PACE_MS * SIMULATIONS,
      polls: count("/v1/get-simulation-runs/"),
      results: count("/v1/retrieve-simulation-results/"),
      queues: count("/v1/queue"),
      total: requests.length,
      refused: requests.filter((r) => r.status === 429).length,
    };
  } finally {
    client.close();
    await emulator.close();
    fs.rmSync(path.dirname(dataFile), { recursive: true, force: true });
  }
}

describe("load: 50 digital humans over 5 simulations", () => {
  const figures: string[] = [];
  afterAll(() =>
    console.log(
      `runSimulations, ${SIMULATIONS} simulations × ${CALLERS} digital humans:\n${figures.join("\n")}`,
    ),
  );

  test("the wait ends within one poll pause of the slowest run; polling costs one request per simulation per round", async () => {
    const m = await measure();

    expect(m.report.verdict).toMatchObject({ exitCode: 0 });
    expect(m.report.runs.flatMap((r) => r.calls)).toHaveLength(SIMULATIONS * CALLERS);
    expect(m.report.verdict.passRate).toMatchObject({ passed: 45, failed: 5 });
    expect(m.waitMs).toBeGreaterThanOrEqual(m.slowestMs);
    expect(m.waitMs).toBeLessThanOrEqual(m.slowestMs + POLL.maxPollIntervalMs + 500);
    expect(m.queues).toBe(SIMULATIONS);
    expect(m.results).toBe(SIMULATIONS);
    // Every round reads each simulation still going once: at most rounds × simulations.
    expect(m.polls).toBe(m.report.stats.polls);
    expect(m.polls).toBeLessThanOrEqual(m.report.stats.rounds * SIMULATIONS);
    figures.push(
      `  unlimited: wall ${m.wallMs} ms (wait ${m.waitMs} ms) against the slowest run's ${m.slowestMs} ms; ` +
        `${m.report.stats.rounds} rounds, ${m.polls} status polls, ${m.results} result reads, ${m.queues} queues, ${m.total} requests in all`,
    );
  });

  test.each<[string, { maxRequestsPerSecond?: number }]>([
    ["learning the pace from 429s", {}],
    ["with maxRequestsPerSecond 5", { maxRequestsPerSecond: 5 }],
  ])(
    "behind a limit of 5 requests a second, %s: no call fails, the verdict is the same",
    async (how, clientOptions) => {
      const m = await measure({ rateLimit: { requestsPerSecond: 5 } }, clientOptions);

      expect(m.report.verdict).toMatchObject({ exitCode: 0 });
      expect(m.report.verdict.passRate).toMatchObject({ passed: 45, failed: 5 });
      expect(m.report.stats.failedPolls).toBe(0);
      if (clientOptions.maxRequestsPerSecond) expect(m.refused).toBe(0);
      figures.push(
        `  limit 5 requests/s, ${how}: wall ${m.wallMs} ms (wait ${m.waitMs} ms) against the slowest run's ${m.slowestMs} ms; ` +
          `${m.report.stats.rounds} rounds, ${m.polls} status polls, ${m.results} result reads, ${m.total} requests in all, ${m.refused} answered 429`,
      );
    },
  );
});
