// The README's quick start, for real: `npm run demo`, `npm run demo` again (no changes), then
// `npm run demo -- --destroy`, each a separate process that starts its own emulator, in a fresh copy
// of the project (inside the repo's .e2e/, so node_modules resolve from the repo) with its own
// `.pulumi-state/` and stack config, so a developer's own demo state is never touched. The root
// program is examples/bootstrap, so each step checks every kind of record the emulator saved.
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { BluejayEmulator, type EmulatorCounts } from "../../emulator";
import { repoRoot } from "./harness";
import { KINDS } from "../../provider/kinds/registry";
import { BOOTSTRAP_RESOURCES, bootstrapCounts } from "../helpers/bootstrap";
import { orderedSteps } from "../helpers/steps";

jest.setTimeout(300_000);

const copyDir = path.join(repoRoot, ".e2e", `quickstart-${process.pid}`);
/** Left out of the copy: resolved from the repo (node_modules, dist), or a run's own output. */
const NOT_COPIED = new Set([".git", "node_modules", "dist", ".e2e", ".pulumi-state", "coverage"]);
const stateDir = path.join(copyDir, ".pulumi-state");
/** What the root Pulumi.yaml program (examples/bootstrap) declares of each kind. */
const DECLARED: EmulatorCounts = bootstrapCounts();
/** Its resources, and the stack itself: what Pulumi's summary counts. */
const RESOURCES = BOOTSTRAP_RESOURCES;
const NONE: EmulatorCounts = bootstrapCounts(0);
/** The demo's agent password (scripts/demo.ts), which must never be printed. */
const DEMO_WEBSOCKET_PASSWORD = "demo-websocket-password";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run demo [-- args]` in the copy. */
function npmRunDemo(args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "demo", ...(args.length > 0 ? ["--", ...args] : [])],
      {
        cwd: copyDir,
        env: { ...process.env, npm_config_update_notifier: "false", ...env },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 240_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Asserts a run exited 0, showing everything it printed when it did not. */
function expectSuccess(run: Run): void {
  if (run.code !== 0)
    throw new Error(`exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}

const dataFile = path.join(stateDir, "emulator.json");

/** The emulator's data file in the demo's state folder, as saved: every record of every kind. */
function savedData(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(dataFile, "utf8")) as Record<string, unknown>;
}

/** The community titles the emulator saved. */
function savedTitles(): string[] {
  return (savedData().communities as { title: string }[]).map((c) => c.title).sort();
}

/**
 * What an emulator started on (a copy of) the demo's data file holds: its `counts()` and `isEmpty()`,
 * read the way the next `npm run demo` reads the file.
 */
async function saved(): Promise<{ counts: EmulatorCounts; empty: boolean }> {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-quickstart-")), "emulator.json");
  fs.copyFileSync(dataFile, copy);
  const emulator = await BluejayEmulator.start({ apiKeys: ["read-only"], dataFile: copy });
  try {
    return { counts: emulator.counts(), empty: emulator.isEmpty() };
  } finally {
    await emulator.close();
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

/** The data file holds no record of any kind: the emulator reading it is empty, and so is every list in it. */
async function expectEmptyDataFile(): Promise<void> {
  expect(await saved()).toEqual({ counts: NONE, empty: true });
  for (const [key, value] of Object.entries(savedData())) {
    if (Array.isArray(value)) expect([key, value]).toEqual([key, []]);
  }
}

/** The lines of Pulumi's closing `Resources:` summary, e.g. ["+ 1 created", "1 unchanged"]. */
function resourceSummary(stdout: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.trim() === "Resources:");
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.trim() === "");
  return rest.slice(0, end < 0 ? undefined : end).map((line) => line.trim());
}

const emulatorUrl = (stdout: string) => /Bluejay emulator listening on (\S+)/.exec(stdout)?.[1];

// The steps run in the order of their numbers, each from where the one before ended; once one
// fails, the later ones fail at once naming it.
describe("the README quick start (npm run demo)", () => {
  let firstUrl: string | undefined;
  const step = orderedSteps();

  beforeAll(() => {
    // A fresh copy of the project as a clone has it: no state, no stack config, no build output.
    fs.rmSync(copyDir, { recursive: true, force: true });
    fs.mkdirSync(copyDir, { recursive: true });
    for (const entry of fs.readdirSync(repoRoot)) {
      if (NOT_COPIED.has(entry) || (entry.startsWith("Pulumi.") && entry !== "Pulumi.yaml")) continue;
      fs.cpSync(path.join(repoRoot, entry), path.join(copyDir, entry), { recursive: true });
    }
    // The program imports `pulumi-bluejay`, which the copy's package.json resolves to its own dist/.
    fs.symlinkSync(path.join(repoRoot, "dist"), path.join(copyDir, "dist"), "junction");
  });
  afterAll(() => {
    fs.rmSync(copyDir, { recursive: true, force: true });
  });

  step(
    "1. `npm run demo` creates the stack and every resource of examples/bootstrap and shows them",
    async () => {
      const run = await npmRunDemo();
      expectSuccess(run);
      firstUrl = emulatorUrl(run.stdout);
      expect(firstUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(resourceSummary(run.stdout)).toEqual([`+ ${RESOURCES} created`]);
      // A table per kind.
      for (const kind of KINDS) expect(run.stdout).toContain(`${kind.name} records in the emulator:`);
      expect(run.stdout).toContain("Support bot");
      expect(run.stdout).toContain("Support line callers");
      expect(run.stdout).toContain("Refund policy");
      expect(run.stdout).not.toContain(DEMO_WEBSOCKET_PASSWORD);
      expect(await saved()).toEqual({ counts: DECLARED, empty: false });
      expect(savedTitles()).toEqual(["International callers", "Support line callers"]);
    },
  );

  step("2. `npm run demo` again reports no changes, on the same port", async () => {
    const before = savedData();
    const run = await npmRunDemo();
    expectSuccess(run);
    expect(emulatorUrl(run.stdout)).toBe(firstUrl);
    // No create, update, replace or delete: only the unchanged line.
    expect(resourceSummary(run.stdout)).toEqual([`${RESOURCES} unchanged`]);
    expect(savedData()).toEqual(before);
  });

  step("3. a failing setup step prints that step's own error", async () => {
    const run = await npmRunDemo([], { PULUMI_CONFIG_PASSPHRASE: "not-the-demo-passphrase" });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("demo: selecting the demo stack and setting its bluejay config failed:");
    expect(run.stderr).toMatch(/exit code [1-9]\d*\nstderr:\nerror: incorrect passphrase/);
    // Only the command's own output, not its command line (which holds the API key).
    expect(run.stderr).not.toContain("demo-key");
    expect(run.stderr).not.toContain(DEMO_WEBSOCKET_PASSWORD);
    expect((await saved()).counts).toEqual(DECLARED);
  });

  step(
    "4. `npm run demo -- --destroy` removes everything and leaves the emulator empty of every kind",
    async () => {
      const run = await npmRunDemo(["--destroy"]);
      expectSuccess(run);
      expect(emulatorUrl(run.stdout)).toBe(firstUrl);
      // Destroy runs the program (--run-program), whose resources Pulumi also counts as unchanged.
      expect(resourceSummary(run.stdout)).toContain(`- ${RESOURCES} deleted`);
      expect(run.stdout).toContain(
        "The emulator holds no records of any kind (folders, agents, simulations, digital humans, communities, " +
          "custom metrics, customer traits, customer personas, workflows, schedules, alerts, labels, prompt versions, " +
          "knowledge base versions).",
      );
      await expectEmptyDataFile();
    },
  );

  step("5. destroy still works when the emulator must move to a new port", async () => {
    expectSuccess(await npmRunDemo());
    expect((await saved()).counts).toEqual(DECLARED);
    // Something else now holds the port the state's provider settings point at.
    const port = Number(new URL(firstUrl!).port);
    const squatter = net.createServer();
    await new Promise<void>((resolve, reject) => {
      squatter.once("error", reject);
      squatter.listen(port, "127.0.0.1", resolve);
    });
    try {
      const run = await npmRunDemo(["--destroy"]);
      expectSuccess(run);
      expect(run.stdout).toContain(`Port ${port} is taken`);
      expect(emulatorUrl(run.stdout)).not.toBe(firstUrl);
      await expectEmptyDataFile();
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
