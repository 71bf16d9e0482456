// Drives the real Pulumi CLI through the Automation API against an in-process Bluejay emulator:
// a local file backend in a temp folder, passphrase secrets, and `bluejay:apiKey` set as a secret.
import { execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { BluejayEmulator, type EmulatorOptions } from "../../emulator";
import { cliProcessEnv, localBackend, openStack } from "../../scripts/lib/local-stack";

export { killTree } from "../../scripts/lib/process-tree";

export const repoRoot = path.resolve(__dirname, "../..");
export const E2E_API_KEY = "bj-e2e-key-5d1e0c7a93f24b88";

export type Declared = Record<
  string,
  { title: string; description?: string; digitalHumanIds?: number[]; adoptId?: string }
>;

export interface StoredResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
export interface StoredState {
  deployment: {
    resources: StoredResource[];
    pending_operations?: { type: string; resource: StoredResource }[];
  };
}

export interface E2EStack {
  stack: Stack;
  emulator: BluejayEmulator;
  /** Everything the CLI printed so far, for leak checks. */
  output: string[];
  /** Sets examples/environment's communities (its `bluejay-environment:communities` config). */
  declare(communities: Declared): Promise<void>;
  setApiKey(key: string): Promise<void>;
  /** `pulumi stack export` as stored: secrets stay encrypted (the Automation API's exportStack shows them). */
  exportState(): Promise<StoredState>;
  /** Starts the pulumi CLI in the stack's folder, in its own process group (so it can be killed whole). */
  spawnCli(args: string[]): ChildProcess;
  /** The local backend's folder: state, history and backups. */
  stateDir: string;
  /** The program's folder (a copy, which a test may edit). */
  workDir: string;
  /** The environment the pulumi CLI runs with for this stack's backend. */
  cliEnv: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** Which program a stack runs, and the stack config it starts with. */
export interface E2EProgram {
  /** The folder under examples/ whose index.ts and Pulumi.yaml are copied; default "environment". */
  example?: string;
  /** A program folder of the tests' own (tests/fixtures/programs/<name>), instead of an example. */
  fixture?: string;
  /** The stack's name; default "e2e". */
  stackName?: string;
  /** Another stack's backend folder and emulator, to share them (several stacks of one backend). */
  shareWith?: E2EStack;
  /**
   * Config set with `bluejay:*` when the stack is opened; default (for examples/environment) an
   * empty `bluejay-environment:titlePrefix`, and none for a fixture.
   */
  config?: ConfigMap;
}

/**
 * A stack of an example program (examples/environment unless `program` names another example or a
 * fixture), copied into `.e2e/<name>` inside the repo so it imports `pulumi-bluejay` by name (the
 * package resolves itself), with its own emulator and backend.
 */
export async function createE2EStack(
  name: string,
  extraEnv: Record<string, string> = {},
  emulatorOptions: Partial<EmulatorOptions> = {},
  program: E2EProgram = {},
): Promise<E2EStack> {
  const example = program.example ?? "environment";
  const config = program.config ?? { "bluejay-environment:titlePrefix": { value: "" } };
  const stackName = program.stackName ?? "e2e";
  const emulator =
    program.shareWith?.emulator ??
    (await BluejayEmulator.start({ apiKeys: [E2E_API_KEY], ...emulatorOptions }));
  const workDir = path.join(repoRoot, ".e2e", `${name}-${process.pid}`);
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const source = program.fixture
    ? path.join(repoRoot, "tests", "fixtures", "programs", program.fixture)
    : path.join(repoRoot, "examples", example);
  for (const file of ["index.ts", "Pulumi.yaml"]) {
    fs.copyFileSync(path.join(source, file), path.join(workDir, file));
  }
  const stateDir =
    program.shareWith?.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-e2e-state-"));
  const backend = await localBackend({ stateDir, passphrase: "e2e-passphrase", extraEnv });
  const stack = await openStack(backend, {
    stackName,
    workDir,
    bluejay: { apiUrl: emulator.url, apiKey: E2E_API_KEY },
    config,
  });
  const cliEnv = cliProcessEnv(backend.envVars);
  const output: string[] = [];
  return {
    stack,
    emulator,
    output,
    declare: (communities) =>
      stack.setConfig("bluejay-environment:communities", { value: JSON.stringify(communities) }),
    setApiKey: (key) => stack.setConfig("bluejay:apiKey", { value: key, secret: true }),
    exportState: () => {
      const stdout = execFileSync(backend.pulumiPath, ["stack", "export", "--stack", stackName], {
        cwd: workDir,
        env: cliEnv,
        encoding: "utf8",
      });
      return Promise.resolve(JSON.parse(stdout) as StoredState);
    },
    spawnCli: (args) =>
      spawn(backend.pulumiPath, [...args, "--stack", stackName, "--non-interactive"], {
        cwd: workDir,
        env: cliEnv,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      }),
    stateDir,
    workDir,
    cliEnv,
    cleanup: async () => {
      fs.rmSync(workDir, { recursive: true, force: true });
      // What is shared is cleaned up by the stack that made it.
      if (program.shareWith) return;
      await emulator.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Collects a command's printed output into `sink`. */
export const capture = (sink: string[]) => ({
  onOutput: (line: string) => void sink.push(line),
  color: "never" as const,
});

/** Every file under `dir`, as text: for checking that a secret appears nowhere on disk. */
export function readTree(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)).toString("latin1"))
    .join("\n");
}
