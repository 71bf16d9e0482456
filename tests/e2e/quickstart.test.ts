// The README's quick start, for real: `npm run demo`, `npm run demo` again (no changes), then
// `npm run demo -- --destroy`, each a separate process that starts its own emulator, in a fresh copy
// of the project (inside the repo's .e2e/, so node_modules resolve from the repo) with its own
// `.pulumi-state/` and stack config, so a developer's own demo state is never touched.
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { repoRoot } from "./harness";

jest.setTimeout(300_000);

const copyDir = path.join(repoRoot, ".e2e", `quickstart-${process.pid}`);
/** Left out of the copy: resolved from the repo (node_modules, dist), or a run's own output. */
const NOT_COPIED = new Set([".git", "node_modules", "dist", ".e2e", ".pulumi-state", "coverage"]);
const stateDir = path.join(copyDir, ".pulumi-state");

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

/** The communities the emulator saved in the demo's state folder. */
function savedCommunities(): { id: string; title: string }[] {
  const file = path.join(stateDir, "emulator.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { communities: { id: string; title: string }[] })
    .communities;
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
  let failed: string | undefined;
  const step = (name: string, run: () => Promise<void>) =>
    test(name, async () => {
      if (failed) throw new Error(`not run: it starts where step "${failed}" ended, and that step failed`);
      try {
        await run();
      } catch (error) {
        failed = name;
        throw error;
      }
    });

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

  step("1. `npm run demo` creates the stack and the community and shows it", async () => {
    const run = await npmRunDemo();
    expectSuccess(run);
    firstUrl = emulatorUrl(run.stdout);
    expect(firstUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(resourceSummary(run.stdout)).toEqual(["+ 2 created"]); // the stack and the community
    expect(run.stdout).toContain("Support line callers");
    expect(savedCommunities().map((c) => c.title)).toEqual(["Support line callers"]);
  });

  step("2. `npm run demo` again reports no changes, on the same port", async () => {
    const before = savedCommunities();
    const run = await npmRunDemo();
    expectSuccess(run);
    expect(emulatorUrl(run.stdout)).toBe(firstUrl);
    expect(resourceSummary(run.stdout)).toEqual(["2 unchanged"]);
    expect(savedCommunities()).toEqual(before);
  });

  step("3. a failing setup step prints that step's own error", async () => {
    const run = await npmRunDemo([], { PULUMI_CONFIG_PASSPHRASE: "not-the-demo-passphrase" });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("demo: selecting the demo stack and setting its bluejay config failed:");
    expect(run.stderr).toMatch(/exit code [1-9]\d*\nstderr:\nerror: incorrect passphrase/);
    // Only the command's own output, not its command line (which holds the API key).
    expect(run.stderr).not.toContain("demo-key");
    expect(savedCommunities()).toHaveLength(1);
  });

  step("4. `npm run demo -- --destroy` removes the community and leaves the emulator empty", async () => {
    const run = await npmRunDemo(["--destroy"]);
    expectSuccess(run);
    expect(emulatorUrl(run.stdout)).toBe(firstUrl);
    // Destroy runs the program (--run-program), whose resources Pulumi also counts as unchanged.
    expect(resourceSummary(run.stdout)).toContain("- 2 deleted");
    expect(run.stdout).toContain("The emulator holds no communities.");
    expect(savedCommunities()).toEqual([]);
  });

  step("5. destroy still works when the emulator must move to a new port", async () => {
    expectSuccess(await npmRunDemo());
    expect(savedCommunities()).toHaveLength(1);
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
      expect(savedCommunities()).toEqual([]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
