// A `pulumi up` killed mid-way, then recovered the way Pulumi requires, ends with exactly the
// declared communities: none lost, none created twice.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { COMMUNITY_TYPE } from "../../provider";
import {
  capture,
  createE2EStack,
  E2E_API_KEY,
  killTree,
  repoRoot,
  type Declared,
  type E2EStack,
} from "./harness";

jest.setTimeout(240_000);

const declared: Declared = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [`c${i}`, { title: `Interrupted ${i}`, digitalHumanIds: [i + 1] }]),
);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("an interrupted pulumi up", () => {
  let e2e: E2EStack;

  beforeAll(async () => {
    e2e = await createE2EStack("interrupted");
    await e2e.declare(declared);
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("killed while creates are in flight, then recovered, ends with exactly the declared communities", async () => {
    // Three creates reach Bluejay and commit, but their answers are held back long enough to kill the run.
    e2e.emulator.injectFault({ method: "POST", commit: true, delayMs: 60_000, times: 3 });
    const run = e2e.spawnCli(["up", "--yes", "--skip-preview", "--parallel", "3"]);
    await waitFor(() => e2e.emulator.communities().length === 3, 60_000);
    killTree(run.pid!);
    await new Promise((r) => run.once("exit", r));
    e2e.emulator.faults.clear();

    // The state now records pending creates whose communities exist in Bluejay but not in state.
    await e2e.stack.cancel(); // the killed run still holds the stack's lock
    const state = await e2e.exportState();
    expect(state.deployment.pending_operations).toHaveLength(3);

    // The recovery CLI records the three communities that were made, from what Bluejay holds (the
    // state on standard input; the repaired state in a file of the stack's folder).
    const out = path.join(e2e.workDir, "repaired.json");
    const report = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        process.execPath,
        [path.join(repoRoot, "dist/provider/recover-cli.js"), "--out", out, "--other-stacks", "none"],
        { env: { ...process.env, BLUEJAY_API_KEY: E2E_API_KEY, BLUEJAY_API_URL: e2e.emulator.url } },
        (error, _stdout, stderr) => (error ? reject(new Error(stderr, { cause: error })) : resolve(stderr)),
      );
      child.stdin!.end(JSON.stringify(state));
    });
    expect(report.match(/recorded in state/g)).toHaveLength(3);
    expect(report).not.toContain(E2E_API_KEY);
    await e2e.stack.importStack(
      JSON.parse(fs.readFileSync(out, "utf8")) as Parameters<typeof e2e.stack.importStack>[0],
    );
    const after = await e2e.exportState();
    expect(after.deployment.pending_operations ?? []).toEqual([]);
    expect(after.deployment.resources.filter((r) => r.type === COMMUNITY_TYPE)).toHaveLength(3);

    e2e.emulator.clearRequests();
    const up = await e2e.stack.up(capture(e2e.output));
    // Only the three creates that never reached Bluejay are sent now.
    expect(e2e.emulator.writes.map((w) => w.method)).toEqual(["POST", "POST", "POST"]);
    const stored = e2e.emulator.communities();
    expect(stored.map((c) => c.title).sort()).toEqual(
      Object.values(declared)
        .map((d) => d.title)
        .sort(),
    );
    const ids = up.outputs.ids!.value as Record<string, string>;
    expect(new Set(Object.values(ids))).toEqual(new Set(stored.map((c) => c.id)));
  });
});

describe("two stacks of one program on one backend, each interrupted mid-create, then recovered", () => {
  const stacks: E2EStack[] = [];
  const titles = (prefix: string) => Object.values(declared).map((d) => `${prefix}${d.title}`);

  beforeAll(async () => {
    const a = await createE2EStack(
      "two-a",
      {},
      {},
      {
        stackName: "pr-1",
        config: { "bluejay-environment:titlePrefix": { value: "[pr-1] " } },
      },
    );
    const b = await createE2EStack(
      "two-b",
      {},
      {},
      {
        stackName: "pr-2",
        shareWith: a,
        config: { "bluejay-environment:titlePrefix": { value: "[pr-2] " } },
      },
    );
    stacks.push(a, b);
    for (const stack of stacks) await stack.declare(declared);
  });
  afterAll(async () => {
    for (const stack of [...stacks].reverse()) {
      await stack.stack.destroy({ color: "never" }).catch(() => undefined);
      await stack.cleanup();
    }
  });

  /** Kills the stack's `up` once `made` of its creates have committed (their answers held back). */
  async function interrupt(e2e: E2EStack, prefix: string): Promise<void> {
    e2e.emulator.injectFault({ method: "POST", commit: true, delayMs: 60_000, times: 3 });
    const run = e2e.spawnCli(["up", "--yes", "--skip-preview", "--parallel", "3"]);
    const mine = () => e2e.emulator.communities().filter((c) => c.title.startsWith(prefix)).length;
    await waitFor(() => mine() === 3, 60_000);
    killTree(run.pid!);
    await new Promise((r) => run.once("exit", r));
    e2e.emulator.faults.clear();
    await e2e.stack.cancel();
  }

  /** The recovery as the README gives it, in the stack's folder, reading the backend's other stacks. */
  async function recover(e2e: E2EStack, stackName: string): Promise<string> {
    const dir = e2e.workDir;
    const cli = (args: string[]) =>
      new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
        execFile(
          args[0]!,
          args.slice(1),
          {
            cwd: dir,
            env: { ...e2e.cliEnv, BLUEJAY_API_KEY: E2E_API_KEY, BLUEJAY_API_URL: e2e.emulator.url },
          },
          (error, stdout, stderr) =>
            error ? reject(new Error(stderr, { cause: error })) : resolve({ stdout, stderr }),
        ),
      );
    await cli(["pulumi", "stack", "export", "--show-secrets", "--stack", stackName, "--file", "state.json"]);
    const { stderr } = await cli([
      process.execPath,
      path.join(repoRoot, "dist/provider/recover-cli.js"),
      "--in",
      "state.json",
      "--out",
      "repaired.json",
    ]);
    await cli(["pulumi", "stack", "import", "--stack", stackName, "--file", "repaired.json"]);
    return stderr;
  }

  test("each ends with its own communities and nothing shared", async () => {
    const [a, b] = stacks as [E2EStack, E2EStack];
    await interrupt(a, "[pr-1] ");
    await interrupt(b, "[pr-2] ");

    const reportA = await recover(a, "pr-1");
    const reportB = await recover(b, "pr-2");
    expect(reportA.match(/recorded in state/g)).toHaveLength(3);
    expect(reportB.match(/recorded in state/g)).toHaveLength(3);
    expect(`${reportA}${reportB}`).not.toContain(E2E_API_KEY);

    for (const e2e of stacks) await e2e.stack.up(capture(e2e.output));

    const stored = a.emulator.communities();
    expect(stored.map((c) => c.title).sort()).toEqual([...titles("[pr-1] "), ...titles("[pr-2] ")].sort());
    for (const [e2e, prefix] of [
      [a, "[pr-1] "],
      [b, "[pr-2] "],
    ] as const) {
      const ids = (await e2e.exportState()).deployment.resources
        .filter((r) => r.type === COMMUNITY_TYPE)
        .map((r) => r.id);
      const own = stored.filter((c) => c.title.startsWith(prefix)).map((c) => c.id);
      expect(ids.sort()).toEqual(own.sort());
    }
  });
});
