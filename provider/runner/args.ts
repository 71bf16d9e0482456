// `pulumi-bluejay test`'s flags, parsed into `runSimulations`' options (checked there, by the same
// schema) and where the reports go. Pure: tested on its own.
import { parseArgs } from "util";
import { BluejayTestConfigError } from "./errors";
import { kebab, RunOverridesSchema, type RunSimulationsOptions } from "./options";

export interface Outputs {
  /** Write the JUnit XML report here. */
  junit?: string;
  /** Write the Markdown summary here; default: append it to $GITHUB_STEP_SUMMARY when that is set. */
  summary?: string;
  /** Print the report as JSON on stdout (the table then goes to stderr). */
  json: boolean;
}

export type ParsedArgs =
  { command: "help"; text: string } | { command: "test"; options: RunSimulationsOptions; outputs: Outputs };

/** Overrides that take JSON objects; the others take text (or, for one, nothing). */
const JSON_OVERRIDES = new Set(["livekitMetadata", "pipecatAgentConfiguration", "pipecatRoomProperties"]);
const FLAG_OVERRIDES = new Set(["terminateOverlappingSimulations"]);
const OVERRIDES = Object.keys(RunOverridesSchema.shape);

export const USAGE = `Usage: npx pulumi-bluejay test (--stack NAME [--cwd DIR] | --simulation ID... | --run ID...) [options]

Runs Bluejay simulations, waits for them to end, reports each digital human's call, and exits 0 when
the gate passes, 1 when it fails, 2 when the run could not be judged (a timeout, insufficient funds, an
API or configuration error), 130 on Ctrl-C. The API key is read from the stack's config
(bluejay:apiKey) or BLUEJAY_API_KEY, and Bluejay's URL from bluejay:apiUrl or BLUEJAY_API_URL.

What to run:
  --stack NAME               Every Simulation of this Pulumi stack (read with \`pulumi stack export\`).
  --cwd DIR                  The Pulumi project's folder, for --stack (default: this one).
  --simulation ID            A simulation, by Bluejay id (repeatable).
  --run ID                   A run already queued: wait for it and judge it; nothing is queued (repeatable).
  --digital-human ID         Only this digital human of the simulations (repeatable).

Overrides, sent with every run (as Bluejay's queue requests name them):
  --prompt-id UUID           --knowledge-base-id UUID   --phone-number NUMBER      --sip-uri URI
  --livekit-agent-name NAME  --livekit-metadata JSON    --pipecat-agent-name NAME
  --pipecat-agent-configuration JSON                    --pipecat-room-properties JSON
  --terminate-overlapping-simulations                   (SMS agents only)

Gate:
  --min-pass-rate RATE       The least share of calls that pass: 0.9 or 90% (default 100%).
  --metric "NAME>=MIN"       A custom metric's threshold (repeatable): for pass/fail and yes/no metrics
                             the least share of calls graded pass or yes (0.8 or 80%); for
                             quantitative metrics the least mean score (4).

Waiting:
  --timeout DURATION         The longest the whole wait may take (default 30m): 90s, 15m, 1h30m.
  --poll-interval DURATION   The first pause between polls (default 5s); it grows by half each time,
  --max-poll-interval DURATION  up to this (default 30s).

Reports:
  --junit FILE               Write a JUnit XML report: a test case per digital human.
  --summary FILE             Write a Markdown summary (default: append it to $GITHUB_STEP_SUMMARY).
  --json                     Print the report as JSON on stdout.
  -h, --help                 Show this text.`;

export const TOP_USAGE = `Usage: npx pulumi-bluejay <command> [options]

Commands:
  test    Run Bluejay simulations, wait for them, and gate on the result (see \`npx pulumi-bluejay test --help\`).`;

/** `90s`, `15m`, `1h30m`, `500ms`, or a bare number of seconds, in milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== trimmed) {
    throw new BluejayTestConfigError(
      flag,
      `${flag} must be a duration such as 90s, 15m or 1h30m (got ${JSON.stringify(text)}).`,
    );
  }
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * units[p[2]!]!, 0));
}

/** `0.9` or `90%`, as a share from 0 to 1 (checked by the options' schema). */
export function parseRate(flag: string, text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match)
    throw new BluejayTestConfigError(
      flag,
      `${flag} must be a share such as 0.9 or 90% (got ${JSON.stringify(text)}).`,
    );
  return Number(match[1]) / (match[2] ? 100 : 1);
}

function parseId(flag: string, text: string): number {
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) {
    throw new BluejayTestConfigError(
      flag,
      `${flag} takes a whole-number Bluejay id (got ${JSON.stringify(text)}).`,
    );
  }
  return Number(text);
}

/** `Empathy>=0.8`, `Empathy>=80%`, `Refund policy>=4`. */
export function parseMetric(text: string): { metric: string; min: number } {
  const match = /^(.+?)\s*>=\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match || match[1]!.trim() === "") {
    throw new BluejayTestConfigError(
      "--metric",
      `--metric takes "NAME>=MIN", e.g. "Empathy>=0.8", "Empathy>=80%" or "Refund policy>=4" (got ${JSON.stringify(text)}).`,
    );
  }
  return { metric: match[1]!.trim(), min: Number(match[2]) / (match[3] ? 100 : 1) };
}

function parseJsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BluejayTestConfigError(flag, `${flag} takes a JSON object, e.g. '{"branch": "pr-7"}'.`);
  }
  return value as Record<string, unknown>;
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    return { command: "help", text: TOP_USAGE };
  }
  if (command !== "test") {
    throw new BluejayTestConfigError(
      "command",
      `Unknown command ${JSON.stringify(command)}.\n\n${TOP_USAGE}`,
    );
  }
  const overrideFlags = Object.fromEntries(
    OVERRIDES.map((name) => [
      kebab(name),
      { type: FLAG_OVERRIDES.has(name) ? "boolean" : "string" } as const,
    ]),
  );
  let values;
  try {
    values = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: "string" },
        cwd: { type: "string" },
        simulation: { type: "string", multiple: true, short: "s" },
        run: { type: "string", multiple: true },
        "digital-human": { type: "string", multiple: true },
        "min-pass-rate": { type: "string" },
        metric: { type: "string", multiple: true },
        timeout: { type: "string" },
        "poll-interval": { type: "string" },
        "max-poll-interval": { type: "string" },
        junit: { type: "string" },
        summary: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        ...overrideFlags,
      },
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BluejayTestConfigError("arguments", `${message}\n\n${USAGE}`);
  }
  if (values.help) return { command: "help", text: USAGE };

  const options: RunSimulationsOptions = {};
  if (values.stack !== undefined) options.stack = values.stack;
  if (values.cwd !== undefined) options.cwd = values.cwd;
  if (values.simulation) options.simulationIds = values.simulation.map((v) => parseId("--simulation", v));
  if (values.run) options.runIds = values.run.map((v) => parseId("--run", v));
  if (values["digital-human"]) {
    options.digitalHumanIds = values["digital-human"].map((v) => parseId("--digital-human", v));
  }
  if (values["min-pass-rate"] !== undefined)
    options.minPassRate = parseRate("--min-pass-rate", values["min-pass-rate"]);
  if (values.metric) options.metrics = values.metric.map(parseMetric);
  if (values.timeout !== undefined) options.timeoutMs = parseDuration("--timeout", values.timeout);
  if (values["poll-interval"] !== undefined) {
    options.pollIntervalMs = parseDuration("--poll-interval", values["poll-interval"]);
  }
  if (values["max-poll-interval"] !== undefined) {
    options.maxPollIntervalMs = parseDuration("--max-poll-interval", values["max-poll-interval"]);
  }
  const overrides: Record<string, unknown> = {};
  for (const name of OVERRIDES) {
    const flag = `--${kebab(name)}`;
    const value = (values as Record<string, string | boolean | undefined>)[kebab(name)];
    if (value === undefined) continue;
    overrides[name] = JSON_OVERRIDES.has(name) ? parseJsonObject(flag, String(value)) : value;
  }
  if (Object.keys(overrides).length > 0) options.overrides = overrides;

  const outputs: Outputs = { json: values.json === true };
  if (values.junit !== undefined) outputs.junit = values.junit;
  if (values.summary !== undefined) outputs.summary = values.summary;
  return { command: "test", options, outputs };
}
