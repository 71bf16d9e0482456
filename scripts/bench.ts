// `npm run bench`: the benchmark. Everything runs against the in-process Bluejay emulator on
// loopback, and every comparison is a ratio or a difference taken within the same run, because the
// machines it runs on are noisy. It measures:
//
//   1. the client against the wire: BluejayClient create/get throughput against a raw keep-alive
//      node:http loop sending the same requests, at concurrency 1, 10 and 50;
//   2. the provider against the engine: `pulumi up`, `refresh`, a no-change `up` and `destroy` of the
//      bench/programs/bluejay program with N communities against a program of N trivial dynamic
//      resources (bench/programs/trivial), for N = 10, 100 and 500;
//   3. the requests each operation sends, from the emulator's request log;
//   4. the state size per community;
//   5. the peak memory of the dynamic-provider process during the N = 500 `up`.
//
// It writes bench/results.json, bench/results.md and bench/scaling.png. It is not part of `npm test`.
// Knobs for quick trial runs (the defaults are the benchmark): BENCH_NS=10,100,500
// BENCH_ROUNDS=3,3,1 (per N) BENCH_REQUESTS=2000 BENCH_REPEATS=5.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import fetch, { type RequestInit } from "node-fetch";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { Resvg } from "@resvg/resvg-js";
import { BluejayEmulator } from "../emulator";
import { BluejayClient } from "../provider/client";
import { pulumiBinDir } from "./pulumi-cli";

const execFileAsync = promisify(execFile);

const root = path.resolve(__dirname, "..");
const benchDir = path.join(root, "bench");
const API_KEY = "bj-bench-key-7c2f41d09e8a";
const PASSPHRASE = "bench-passphrase";

const SIZES = envList("BENCH_NS", [10, 100, 500]);
const REQUESTS_PER_RUN = envInt("BENCH_REQUESTS", 2000);
const REPEATS = envInt("BENCH_REPEATS", 5);
const WARMUP_REQUESTS = Math.min(500, REQUESTS_PER_RUN);
const CONCURRENCIES = [1, 10, 50];
/** The N whose request log is held against the expected counts (item 3) and whose state is sized. */
const REFERENCE_N = SIZES.includes(100) ? 100 : SIZES[Math.floor(SIZES.length / 2)]!;
const LARGEST_N = Math.max(...SIZES);
/**
 * Rounds of the whole sequence per N (fresh stacks each round; medians are reported). Small N is
 * cheap and noisy, so it is repeated; N = 500 runs once to keep the benchmark under 15 minutes.
 */
const ROUNDS = envList(
  "BENCH_ROUNDS",
  SIZES.map((n) => (n <= 100 ? 3 : 1)),
);
/** Whole-run guard: the benchmark is meant to take well under 15 minutes on 2 cores. */
const WATCHDOG_MS = 30 * 60_000;
const OP_TIMEOUT_MS = 10 * 60_000;
/** Aborted by the watchdog or a signal: the running `pulumi` gets SIGINT and stops cleanly. */
const stopAll = new AbortController();
const opSignal = (): AbortSignal => AbortSignal.any([stopAll.signal, AbortSignal.timeout(OP_TIMEOUT_MS)]);

const TARGETS = {
  clientOverRaw: 0.9,
  scaling500over100: 5.5,
  providerBytes: 1024,
};

// ---------------------------------------------------------------------------------------------
// Small helpers

function envInt(name: string, fallback: number): number {
  const value = process.env[name];
  return value ? Number.parseInt(value, 10) : fallback;
}

function envList(name: string, fallback: number[]): number[] {
  const value = process.env[name];
  return value ? value.split(",").map((v) => Number.parseInt(v.trim(), 10)) : fallback;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function fmt(value: number, digits = 2): string {
  return value.toFixed(digits);
}

function log(line = ""): void {
  console.log(line);
}

/** Paths whose last segment is a community id, with the id replaced by `{id}`. */
function routeOf(method: string, pathname: string): string {
  return `${method} ${pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "{id}")}`;
}

// ---------------------------------------------------------------------------------------------
// 1. Client vs wire

type ClientOp = "create" | "get";

interface ThroughputCell {
  op: ClientOp;
  concurrency: number;
  requestsPerRun: number;
  rawRps: number[];
  clientRps: number[];
  /** Diagnostic: node-fetch alone, as the client's transport calls it, without validation or mapping. */
  fetchRps: number[];
  rawMedianRps: number;
  clientMedianRps: number;
  fetchMedianRps: number;
  /** clientMedianRps / rawMedianRps */
  ratio: number;
  /** Median over repeats of the per-pair ratios (each client run against the raw run beside it). */
  pairedRatioMedian: number;
}

const CREATE_INPUT = {
  title: "Benchmark callers",
  description: "Callers made by the client-versus-wire benchmark",
  digitalHumanIds: [101, 102, 103],
};
/** The exact body BluejayClient sends for CREATE_INPUT (see toWireCreate). */
const CREATE_WIRE_BODY = JSON.stringify({
  title: CREATE_INPUT.title,
  description: CREATE_INPUT.description,
  digital_human_ids: CREATE_INPUT.digitalHumanIds,
});

/** Runs `total` calls of `send` with `concurrency` in flight; returns the elapsed seconds. */
async function drive(
  concurrency: number,
  total: number,
  send: (i: number) => Promise<unknown>,
): Promise<number> {
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < total) {
      const i = issued++;
      await send(i);
    }
  };
  const start = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return now() - start;
}

/** The headers node-fetch puts on the client's requests (Content-Type and Content-Length aside). */
const WIRE_HEADERS = {
  "X-API-Key": API_KEY,
  Accept: "application/json",
  "User-Agent": "pulumi-bluejay",
  "Accept-Encoding": "gzip,deflate",
} as const;

/**
 * A diagnostic between the two: node-fetch called the way the client's transport calls it (its
 * agent settings, an AbortController timer, a size limit, `text()`), without zod or mapping.
 */
function fetchRequest(agent: http.Agent, url: string, method: string, body?: string): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  return fetch(url, {
    method,
    headers: body === undefined ? WIRE_HEADERS : { ...WIRE_HEADERS, "Content-Type": "application/json" },
    body,
    agent,
    signal: controller.signal as unknown as RequestInit["signal"],
    size: 10 * 1024 * 1024,
  })
    .then(async (response) => {
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    })
    .finally(() => clearTimeout(timer));
}

/**
 * The baseline: one node:http request on a keep-alive agent with the headers node-fetch sends for
 * the client (X-API-Key, Accept, User-Agent, Accept-Encoding, Content-Type and Content-Length with a
 * body). The answer is read to its end and its status checked; it is not parsed.
 */
function rawRequest(
  agent: http.Agent,
  origin: URL,
  method: string,
  requestPath: string,
  body?: string,
): Promise<void> {
  const headers: Record<string, string | number> = { ...WIRE_HEADERS };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: origin.hostname, port: origin.port, method, path: requestPath, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200)
            reject(new Error(`${method} ${requestPath}: ${res.statusCode} ${text}`));
          else resolve();
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function clientVsWire(emulator: BluejayEmulator): Promise<{
  cells: ThroughputCell[];
  rawLatencyMs: Record<string, number>;
  rawLatencySamplesMs: Record<string, number[]>;
}> {
  const origin = new URL(emulator.url);
  const cells: ThroughputCell[] = [];
  // The GET target: recreated after every reset.
  let targetId = "";
  const prepare = (op: ClientOp): void => {
    emulator.reset();
    if (op === "get") {
      targetId = emulator.store.create({
        title: CREATE_INPUT.title,
        description: CREATE_INPUT.description,
        digital_human_ids: CREATE_INPUT.digitalHumanIds,
      }).id;
    }
  };

  for (const op of ["create", "get"] as const) {
    for (const concurrency of CONCURRENCIES) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      const client = new BluejayClient({ apiKey: API_KEY, baseUrl: emulator.url });
      const raw = (): Promise<void> =>
        op === "create"
          ? rawRequest(agent, origin, "POST", "/v1/create-community", CREATE_WIRE_BODY)
          : rawRequest(agent, origin, "GET", `/v1/community/${targetId}`);
      const viaClient = (): Promise<unknown> =>
        op === "create" ? client.createCommunity(CREATE_INPUT) : client.getCommunity(targetId);
      // The client's own agent settings (options.ts): keep-alive, 64 sockets, LIFO.
      const fetchAgent = new http.Agent({ keepAlive: true, maxSockets: 64, scheduling: "lifo" });
      const viaFetch = (): Promise<void> =>
        op === "create"
          ? fetchRequest(fetchAgent, `${emulator.url}/v1/create-community`, "POST", CREATE_WIRE_BODY)
          : fetchRequest(fetchAgent, `${emulator.url}/v1/community/${targetId}`, "GET");
      const sides = { raw, fetch: viaFetch, client: viaClient };

      // Warm-up: sockets open, code paths compiled.
      for (const send of Object.values(sides)) {
        prepare(op);
        await drive(concurrency, WARMUP_REQUESTS, send);
      }

      const samples: Record<keyof typeof sides, number[]> = { raw: [], fetch: [], client: [] };
      for (let rep = 0; rep < REPEATS; rep++) {
        // Alternate the order, so a drift in machine speed hits every side alike.
        const order =
          rep % 2 === 0 ? (["raw", "fetch", "client"] as const) : (["client", "fetch", "raw"] as const);
        for (const side of order) {
          prepare(op);
          const seconds = await drive(concurrency, REQUESTS_PER_RUN, sides[side]);
          const served = emulator.requests.filter((r) => r.status === 200).length;
          if (served !== REQUESTS_PER_RUN) {
            throw new Error(`${side} ${op} c=${concurrency}: ${served} of ${REQUESTS_PER_RUN} answered 200`);
          }
          samples[side].push(REQUESTS_PER_RUN / seconds);
        }
      }
      client.close();
      agent.destroy();
      fetchAgent.destroy();
      const { raw: rawRps, client: clientRps, fetch: fetchRps } = samples;
      const rawMedianRps = median(rawRps);
      const clientMedianRps = median(clientRps);
      const cell: ThroughputCell = {
        op,
        concurrency,
        requestsPerRun: REQUESTS_PER_RUN,
        rawRps: rawRps.map((v) => round(v, 1)),
        clientRps: clientRps.map((v) => round(v, 1)),
        fetchRps: fetchRps.map((v) => round(v, 1)),
        rawMedianRps: round(rawMedianRps, 1),
        clientMedianRps: round(clientMedianRps, 1),
        fetchMedianRps: round(median(fetchRps), 1),
        ratio: round(clientMedianRps / rawMedianRps),
        pairedRatioMedian: round(median(clientRps.map((c, i) => c / rawRps[i]!))),
      };
      cells.push(cell);
      log(
        `  ${op.padEnd(6)} c=${String(concurrency).padEnd(2)}  raw ${fmt(rawMedianRps, 0).padStart(6)} req/s` +
          `  node-fetch ${fmt(cell.fetchMedianRps, 0).padStart(6)} req/s` +
          `  client ${fmt(clientMedianRps, 0).padStart(6)} req/s  client/raw ${fmt(cell.ratio, 3)}` +
          `  (target ≥ ${TARGETS.clientOverRaw}: ${cell.ratio >= TARGETS.clientOverRaw ? "met" : "MISSED"})`,
      );
    }
  }

  // Raw mean round trip at concurrency 1, per method: POST and GET from the cells above, PUT and
  // DELETE measured the same way here (raw only), so each operation's requests can be priced.
  const rawLatencySamplesMs: Record<string, number[]> = {
    POST: cells.find((c) => c.op === "create" && c.concurrency === 1)!.rawRps.map((r) => 1000 / r),
    GET: cells.find((c) => c.op === "get" && c.concurrency === 1)!.rawRps.map((r) => 1000 / r),
    PUT: [],
    DELETE: [],
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const putBody = JSON.stringify({ title: "Benchmark callers, renamed" });
  for (let rep = -1; rep < REPEATS; rep++) {
    const count = rep < 0 ? WARMUP_REQUESTS : REQUESTS_PER_RUN;
    emulator.reset();
    const ids = Array.from(
      { length: count },
      () => emulator.store.create({ title: CREATE_INPUT.title, digital_human_ids: [1] }).id,
    );
    const putSeconds = await drive(1, count, (i) =>
      rawRequest(agent, origin, "PUT", `/v1/update-community/${ids[i]}`, putBody),
    );
    const deleteSeconds = await drive(1, count, (i) =>
      rawRequest(agent, origin, "DELETE", `/v1/community/${ids[i]}`),
    );
    if (rep >= 0) {
      rawLatencySamplesMs.PUT!.push((putSeconds * 1000) / count);
      rawLatencySamplesMs.DELETE!.push((deleteSeconds * 1000) / count);
    }
  }
  agent.destroy();
  emulator.reset();
  const rawLatencyMs = Object.fromEntries(
    Object.entries(rawLatencySamplesMs).map(([method, samples]) => [method, round(median(samples), 4)]),
  );
  for (const [method, samples] of Object.entries(rawLatencySamplesMs)) {
    rawLatencySamplesMs[method] = samples.map((v) => round(v, 4));
  }
  log(
    `  raw mean round trip at c=1: ` +
      Object.entries(rawLatencyMs)
        .map(([m, v]) => `${m} ${fmt(v, 3)} ms`)
        .join(", "),
  );
  return { cells, rawLatencyMs, rawLatencySamplesMs };
}

// ---------------------------------------------------------------------------------------------
// 2–5. Provider vs engine, requests, state, memory

type Program = "bluejay" | "trivial";
type PulumiOp = "up" | "refresh" | "noop-up" | "update" | "destroy";
const SCALED_OPS = ["up", "refresh", "noop-up", "destroy"] as const;
type ScaledOp = (typeof SCALED_OPS)[number];
const OP_LABELS: Record<PulumiOp, string> = {
  up: "up (create)",
  refresh: "refresh",
  "noop-up": "no-change up",
  update: "up (update all titles)",
  destroy: "destroy",
};
/** What each operation should send to Bluejay per community. */
const EXPECTED_PER_COMMUNITY: Record<PulumiOp, Record<string, number>> = {
  up: { "POST /v1/create-community": 1 },
  update: { "PUT /v1/update-community/{id}": 1 },
  "noop-up": {},
  refresh: { "GET /v1/community/{id}": 1 },
  destroy: { "DELETE /v1/community/{id}": 1 },
};

interface OpRun {
  program: Program;
  n: number;
  round: number;
  op: PulumiOp;
  /** Wall time of the `pulumi` CLI command itself. */
  seconds: number;
  /** Wall time of the Automation API call (adds `stack output` and `stack history` runs). */
  apiSeconds: number;
  resourceChanges?: Record<string, number>;
  /** Set when the first attempt failed and this is the second: the first attempt's error. */
  retriedAfter?: string;
  /** Requests the emulator logged during the operation, by route and status. */
  requests?: Record<string, number>;
  requestStatuses?: Record<string, number>;
}

interface RequestCheck {
  n: number;
  round: number;
  op: PulumiOp;
  observed: Record<string, number>;
  expected: Record<string, number>;
  extra: Record<string, number>;
  missing: Record<string, number>;
  nonOkStatuses: Record<string, number>;
}

interface MemoryResult {
  program: Program;
  n: number;
  samples: number;
  processes: number;
  /** Largest sum of VmRSS over the matching processes at one sample. */
  peakSumRssMb: number;
  /** Largest VmRSS of one process at one sample. */
  peakProcessRssMb: number;
  /** Largest VmHWM (the kernel's own peak-RSS mark) seen for one process. */
  peakHwmMb: number;
}

interface StateSize {
  program: Program;
  n: number;
  resources: number;
  /** Bytes of one resource's serialized `__provider` text (UTF-8), the median over resources. */
  providerBytes: number;
  /** `__provider` appears in both inputs and outputs: bytes of all its copies per resource. */
  providerBytesAllCopiesPerResource: number;
  /** Bytes of `pulumi stack export` (secrets encrypted), whole and divided by N. */
  stackExportBytes: number;
  stackExportBytesPerResource: number;
}

/** Polls /proc for the dynamic-provider process(es) and keeps their peak resident size. */
class RssPoller {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private samples = 0;
  private peakSumKb = 0;
  private peakProcessKb = 0;
  private peakHwmKb = 0;
  private readonly pids = new Set<number>();

  start(): void {
    this.timer = setInterval(() => void this.sample(), 100);
  }

  async stop(program: Program, n: number): Promise<MemoryResult> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 10));
    return {
      program,
      n,
      samples: this.samples,
      processes: this.pids.size,
      peakSumRssMb: round(this.peakSumKb / 1024, 1),
      peakProcessRssMb: round(this.peakProcessKb / 1024, 1),
      peakHwmMb: round(this.peakHwmKb / 1024, 1),
    };
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      // Only this benchmark's own processes count: other Pulumi runs may share the machine.
      const parents = new Map<number, number>();
      const pids: number[] = [];
      for (const entry of await fs.promises.readdir("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const stat = await fs.promises.readFile(`/proc/${entry}/stat`, "utf8");
          parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
          pids.push(Number(entry));
        } catch {
          // The process ended between listing and reading.
        }
      }
      const ours = (pid: number): boolean => {
        for (
          let p = parents.get(pid), hops = 0;
          p !== undefined && p > 1 && hops < 64;
          p = parents.get(p), hops++
        ) {
          if (p === process.pid) return true;
        }
        return false;
      };
      let sum = 0;
      for (const pid of pids) {
        if (!ours(pid)) continue;
        try {
          const argv = (await fs.promises.readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
          // The provider host is `node …/@pulumi/pulumi/cmd/dynamic-provider/index.js …`; its shim's
          // `node -e "…require.resolve('@pulumi/pulumi/cmd/dynamic-provider')…"` does not match.
          if (!argv.some((arg) => /(^|\/)cmd\/dynamic-provider(\/index\.js)?$/.test(arg))) continue;
          const status = await fs.promises.readFile(`/proc/${pid}/status`, "utf8");
          const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
          const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
          this.pids.add(pid);
          sum += rss;
          this.peakProcessKb = Math.max(this.peakProcessKb, rss);
          this.peakHwmKb = Math.max(this.peakHwmKb, hwm);
        } catch {
          // The process ended between listing and reading.
        }
      }
      this.samples++;
      this.peakSumKb = Math.max(this.peakSumKb, sum);
    } finally {
      this.busy = false;
    }
  }
}

interface Workspaces {
  binDir: string;
  stateDir: string;
  workDirs: Record<Program, string>;
  envVars: Record<string, string>;
  pulumiCommand: PulumiCommand;
  /** Every CLI command the Automation API ran, with its wall time. */
  cliRuns: { args: string[]; seconds: number }[];
}

const PROGRAM_SOURCES: Record<Program, string> = {
  bluejay: path.join(benchDir, "programs/bluejay"),
  trivial: path.join(benchDir, "programs/trivial"),
};
const CONFIG_NAMESPACE: Record<Program, string> = {
  bluejay: "bench-bluejay",
  trivial: "bench-trivial",
};

async function setUpWorkspaces(stateDir: string): Promise<Workspaces> {
  const binDir = pulumiBinDir();
  const workDirs = {} as Record<Program, string>;
  for (const program of ["bluejay", "trivial"] as const) {
    // Inside the repo, so the program resolves `@pulumi/pulumi` and `pulumi-bluejay` by name.
    const workDir = path.join(root, ".e2e", `bench-${program}-${process.pid}`);
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    for (const file of ["index.ts", "Pulumi.yaml"]) {
      fs.copyFileSync(path.join(PROGRAM_SOURCES[program], file), path.join(workDir, file));
    }
    workDirs[program] = workDir;
  }
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir), skipVersionCheck: true });
  const cliRuns: Workspaces["cliRuns"] = [];
  // Time each CLI run: the Automation API's `up` also runs `stack output` and `stack history`
  // afterwards, which are not part of the operation being measured.
  const internal = pulumiCommand as unknown as { run?: (...args: unknown[]) => Promise<unknown> };
  const run = internal.run?.bind(pulumiCommand);
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
  const envVars = {
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    PULUMI_HOME: path.join(stateDir, "home"),
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
  return { binDir, stateDir, workDirs, envVars, pulumiCommand, cliRuns };
}

function declaredCommunities(
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

async function openStack(
  ws: Workspaces,
  program: Program,
  stackName: string,
  n: number,
  emulator: BluejayEmulator,
): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: ws.workDirs[program] },
    { envVars: ws.envVars, pulumiCommand: ws.pulumiCommand },
  );
  const ns = CONFIG_NAMESPACE[program];
  await stack.setAllConfig({
    [`${ns}:communities`]: { value: JSON.stringify(declaredCommunities(n)) },
    [`${ns}:titlePrefix`]: { value: "" },
    ...(program === "bluejay"
      ? {
          "bluejay:apiUrl": { value: emulator.url },
          "bluejay:apiKey": { value: API_KEY, secret: true },
        }
      : {}),
  });
  return stack;
}

async function runOp(
  ws: Workspaces,
  stack: Stack,
  program: Program,
  n: number,
  round: number,
  op: PulumiOp,
  emulator: BluejayEmulator,
): Promise<OpRun> {
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
      signal: opSignal(),
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
      if (attempt >= 2 || stopAll.signal.aborted) throw error;
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
  log(
    `  N=${String(n).padEnd(3)} #${round + 1} ${program.padEnd(7)} ${OP_LABELS[op].padEnd(22)} ${fmt(result.seconds, 2).padStart(6)} s` +
      (result.requests ? `  requests: ${describeCounts(result.requests)}` : ""),
  );
  return result;
}

function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? "none" : entries.map(([route, count]) => `${count}× ${route}`).join(", ");
}

function checkRequests(run: OpRun): RequestCheck {
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

async function exportStateSize(
  ws: Workspaces,
  program: Program,
  stackName: string,
  n: number,
): Promise<StateSize> {
  const { stdout } = await execFileAsync(
    path.join(ws.binDir, "pulumi"),
    ["stack", "export", "--stack", stackName],
    {
      cwd: ws.workDirs[program],
      env: { ...process.env, ...ws.envVars },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const state = JSON.parse(stdout) as {
    deployment: {
      resources: { type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
    };
  };
  const dynamic = state.deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  const sizes = dynamic.map((r) =>
    Buffer.byteLength(String(r.outputs?.__provider ?? r.inputs?.__provider ?? "")),
  );
  const allCopies = dynamic.map(
    (r) =>
      Buffer.byteLength(String(r.inputs?.__provider ?? "")) +
      Buffer.byteLength(String(r.outputs?.__provider ?? "")),
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

interface EngineResults {
  runs: OpRun[];
  checks: RequestCheck[];
  memory: MemoryResult[];
  state: StateSize[];
  warmupSeconds: number;
}

async function providerVsEngine(ws: Workspaces, emulator: BluejayEmulator): Promise<EngineResults> {
  const runs: OpRun[] = [];
  const memory: MemoryResult[] = [];
  const state: StateSize[] = [];

  // Warm-up: a first run pays for cold caches (CLI, plugins, ts-node); keep that out of N = 10.
  const warmStart = now();
  for (const program of ["bluejay", "trivial"] as const) {
    const stack = await openStack(ws, program, "warmup", 1, emulator);
    await stack.up({ color: "never", signal: opSignal() });
    await stack.destroy({ color: "never", signal: opSignal() });
    await stack.workspace.removeStack("warmup");
  }
  const warmupSeconds = now() - warmStart;
  log(`  warm-up (N=1 up + destroy of each program): ${fmt(warmupSeconds, 1)} s`);

  for (const [sizeIndex, n] of SIZES.entries()) {
    for (let round = 0; round < (ROUNDS[sizeIndex] ?? 1); round++) {
      emulator.reset();
      const stackName = `n${n}-r${round}`;
      const stacks: Record<Program, Stack> = {
        bluejay: await openStack(ws, "bluejay", stackName, n, emulator),
        trivial: await openStack(ws, "trivial", stackName, n, emulator),
      };
      const first = round === 0;
      const ops: PulumiOp[] = [
        "up",
        "refresh",
        "noop-up",
        ...(n === REFERENCE_N && first ? (["update"] as const) : []),
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
          const poller = op === "up" && n === LARGEST_N && first ? new RssPoller() : undefined;
          poller?.start();
          const run = await runOp(ws, stack, program, n, round, op, emulator);
          if (poller) memory.push(await poller.stop(program, n));
          runs.push(run);
          if (program === "bluejay") {
            const held = emulator.communities().length;
            const wanted = op === "destroy" ? 0 : n;
            if (held !== wanted)
              throw new Error(`after ${op} of N=${n} the emulator holds ${held} communities, not ${wanted}`);
          }
          if (op === "up" && n === REFERENCE_N && first) {
            state.push(await exportStateSize(ws, program, stackName, n));
          }
        }
      }
      for (const program of ["bluejay", "trivial"] as const) {
        await stacks[program].workspace.removeStack(stackName);
      }
    }
  }
  const checks = runs.filter((r) => r.program === "bluejay").map(checkRequests);
  return { runs, checks, memory, state, warmupSeconds };
}

// ---------------------------------------------------------------------------------------------
// Figures, report and chart

interface Figure {
  figure: string;
  measured: string;
  target: string;
  /** undefined: reported for information, no target. */
  met: boolean | undefined;
  /** Said beside the verdict, e.g. that the difference from the target is within the noise. */
  note?: string;
}

interface ScalingRow {
  n: number;
  op: ScaledOp;
  /** Medians over the rounds. */
  bluejaySeconds: number;
  trivialSeconds: number;
  bluejaySamples: number[];
  trivialSamples: number[];
  /** (median t_bluejay − median t_trivial) / N */
  marginalMsPerResource: number;
  /**
   * The measurement's resolution: the widest spread (slowest − fastest round) of either program at
   * this N and operation, divided by N. Undefined with a single round.
   */
  noiseMsPerResource?: number;
  /** The margin between marginal cost and budget is no larger than the noise. */
  withinNoise: boolean;
  /** Requests per community this op sends (measured at REFERENCE_N) × raw mean round trip. */
  budgetMsPerResource: number;
  met: boolean;
}

function scalingRows(engine: EngineResults, rawLatencyMs: Record<string, number>): ScalingRow[] {
  const reference = new Map(
    engine.checks.filter((c) => c.n === REFERENCE_N && c.round === 0).map((c) => [c.op, c]),
  );
  const rows: ScalingRow[] = [];
  for (const n of SIZES) {
    for (const op of SCALED_OPS) {
      const samples = (program: Program) =>
        engine.runs.filter((r) => r.program === program && r.n === n && r.op === op).map((r) => r.seconds);
      const bluejaySamples = samples("bluejay");
      const trivialSamples = samples("trivial");
      const b = median(bluejaySamples);
      const t = median(trivialSamples);
      const observed = reference.get(op)?.observed ?? {};
      const budget = Object.entries(observed).reduce(
        (sum, [route, count]) => sum + (count / REFERENCE_N) * (rawLatencyMs[route.split(" ")[0]!] ?? 0),
        0,
      );
      const marginal = ((b - t) * 1000) / n;
      const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
      const noise =
        bluejaySamples.length > 1 && trivialSamples.length > 1
          ? (Math.max(spread(bluejaySamples), spread(trivialSamples)) * 1000) / n
          : undefined;
      rows.push({
        n,
        op,
        bluejaySeconds: round(b),
        trivialSeconds: round(t),
        bluejaySamples: bluejaySamples.map((v) => round(v)),
        trivialSamples: trivialSamples.map((v) => round(v)),
        marginalMsPerResource: round(marginal, 3),
        ...(noise === undefined ? {} : { noiseMsPerResource: round(noise, 3) }),
        withinNoise: noise !== undefined && Math.abs(marginal - budget) <= noise,
        budgetMsPerResource: round(budget, 4),
        met: marginal <= budget,
      });
    }
  }
  return rows;
}

/** Plain statements read off the figures, to go with the table. */
function explain(cells: ThroughputCell[], rows: ScalingRow[], engine: EngineResults): string[] {
  const notes: string[] = [];
  const range = (values: number[], digits = 2) =>
    `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;
  const fetchShare = cells.map((c) => c.fetchMedianRps / c.rawMedianRps);
  const clientShare = cells.map((c) => c.clientMedianRps / c.fetchMedianRps);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  notes.push(
    `Client vs wire: node-fetch alone, called as the client's transport calls it, reaches ` +
      `${range(fetchShare)} of the raw loop's throughput (mean ${fmt(mean(fetchShare))}), and the whole ` +
      `client ${range(clientShare)} of node-fetch alone (mean ${fmt(mean(clientShare))}): ` +
      (mean(fetchShare) < mean(clientShare)
        ? "most of the client's gap to the raw loop is node-fetch itself (with its abort timer and size " +
          "limit), not zod validation or mapping."
        : "most of the client's gap to the raw loop is its own work (validation, mapping), not node-fetch."),
  );
  const budgets = rows.filter((r) => r.budgetMsPerResource > 0).map((r) => r.budgetMsPerResource);
  const noisy = rows.filter((r) => r.noiseMsPerResource !== undefined);
  if (budgets.length > 0 && noisy.length > 0) {
    const byN = [...new Set(noisy.map((r) => r.n))].map(
      (n) =>
        `${range(
          noisy.filter((r) => r.n === n).map((r) => r.noiseMsPerResource!),
          1,
        )} ms at N = ${n}`,
    );
    notes.push(
      `Marginal cost: the budgets are ${range(budgets, 3)} ms per resource (loopback round trips), while ` +
        `the round-to-round spread of one program's wall time, per resource, is ${byN.join(" and ")}. ` +
        "Verdicts whose margin is inside that spread are marked “within noise”.",
    );
  }
  const noop = rows.filter((r) => r.op === "noop-up");
  if (noop.length > 0) {
    notes.push(
      "The no-change `up` sends no request at all, so its marginal cost (" +
        noop.map((r) => `${fmt(r.marginalMsPerResource, 2)} ms at N = ${r.n}`).join(", ") +
        ") has no HTTP in it: it is the Bluejay program's and provider's own per-resource work over a " +
        "trivial dynamic resource, or noise.",
    );
  }
  const big = Math.max(...rows.map((r) => r.n));
  const grown = SCALED_OPS.flatMap((op) => {
    const r100 = rows.find((r) => r.n === 100 && r.op === op);
    const r500 = rows.find((r) => r.n === big && r.op === op);
    if (!r100 || !r500 || big !== 500) return [];
    const b = r500.bluejaySeconds / r100.bluejaySeconds;
    const t = r500.trivialSeconds / r100.trivialSeconds;
    return b > TARGETS.scaling500over100 ? [{ op, b, t }] : [];
  });
  if (grown.length > 0) {
    const alike = grown.filter((g) => g.t > TARGETS.scaling500over100);
    notes.push(
      `t(500)/t(100) above ${TARGETS.scaling500over100} for ` +
        grown.map((g) => `${OP_LABELS[g.op]} (Bluejay ${fmt(g.b)}, trivial ${fmt(g.t)})`).join(", ") +
        (alike.length === grown.length
          ? ": the trivial program, which makes no HTTP call, also grows by more than " +
            `${TARGETS.scaling500over100}, so most of the super-linear growth is the Pulumi engine's and the ` +
            "local file backend's rather than the provider's."
          : "."),
    );
  }
  const update = engine.runs.find((r) => r.op === "update");
  if (update) {
    notes.push(
      `\`up\` changing every title at N = ${update.n} took ${fmt(update.seconds)} s (Bluejay program).`,
    );
  }
  return notes;
}

function yesNo(met: boolean | undefined, note?: string): string {
  const verdict = met === undefined ? "—" : met ? "yes" : "**no**";
  return note ? `${verdict} (${note})` : verdict;
}

function renderMarkdown(
  environment: Record<string, unknown>,
  figures: Figure[],
  wire: Awaited<ReturnType<typeof clientVsWire>>,
  rows: ScalingRow[],
  engine: EngineResults,
  findings: string[],
  notes: string[],
): string {
  const lines: string[] = [];
  const row = (cells: (string | number)[]): void => void lines.push(`| ${cells.join(" | ")} |`);
  const header = (cells: string[]): void => {
    row(cells);
    row(cells.map(() => "---"));
  };
  lines.push("# pulumi-bluejay benchmark results", "");
  lines.push(
    `Measured with \`npm run bench\` on ${String(environment.date)}: ${String(environment.cpuModel)} ` +
      `(${String(environment.cpus)} CPUs), Node.js ${String(environment.node)}, Pulumi CLI ` +
      `${String(environment.pulumiCli)}, @pulumi/pulumi ${String(environment.pulumiSdk)}. Everything runs ` +
      "against the in-process Bluejay emulator on loopback; each comparison is taken within the same run.",
    "",
  );
  header(["Figure", "Measured", "Target", "Met?"]);
  for (const f of figures) row([f.figure, f.measured, f.target, yesNo(f.met, f.note)]);
  lines.push("");

  lines.push("## Notes", "");
  for (const note of notes) lines.push(`- ${note}`);
  lines.push("");

  lines.push("## Findings", "");
  if (findings.length === 0)
    lines.push("No request beyond one per community per operation, and none for a no-change `up`.");
  for (const finding of findings) lines.push(`- ${finding}`);
  lines.push("");

  lines.push("## 1. Client vs wire", "");
  lines.push(
    `${REQUESTS_PER_RUN} requests per run after a ${WARMUP_REQUESTS}-request warm-up, ${REPEATS} runs per side, ` +
      "in alternating order (raw, node-fetch, client, then the reverse), medians. Raw: node:http on `http.Agent({ keepAlive: true, maxSockets: c })` with " +
      "the same method, path, headers and body, reading each answer to its end. Client: `BluejayClient` " +
      "(node-fetch, zod validation, mapping). node-fetch alone (a diagnostic, no target): node-fetch called " +
      "as the client's transport calls it (same agent settings, abort timer, size limit), without zod or " +
      "mapping, to show where the client's time goes. The emulator is reset before every run.",
    "",
  );
  header([
    "Operation",
    "Concurrency",
    "Raw req/s",
    "Client req/s",
    "Client/raw",
    "Per-pair ratio (median)",
    "node-fetch alone req/s (diagnostic)",
    "node-fetch/raw",
  ]);
  for (const c of wire.cells) {
    row([
      c.op,
      c.concurrency,
      fmt(c.rawMedianRps, 0),
      fmt(c.clientMedianRps, 0),
      fmt(c.ratio, 3),
      fmt(c.pairedRatioMedian, 3),
      fmt(c.fetchMedianRps, 0),
      fmt(c.fetchMedianRps / c.rawMedianRps, 3),
    ]);
  }
  lines.push("");
  lines.push(
    "Raw mean round trip at concurrency 1: " +
      Object.entries(wire.rawLatencyMs)
        .map(([m, v]) => `${m} ${fmt(v, 3)} ms`)
        .join(", ") +
      " (POST and GET from the cells above; PUT and DELETE from raw-only runs of the same size).",
    "",
  );

  lines.push("## 2. Provider vs engine", "");
  lines.push(
    "Wall time of the `pulumi` CLI command (Automation API, local file backend, default `--parallel`, " +
      "skip-preview). Bluejay: bench/programs/bluejay (N communities, shaped exactly like the trivial program). Trivial: bench/programs/trivial, N " +
      "dynamic resources whose provider makes no HTTP call. Each N runs the whole sequence (up, refresh, " +
      "no-change up, destroy) on fresh stacks in " +
      SIZES.map((n, i) => `${ROUNDS[i] ?? 1} round${(ROUNDS[i] ?? 1) === 1 ? "" : "s"} for N = ${n}`).join(
        ", ",
      ) +
      ", alternating which program goes first; times are medians over the rounds. Marginal = " +
      "(t_bluejay − t_trivial) / N; budget = requests per community (measured at N = " +
      `${REFERENCE_N}) × raw mean round trip at concurrency 1.`,
    "",
  );
  header([
    "N",
    "Operation",
    "t_bluejay (s)",
    "t_trivial (s)",
    "Marginal (ms/resource)",
    "Budget (ms/resource)",
    "Met?",
    "Bluejay runs (s)",
    "Trivial runs (s)",
  ]);
  for (const r of rows) {
    row([
      r.n,
      OP_LABELS[r.op],
      fmt(r.bluejaySeconds),
      fmt(r.trivialSeconds),
      fmt(r.marginalMsPerResource, 3),
      fmt(r.budgetMsPerResource, 3),
      yesNo(r.met, r.withinNoise ? "within noise" : undefined),
      r.bluejaySamples.map((v) => fmt(v)).join(", "),
      r.trivialSamples.map((v) => fmt(v)).join(", "),
    ]);
  }
  lines.push("");

  lines.push(`## 3. Requests per operation (N = ${REFERENCE_N})`, "");
  header(["Operation", "Requests seen", "Expected", "Extra", "Missing", "Non-200"]);
  for (const c of engine.checks.filter((c) => c.n === REFERENCE_N && c.round === 0)) {
    row([
      OP_LABELS[c.op],
      describeCounts(c.observed),
      describeCounts(c.expected),
      describeCounts(c.extra),
      describeCounts(c.missing),
      describeCounts(c.nonOkStatuses),
    ]);
  }
  lines.push("");
  const others = engine.checks.filter((c) => c.n !== REFERENCE_N || c.round !== 0);
  if (others.length > 0) {
    lines.push("Other sizes:", "");
    header(["N", "Round", "Operation", "Requests seen", "Extra", "Non-200"]);
    for (const c of others) {
      row([
        c.n,
        c.round + 1,
        OP_LABELS[c.op],
        describeCounts(c.observed),
        describeCounts(c.extra),
        describeCounts(c.nonOkStatuses),
      ]);
    }
    lines.push("");
  }

  lines.push(`## 4. State size (N = ${REFERENCE_N})`, "");
  header([
    "Program",
    "`__provider` bytes (one copy)",
    "`__provider` bytes per resource (inputs + outputs)",
    "Stack export bytes",
    "Stack export bytes per resource",
  ]);
  for (const s of engine.state) {
    row([
      s.program,
      s.providerBytes,
      s.providerBytesAllCopiesPerResource,
      s.stackExportBytes,
      fmt(s.stackExportBytesPerResource, 0),
    ]);
  }
  lines.push("");

  lines.push(`## 5. Memory (\`up\`, N = ${LARGEST_N})`, "");
  header([
    "Program",
    "Peak RSS, sum of provider processes (MB)",
    "Peak RSS, one process (MB)",
    "Peak VmHWM (MB)",
    "Processes",
    "Samples",
  ]);
  for (const m of engine.memory) {
    row([
      m.program,
      fmt(m.peakSumRssMb, 1),
      fmt(m.peakProcessRssMb, 1),
      fmt(m.peakHwmMb, 1),
      m.processes,
      m.samples,
    ]);
  }
  lines.push("", "![Scaling: wall time vs N](scaling.png)", "");
  return `${lines.join("\n")}`;
}

function renderChart(rows: ScalingRow[], environment: Record<string, unknown>): string {
  const W = 1400;
  const H = 1070;
  const font = "DejaVu Sans, sans-serif";
  const colors: Record<Program, string> = { bluejay: "#1f5fbf", trivial: "#e07b00" };
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${W / 2}" y="40" font-family="${font}" font-size="26" font-weight="bold" text-anchor="middle">` +
      "pulumi-bluejay: wall time of each Pulumi operation vs number of resources N</text>",
  );
  parts.push(
    `<text x="${W / 2}" y="70" font-family="${font}" font-size="16" fill="#444" text-anchor="middle">` +
      esc(
        `Bluejay Community program vs trivial dynamic resources (no HTTP) · local file backend · emulator on loopback · ` +
          `${String(environment.cpuModel)}, ${String(environment.cpus)} CPUs · ${String(environment.date).slice(0, 10)}`,
      ) +
      "</text>",
    `<text x="${W / 2}" y="92" font-family="${font}" font-size="15" fill="#444" text-anchor="middle">` +
      esc(
        "Each point is the median over the rounds run for that N; whiskers span the fastest and slowest round.",
      ) +
      "</text>",
  );
  // Legend
  const legendY = 124;
  const legend: [Program, string, string][] = [
    ["bluejay", "Bluejay program (N Community resources)", ""],
    ["trivial", "Trivial program (N no-op dynamic resources)", "8 6"],
  ];
  let lx = W / 2 - 420;
  for (const [program, label, dash] of legend) {
    parts.push(
      `<line x1="${lx}" y1="${legendY}" x2="${lx + 50}" y2="${legendY}" stroke="${colors[program]}" stroke-width="3"` +
        `${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
    );
    parts.push(marker(program, lx + 25, legendY, colors[program]));
    parts.push(
      `<text x="${lx + 62}" y="${legendY + 6}" font-family="${font}" font-size="17">${esc(label)}</text>`,
    );
    lx += 440;
  }

  const ns = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b);
  const xMin = Math.log10(Math.min(...ns) / 1.6);
  const xMax = Math.log10(Math.max(...ns) * 1.8);
  const xTicks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].filter(
    (t) => Math.log10(t) >= xMin && Math.log10(t) <= xMax,
  );
  const panelW = (W - 60) / 2;
  const panelH = (H - 160) / 2;
  for (const [i, op] of SCALED_OPS.entries()) {
    const px = 30 + (i % 2) * panelW;
    const py = 150 + Math.floor(i / 2) * panelH;
    const plot = { x: px + 90, y: py + 50, w: panelW - 130, h: panelH - 130 };
    const opRows = rows.filter((r) => r.op === op).sort((a, b) => a.n - b.n);
    const maxY = Math.max(...opRows.flatMap((r) => [...r.bluejaySamples, ...r.trivialSamples]), 0.001);
    const { step, top } = niceScale(maxY * 1.12);
    const sx = (n: number) => plot.x + ((Math.log10(n) - xMin) / (xMax - xMin)) * plot.w;
    const sy = (v: number) => plot.y + plot.h - (v / top) * plot.h;
    parts.push(
      `<text x="${plot.x + plot.w / 2}" y="${py + 30}" font-family="${font}" font-size="20" font-weight="bold" text-anchor="middle">` +
        `${esc(OP_LABELS[op])}</text>`,
    );
    // Grid and y ticks
    for (let v = 0; v <= top + step / 1000; v += step) {
      const y = sy(v);
      parts.push(
        `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.w}" y2="${y}" stroke="#e3e3e3" stroke-width="1"/>`,
      );
      parts.push(
        `<text x="${plot.x - 10}" y="${y + 5}" font-family="${font}" font-size="14" text-anchor="end">${formatTick(v, step)}</text>`,
      );
    }
    for (const t of xTicks) {
      const x = sx(t);
      parts.push(
        `<line x1="${x}" y1="${plot.y}" x2="${x}" y2="${plot.y + plot.h}" stroke="#efefef" stroke-width="1"/>`,
      );
      parts.push(
        `<text x="${x}" y="${plot.y + plot.h + 22}" font-family="${font}" font-size="14" text-anchor="middle"` +
          `${ns.includes(t) ? ' font-weight="bold"' : ' fill="#777"'}>${t}</text>`,
      );
    }
    parts.push(
      `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#333" stroke-width="1.2"/>`,
    );
    parts.push(
      `<text x="${plot.x + plot.w / 2}" y="${plot.y + plot.h + 50}" font-family="${font}" font-size="15" text-anchor="middle">` +
        "N, resources in the stack (log scale)</text>",
    );
    const ly = plot.y + plot.h / 2;
    parts.push(
      `<text x="${px + 28}" y="${ly}" font-family="${font}" font-size="15" text-anchor="middle" transform="rotate(-90 ${px + 28} ${ly})">` +
        "wall time (s)</text>",
    );
    for (const program of ["trivial", "bluejay"] as const) {
      const points = opRows.map(
        (r) => [sx(r.n), sy(program === "bluejay" ? r.bluejaySeconds : r.trivialSeconds)] as const,
      );
      const dash = program === "trivial" ? ' stroke-dasharray="8 6"' : "";
      parts.push(
        `<polyline points="${points.map(([x, y]) => `${fmt(x, 1)},${fmt(y, 1)}`).join(" ")}" fill="none" stroke="${colors[program]}" stroke-width="3"${dash}/>`,
      );
      for (const [j, [x, y]] of points.entries()) {
        const row = opRows[j]!;
        const runs = program === "bluejay" ? row.bluejaySamples : row.trivialSamples;
        if (runs.length > 1) {
          // Whisker: the fastest and slowest of the rounds (the point is their median).
          const wx = x + (program === "bluejay" ? -4 : 4);
          const [lo, hi] = [sy(Math.min(...runs)), sy(Math.max(...runs))];
          parts.push(
            `<line x1="${fmt(wx, 1)}" y1="${fmt(lo, 1)}" x2="${fmt(wx, 1)}" y2="${fmt(hi, 1)}" stroke="${colors[program]}" stroke-width="1.5"/>`,
            `<line x1="${fmt(wx - 4, 1)}" y1="${fmt(lo, 1)}" x2="${fmt(wx + 4, 1)}" y2="${fmt(lo, 1)}" stroke="${colors[program]}" stroke-width="1.5"/>`,
            `<line x1="${fmt(wx - 4, 1)}" y1="${fmt(hi, 1)}" x2="${fmt(wx + 4, 1)}" y2="${fmt(hi, 1)}" stroke="${colors[program]}" stroke-width="1.5"/>`,
          );
        }
        parts.push(marker(program, x, y, colors[program]));
        const value = program === "bluejay" ? row.bluejaySeconds : row.trivialSeconds;
        // Bluejay labels above-left of the point, trivial below-right: times grow with N, so the
        // lines leave each point towards the upper right and arrive from the lower left.
        const [lx, ly2, anchor] =
          program === "bluejay"
            ? [x - 8, Math.min(...runs.map(sy), y) - 9, "end"]
            : [x + 8, Math.min(Math.max(...runs.map(sy), y) + 20, plot.y + plot.h - 5), "start"];
        parts.push(
          `<text x="${fmt(lx, 1)}" y="${fmt(ly2, 1)}" font-family="${font}" font-size="13" fill="${colors[program]}" text-anchor="${anchor}">${fmt(value, value < 10 ? 2 : 1)} s</text>`,
        );
      }
    }
    const r100 = opRows.find((r) => r.n === 100);
    const r500 = opRows.find((r) => r.n === 500);
    if (r100 && r500) {
      parts.push(
        `<text x="${plot.x + 12}" y="${plot.y + 22}" font-family="${font}" font-size="14" fill="#333">` +
          esc(
            `t(500)/t(100): Bluejay ${fmt(r500.bluejaySeconds / r100.bluejaySeconds)}×, ` +
              `trivial ${fmt(r500.trivialSeconds / r100.trivialSeconds)}×`,
          ) +
          "</text>",
      );
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}

function marker(program: Program, x: number, y: number, color: string): string {
  return program === "bluejay"
    ? `<circle cx="${fmt(x, 1)}" cy="${fmt(y, 1)}" r="6" fill="${color}" stroke="#fff" stroke-width="1.5"/>`
    : `<rect x="${fmt(x - 6, 1)}" y="${fmt(y - 6, 1)}" width="12" height="12" fill="${color}" stroke="#fff" stroke-width="1.5"/>`;
}

function niceScale(max: number): { step: number; top: number } {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { step, top: Math.ceil(max / step) * step };
}

function formatTick(value: number, step: number): string {
  const text = String(round(step, 6));
  return value.toFixed(text.includes(".") ? text.split(".")[1]!.length : 0);
}

// ---------------------------------------------------------------------------------------------
// Main

async function environmentFacts(binDir: string): Promise<Record<string, unknown>> {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  const { stdout: pulumiCli } = await execFileAsync(path.join(binDir, "pulumi"), ["version"], {
    encoding: "utf8",
  });
  const sdk = JSON.parse(
    fs.readFileSync(path.join(root, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ) as {
    version: string;
  };
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    // Not a git checkout.
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel,
    cpus: os.cpus().length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((v) => round(v, 2)),
    pulumiCli: pulumiCli.trim(),
    pulumiSdk: sdk.version,
    pulumiParallel: `default (4 × GOMAXPROCS = ${4 * os.cpus().length})`,
    gitCommit: commit,
  };
}

/** Removes `.e2e/bench-*` folders left by earlier runs whose process is gone. */
function removeStaleWorkDirs(): void {
  const dir = path.join(root, ".e2e");
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const match = /^bench-(?:bluejay|trivial)-(\d+)$/.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    let alive = pid === process.pid;
    try {
      if (!alive) process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = now();
  removeStaleWorkDirs();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-bench-state-"));
  const emulator = await BluejayEmulator.start({ apiKeys: [API_KEY] });
  let ws: Workspaces | undefined;
  const cleanup = async (): Promise<void> => {
    await emulator.close().catch(() => undefined);
    for (const dir of Object.values(ws?.workDirs ?? {})) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  // Stop: interrupt the running `pulumi` (it then stops its plugins), let `main` unwind and clean up,
  // and exit anyway if that takes more than 20 s.
  let stopping = false;
  const stop = (why: string, code: number): void => {
    console.error(`bench: ${why}; ${stopping ? "already stopping" : "stopping"}.`);
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    stopAll.abort();
    setTimeout(() => void cleanup().finally(() => process.exit(code)), 20_000).unref();
  };
  const watchdog = setTimeout(
    () => stop(`still running after ${WATCHDOG_MS / 60_000} minutes`, 2),
    WATCHDOG_MS,
  );
  watchdog.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => stop(`received ${signal}`, 130));
  }

  try {
    ws = await setUpWorkspaces(stateDir);
    const environment = await environmentFacts(ws.binDir);
    log(
      `Benchmark: ${environment.cpuModel} × ${environment.cpus}, Node.js ${environment.node}, ${environment.pulumiCli}`,
    );
    log(`Emulator at ${emulator.url}\n`);

    log("1. Client vs wire");
    const wire = await clientVsWire(emulator);
    const wireSeconds = now() - started;

    log("\n2–5. Provider vs engine (real Pulumi CLI)");
    const engine = await providerVsEngine(ws, emulator);

    const rows = scalingRows(engine, wire.rawLatencyMs);
    const figures: Figure[] = [];
    for (const c of wire.cells) {
      figures.push({
        figure: `Client/raw throughput, ${c.op}, concurrency ${c.concurrency}`,
        measured: `${fmt(c.ratio, 3)} (${fmt(c.clientMedianRps, 0)} vs ${fmt(c.rawMedianRps, 0)} req/s)`,
        target: `≥ ${TARGETS.clientOverRaw}`,
        met: c.ratio >= TARGETS.clientOverRaw,
      });
    }
    for (const [method, ms] of Object.entries(wire.rawLatencyMs)) {
      figures.push({
        figure: `Raw mean round trip, ${method}, concurrency 1`,
        measured: `${fmt(ms, 3)} ms`,
        target: "—",
        met: undefined,
      });
    }
    for (const r of rows) {
      const noise = r.noiseMsPerResource;
      figures.push({
        figure: `Marginal cost per resource, ${OP_LABELS[r.op]}, N = ${r.n}`,
        measured:
          `${fmt(r.marginalMsPerResource, 3)} ms (t_bluejay ${fmt(r.bluejaySeconds)} s, t_trivial ` +
          `${fmt(r.trivialSeconds)} s; ${noise === undefined ? "1 round" : `round-to-round spread ${fmt(noise, 2)} ms`})`,
        target: `≤ ${fmt(r.budgetMsPerResource, 3)} ms (emulator round trips)`,
        met: r.met,
        ...(r.withinNoise ? { note: "within noise" } : {}),
      });
    }
    const scaling: Record<string, number> = {};
    if (SIZES.includes(100) && SIZES.includes(500)) {
      for (const op of SCALED_OPS) {
        const t100 = rows.find((r) => r.n === 100 && r.op === op)!.bluejaySeconds;
        const t500 = rows.find((r) => r.n === 500 && r.op === op)!.bluejaySeconds;
        const tt100 = rows.find((r) => r.n === 100 && r.op === op)!.trivialSeconds;
        const tt500 = rows.find((r) => r.n === 500 && r.op === op)!.trivialSeconds;
        scaling[op] = round(t500 / t100);
        figures.push({
          figure: `t(500)/t(100), Bluejay program, ${OP_LABELS[op]}`,
          measured: `${fmt(t500 / t100)} (trivial: ${fmt(tt500 / tt100)})`,
          target: `≤ ${TARGETS.scaling500over100}`,
          met: t500 / t100 <= TARGETS.scaling500over100,
        });
      }
    }
    const findings: string[] = [];
    for (const c of engine.checks) {
      const extra = Object.keys(c.extra).length > 0;
      const missing = Object.keys(c.missing).length > 0;
      const nonOk = Object.keys(c.nonOkStatuses).length > 0;
      if (c.n === REFERENCE_N && c.round === 0) {
        figures.push({
          figure: `Requests, ${OP_LABELS[c.op]}, N = ${c.n}`,
          measured: describeCounts(c.observed),
          target: Object.keys(c.expected).length === 0 ? "none" : describeCounts(c.expected),
          met: !extra && !missing,
        });
      }
      if (extra)
        findings.push(
          `Extra requests during ${OP_LABELS[c.op]} at N = ${c.n} (round ${c.round + 1}): ${describeCounts(c.extra)} (expected ${describeCounts(c.expected)}).`,
        );
      if (missing)
        findings.push(
          `Fewer requests than expected during ${OP_LABELS[c.op]} at N = ${c.n} (round ${c.round + 1}): missing ${describeCounts(c.missing)}.`,
        );
      if (nonOk)
        findings.push(
          `Non-200 answers during ${OP_LABELS[c.op]} at N = ${c.n} (round ${c.round + 1}): ${describeCounts(c.nonOkStatuses)} (by status).`,
        );
    }
    for (const r of engine.runs.filter((run) => run.retriedAfter !== undefined)) {
      findings.push(
        `The ${r.program} program's ${OP_LABELS[r.op]} at N = ${r.n} (round ${r.round + 1}) failed once and was ` +
          `retried; its time and requests are the second attempt's. First error: ${r.retriedAfter}`,
      );
    }
    for (const r of engine.runs.filter((run) => run.op === "noop-up")) {
      const changed = Object.entries(r.resourceChanges ?? {}).filter(
        ([kind, count]) => kind !== "same" && count > 0,
      );
      if (changed.length > 0) {
        findings.push(
          `The no-change \`up\` of the ${r.program} program at N = ${r.n} (round ${r.round + 1}) reported changes: ${changed.map(([k, v]) => `${v} ${k}`).join(", ")}.`,
        );
      }
    }
    for (const s of engine.state) {
      if (s.program === "bluejay") {
        figures.push({
          figure: `Serialized \`__provider\` per Community (N = ${s.n})`,
          measured: `${s.providerBytes} bytes (${s.providerBytesAllCopiesPerResource} with its inputs + outputs copies)`,
          target: `≤ ${TARGETS.providerBytes} bytes`,
          met: s.providerBytes <= TARGETS.providerBytes,
        });
      }
      figures.push({
        figure: `Stack export per resource, ${s.program} program (N = ${s.n})`,
        measured: `${fmt(s.stackExportBytesPerResource, 0)} bytes (${s.stackExportBytes} total)`,
        target: "—",
        met: undefined,
      });
    }
    for (const m of engine.memory) {
      figures.push({
        figure: `Peak RSS of the dynamic-provider process, ${m.program} program, up N = ${m.n}`,
        measured: `${fmt(m.peakSumRssMb, 1)} MB (VmHWM ${fmt(m.peakHwmMb, 1)} MB, ${m.processes} process${m.processes === 1 ? "" : "es"})`,
        target: "—",
        met: undefined,
      });
    }

    const notes = explain(wire.cells, rows, engine);
    const totalSeconds = now() - started;
    environment.benchSeconds = round(totalSeconds, 1);
    environment.clientVsWireSeconds = round(wireSeconds, 1);
    const results = {
      environment,
      settings: {
        sizes: SIZES,
        referenceN: REFERENCE_N,
        requestsPerRun: REQUESTS_PER_RUN,
        warmupRequests: WARMUP_REQUESTS,
        repeats: REPEATS,
        concurrencies: CONCURRENCIES,
        targets: TARGETS,
      },
      figures,
      findings,
      notes,
      clientVsWire: wire,
      scaling: {
        rows,
        t500OverT100Bluejay: scaling,
        runs: engine.runs,
        warmupSeconds: round(engine.warmupSeconds, 1),
      },
      requests: engine.checks,
      state: engine.state,
      memory: engine.memory,
    };
    fs.mkdirSync(benchDir, { recursive: true });
    fs.writeFileSync(path.join(benchDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(
      path.join(benchDir, "results.md"),
      renderMarkdown(environment, figures, wire, rows, engine, findings, notes),
    );
    const svg = renderChart(rows, environment);
    const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" } })
      .render()
      .asPng();
    fs.writeFileSync(path.join(benchDir, "scaling.png"), png);

    log("\nFigures (measured | target | met?)");
    for (const f of figures)
      log(
        `  ${f.figure}: ${f.measured} | ${f.target} | ${f.met === undefined ? "—" : f.met ? "met" : "MISSED"}` +
          (f.note ? ` (${f.note})` : ""),
      );
    log("\nNotes");
    for (const note of notes) log(`  - ${note}`);
    log(`\nFindings${findings.length === 0 ? ": none" : ""}`);
    for (const finding of findings) log(`  - ${finding}`);
    const missed = figures.filter((f) => f.met === false).length;
    const met = figures.filter((f) => f.met === true).length;
    log(`\n${met} targets met, ${missed} missed. Total ${fmt(totalSeconds, 0)} s.`);
    log(`Wrote bench/results.json, bench/results.md and bench/scaling.png.`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = process.exitCode || 1;
});
