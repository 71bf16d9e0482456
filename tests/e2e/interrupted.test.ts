// A `pulumi up` killed mid-way, then recovered the way Pulumi requires, ends with exactly the
// declared communities: none lost, none created twice.
import { execFile } from "child_process";
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

    // The recovery CLI records the three communities that were made, from what Bluejay holds.
    const { stdout: repaired, stderr: report } = await new Promise<{ stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = execFile(
          process.execPath,
          [path.join(repoRoot, "dist/provider/recover-cli.js")],
          { env: { ...process.env, BLUEJAY_API_KEY: E2E_API_KEY, BLUEJAY_API_URL: e2e.emulator.url } },
          (error, stdout, stderr) =>
            error ? reject(new Error(stderr, { cause: error })) : resolve({ stdout, stderr }),
        );
        child.stdin!.end(JSON.stringify(state));
      },
    );
    expect(report.match(/recorded in state/g)).toHaveLength(3);
    expect(report).not.toContain(E2E_API_KEY);
    await e2e.stack.importStack(JSON.parse(repaired));
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
