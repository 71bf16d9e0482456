// The provider's own CPU per resource operation: the provider's calls for the benchmark's environment
// (bench/programs/shared/environment.ts), made in this process exactly as Pulumi's dynamic-provider
// host makes them (`check` then `create`; `check` then `diff`; `read`, several at once; `delete`),
// against the emulator in a child process, so that only the provider's work is counted here. The CPU
// time of each phase is this process's own (`process.cpuUsage`), from a round run without the
// profiler; a CPU profile of a second round tells which share of it is the provider's own code (the
// lifecycle, zod validation, mapping, JSON) and which the HTTP client under it (node-fetch, node:http,
// sockets), so the HTTP exchange, which any provider talking to Bluejay pays, is taken out of the
// figure.
import { spawn } from "child_process";
import * as inspector from "inspector";
import * as path from "path";
import { Runtime } from "../provider/dynamic/runtime";
import { KINDS } from "../provider/kinds/registry";
import { API_KEY, root, type PulumiOp } from "./config";
import { declareEnvironment, type Kind } from "./programs/shared/environment";
import type { CpuPhase, ProviderCpuResults } from "./results";
import { fmt, round } from "./stats";

/** The engine's parallelism on a 2-core machine (4 × GOMAXPROCS): reads go this many at once. */
const PARALLEL = 8;
/** Profile samples every this many microseconds. */
const SAMPLING_US = 100;

type Props = Record<string, unknown>;
interface Planned {
  kind: Kind;
  name: string;
  inputs: Props;
}
interface Made extends Planned {
  id: string;
  outs: Props;
}

/** A reference to another resource in a planned resource's inputs, filled in once it is made. */
class Ref {
  constructor(readonly name: string) {}
}

/** The environment's resources in declaration order (which is an order they can be made in). */
function plan(records: number): Planned[] {
  const planned: Planned[] = [];
  declareEnvironment(
    records,
    (kind, name, inputs) => {
      planned.push({ kind, name, inputs });
      return { ref: new Ref(name) as never };
    },
    "bench-websocket-password",
  );
  return planned;
}

/** The inputs with every reference replaced by what it names: a folder's name, another's whole-number id. */
function resolved(inputs: Props, made: Map<string, Made>): Props {
  const fill = (value: unknown): unknown => {
    if (value instanceof Ref) {
      const target = made.get(value.name)!;
      return target.kind === "Folder" ? target.inputs.name : Number(target.id);
    }
    return Array.isArray(value) ? value.map(fill) : value;
  };
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, fill(v)]));
}

/** The emulator in a child process (its CPU is not this one's): the built command line. */
async function startEmulator(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(root, "dist/emulator/cli.js"), "--port", "0"], {
    env: { ...process.env, BLUEJAY_API_KEY: API_KEY },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${String(code)}`)));
    child.stdout.once("data", (chunk: Buffer) =>
      resolve(chunk.toString().trim().replace("Bluejay emulator listening on ", "")),
    );
  });
  return { url, stop: () => child.kill() };
}

type Category = "provider" | "zod" | "http" | "other";

/** Code of the HTTP client: node-fetch and Node.js's HTTP, sockets and streams. */
const HTTP =
  /\/node_modules\/node-fetch\/|^node:(_http|http|https|net|tls|_tls|stream|zlib|dns|internal\/(streams|http|net|stream_base|tls))/;
/** The provider's own code: its sources (or build) and zod. */
const OWN = /\/node_modules\/zod\/|\/(dist\/)?provider\//;
const ZOD = /\/node_modules\/zod\//;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * Shares of the profile's busy samples (idle, GC and V8's own left out) by category: a sample whose
 * stack passes through the HTTP client is the HTTP exchange's (the client works for it); else one
 * that passes through the provider's code is the provider's (promise hooks and JSON included).
 */
function shares(profile: {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}): Record<Category, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const time: Record<Category, number> = { provider: 0, zod: 0, http: 0, other: 0 };
  profile.samples.forEach((sample, i) => {
    const leaf = byId.get(sample)!;
    if (["(idle)", "(garbage collector)", "(program)", "(root)"].includes(leaf.callFrame.functionName))
      return;
    let http = false;
    let own = false;
    let zod = false;
    let profiler = false;
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const { url } = byId.get(id)!.callFrame;
      if (HTTP.test(url)) http = true;
      else if (OWN.test(url)) own = true;
      else if (url === "node:inspector") profiler = true;
      if (ZOD.test(url)) zod = true;
    }
    // Starting and stopping the profile is the measurement's, outside the CPU time measured.
    if (profiler) return;
    time[http ? "http" : zod ? "zod" : own ? "provider" : "other"] += profile.timeDeltas[i] ?? 0;
  });
  const total = time.provider + time.zod + time.http + time.other || 1;
  return {
    provider: time.provider / total,
    zod: time.zod / total,
    http: time.http / total,
    other: time.other / total,
  };
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

/** A phase's CPU time and, when profiled, the shares of it by category. */
interface Measured {
  op: PulumiOp;
  operations: number;
  cpuMs: number;
  split?: Record<Category, number>;
}

/**
 * Runs `work` (`ops` operations' worth): this process's CPU time for it and, with a session, the
 * profile's shares of it. Sampling every 100 µs costs CPU of its own (about half again on a create),
 * so a profiled round gives only the shares; the CPU time comes from a round without the profiler.
 */
async function measure(
  session: inspector.Session | undefined,
  op: PulumiOp,
  ops: number,
  work: () => Promise<void>,
): Promise<Measured> {
  if (session) await post(session, "Profiler.start");
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  const cpuMs = (used.user + used.system) / 1000;
  if (!session) return { op, operations: ops, cpuMs };
  const { profile } = await post<{ profile: Parameters<typeof shares>[0] }>(session, "Profiler.stop");
  return { op, operations: ops, cpuMs, split: shares(profile) };
}

/** A phase's figures: the CPU time of the round without the profiler, split by the profiled round's shares. */
function phaseOf(plain: Measured, profiled: Measured): CpuPhase {
  const split = profiled.split!;
  const perOp = (share: number) => round((plain.cpuMs * share) / plain.operations, 4);
  return {
    op: plain.op,
    operations: plain.operations,
    cpuMsPerOp: perOp(1),
    ownMsPerOp: perOp(split.provider + split.zod),
    zodMsPerOp: perOp(split.zod),
    httpMsPerOp: perOp(split.http),
    otherMsPerOp: perOp(split.other),
  };
}

async function inParallel<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) await each(items[next++]!);
    }),
  );
}

/** One round: the environment made, checked again, read, and deleted; each phase measured (profiled with a session). */
async function round1(
  runtime: Runtime,
  session: inspector.Session | undefined,
  records: number,
): Promise<Measured[]> {
  const made = new Map<string, Made>();
  const planned = plan(records);
  const provider = "stub";
  const phases: Measured[] = [];
  phases.push(
    await measure(session, "up", planned.length, async () => {
      for (const p of planned) {
        const news = { ...resolved(p.inputs, made), __provider: provider };
        const checked = (await runtime.dispatch([{}, news], p.kind)) as { inputs: Props };
        const created = (await runtime.dispatch([{ ...checked.inputs, __provider: provider }], p.kind)) as {
          id: string;
          outs: Props;
        };
        made.set(p.name, { ...p, id: created.id, outs: created.outs });
      }
    }),
  );
  const all = [...made.values()];
  phases.push(
    await measure(session, "noop-up", all.length, () =>
      inParallel(all, async (m) => {
        const news = { ...resolved(m.inputs, made), __provider: provider };
        const olds = { ...m.outs, __provider: provider };
        const checked = (await runtime.dispatch([olds, news], m.kind)) as { inputs: Props };
        await runtime.dispatch([m.id, olds, { ...checked.inputs, __provider: provider }], m.kind);
      }),
    ),
  );
  phases.push(
    await measure(session, "refresh", all.length, () =>
      inParallel(all, async (m) => {
        await runtime.dispatch([m.id, { ...m.outs, __provider: provider }], m.kind);
      }),
    ),
  );
  phases.push(
    await measure(session, "destroy", all.length, async () => {
      for (const m of [...all].reverse()) await runtime.dispatch(["delete", m.id, m.outs], m.kind);
    }),
  );
  return phases;
}

/** The provider's CPU per operation over `rounds` rounds of an environment of `records` records. */
export async function providerCpu(records: number, rounds: number): Promise<ProviderCpuResults> {
  const emulator = await startEmulator();
  const session = new inspector.Session();
  session.connect();
  try {
    await post(session, "Profiler.enable");
    await post(session, "Profiler.setSamplingInterval", { interval: SAMPLING_US });
    const runtime = new Runtime(KINDS);
    const config = { "bluejay:apiUrl": emulator.url, "bluejay:apiKey": API_KEY };
    await runtime.dispatch([{ config: { get: (key: string) => config[key as keyof typeof config] } }]);
    // A first round warms the code up (JIT, sockets); only the later ones count.
    await round1(runtime, session, Math.min(records, 60));
    const measured: CpuPhase[][] = [];
    for (let i = 0; i < rounds; i++) {
      const plain = await round1(runtime, undefined, records);
      const profiled = await round1(runtime, session, records);
      const phases = plain.map((phase, j) => phaseOf(phase, profiled[j]!));
      measured.push(phases);
      console.log(
        `  round ${i + 1}: ` +
          phases
            .map(
              (p) =>
                `${p.op} ${fmt(p.ownMsPerOp, 3)} ms own (zod ${fmt(p.zodMsPerOp, 3)}) of ${fmt(p.cpuMsPerOp, 3)}`,
            )
            .join(", "),
      );
    }
    return { records, rounds, samplingUs: SAMPLING_US, phases: measured.flat() };
  } finally {
    session.disconnect();
    emulator.stop();
  }
}
