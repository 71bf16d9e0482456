// Team scale: ephemeral stacks of examples/bootstrap, one per branch (`pr-<n>`), on ONE shared state
// backend and ONE Bluejay workspace (an emulator), run from more than one checkout, as CI jobs do.
//
// 1. The real `postgres://` backend (a throwaway PostgreSQL server, scripts/lib/postgres.ts): two
//    stacks go up concurrently; a second checkout (another folder and PULUMI_HOME, the same backend
//    URL and passphrase) refreshes one with no change and destroys it, leaving the other's records
//    untouched; the timing of concurrent against sequential ups and the backend's rows are printed.
// 2. The local file backend moved between folders: up from A, copy the state to B, refresh from B.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { BluejayEmulator } from "../../emulator";
import { localBackend, openStack, type LocalBackend } from "../../scripts/lib/local-stack";
import { startPostgres, type PostgresServer } from "../../scripts/lib/postgres";
import { capture, E2E_API_KEY, repoRoot } from "./harness";
import { allRecords, BOOTSTRAP_RESOURCES, bootstrapCounts, labels, ownedBy } from "../helpers/bootstrap";
import { orderedSteps } from "../helpers/steps";

jest.setTimeout(600_000);

const PASSPHRASE = "shared-backend-passphrase";
const WEBSOCKET_PASSWORD = "ws-pass-shared-backend-31f0";
/** examples/bootstrap's resources (1 agent, 1 simulation, 6 humans, 2 communities, 2 metrics) and the stack. */
const RESOURCES = BOOTSTRAP_RESOURCES;

const records = allRecords;
type Records = ReturnType<typeof records>;

/** Copies examples/bootstrap's program into a fresh folder under `.e2e/` (so `pulumi-bluejay` resolves). */
function checkout(name: string): string {
  const dir = path.join(repoRoot, ".e2e", `${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const file of ["index.ts", "Pulumi.yaml"]) {
    fs.copyFileSync(path.join(repoRoot, "examples", "bootstrap", file), path.join(dir, file));
  }
  return dir;
}

/** The stack config a CI job sets for stack `name`: the API from its secret store, names prefixed. */
const stackConfig = (name: string): ConfigMap => ({
  "bluejay-bootstrap:namePrefix": { value: `[${name}] ` },
  "bluejay-bootstrap:websocketPassword": { value: WEBSOCKET_PASSWORD, secret: true },
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe("ephemeral per-branch stacks on a shared postgres:// backend", () => {
  let pg: PostgresServer;
  let emulator: BluejayEmulator;
  /** Checkout A (the one that brings stacks up) and checkout B (another machine's). */
  let dirA: string;
  let dirB: string;
  let backendA: LocalBackend;
  let backendB: LocalBackend;
  const tempDirs: string[] = [];
  const output: string[] = [];
  const opened: Stack[] = [];
  /** Stacks removed with `pulumi stack rm`. */
  const removed = new Set<string>();
  const display = () => ({ ...capture(output), onError: (line: string) => void output.push(line) });
  const report: string[] = [];

  /** A backend on the shared PostgreSQL database, with a PULUMI_HOME of its own (one per "machine"). */
  async function sharedBackend(): Promise<LocalBackend> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-shared-home-"));
    tempDirs.push(home);
    // localBackend sets a file backend in `stateDir`; PULUMI_BACKEND_URL laid over it points at PostgreSQL.
    return localBackend({ stateDir: home, passphrase: PASSPHRASE, extraEnv: { PULUMI_BACKEND_URL: pg.url } });
  }
  async function open(backend: LocalBackend, workDir: string, name: string): Promise<Stack> {
    const stack = await openStack(backend, {
      stackName: name,
      workDir,
      bluejay: { apiUrl: emulator.url, apiKey: E2E_API_KEY },
      config: stackConfig(name),
    });
    opened.push(stack);
    return stack;
  }
  /**
   * The backend's tables with their row counts, and the rows of its key-value table by kind of key:
   * Pulumi's postgres:// backend keeps the same objects a file backend keeps as files, one row each
   * (`<db>/.pulumi/stacks/<project>/<stack>.json`, `….json.bak`, `history/…`, `backups/…`, `locks/…`).
   */
  const rowReport = (label: string) => {
    const rows = pg.rowCounts();
    const lines = Object.entries(rows).map(([table, n]) => `  table ${table}: ${n} rows`);
    if ("pulumi_state" in rows) {
      const byKind = new Map<string, number>();
      for (const key of pg.query("select key from pulumi_state order by key").split("\n").filter(Boolean)) {
        const kind = /\.json\.bak$/.test(key)
          ? "stacks (*.json.bak)"
          : (/\.pulumi\/([^/]+)\//.exec(key)?.[1] ?? key.replace(/^[^/]*\//, ""));
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      for (const [kind, n] of [...byKind].sort()) lines.push(`    ${kind}: ${n}`);
    }
    report.push(`Rows in the postgres backend ${label}:`, ...lines);
    return rows;
  };

  beforeAll(async () => {
    pg = await startPostgres();
    emulator = await BluejayEmulator.start({ apiKeys: [E2E_API_KEY] });
    dirA = checkout("shared-a");
    dirB = checkout("shared-b");
    backendA = await sharedBackend();
    backendB = await sharedBackend();
  });
  afterAll(async () => {
    if (report.length > 0) console.log(report.join("\n"));
    // Whatever failed, leave no resources behind (a removed stack has none left).
    for (const stack of opened.filter((o) => !removed.has(o.name))) {
      await stack.destroy({ color: "never" }).catch(() => undefined);
    }
    await emulator?.close();
    await pg?.stop();
    for (const dir of [dirA, dirB, ...tempDirs]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const step = orderedSteps();

  let pr101: Stack;
  let pr102: Stack;
  let beforeDestroy: Records;

  step("1. pr-101 and pr-102 go up concurrently against one emulator; nothing collides", async () => {
    pr101 = await open(backendA, dirA, "pr-101");
    pr102 = await open(backendA, dirA, "pr-102");
    // A warm-up, so the timed runs below start equally warm (the first run of the program in a
    // process is slower: module loading, the OS's file cache); it also shows preview works here.
    expect((await pr101.preview(display())).changeSummary).toEqual({ create: RESOURCES });
    const started = Date.now();
    const [up101, up102] = await Promise.all([pr101.up(display()), pr102.up(display())]);
    const concurrentMs = Date.now() - started;
    report.push(`Two ups of examples/bootstrap, concurrently (pr-101, pr-102): ${seconds(concurrentMs)}`);
    expect(up101.summary.resourceChanges).toEqual({ create: RESOURCES });
    expect(up102.summary.resourceChanges).toEqual({ create: RESOURCES });
    expect(emulator.counts()).toEqual(bootstrapCounts(2));
    const names = labels(records(emulator));
    expect(names.filter((n) => n.startsWith("[pr-101] "))).toHaveLength(RESOURCES - 1);
    expect(names.filter((n) => n.startsWith("[pr-102] "))).toHaveLength(RESOURCES - 1);
    // Both stacks live in the one database.
    const rows = rowReport("with pr-101 and pr-102 up");
    expect(Object.keys(rows).length).toBeGreaterThan(0);
    const stacks = await pr101.workspace.listStacks();
    expect(stacks.map((s) => s.name).sort()).toEqual(expect.arrayContaining(["pr-101", "pr-102"]));
  });

  step(
    "2. a second checkout refreshes pr-101 with no change, and destroys it; pr-102 is untouched",
    async () => {
      beforeDestroy = records(emulator);
      const fromB = await open(backendB, dirB, "pr-101");
      const refresh = await fromB.refresh(display());
      expect(refresh.summary.resourceChanges).toEqual({ same: RESOURCES });
      const preview = await fromB.preview(display());
      expect(preview.changeSummary).toEqual({ same: RESOURCES });
      const destroy = await fromB.destroy(display());
      expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });

      const after = records(emulator);
      // Everything left is pr-102's, exactly as it was.
      expect(labels(after).every((n) => n.startsWith("[pr-102] "))).toBe(true);
      expect(after).toEqual(ownedBy(beforeDestroy, "[pr-102] "));
      expect(labels(after)).toHaveLength(RESOURCES - 1);
    },
  );

  step("3. pr-102 is destroyed and the emulator holds nothing", async () => {
    const destroy = await pr102.destroy(display());
    expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });
    expect(emulator.isEmpty()).toBe(true);
  });

  step("4. the same two ups one after the other (pr-201, then pr-202), for comparison", async () => {
    const pr201 = await open(backendA, dirA, "pr-201");
    const pr202 = await open(backendA, dirA, "pr-202");
    const started = Date.now();
    const up201 = await pr201.up(display());
    const firstMs = Date.now() - started;
    const up202 = await pr202.up(display());
    const sequentialMs = Date.now() - started;
    report.push(
      `Two ups of examples/bootstrap, one after the other (pr-201, pr-202): ${seconds(sequentialMs)}` +
        ` (${seconds(firstMs)} + ${seconds(sequentialMs - firstMs)})`,
    );
    expect(up201.summary.resourceChanges).toEqual({ create: RESOURCES });
    expect(up202.summary.resourceChanges).toEqual({ create: RESOURCES });
    rowReport("with pr-201 and pr-202 up (pr-101, pr-102 destroyed)");
    for (const stack of [pr201, pr202]) {
      const destroy = await stack.destroy(display());
      expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });
    }
    expect(emulator.isEmpty()).toBe(true);
    rowReport("with every stack destroyed (not removed)");
    // `pulumi stack rm` of all four: what is left is the backend's history of them.
    for (const name of ["pr-101", "pr-102", "pr-201", "pr-202"]) {
      await pr201.workspace.removeStack(name);
      removed.add(name);
    }
    expect(await pr201.workspace.listStacks()).toEqual([]);
    rowReport("after `pulumi stack rm` of all four stacks");
    // No secret reached the CLI's output.
    const printed = output.join("");
    expect(printed).not.toContain(E2E_API_KEY);
    expect(printed).not.toContain(WEBSOCKET_PASSWORD);
  });
});

describe("a local file backend moved from one folder to another", () => {
  let emulator: BluejayEmulator;
  const dirs: string[] = [];
  const output: string[] = [];
  const display = () => ({ ...capture(output), onError: (line: string) => void output.push(line) });
  let stackB: Stack | undefined;

  beforeAll(async () => {
    emulator = await BluejayEmulator.start({ apiKeys: [E2E_API_KEY] });
  });
  afterAll(async () => {
    await stackB?.destroy({ color: "never" }).catch(() => undefined);
    await emulator?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("up from folder A, copy the state to folder B and the program elsewhere: refresh from B changes nothing; destroy", async () => {
    const stateA = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-file-a-"));
    const stateB = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-file-b-"));
    const dirA = checkout("file-a");
    const dirB = checkout("file-b");
    dirs.push(stateA, stateB, dirA, dirB);

    const backendA = await localBackend({ stateDir: stateA, passphrase: PASSPHRASE });
    const stackA = await openStack(backendA, {
      stackName: "pr-301",
      workDir: dirA,
      bluejay: { apiUrl: emulator.url, apiKey: E2E_API_KEY },
      config: stackConfig("pr-301"),
    });
    const up = await stackA.up(display());
    expect(up.summary.resourceChanges).toEqual({ create: RESOURCES });

    // The backend's folder moves (its `.pulumi` state; not PULUMI_HOME, which is per machine).
    fs.cpSync(path.join(stateA, ".pulumi"), path.join(stateB, ".pulumi"), { recursive: true });
    const backendB = await localBackend({ stateDir: stateB, passphrase: PASSPHRASE });
    stackB = await openStack(backendB, {
      stackName: "pr-301",
      workDir: dirB,
      bluejay: { apiUrl: emulator.url, apiKey: E2E_API_KEY },
      config: stackConfig("pr-301"),
    });
    const refresh = await stackB.refresh(display());
    expect(refresh.summary.resourceChanges).toEqual({ same: RESOURCES });
    const destroy = await stackB.destroy(display());
    expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });
    expect(emulator.isEmpty()).toBe(true);
    // B's copy of the state holds nothing; A's still lists the (now deleted) resources: after a
    // move, only one folder may be used.
    const resourcesIn = async (stack: Stack) =>
      ((await stack.exportStack()).deployment as { resources?: unknown[] }).resources ?? [];
    expect(await resourcesIn(stackB)).toEqual([]);
    expect(await resourcesIn(stackA)).toHaveLength(RESOURCES + 1); // and the default provider
  });
});
