// 2–5. The provider against the engine: `pulumi up`, `refresh`, a no-change `up` and `destroy` of
// bench/programs/bluejay with N communities against bench/programs/trivial with N dynamic resources
// whose provider makes no HTTP call, on local stacks (scripts/lib/local-stack.ts); with the requests
// each operation sends (from the emulator's log), the state size per resource and the peak memory
// of the dynamic-provider process.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import type { Stack } from "@pulumi/pulumi/automation";
import type { BluejayEmulator } from "../emulator";
import { cliProcessEnv, localBackend, openStack, type LocalBackend } from "../scripts/lib/local-stack";
import {
  API_KEY,
  CONFIG_NAMESPACE,
  EXPECTED_PER_COMMUNITY,
  OP_LABELS,
  OP_TIMEOUT_MS,
  PASSPHRASE,
  PROGRAM_SOURCES,
  PROGRAMS,
  root,
  type BenchSettings,
  type Program,
  type PulumiOp,
} from "./config";
import { RssPoller } from "./memory";
import type { EngineResults, MemoryResult, OpRun, RequestCheck, StateSize } from "./results";
import { describeCounts, fmt, median, now, round, routeOf } from "./stats";

const execFileAsync = promisify(execFile);

export interface Workspaces {
  backend: LocalBackend;
  workDirs: Record<Program, string>;
  /** Every CLI command the Automation API ran, with its wall time. */
  cliRuns: { args: string[]; seconds: number }[];
}

/** Where the programs are copied for a run: inside the repo, so they resolve packages by name. */
export function workDirOf(program: Program, pid: number = process.pid): string {
  return path.join(root, ".e2e", `bench-${program}-${pid}`);
}

export async function setUpWorkspaces(stateDir: string): Promise<Workspaces> {
  const workDirs = {} as Record<Program, string>;
  for (const program of PROGRAMS) {
    // Inside the repo, so the program resolves `@pulumi/pulumi` and `pulumi-bluejay` by name.
    const workDir = workDirOf(program);
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    for (const file of ["index.ts", "Pulumi.yaml"]) {
      fs.copyFileSync(path.join(PROGRAM_SOURCES[program], file), path.join(workDir, file));
    }
    workDirs[program] = workDir;
  }
  const backend = await localBackend({ stateDir, passphrase: PASSPHRASE });
  const cliRuns: Workspaces["cliRuns"] = [];
  // Time each CLI run: the Automation API's `up` also runs `stack output` and `stack history`
  // afterwards, which are not part of the operation being measured.
  const internal = backend.pulumiCommand as unknown as { run?: (...args: unknown[]) => Promise<unknown> };
  const run = internal.run?.bind(backend.pulumiCommand);
  if (run) {
    internal.run = async (...args: unknown[]) => {
      const start = now();
      try {
        return await run(...args);
      } finally {
        cliRuns.push({ args: args[0] as string[], seconds: now() - start });
      }
    };
  }
  return { backend, workDirs, cliRuns };
}

export function declaredCommunities(
  n: number,
): Record<string, { title: string; description?: string; digitalHumanIds: number[] }> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `c${i}`,
      {
        title: `Bench community ${i}`,
        ...(i % 2 === 0 ? { description: `Callers for benchmark community ${i}` } : {}),
        digitalHumanIds: [i + 1, i + 1001],
      },
    ]),
  );
}

export function openProgramStack(
  ws: Workspaces,
  program: Program,
  stackName: string,
  n: number,
  emulator: BluejayEmulator,
): Promise<Stack> {
  const ns = CONFIG_NAMESPACE[program];
  return openStack(ws.backend, {
    stackName,
    workDir: ws.workDirs[program],
    ...(program === "bluejay" ? { bluejay: { apiUrl: emulator.url, apiKey: API_KEY } } : {}),
    config: {
      [`${ns}:communities`]: { value: JSON.stringify(declaredCommunities(n)) },
      [`${ns}:titlePrefix`]: { value: "" },
    },
  });
}

/** Holds one run's request log against what its operation should send. */
export function checkRequests(run: OpRun): RequestCheck {
  const observed = run.requests ?? {};
  const expected = Object.fromEntries(
    Object.entries(EXPECTED_PER_COMMUNITY[run.op]).map(([route, perCommunity]) => [
      route,
      perCommunity * run.n,
    ]),
  );
  const extra: Record<string, number> = {};
  const missing: Record<string, number> = {};
  for (const route of new Set([...Object.keys(observed), ...Object.keys(expected)])) {
    const delta = (observed[route] ?? 0) - (expected[route] ?? 0);
    if (delta > 0) extra[route] = delta;
    if (delta < 0) missing[route] = -delta;
  }
  const nonOkStatuses = Object.fromEntries(
    Object.entries(run.requestStatuses ?? {}).filter(([status]) => status !== "200"),
  );
  return { n: run.n, round: run.round, op: run.op, observed, expected, extra, missing, nonOkStatuses };
}

export interface RunContext {
  ws: Workspaces;
  emulator: BluejayEmulator;
  /** Aborted by the watchdog or a signal: the running `pulumi` gets SIGINT and stops cleanly. */
  stop: AbortSignal;
  /** Attempts per operation; default 2 (one retry). 1 where a failure is itself the finding. */
  attempts?: number;
  /** Printed before each operation's line instead of its round, e.g. "5 req/s". */
  label?: string;
}

export async function runOp(
  ctx: RunContext,
  stack: Stack,
  program: Program,
  n: number,
  round: number,
  op: PulumiOp,
): Promise<OpRun> {
  const { ws, emulator } = ctx;
  let resourceChanges: Record<string, number> | undefined;
  let retriedAfter: string | undefined;
  let first = 0;
  let start = 0;
  // One retry: on a shared machine a plugin can die under the run (another job's cleanup, say).
  // A retried run is reported as such, since the failed attempt may have done part of the work.
  for (let attempt = 1; ; attempt++) {
    const output: string[] = [];
    const options = {
      onOutput: (line: string) => void output.push(line),
      color: "never" as const,
      signal: AbortSignal.any([ctx.stop, AbortSignal.timeout(OP_TIMEOUT_MS)]),
    };
    emulator.clearRequests();
    first = ws.cliRuns.length;
    start = now();
    try {
      if (op === "refresh") resourceChanges = (await stack.refresh(options)).summary.resourceChanges;
      else if (op === "destroy") resourceChanges = (await stack.destroy(options)).summary.resourceChanges;
      else resourceChanges = (await stack.up(options)).summary.resourceChanges;
      break;
    } catch (error) {
      console.error(output.join("").slice(-4000));
      if (attempt >= (ctx.attempts ?? 2) || ctx.stop.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      retriedAfter =
        message
          .split("\n")
          .find((line) => line.startsWith("error:"))
          ?.slice(0, 400) ?? message.slice(0, 400);
      console.error(`bench: ${program} ${OP_LABELS[op]} at N=${n} failed (${retriedAfter}); retrying once.`);
    }
  }
  const apiSeconds = now() - start;
  const command = op === "refresh" ? "refresh" : op === "destroy" ? "destroy" : "up";
  const cli = ws.cliRuns.slice(first).find((r) => r.args[0] === command);
  const result: OpRun = {
    program,
    n,
    round,
    op,
    seconds: cli?.seconds ?? apiSeconds,
    apiSeconds,
    resourceChanges,
    ...(retriedAfter === undefined ? {} : { retriedAfter }),
  };
  if (program === "bluejay") {
    const requests: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    for (const r of emulator.requests) {
      const route = routeOf(r.method, r.path);
      requests[route] = (requests[route] ?? 0) + 1;
      statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
    }
    result.requests = requests;
    result.requestStatuses = statuses;
  }
  console.log(
    `  N=${String(n).padEnd(3)} ${ctx.label ?? `#${round + 1}`} ${program.padEnd(7)} ${OP_LABELS[op].padEnd(22)} ${fmt(result.seconds, 2).padStart(6)} s` +
      (result.requests ? `  requests: ${describeCounts(result.requests)}` : ""),
  );
  return result;
}

async function exportStateSize(
  ws: Workspaces,
  program: Program,
  stackName: string,
  n: number,
): Promise<StateSize> {
  const { stdout } = await execFileAsync(ws.backend.pulumiPath, ["stack", "export", "--stack", stackName], {
    cwd: ws.workDirs[program],
    env: cliProcessEnv(ws.backend.envVars),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const state = JSON.parse(stdout) as {
    deployment: {
      resources: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
    };
  };
  const dynamic = state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const sizes = dynamic.map((r) =>
    Buffer.byteLength(text(r.outputs?.__provider ?? r.inputs?.__provider ?? "")),
  );
  const allCopies = dynamic.map(
    (r) => Buffer.byteLength(text(r.inputs?.__provider)) + Buffer.byteLength(text(r.outputs?.__provider)),
  );
  const bytes = Buffer.byteLength(stdout);
  return {
    program,
    n,
    resources: dynamic.length,
    providerBytes: median(sizes),
    providerBytesAllCopiesPerResource: median(allCopies),
    stackExportBytes: bytes,
    stackExportBytesPerResource: round(bytes / n, 1),
  };
}

export async function providerVsEngine(
  ws: Workspaces,
  emulator: BluejayEmulator,
  settings: BenchSettings,
  stop: AbortSignal,
): Promise<EngineResults> {
  const ctx: RunContext = { ws, emulator, stop };
  const { sizes, rounds, referenceN, largestN } = settings;
  const runs: OpRun[] = [];
  const memory: MemoryResult[] = [];
  const state: StateSize[] = [];
  const opSignal = () => AbortSignal.any([stop, AbortSignal.timeout(OP_TIMEOUT_MS)]);

  // Warm-up: a first run pays for cold caches (CLI, plugins, ts-node); keep that out of N = 10.
  const warmStart = now();
  for (const program of PROGRAMS) {
    const stack = await openProgramStack(ws, program, "warmup", 1, emulator);
    await stack.up({ color: "never", signal: opSignal() });
    await stack.destroy({ color: "never", signal: opSignal() });
    await stack.workspace.removeStack("warmup");
  }
  const warmupSeconds = now() - warmStart;
  console.log(`  warm-up (N=1 up + destroy of each program): ${fmt(warmupSeconds, 1)} s`);

  for (const [sizeIndex, n] of sizes.entries()) {
    for (let round = 0; round < (rounds[sizeIndex] ?? 1); round++) {
      emulator.reset();
      const stackName = `n${n}-r${round}`;
      const stacks: Record<Program, Stack> = {
        bluejay: await openProgramStack(ws, "bluejay", stackName, n, emulator),
        trivial: await openProgramStack(ws, "trivial", stackName, n, emulator),
      };
      const first = round === 0;
      const ops: PulumiOp[] = [
        "up",
        "refresh",
        "noop-up",
        ...(n === referenceN && first ? (["update"] as const) : []),
        "destroy",
      ];
      for (const [opIndex, op] of ops.entries()) {
        // Alternate which program goes first, so a drift in machine speed hits both alike.
        const programs: Program[] =
          op === "update"
            ? ["bluejay"]
            : (sizeIndex + round + opIndex) % 2 === 0
              ? ["bluejay", "trivial"]
              : ["trivial", "bluejay"];
        for (const program of programs) {
          const stack = stacks[program];
          if (op === "update") {
            await stack.setConfig(`${CONFIG_NAMESPACE[program]}:titlePrefix`, { value: "v2 " });
          }
          const poller = op === "up" && n === largestN && first ? new RssPoller() : undefined;
          poller?.start();
          const run = await runOp(ctx, stack, program, n, round, op);
          if (poller) memory.push(await poller.stop(program, n));
          runs.push(run);
          if (program === "bluejay") {
            const held = emulator.communities().length;
            const wanted = op === "destroy" ? 0 : n;
            if (held !== wanted)
              throw new Error(`after ${op} of N=${n} the emulator holds ${held} communities, not ${wanted}`);
          }
          if (op === "up" && n === referenceN && first) {
            state.push(await exportStateSize(ws, program, stackName, n));
          }
        }
      }
      for (const program of PROGRAMS) {
        await stacks[program].workspace.removeStack(stackName);
      }
    }
  }
  const checks = runs.filter((r) => r.program === "bluejay").map(checkRequests);
  return { runs, checks, memory, state, warmupSeconds };
}
