// `npm run bench`: the benchmark of the provider on today's kinds. It builds examples/bootstrap's
// environment at several sizes (bench/programs/shared/environment.ts) and measures, against the Bluejay
// emulator on loopback and against one that answers like a distant SaaS (latency and a rate limit):
//
//   1. the client against the wire (bench/wire.ts): BluejayClient against node-fetch alone, called as
//      the client calls it, and a raw keep-alive node:http loop;
//   2. the provider's own CPU per resource operation (bench/provider-cpu.ts), in-process;
//   3. `pulumi up`, a no-change `up`, `refresh` and `destroy` of the Bluejay program and of a program
//      shaped alike whose provider makes no HTTP call (bench/sequence.ts, bench/engine.ts): wall time,
//      requests and 429s, the floor, CPU and peak memory of each process, state bytes per resource.
//
// bench/verdicts.ts holds every figure against its target and says where the time of a miss went;
// bench/render.ts writes bench/results.md and docs/benchmark.md, bench/chart.ts bench/scaling.png.
// It is not part of `npm test`. Knobs for trial runs are in bench/config.ts; BENCH_ONLY=engine (the
// loopback runs) or saas runs one part, prints its figures and saves them to a file in the temp folder,
// leaving bench/results.* and docs/benchmark.md as they are. `--report-only` measures nothing: it
// assesses and renders the saved bench/results.json again (after a change of targets or wording, say).
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { BluejayEmulator } from "../emulator";
import { killDescendants } from "../scripts/lib/process-tree";
import { renderPng, renderResultsChart } from "./chart";
import {
  API_KEY,
  benchDir,
  PROFILES,
  readSettings,
  root,
  TARGETS,
  WATCHDOG_MS,
  type BenchSettings,
} from "./config";
import { runDirOf, setUpWorkspaces, type Workspaces } from "./engine";
import { shapeOf } from "./programs/shared/environment";
import { providerCpu } from "./provider-cpu";
import { renderDoc, renderMarkdown, summaryLines } from "./render";
import type { BenchResults, Environment, Measurements, OpRun, Profile, ProfileName } from "./results";
import { runProfile, warmUp } from "./sequence";
import { fmt, now, round } from "./stats";
import { buildResults, measurementsOf } from "./verdicts";
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
  const dir = path.dirname(runDirOf());
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const match = /^bench-(?:(?:bluejay|trivial)-)?(\d+)$/.exec(entry);
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

const docFile = path.join(root, "docs", "benchmark.md");

function writeOutputs(results: BenchResults): void {
  fs.mkdirSync(benchDir, { recursive: true });
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(benchDir, "results.md"), renderMarkdown(results));
  fs.writeFileSync(path.join(benchDir, "scaling.png"), renderPng(renderResultsChart(results)));
  fs.writeFileSync(docFile, renderDoc(results));
}

function reportOnly(): void {
  const saved = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as BenchResults;
  const results = buildResults(measurementsOf(saved));
  writeOutputs(results);
  for (const line of summaryLines(results)) console.log(line);
  console.log("Rewrote bench/results.json, bench/results.md, bench/scaling.png and docs/benchmark.md.");
}

/** A partial run (BENCH_ONLY) prints its figures and saves them in the temp folder; it writes no result. */
function writePartial(results: BenchResults): void {
  const file = path.join(os.tmpdir(), `bluejay-bench-${Date.now()}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(file.replace(/\.json$/, ".md"), renderMarkdown(results));
  console.log("");
  for (const line of summaryLines(results)) console.log(line);
  console.log(`Partial run (BENCH_ONLY): bench/results.* left as they are; wrote ${file} and its .md.`);
}

/** An emulator answering like the profile says. */
function emulatorFor(profile: Profile): Promise<BluejayEmulator> {
  return BluejayEmulator.start({
    apiKeys: [API_KEY],
    ...(profile.latencyMs > 0 ? { latency: { ms: profile.latencyMs, jitterMs: profile.jitterMs } } : {}),
    ...(profile.requestsPerSecond ? { rateLimit: { requestsPerSecond: profile.requestsPerSecond } } : {}),
  });
}

function measurementSettings(settings: BenchSettings, profiles: Profile[]): Measurements["settings"] {
  return {
    sizes: settings.sizes,
    rounds: settings.rounds,
    saasRounds: settings.saasRounds,
    requestsPerRun: settings.requestsPerRun,
    warmupRequests: settings.warmupRequests,
    repeats: settings.repeats,
    concurrencies: settings.concurrencies,
    profiles,
    shapes: Object.fromEntries(settings.sizes.map((n) => [String(n), { ...shapeOf(n) }])),
  };
}

async function main(): Promise<void> {
  const started = now();
  const settings = readSettings();
  removeStaleWorkDirs();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-bench-state-"));
  const emulators: Partial<Record<ProfileName, BluejayEmulator>> = {};
  /** Aborted by the watchdog or a signal: the running `pulumi` gets SIGINT and stops cleanly. */
  const stopAll = new AbortController();
  let ws: Workspaces | undefined;
  const cleanup = async (): Promise<void> => {
    for (const emulator of Object.values(emulators)) await emulator.close().catch(() => undefined);
    fs.rmSync(runDirOf(), { recursive: true, force: true });
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
    const profiles: Profile[] = [PROFILES.loopback, PROFILES.saas];
    emulators.loopback = await emulatorFor(PROFILES.loopback);
    emulators.saas = await emulatorFor(PROFILES.saas);
    ws = await setUpWorkspaces(stateDir);
    const environment = await environmentFacts(ws.backend.pulumiPath);
    console.log(
      `Benchmark: ${String(environment.cpuModel)} × ${String(environment.cpus)}, Node.js ${String(environment.node)}, ${String(environment.pulumiCli)}`,
    );
    console.log(
      `Sizes ${settings.sizes.join(", ")} records; loopback ${emulators.loopback.url}, ${PROFILES.saas.label} ${emulators.saas.url}\n`,
    );
    const times: Record<string, number> = {};
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t = now();
      try {
        return await work();
      } finally {
        times[name] = round(now() - t, 1);
      }
    };

    let wire: Measurements["wire"];
    let cpu: Measurements["providerCpu"];
    if (!settings.only) {
      console.log("1. Client vs wire");
      wire = await timed("clientVsWireSeconds", () =>
        clientVsWire(emulators.loopback!, settings, TARGETS.clientOverFetch),
      );
      console.log("\n2. The provider's own CPU (in-process)");
      cpu = await timed("providerCpuSeconds", () => providerCpu(120, 3));
      emulators.loopback.reset();
    }
    console.log("\n3. Pulumi operations");
    const warmupSeconds = await warmUp(ws, emulators.loopback, stopAll.signal);
    const runs: OpRun[] = [];
    if (settings.only !== "saas") {
      runs.push(
        ...(await timed("loopbackSeconds", () =>
          runProfile(ws!, emulators.loopback!, "loopback", settings, stopAll.signal),
        )),
      );
    }
    if (settings.only !== "engine") {
      runs.push(
        ...(await timed("saasSeconds", () =>
          runProfile(ws!, emulators.saas!, "saas", settings, stopAll.signal),
        )),
      );
    }

    const totalSeconds = now() - started;
    Object.assign(environment, times, { benchSeconds: round(totalSeconds, 1) });
    const measurements: Measurements = {
      environment,
      settings: measurementSettings(
        settings,
        profiles.filter((p) =>
          settings.only === "engine"
            ? p.name === "loopback"
            : settings.only === "saas"
              ? p.name === "saas"
              : true,
        ),
      ),
      ...(wire ? { wire } : {}),
      ...(cpu ? { providerCpu: cpu } : {}),
      engine: { runs, warmupSeconds },
    };
    const results = buildResults(measurements);
    if (settings.only) {
      writePartial(results);
      return;
    }
    writeOutputs(results);
    console.log("");
    for (const line of summaryLines(results)) console.log(line);
    console.log(`Total ${fmt(totalSeconds, 0)} s.`);
    console.log("Wrote bench/results.json, bench/results.md, bench/scaling.png and docs/benchmark.md.");
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
