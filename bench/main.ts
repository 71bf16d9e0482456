// `npm run bench`: the benchmark. Everything runs against the in-process Bluejay emulator on
// loopback, and every comparison is a ratio or a difference taken within the same run, because the
// machines it runs on are noisy. It measures:
//
//   1. the client against the wire (bench/wire.ts): BluejayClient create/get throughput against
//      node-fetch alone, called as the client calls it, and a raw keep-alive node:http loop sending
//      the same requests, at concurrency 1, 10 and 50;
//   2. the provider against the engine (bench/engine.ts): `pulumi up`, `refresh`, a no-change `up`
//      and `destroy` of the bench/programs/bluejay program with N communities against a program of
//      N trivial dynamic resources (bench/programs/trivial), for N = 10, 100 and 500;
//   3. the requests each operation sends, from the emulator's request log;
//   4. the state size per community;
//   5. the peak memory of the dynamic-provider process during the N = 500 `up` (bench/memory.ts);
//   6. a rate-limited `up` and `destroy` (bench/rate-limit.ts): the bluejay program with 100
//      communities against an emulator allowing 5 requests a second, against the same `up` unlimited.
//
// It writes bench/results.json, bench/results.md and bench/scaling.png (bench/report.ts and
// bench/chart.ts turn the measurements into them). It is not part of `npm test`. Knobs for quick
// trial runs are in bench/config.ts; BENCH_ONLY=rate-limit runs section 6 alone, prints its figure
// and saves it to a file in the temp folder, leaving bench/results.* as they are. `--report-only`
// measures nothing: it assesses and renders the saved bench/results.json again (after a change of
// targets or wording, say).
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { BluejayEmulator } from "../emulator";
import { killDescendants } from "../scripts/lib/process-tree";
import { renderResultsChart, renderPng } from "./chart";
import { API_KEY, benchDir, readSettings, root, TARGETS, WATCHDOG_MS } from "./config";
import { providerVsEngine, setUpWorkspaces, workDirOf, type Workspaces } from "./engine";
import { rateLimitedUp } from "./rate-limit";
import {
  buildResults,
  measurementsOf,
  rateLimitFigure,
  rateLimitSection,
  renderMarkdown,
  summaryLines,
} from "./report";
import type { BenchResults, Environment, RateLimitResults } from "./results";
import { fmt, now, round } from "./stats";
import { clientVsWire } from "./wire";

const execFileAsync = promisify(execFile);
const resultsFile = path.join(benchDir, "results.json");

function cpuModel(): string {
  try {
    const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
    const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
    if (model) return model;
  } catch {
    // Not Linux.
  }
  return os.cpus()[0]?.model ?? "unknown";
}

async function environmentFacts(pulumiPath: string): Promise<Environment> {
  const { stdout: pulumiCli } = await execFileAsync(pulumiPath, ["version"], { encoding: "utf8" });
  const sdk = JSON.parse(
    fs.readFileSync(path.join(root, "node_modules/@pulumi/pulumi/package.json"), "utf8"),
  ) as { version: string };
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    // Not a git checkout.
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpuModel: cpuModel(),
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
  const dir = path.dirname(workDirOf("bluejay"));
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

function writeOutputs(results: BenchResults): void {
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(benchDir, "results.md"), renderMarkdown(results));
  fs.writeFileSync(path.join(benchDir, "scaling.png"), renderPng(renderResultsChart(results)));
}

function reportOnly(): void {
  const saved = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as BenchResults;
  const results = buildResults(measurementsOf(saved));
  writeOutputs(results);
  for (const line of summaryLines(results)) console.log(line);
  console.log(
    "Rewrote bench/results.json, bench/results.md and bench/scaling.png from the saved measurements.",
  );
}

/**
 * BENCH_ONLY=rate-limit: section 6's figure and paragraph, printed and saved to a file in the temp
 * folder; bench/results.* stay as they are (a partial run must not replace a whole one).
 */
function writePartial(environment: Environment, rateLimit: RateLimitResults): void {
  const figure = rateLimitFigure(rateLimit);
  const section = rateLimitSection(rateLimit);
  const file = path.join(os.tmpdir(), `bluejay-bench-rate-limit-${Date.now()}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ environment, rateLimit, figure }, null, 2)}\n`);
  fs.writeFileSync(file.replace(/\.json$/, ".md"), section.join("\n"));
  console.log("");
  console.log(
    `${figure.figure}: ${figure.measured} | ${figure.target} | ${figure.met === undefined ? "—" : figure.met ? "met" : "MISSED"}`,
  );
  console.log("");
  for (const line of section) console.log(line);
  console.log(`Partial run (BENCH_ONLY): bench/results.* left as they are; wrote ${file} and its .md.`);
}

async function main(): Promise<void> {
  const started = now();
  const settings = readSettings();
  removeStaleWorkDirs();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-bench-state-"));
  const emulator = await BluejayEmulator.start({ apiKeys: [API_KEY] });
  /** Aborted by the watchdog or a signal: the running `pulumi` gets SIGINT and stops cleanly. */
  const stopAll = new AbortController();
  let ws: Workspaces | undefined;
  const cleanup = async (): Promise<void> => {
    await emulator.close().catch(() => undefined);
    for (const dir of Object.values(ws?.workDirs ?? {})) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  // Stop: interrupt the running `pulumi` (it then stops its plugins), let `main` unwind and clean up;
  // if that takes more than 20 s, kill everything this process started and exit anyway.
  let stopping = false;
  const stop = (why: string, code: number): void => {
    console.error(`bench: ${why}; ${stopping ? "already stopping" : "stopping"}.`);
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    stopAll.abort();
    setTimeout(() => {
      killDescendants(process.pid);
      void cleanup().finally(() => process.exit(code));
    }, 20_000).unref();
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
    const environment = await environmentFacts(ws.backend.pulumiPath);
    console.log(
      `Benchmark: ${String(environment.cpuModel)} × ${String(environment.cpus)}, Node.js ${String(environment.node)}, ${String(environment.pulumiCli)}`,
    );
    console.log(`Emulator at ${emulator.url}\n`);

    if (settings.only === "rate-limit") {
      console.log("6. Rate-limited up (BENCH_ONLY=rate-limit: sections 1–5 skipped)");
      const rateLimit = await rateLimitedUp(ws, emulator, [], stopAll.signal, { warmUp: true });
      environment.benchSeconds = round(now() - started, 1);
      writePartial(environment, rateLimit);
      return;
    }

    console.log("1. Client vs wire");
    const wire = await clientVsWire(emulator, settings, TARGETS.clientOverFetch);
    const wireSeconds = now() - started;

    console.log("\n2–5. Provider vs engine (real Pulumi CLI)");
    const engine = await providerVsEngine(ws, emulator, settings, stopAll.signal);

    console.log("\n6. Rate-limited up");
    const rateLimitStarted = now();
    const rateLimit = await rateLimitedUp(ws, emulator, engine.runs, stopAll.signal, { warmUp: false });
    const rateLimitSeconds = now() - rateLimitStarted;

    const totalSeconds = now() - started;
    environment.benchSeconds = round(totalSeconds, 1);
    environment.clientVsWireSeconds = round(wireSeconds, 1);
    environment.rateLimitSeconds = round(rateLimitSeconds, 1);
    const results = buildResults({ environment, settings, wire, engine, rateLimit });
    writeOutputs(results);

    console.log("");
    for (const line of summaryLines(results)) console.log(line);
    console.log(`Total ${fmt(totalSeconds, 0)} s.`);
    console.log(`Wrote bench/results.json, bench/results.md and bench/scaling.png.`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

const run = process.argv.includes("--report-only") ? Promise.resolve().then(reportOnly) : main();
run.catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = process.exitCode || 1;
});
