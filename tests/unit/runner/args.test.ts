// `pulumi-bluejay test`'s flags into `runSimulations`' options, and the options' own checks: what a
// user types is either understood exactly or refused with a message naming the flag.
import { parseCommandLine, parseDuration, parseMetric, parseRate } from "../../../provider/runner/args";
import { BluejayTestConfigError } from "../../../provider/runner/errors";
import { parseRunOptions } from "../../../provider/runner/options";

const refused = (fn: () => unknown): BluejayTestConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BluejayTestConfigError) return error;
    throw error;
  }
  throw new Error("expected a BluejayTestConfigError");
};

describe("command line", () => {
  test("every flag lands in the options, overrides named as Bluejay's queue request names them", () => {
    const parsed = parseCommandLine([
      "test",
      "--stack",
      "pr-42",
      "--cwd",
      "examples/bootstrap",
      "--digital-human",
      "4",
      "--digital-human",
      "5",
      "--min-pass-rate",
      "90%",
      "--metric",
      "Empathy>=0.8",
      "--metric",
      "Refund policy >= 4",
      "--timeout",
      "1h30m",
      "--poll-interval",
      "2s",
      "--max-poll-interval",
      "1m",
      "--prompt-id",
      "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
      "--phone-number",
      "+15550100999",
      "--sip-uri",
      "sip:bot@example.com",
      "--livekit-agent-name",
      "",
      "--livekit-metadata",
      '{"branch":"pr-42"}',
      "--pipecat-agent-name",
      "bot",
      "--pipecat-room-properties",
      "{}",
      "--junit",
      "out/bluejay.xml",
      "--summary",
      "out/summary.md",
      "--json",
    ]);

    expect(parsed).toEqual({
      command: "test",
      options: {
        stack: "pr-42",
        cwd: "examples/bootstrap",
        digitalHumanIds: [4, 5],
        minPassRate: 0.9,
        metrics: [
          { metric: "Empathy", min: 0.8 },
          { metric: "Refund policy", min: 4 },
        ],
        timeoutMs: 5_400_000,
        pollIntervalMs: 2000,
        maxPollIntervalMs: 60_000,
        overrides: {
          promptId: "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
          phoneNumber: "+15550100999",
          sipUri: "sip:bot@example.com",
          livekitAgentName: "",
          livekitMetadata: { branch: "pr-42" },
          pipecatAgentName: "bot",
          pipecatRoomProperties: {},
        },
      },
      outputs: { junit: "out/bluejay.xml", summary: "out/summary.md", json: true },
    });
    expect(() => parseRunOptions((parsed as { options: object }).options)).not.toThrow();
  });

  test("every override of Bluejay's voice and SMS queue requests has a flag", () => {
    const parsed = parseCommandLine([
      "test",
      "--simulation",
      "1",
      "--knowledge-base-id",
      "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
      "--pipecat-agent-configuration",
      '{"a":1}',
      "--terminate-overlapping-simulations",
    ]);

    expect(parsed).toMatchObject({
      options: {
        simulationIds: [1],
        overrides: {
          knowledgeBaseId: "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
          pipecatAgentConfiguration: { a: 1 },
          terminateOverlappingSimulations: true,
        },
      },
    });
  });

  test("help, and the command's own usage", () => {
    expect(parseCommandLine([])).toMatchObject({ command: "help", text: expect.stringContaining("test ") });
    expect(parseCommandLine(["test", "--help"])).toMatchObject({
      command: "help",
      text: expect.stringContaining("--min-pass-rate RATE"),
    });
  });

  test.each([
    [["deploy"], "command", "Unknown command"],
    [["test", "--simulation", "abc"], "--simulation", "whole-number Bluejay id"],
    [["test", "--run", "0"], "--run", "whole-number Bluejay id"],
    [["test", "--timeout", "soon"], "--timeout", "duration such as 90s"],
    [["test", "--min-pass-rate", "most"], "--min-pass-rate", "0.9 or 90%"],
    [["test", "--metric", "Empathy"], "--metric", '"NAME>=MIN"'],
    [["test", "--livekit-metadata", "[1]"], "--livekit-metadata", "JSON object"],
    [["test", "--frobnicate"], "arguments", "Unknown option '--frobnicate'"],
  ])("%j is refused naming %s", (argv, option, words) => {
    const error = refused(() => parseCommandLine(argv));

    expect(error.option).toBe(option);
    expect(error.message).toContain(words);
  });

  test("durations, rates and metric thresholds", () => {
    expect([
      parseDuration("--t", "90"),
      parseDuration("--t", "500ms"),
      parseDuration("--t", "1h2m3s"),
    ]).toEqual([90_000, 500, 3_723_000]);
    expect([parseRate("--r", "0.75"), parseRate("--r", "75%"), parseRate("--r", "100 %")]).toEqual([
      0.75, 0.75, 1,
    ]);
    expect(parseMetric("Score >= 12.5%")).toEqual({ metric: "Score", min: 0.125 });
  });
});

describe("the options", () => {
  test.each([
    [{}, "--simulation", "Say what to run"],
    [{ stack: "a", simulationIds: [1] }, "--simulation", "only one of them"],
    [{ simulationIds: [1], cwd: "x" }, "--cwd", "add --stack"],
    [{ runIds: [1], digitalHumanIds: [2] }, "--digital-human", "were set when they were queued"],
    [{ simulationIds: [1], minPassRate: 1.5 }, "--min-pass-rate", "--min-pass-rate must be from 0 to 1"],
    [
      { simulationIds: [1], pollIntervalMs: 5000, maxPollIntervalMs: 1000 },
      "--max-poll-interval",
      "at least --poll-interval",
    ],
    [{ simulationIds: [1], overrides: { promptId: "v2" } }, "--prompt-id", "--prompt-id must be a UUID"],
    [{ simulationIds: [1], overrides: { phone: "+1" } }, "overrides", "overrides has no field phone"],
    [{ simulationIds: [-1] }, "--simulation", "--simulation"],
  ])("%j is refused naming %s", (options, option, words) => {
    const error = refused(() => parseRunOptions(options));

    expect(error.option).toBe(option);
    expect(error.message).toContain(words);
  });

  test("defaults: every call must pass, a 30-minute wait, polls from 5 s growing to 30 s", () => {
    expect(parseRunOptions({ simulationIds: [1] })).toEqual({
      simulationIds: [1],
      minPassRate: 1,
      metrics: [],
      timeoutMs: 1_800_000,
      pollIntervalMs: 5000,
      maxPollIntervalMs: 30_000,
    });
  });
});
