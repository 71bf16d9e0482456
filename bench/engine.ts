// Running one Pulumi operation of a benchmark program, and what it cost: the `pulumi` command's wall
// time; the requests Bluejay (the emulator) received, by route, status and kind, with the longest
// idle gap between them; the CPU time and peak memory of each process of the operation, by role
// (bench/processes.ts); and the size of the stack's state once it is done.
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { BluejayEmulator, EmulatorOperation } from "../emulator";
import { localBackend, openStack, type LocalBackend } from "../scripts/lib/local-stack";
import {
  API_KEY,
  CONFIG_NAMESPACE,
  OP_LABELS,
  OP_TIMEOUT_MS,
  PASSPHRASE,
  PROGRAM_SOURCES,
  PROGRAMS,
  SHARED_SOURCE,
  root,
  type Program,
  type PulumiOp,
} from "./config";
import { childrenCpuMs, ProcessSampler } from "./processes";
import type { OpRun, ProfileName } from "./results";
import { describeCounts, fmt, now, round } from "./stats";

export interface Workspaces {
  backend: LocalBackend;
  workDirs: Record<Program, string>;
  /** Every CLI command the Automation API ran, with its wall time. */
  cliRuns: { args: string[]; seconds: number }[];
}

/** Where a run copies the programs: inside the repo, so they resolve packages by name. */
export function runDirOf(pid: number = process.pid): string {
  return path.join(root, ".e2e", `bench-${pid}`);
}

/**
 * Copies both programs and the environment they share into the run's folder, as the repo lays them
 * out (`bluejay/`, `trivial/`, `shared/`), and opens the local backend.
 */
export async function setUpWorkspaces(stateDir: string): Promise<Workspaces> {
  const runDir = runDirOf();
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(runDir, "shared"), { recursive: true });
  fs.copyFileSync(SHARED_SOURCE, path.join(runDir, "shared", path.basename(SHARED_SOURCE)));
  const workDirs = {} as Record<Program, string>;
  for (const program of PROGRAMS) {
    const workDir = path.join(runDir, program);
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

/** A stack of a program declaring `records` records; the Bluejay program's points at `emulator`. */
export function openProgramStack(
  ws: Workspaces,
  program: Program,
  stackName: string,
  records: number,
  emulator: BluejayEmulator,
): Promise<Stack> {
  const ns = CONFIG_NAMESPACE[program];
  return openStack(ws.backend, {
    stackName,
    workDir: ws.workDirs[program],
    ...(program === "bluejay" ? { bluejay: { apiUrl: emulator.url, apiKey: API_KEY } } : {}),
    config: {
      [`${ns}:records`]: { value: String(records) },
      [`${ns}:websocketPassword`]: { value: "bench-websocket-password", secret: true },
    },
  });
}

/** The stack's checkpoint file in the local backend (project-scoped or not). */
function checkpointFile(ws: Workspaces, program: Program, stackName: string): string | undefined {
  const stacks = path.join(ws.backend.stateDir, ".pulumi", "stacks");
  const candidates = [
    path.join(stacks, CONFIG_NAMESPACE[program], `${stackName}.json`),
    path.join(stacks, `${stackName}.json`),
  ];
  return candidates.find((file) => fs.existsSync(file));
}

/** The resources the stack's state holds and its size, read from the backend's file. */
function stateOf(
  ws: Workspaces,
  program: Program,
  stackName: string,
): { bytes: number; resources: number; providerBytes: number } | undefined {
  const file = checkpointFile(ws, program, stackName);
  if (!file) return undefined;
  const text = fs.readFileSync(file, "utf8");
  const parsed = JSON.parse(text) as {
    checkpoint?: {
      latest?: { resources?: { type: string; outputs?: Record<string, unknown> }[] };
    };
  };
  const dynamic = (parsed.checkpoint?.latest?.resources ?? []).filter((r) =>
    r.type.startsWith("pulumi-nodejs:dynamic/"),
  );
  const provider = dynamic.map((r) => r.outputs?.__provider).find((p) => typeof p === "string");
  return {
    bytes: Buffer.byteLength(text),
    resources: dynamic.length,
    providerBytes: typeof provider === "string" ? Buffer.byteLength(provider) : 0,
  };
}

/** A request's route template (`GET /v1/digital-human/{digital_human_id}`) and the kind serving it. */
export function routeOf(
  operations: readonly EmulatorOperation[],
  method: string,
  requestPath: string,
): { route: string; kind: string } {
  for (const op of operations) {
    if (op.method !== method) continue;
    const pattern = new RegExp(`^${op.path.replace(/\{\w+\}/g, "[^/]+")}$`);
    if (pattern.test(requestPath)) return { route: `${method} ${op.path}`, kind: op.kind };
  }
  return { route: `${method} ${requestPath}`, kind: "unknown" };
}

export interface RunContext {
  ws: Workspaces;
  /** The emulator the Bluejay program's stacks point at. */
  emulator: BluejayEmulator;
  profile: ProfileName;
  /** Aborted by the watchdog or a signal: the running `pulumi` gets SIGINT and stops cleanly. */
  stop: AbortSignal;
  /** Attempts per operation; default 2 (one retry). 1 where a failure is itself the finding. */
  attempts?: number;
}

export interface RunTarget {
  stack: Stack;
  stackName: string;
  program: Program;
  records: number;
  round: number;
}

/** Runs one operation and measures it. */
export async function runOp(ctx: RunContext, target: RunTarget, op: PulumiOp): Promise<OpRun> {
  const { ws, emulator } = ctx;
  const { stack, program, records, round: roundIndex } = target;
  let resourceChanges: Record<string, number> | undefined;
  let retriedAfter: string | undefined;
  let first = 0;
  let start = 0;
  let startedAt = 0;
  let sampler = new ProcessSampler();
  let cpuBefore: number | undefined;
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
    sampler = new ProcessSampler();
    cpuBefore = childrenCpuMs();
    sampler.start();
    startedAt = Date.now();
    start = now();
    try {
      if (op === "refresh") resourceChanges = (await stack.refresh(options)).summary.resourceChanges;
      else if (op === "destroy") resourceChanges = (await stack.destroy(options)).summary.resourceChanges;
      else resourceChanges = (await stack.up(options)).summary.resourceChanges;
      break;
    } catch (error) {
      sampler.stop();
      console.error(output.join("").slice(-4000));
      if (attempt >= (ctx.attempts ?? 2) || ctx.stop.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      retriedAfter =
        message
          .split("\n")
          .find((line) => line.startsWith("error:"))
          ?.slice(0, 400) ?? message.slice(0, 400);
      console.error(
        `bench: ${program} ${OP_LABELS[op]} of ${records} records failed (${retriedAfter}); retrying once.`,
      );
    }
  }
  const apiSeconds = now() - start;
  const processes = sampler.stop();
  const cpuAfter = childrenCpuMs();
  const command = op === "refresh" ? "refresh" : op === "destroy" ? "destroy" : "up";
  const cli = ws.cliRuns.slice(first).find((r) => r.args[0] === command);
  const state = stateOf(ws, program, target.stackName);
  const result: OpRun = {
    program,
    records,
    profile: ctx.profile,
    round: roundIndex,
    op,
    seconds: round(cli?.seconds ?? apiSeconds),
    apiSeconds: round(apiSeconds),
    resourceChanges,
    processes,
    ...(cpuBefore === undefined || cpuAfter === undefined
      ? {}
      : { descendantsCpuMs: Math.round(cpuAfter - cpuBefore) }),
    ...(state ? { stateBytes: state.bytes, stateResources: state.resources } : {}),
    ...(state?.providerBytes ? { providerBytes: state.providerBytes } : {}),
    ...(retriedAfter === undefined ? {} : { retriedAfter }),
  };
  if (program === "bluejay") Object.assign(result, requestFigures(emulator, startedAt));
  console.log(
    `  ${String(records).padStart(3)} records ${ctx.profile.padEnd(8)} #${roundIndex + 1} ${program.padEnd(7)} ` +
      `${OP_LABELS[op].padEnd(13)} ${fmt(result.seconds, 2).padStart(7)} s` +
      (result.requests ? `  ${result.requestCount} requests (${result.refusals} 429s)` : "") +
      `  provider CPU ${processes.find((p) => p.role === "provider")?.cpuMs ?? "—"} ms`,
  );
  return result;
}

/** What the emulator logged during an operation: by route, status and kind, and its timeline. */
function requestFigures(emulator: BluejayEmulator, startedAt: number): Partial<OpRun> {
  const operations = emulator.operations();
  const requests: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const times: number[] = [];
  for (const r of emulator.requests) {
    const { route, kind } = routeOf(operations, r.method, r.path);
    requests[route] = (requests[route] ?? 0) + 1;
    statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    times.push(r.at);
  }
  times.sort((a, b) => a - b);
  let longestGap = 0;
  for (let i = 1; i < times.length; i++) longestGap = Math.max(longestGap, times[i]! - times[i - 1]!);
  return {
    requests,
    requestStatuses: statuses,
    requestsByKind: byKind,
    requestCount: times.length,
    refusals: statuses["429"] ?? 0,
    ...(times.length > 0
      ? {
          firstRequestS: round((times[0]! - startedAt) / 1000),
          lastRequestS: round((times.at(-1)! - startedAt) / 1000),
          longestGapS: round(longestGap / 1000),
        }
      : {}),
  };
}

export { describeCounts };
