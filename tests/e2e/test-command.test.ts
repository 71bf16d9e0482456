// `npx pulumi-bluejay test --stack <stack>` after `pulumi up` of examples/bootstrap, through the real
// Pulumi CLI and the emulator: the command (the package's real bin, run with npx as a user runs it)
// reads the stack's Simulations with `pulumi stack export` and its Bluejay settings from the stack's
// config (the key is a secret there: no BLUEJAY_API_KEY in the environment), runs every simulation,
// and exits 0 when the emulator passes them, 1 when a set failure rate crosses the gate, 2 on a
// timeout and on insufficient funds. `runSimulations` on the same stack answers the same verdict.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { XMLParser } from "fast-xml-parser";
import type { RunOutcome } from "../../emulator";
import { runSimulations } from "../../provider/runner";
import { SIMULATION_TYPE } from "../../provider";
import { BOOTSTRAP_DECLARES } from "../helpers/bootstrap";
import { capture, createE2EStack, E2E_API_KEY, type E2EStack } from "./harness";

jest.setTimeout(300_000);

const WEBSOCKET_PASSWORD = "ws-e2e-test-command-3b9d";
const FAST = ["--poll-interval", "50ms", "--max-poll-interval", "200ms"];

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("npx pulumi-bluejay test --stack (examples/bootstrap, the real CLI, the emulator)", () => {
  let e2e: E2EStack;
  /** The environment CI gives the command: the backend's variables, and no Bluejay key or URL. */
  let env: NodeJS.ProcessEnv;
  const printed: string[] = [];

  function test_(args: string[]): Promise<Ran> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        "npx",
        ["--no-install", "pulumi-bluejay", "test", "--stack", "e2e", ...FAST, ...args],
        {
          cwd: e2e.workDir,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        printed.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });
  }

  const outcome = (o: RunOutcome) => e2e.emulator.setRunOutcome(o);

  beforeAll(async () => {
    e2e = await createE2EStack(
      "test-command",
      {},
      {},
      {
        example: "bootstrap",
        config: { "bluejay-bootstrap:websocketPassword": { value: WEBSOCKET_PASSWORD, secret: true } },
      },
    );
    env = { ...e2e.cliEnv };
    for (const name of ["BLUEJAY_API_KEY", "BLUEJAY_API_URL", "GITHUB_STEP_SUMMARY", "CI"]) delete env[name];
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.result).toBe("succeeded");
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("every call passes: exit 0; every Simulation of the stack ran, each digital human reported and a JUnit case", async () => {
    outcome({ polls: 3 });
    const junit = path.join(e2e.workDir, "reports", "bluejay.xml");

    const ran = await test_(["--junit", junit]);

    expect([ran.code, ran.stderr.slice(-2000)]).toEqual([0, expect.any(String)]);
    const exported = await e2e.exportState();
    const simulations = exported.deployment.resources.filter((r) => r.type === SIMULATION_TYPE);
    expect(simulations).toHaveLength(BOOTSTRAP_DECLARES.Simulation!);
    expect(e2e.emulator.simulationRuns().map((r) => r.simulation_id)).toEqual(
      simulations.map((s) => Number(s.id)),
    );
    const callers = e2e.emulator.records("digitalHumans");
    for (const human of callers) {
      expect(ran.stdout).toMatch(
        new RegExp(
          `^ {2}PASS +${String(human.name).replace(/[()[\]]/g, "\\$&")} \\(${String(human.id)}\\)`,
          "m",
        ),
      );
    }
    expect(ran.stdout.trimEnd().split("\n").at(-1)).toBe(
      `Gate passed: ${callers.length} of ${callers.length} calls passed (100%; --min-pass-rate 100%).`,
    );
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: (n) => n === "testcase" || n === "testsuite",
    }).parse(fs.readFileSync(junit, "utf8")) as {
      testsuites: { testsuite: { testcase: { "@_name": string }[] }[] };
    };
    const cases = parsed.testsuites.testsuite.flatMap((s) => s.testcase.map((c) => c["@_name"]));
    expect(cases.sort()).toEqual(
      callers.map((h) => `${String(h.name)} (digital human ${String(h.id)})`).sort(),
    );
  });

  test("a failure rate that crosses --min-pass-rate: exit 1; runSimulations on the same stack answers the same verdict", async () => {
    outcome({ polls: 2, failRate: 0.5 });

    const ran = await test_(["--min-pass-rate", "80%", "--json"]);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    delete process.env.BLUEJAY_API_KEY;
    let library;
    try {
      library = await runSimulations({
        stack: "e2e",
        cwd: e2e.workDir,
        minPassRate: 0.8,
        pollIntervalMs: 50,
        maxPollIntervalMs: 200,
      });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }

    expect(ran.code).toBe(1);
    const json = JSON.parse(ran.stdout) as { verdict: { exitCode: number; message: string } };
    expect(json.verdict).toMatchObject({
      exitCode: 1,
      message: "Gate failed: 3 of 6 calls passed (50%), below --min-pass-rate 80%.",
    });
    expect(library.verdict).toEqual(json.verdict);
  });

  test("a run that outlasts --timeout: exit 2, naming the run and how to look it up", async () => {
    outcome({ hang: true });

    const ran = await test_(["--timeout", "1s"]);

    expect(ran.code).toBe(2);
    const [run] = e2e.emulator.simulationRuns().slice(-1);
    expect(ran.stdout).toContain("had not ended after 1 s (--timeout)");
    expect(ran.stdout).toContain(`npx pulumi-bluejay test --run ${String(run!.id)}`);
  });

  test("insufficient funds: exit 2, saying what to do", async () => {
    outcome({ polls: 2, calls: { status: "INSUFFICIENT_FUNDS" } });

    const ran = await test_([]);

    expect(ran.code).toBe(2);
    expect(ran.stdout).toContain(
      "for insufficient funds: add credit to the Bluejay workspace and run again.",
    );
  });

  test("nothing the command printed carries the API key or the stack's other secret", () => {
    const all = printed.join("\n");
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(E2E_API_KEY);
    expect(all).not.toContain(WEBSOCKET_PASSWORD);
  });
});
