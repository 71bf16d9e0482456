#!/usr/bin/env node
// The `pulumi-bluejay-emulator` command: a local Bluejay (communities, agents, simulations, digital
// humans, custom metrics) for development and tests.
//   BLUEJAY_API_KEY=dev-key npx pulumi-bluejay-emulator --port 8080 [--data-file bluejay.json]
//     [--chaos 0.1 --seed 7] [--rate-limit 10 --rate-limit-burst 20] [--clock-offset-ms=-30000]
//     [--run-outcome '{"polls": 3, "failRate": 0.5}' | --run-outcome @outcome.json]
//     [--latency-ms 100 --latency-jitter-ms 20]
import * as fs from "fs";
import { parseArgs } from "util";
import { RunOutcomeSchema, type RunOutcome } from "./runs";
import { BluejayEmulator, type EmulatorOptions } from "./server";

const USAGE = `Usage: npx pulumi-bluejay-emulator [--port N] [--host H] [--api-key KEY]... [--data-file FILE]
                                  [--chaos RATE] [--seed N] [--rate-limit N] [--rate-limit-burst N]
                                  [--clock-offset-ms MS] [--run-outcome JSON|@FILE]
                                  [--latency-ms MS] [--latency-jitter-ms MS]

Serves Bluejay's Communities, Agents, Simulations, Digital Humans, Custom Metrics, agent Labels, and
Prompt and Knowledge-base Versions operations on http://HOST:PORT, with Bluejay's paths, bodies and
FastAPI-style errors.

Options:
  --port N              Port to listen on (default 8080; 0 picks a free one).
  --host H              Interface to listen on (default 127.0.0.1).
  --api-key KEY         An X-API-Key to accept (repeatable). Default: the one in BLUEJAY_API_KEY.
  --data-file FILE      Keep every record in this JSON file across restarts.
  --chaos RATE          Inject random transient faults (429, 5xx, drops, lost responses) into this
                        share of requests, a probability from 0 to 1.
  --seed N              Seed of the --chaos fault sequence and of the --latency-jitter-ms delays
                        (default 1), to repeat a run.
  --rate-limit N        Allow N requests per second over all requests (a token bucket); beyond it,
                        answer 429 with Retry-After. Every answer carries X-RateLimit-* headers.
  --rate-limit-burst N  Bucket size for --rate-limit: requests allowed at once (default N).
  --clock-offset-ms MS  Shift the emulator's clock (created_at, the Date header) by MS milliseconds;
                        write a negative offset as --clock-offset-ms=-MS.
  --run-outcome JSON    How queued simulation runs end (default: every call passes after 2 polls),
                        as JSON or @FILE, e.g. '{"polls": 3, "failRate": 0.5}'. Change it while the
                        emulator runs with PUT /_emulator/run-outcome {"simulation_id"?, "outcome"}.
  --latency-ms MS       Delay every request by MS milliseconds, as a distant SaaS does: half before
                        it is handled (and counted by --rate-limit), half before its answer leaves.
  --latency-jitter-ms J Add to each request's delay a random amount from -J to +J milliseconds
                        (never below 0), from the --seed sequence. Needs --latency-ms.
  -h, --help            Show this text.`;

async function main(): Promise<void> {
  const values = parseOptions();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number from 0 to 65535.`);
  const keys = values["api-key"] ?? (process.env.BLUEJAY_API_KEY ? [process.env.BLUEJAY_API_KEY] : []);
  if (keys.length === 0) {
    fail(
      "No API key to accept: set BLUEJAY_API_KEY (e.g. BLUEJAY_API_KEY=dev-key npx pulumi-bluejay-emulator) or pass --api-key.",
    );
  }
  const rate = values.chaos === undefined ? undefined : Number(values.chaos);
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) fail("--chaos must be a probability from 0 to 1.");
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) fail("--seed must be a whole number.");

  const options: EmulatorOptions = { apiKeys: keys, port, host: values.host };
  if (values["data-file"]) options.dataFile = values["data-file"];
  if (rate !== undefined) options.chaos = { rate, seed };
  if (values["rate-limit"] !== undefined) {
    const requestsPerSecond = Number(values["rate-limit"]);
    if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0))
      fail("--rate-limit must be a positive number of requests per second.");
    options.rateLimit = { requestsPerSecond };
    if (values["rate-limit-burst"] !== undefined) {
      const burst = Number(values["rate-limit-burst"]);
      if (!(Number.isInteger(burst) && burst >= 1))
        fail("--rate-limit-burst must be a whole number of at least 1.");
      options.rateLimit.burst = burst;
    }
  } else if (values["rate-limit-burst"] !== undefined) {
    fail("--rate-limit-burst needs --rate-limit.");
  }
  if (values["latency-ms"] !== undefined) {
    const ms = Number(values["latency-ms"]);
    if (!(Number.isFinite(ms) && ms >= 0)) fail("--latency-ms must be a number of milliseconds, 0 or more.");
    options.latency = { ms, seed };
    if (values["latency-jitter-ms"] !== undefined) {
      const jitterMs = Number(values["latency-jitter-ms"]);
      if (!(Number.isFinite(jitterMs) && jitterMs >= 0))
        fail("--latency-jitter-ms must be a number of milliseconds, 0 or more.");
      options.latency.jitterMs = jitterMs;
    }
  } else if (values["latency-jitter-ms"] !== undefined) {
    fail("--latency-jitter-ms needs --latency-ms.");
  }
  if (values["clock-offset-ms"] !== undefined) {
    const offset = Number(values["clock-offset-ms"]);
    if (!Number.isInteger(offset)) fail("--clock-offset-ms must be a whole number of milliseconds.");
    options.clockOffsetMs = offset;
  }

  if (values["run-outcome"] !== undefined) options.runOutcome = runOutcome(values["run-outcome"]);

  const emulator = await BluejayEmulator.start(options);
  console.log(`Bluejay emulator listening on ${emulator.url}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        port: { type: "string", default: "8080" },
        host: { type: "string", default: "127.0.0.1" },
        "api-key": { type: "string", multiple: true },
        "data-file": { type: "string" },
        chaos: { type: "string" },
        seed: { type: "string" },
        "rate-limit": { type: "string" },
        "rate-limit-burst": { type: "string" },
        "clock-offset-ms": { type: "string" },
        "run-outcome": { type: "string" },
        "latency-ms": { type: "string" },
        "latency-jitter-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/** `--run-outcome`: JSON, or `@FILE` holding it, checked against the outcome's schema. */
function runOutcome(value: string): RunOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.startsWith("@") ? fs.readFileSync(value.slice(1), "utf8") : value);
  } catch (error) {
    fail(
      `--run-outcome must be JSON or @FILE holding JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const checked = RunOutcomeSchema.safeParse(parsed);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join(".") || "outcome"}: ${i.message}`);
    fail(`--run-outcome is not a run outcome: ${problems.join("; ")}.`);
  }
  return checked.data;
}

function fail(message: string): never {
  console.error(`bluejay emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(`bluejay emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
