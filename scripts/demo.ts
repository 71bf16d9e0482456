// `npm run demo`: the quick start. Starts the Bluejay emulator, then runs `pulumi up` of the root
// Pulumi.yaml program (examples/bootstrap: a whole test setup, one or more of every kind) against it
// with a local file backend: no account, no network. It ends with a table
// of each kind of record the emulator holds. `npm run demo -- --destroy` tears the demo stack down.
//
// Everything lives in `.pulumi-state/`: the backend, the emulator's records, and the port the
// emulator listened on, which the next run takes again (or a new one, if it is taken). The stack's
// config is set from the running emulator on every run, and destroy runs the program
// (`--run-program`), so it uses that config rather than the URL recorded in state by an earlier run.
import * as fs from "fs";
import * as path from "path";
import { BluejayEmulator } from "../emulator";
import { KINDS } from "../provider/kinds/registry";
import { ensureFreshDist } from "./lib/dist";
import { localBackend, openStack } from "./lib/local-stack";

const root = path.resolve(__dirname, "..");
const stateDir = path.join(root, ".pulumi-state");
const portFile = path.join(stateDir, "emulator-port");
const STACK = "demo";
const API_KEY = process.env.BLUEJAY_API_KEY ?? "demo-key";
/** The agent's websocket password, which examples/bootstrap reads as a secret from stack config. */
const WEBSOCKET_PASSWORD = process.env.BLUEJAY_WEBSOCKET_PASSWORD ?? "demo-websocket-password";
/** Never shown, wherever they appear in a failure's text. */
const redact = (text: string) =>
  text.split(API_KEY).join("[redacted]").split(WEBSOCKET_PASSWORD).join("[redacted]");

/** A setup step that failed, with what it printed. */
class StepFailure extends Error {
  constructor(
    readonly step: string,
    readonly failure: unknown,
  ) {
    super(`${step} failed`, { cause: failure });
  }
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StepFailure(what, error);
  }
}

/**
 * What a failed CLI command printed, and its exit code. The Automation API's CommandError carries the
 * run's result; when the command exited non-zero, the process error inside it holds the real stdout,
 * stderr and exit code (its message also holds the command line, secrets included: never shown).
 */
function commandOutput(error: unknown): { stdout: string; stderr: string; code: number } | undefined {
  const result = (
    error as { commandResult?: { stdout?: unknown; stderr?: unknown; code?: unknown; err?: unknown } }
  )?.commandResult;
  if (!result || typeof result.code !== "number") return undefined;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const cause = result.err as { exitCode?: unknown; stdout?: unknown; stderr?: unknown } | undefined;
  if (cause) {
    return {
      stdout: text(cause.stdout),
      stderr: text(cause.stderr),
      code: typeof cause.exitCode === "number" ? cause.exitCode : result.code,
    };
  }
  return { stdout: text(result.stdout), stderr: text(result.stderr), code: result.code };
}

/** A failed step's own output, with the API key taken out wherever it appears. */
function describeFailure(error: unknown): string {
  const output = commandOutput(error);
  let text: string;
  if (output) {
    const parts = [`exit code ${output.code}`];
    if (output.stderr.trim()) parts.push(`stderr:\n${output.stderr.trimEnd()}`);
    if (output.stdout.trim()) parts.push(`stdout:\n${output.stdout.trimEnd()}`);
    // Nothing printed (the command could not start, say): the error itself says why.
    if (parts.length === 1) parts.push(error instanceof Error ? error.message : String(error));
    text = parts.join("\n");
  } else {
    text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  return redact(text);
}

function rememberedPort(): number | undefined {
  try {
    const port = Number(fs.readFileSync(portFile, "utf8").trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

/** The emulator on the port of the last run when it is free, else on a new one (remembered for next time). */
async function startEmulator(): Promise<BluejayEmulator> {
  // The emulator keeps its communities beside the stack's state, so the two agree run after run.
  const options = { apiKeys: [API_KEY], dataFile: path.join(stateDir, "emulator.json") };
  const port = rememberedPort();
  let emulator: BluejayEmulator;
  try {
    emulator = await BluejayEmulator.start({ ...options, port: port ?? 0 });
  } catch (error) {
    if (port === undefined || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    emulator = await BluejayEmulator.start({ ...options, port: 0 });
    console.log(`Port ${port} is taken; the emulator moves to ${emulator.port}.`);
  }
  fs.writeFileSync(portFile, `${emulator.port}\n`);
  return emulator;
}

async function main(): Promise<void> {
  // The example program imports `pulumi-bluejay` by name: its dist/ must be built from these sources.
  ensureFreshDist();
  const destroy = process.argv.includes("--destroy");
  fs.mkdirSync(stateDir, { recursive: true });
  const emulator = await step("starting the Bluejay emulator", startEmulator);
  console.log(`Bluejay emulator listening on ${emulator.url}\n`);
  try {
    const backend = await step("finding the Pulumi CLI", () =>
      localBackend({ stateDir, passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo" }),
    );
    const stack = await step(`selecting the ${STACK} stack and setting its bluejay config`, () =>
      openStack(backend, {
        stackName: STACK,
        workDir: root,
        bluejay: { apiUrl: emulator.url, apiKey: API_KEY },
        config: { "bluejay-bootstrap:websocketPassword": { value: WEBSOCKET_PASSWORD, secret: true } },
      }),
    );
    // Pulumi's own progress display goes straight to the terminal.
    const display = {
      onOutput: (text: string) => void process.stdout.write(text),
      onError: (text: string) => void process.stderr.write(text),
      color: process.stdout.isTTY ? ("always" as const) : ("never" as const),
    };
    try {
      if (destroy) await stack.destroy({ ...display, runProgram: true });
      else await stack.up(display);
    } catch (error) {
      const output = commandOutput(error);
      if (!output) throw error;
      // Its output and errors were shown as it ran.
      throw new Error(`pulumi ${destroy ? "destroy" : "up"} failed (exit ${output.code})`, { cause: error });
    }
    showRecords(emulator);
  } finally {
    await emulator.close();
  }
}

/** A table per kind of record the emulator holds (secrets left out), or one line when it holds none. */
function showRecords(emulator: BluejayEmulator): void {
  if (emulator.isEmpty()) {
    console.log(
      `\nThe emulator holds no records of any kind (${KINDS.map((kind) => kind.api.plural.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)).join(", ")}).`,
    );
    return;
  }
  // One table per kind: each record's id, its name, when it was made, and the ids it refers to.
  const cell = (value: unknown) => (Array.isArray(value) ? value.join(", ") : value);
  const row = (record: Record<string, unknown>) => {
    // What a person knows it by: its name, title or label, a version's number, a schedule's cron line.
    const known =
      record.name ??
      record.title ??
      record.label_text ??
      (typeof record.version === "number" ? `v${record.version}` : undefined);
    const shown: Record<string, unknown> = { id: record.id, name: known ?? record.cron_expression };
    for (const [key, value] of Object.entries(record)) {
      if (key !== "id" && key !== "organization_id" && /_ids?$/.test(key)) shown[key] = cell(value);
    }
    shown.created_at = record.created_at;
    return shown;
  };
  const tables: [string, Record<string, unknown>[]][] = KINDS.map((kind) => [
    `${kind.name} records`,
    emulator.records(kind.api.plural).map(row),
  ]);
  for (const [kind, rows] of tables) {
    if (rows.length === 0) {
      console.log(`\n${kind} in the emulator: none.`);
    } else {
      console.log(`\n${kind} in the emulator:`);
      console.table(rows);
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof StepFailure) {
    console.error(`demo: ${error.step} failed:\n${describeFailure(error.failure)}`);
  } else {
    console.error(`demo: ${redact(error instanceof Error ? error.message : String(error))}`);
  }
  process.exit(1);
});
