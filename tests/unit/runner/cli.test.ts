// `pulumi-bluejay test`, run as a user runs it: the built bin (dist/provider/runner/cli.js, proven
// fresh) against an emulator in this process, over loopback. Its exit codes, its reports on disk,
// its verdict next to the library's on the same setup, Ctrl-C, and the key never printed.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import type { RunOutcome } from "../../../emulator";
import { runSimulations } from "../../../provider/runner";
import { expectFreshDist } from "../../../scripts/lib/dist";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const ROOT = path.resolve(__dirname, "../../..");
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  bin: Record<string, string>;
};
const BIN = path.join(ROOT, packageJson.bin["pulumi-bluejay"]!);

const fx = useEmulator();
let temp: string;
beforeAll(() => {
  expectFreshDist();
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-test-cli-"));
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin with the emulator's URL and key in the environment, as CI hands them over. */
function bin(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  onStderr?: (text: string, kill: () => void) => void,
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: temp,
      env: {
        PATH: process.env.PATH,
        BLUEJAY_API_KEY: TEST_API_KEY,
        BLUEJAY_API_URL: fx.emulator.url,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, () => child.kill("SIGINT"));
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A simulation of `callers` digital humans whose runs end as `outcome` says. */
async function simulation(callers: number, outcome: RunOutcome): Promise<number> {
  const client = fx.client();
  const agent = await client.agents.create({
    name: "Support bot",
    systemPrompt: "p",
    knowledgeBase: "k",
    goals: [],
  });
  const made = await client.simulations.create({ agentId: agent.agentId, name: "Nightly regression" });
  for (let i = 1; i <= callers; i++) {
    await client.digitalHumans.create({
      name: `Caller ${i}`,
      phoneNumber: "+15550100101",
      intent: "Wants a refund",
      successCriteria: "The agent offers a refund",
      simulationIds: [made.simulationId],
    });
  }
  fx.emulator.setRunOutcome(outcome);
  return made.simulationId;
}

const FAST = ["--poll-interval", "10ms", "--max-poll-interval", "50ms"];

describe("pulumi-bluejay test (the bin)", () => {
  test.each([
    ["every call passes", { polls: 2 }, [], 1, 0, "passed"],
    [
      "half fail, below --min-pass-rate 75%",
      { polls: 2, failRate: 0.5 },
      ["--min-pass-rate", "75%"],
      0.75,
      1,
      "failed",
    ],
    [
      "half fail, at --min-pass-rate 0.5",
      { polls: 2, failRate: 0.5 },
      ["--min-pass-rate", "0.5"],
      0.5,
      0,
      "passed",
    ],
  ] as const)(
    "%s: the command's verdict is the library's",
    async (_name, outcome, gate, minPassRate, code, verdict) => {
      const id = await simulation(4, outcome);
      const library = await runSimulations({
        client: fx.client(),
        simulationIds: [id],
        pollIntervalMs: 10,
        maxPollIntervalMs: 50,
        minPassRate,
      });

      const ran = await bin(["test", "--simulation", String(id), ...gate, ...FAST, "--json"]);

      expect(ran.code).toBe(code);
      expect(library.verdict.exitCode).toBe(code);
      const json = JSON.parse(ran.stdout) as { verdict: unknown };
      expect(json.verdict).toEqual(library.verdict);
      expect(library.verdict.outcome).toBe(verdict);
    },
  );

  test("exit 1 when the gate fails: a table on stdout, a JUnit file that parses, the summary appended to $GITHUB_STEP_SUMMARY", async () => {
    const id = await simulation(4, { polls: 2, failRate: 0.5 });
    const junit = path.join(temp, "reports", "bluejay.xml");
    const summary = path.join(temp, "summary.md");
    fs.writeFileSync(summary, "### An earlier step\n");

    const ran = await bin(
      ["test", "--simulation", String(id), "--min-pass-rate", "90%", "--junit", junit, ...FAST],
      {
        GITHUB_STEP_SUMMARY: summary,
      },
    );

    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain("Nightly regression (simulation 1), run 1: COMPLETED");
    expect(ran.stdout).toMatch(/^ {2}FAIL +Caller 1 \(1\) +COMPLETED +The agent did not meet the criteria/m);
    expect(ran.stdout.trimEnd().split("\n").at(-1)).toBe(
      "Gate failed: 2 of 4 calls passed (50%), below --min-pass-rate 90%.",
    );
    expect(ran.stderr).toContain("Queued run 1 of Nightly regression (simulation 1): 4 calls.");
    const cases = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "testcase" }).parse(
      fs.readFileSync(junit, "utf8"),
    ) as {
      testsuites: { testsuite: { testcase: { "@_name": string; failure?: unknown }[] } };
    };
    expect(cases.testsuites.testsuite.testcase.map((c) => [c["@_name"], c.failure !== undefined])).toEqual([
      ["Caller 1 (digital human 1)", true],
      ["Caller 2 (digital human 2)", true],
      ["Caller 3 (digital human 3)", false],
      ["Caller 4 (digital human 4)", false],
    ]);
    const markdown = fs.readFileSync(summary, "utf8");
    expect(markdown.startsWith("### An earlier step\n## ❌ Bluejay simulations failed")).toBe(true);
  });

  test("exit 2 on a timeout, naming the run and the command to look it up", async () => {
    const id = await simulation(1, { hang: true });

    const ran = await bin(["test", "--simulation", String(id), "--timeout", "300ms", ...FAST]);

    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain("had not ended after 0.3 s (--timeout)");
    expect(ran.stdout).toContain("`npx pulumi-bluejay test --run 1`");
  });

  test("exit 2 on insufficient funds", async () => {
    const id = await simulation(2, { polls: 1, calls: { status: "INSUFFICIENT_FUNDS" } });

    const ran = await bin([
      "test",
      "--simulation",
      String(id),
      "--summary",
      path.join(temp, "funds.md"),
      ...FAST,
    ]);

    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain("for insufficient funds: add credit to the Bluejay workspace");
    expect(fs.readFileSync(path.join(temp, "funds.md"), "utf8")).toMatch(
      /^## ⚠️ Bluejay simulations could not be judged/,
    );
  });

  test("Ctrl-C while waiting: exit 130, the runs left going in Bluejay and named with the command to look them up", async () => {
    const id = await simulation(2, { hang: true });

    const ran = await bin(["test", "--simulation", String(id), ...FAST], {}, (stderr, kill) => {
      if (stderr.includes("RUNNING") && !stderr.includes("Stopping")) kill();
    });

    expect(ran.code).toBe(130);
    expect(ran.stderr).toContain("Stopping: the runs queued go on in Bluejay");
    expect(ran.stdout).toContain(
      "Interrupted while waiting; nothing was cancelled. It keeps running in Bluejay: look it up with `npx pulumi-bluejay test --run 1`.",
    );
    expect(fx.emulator.simulationRuns().map((r) => r.status)).toEqual(["RUNNING"]);
  });

  test("the API key is never printed: not on success, not when Bluejay refuses it", async () => {
    const id = await simulation(1, { polls: 1 });

    const good = await bin(["test", "--simulation", String(id), ...FAST, "--json"]);
    const refused = await bin(["test", "--simulation", String(id), ...FAST], {
      BLUEJAY_API_KEY: `${TEST_API_KEY}x`,
    });

    expect(good.code).toBe(0);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain("Bluejay refused the API key");
    for (const ran of [good, refused]) expect(ran.stdout + ran.stderr).not.toContain(TEST_API_KEY);
  });

  test("no key: exit 2 naming BLUEJAY_API_KEY", async () => {
    const ran = await bin(["test", "--simulation", "1"], { BLUEJAY_API_KEY: "" });

    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain("BLUEJAY_API_KEY");
  });

  test("bad flags: exit 2 naming the flag; --help: exit 0 with every option", async () => {
    const bad = await bin(["test", "--simulation", "one"]);
    const help = await bin(["test", "--help"]);

    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--simulation takes a whole-number Bluejay id");
    expect(help.code).toBe(0);
    for (const flag of [
      "--stack",
      "--cwd",
      "--run",
      "--min-pass-rate",
      "--metric",
      "--timeout",
      "--junit",
      "--summary",
      "--json",
      "--phone-number",
      "--livekit-metadata",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });
});
