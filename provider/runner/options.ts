// What `runSimulations` takes, in one zod schema: which simulations (by id, every one of a stack, or
// runs already queued), the per-run overrides Bluejay's queues take, the gate, and how to wait. The
// command line (cli.ts) parses its flags into this same shape, so both run the same checks.
import { z } from "zod";
import type { BluejayClient } from "../client/client";
import { camelSchema } from "../client/mapping";
import { errorMap } from "../client/validate";
import { IntegerIdSchema } from "../client/wire";
import { WireQueueSmsRunSchema, WireQueueVoiceRunSchema } from "../runs/wire";
import { BluejayTestConfigError } from "./errors";
import type { ProgressEvent } from "./progress-events";

/**
 * The per-run overrides, named as Bluejay's queue requests name them (camelCase): a prompt or
 * knowledge-base version, a phone number, a SIP URI, a LiveKit agent and its room metadata, a
 * Pipecat agent; and for SMS agents, ending overlapping conversations first.
 */
export const RunOverridesSchema = camelSchema(WireQueueVoiceRunSchema)
  .omit({ simulationId: true, digitalHumanIds: true })
  .extend(camelSchema(WireQueueSmsRunSchema).pick({ terminateOverlappingSimulations: true }).shape)
  .strict();
export type RunOverrides = z.input<typeof RunOverridesSchema>;
/** The override names, each a field of a queue request. */
export type OverrideName = keyof z.output<typeof RunOverridesSchema>;

/** A threshold on one custom metric, by its name in Bluejay. */
export const MetricThresholdSchema = z
  .object({
    /** The custom metric's name, as its grades carry it. */
    metric: z.string().min(1, "must name a custom metric"),
    /**
     * For `pass_fail` and `yes_no` metrics: the least share of graded calls that pass (0 to 1). For
     * `quantitative` metrics: the least mean score.
     */
    min: z.number().finite(),
  })
  .strict();
export type MetricThreshold = z.infer<typeof MetricThresholdSchema>;

const ms = (what: string, min: number) =>
  z
    .number({ invalid_type_error: `must be a number of milliseconds (${what})` })
    .int("must be whole milliseconds")
    .min(min, `must be at least ${min} ms`);

export const RunSimulationsOptionsSchema = z
  .object({
    /** Run these simulations (Bluejay ids). */
    simulationIds: z.array(IntegerIdSchema).optional(),
    /** Run every `Simulation` of this Pulumi stack (read with `pulumi stack export`). */
    stack: z.string().min(1).optional(),
    /** The Pulumi project's folder, for `stack`; default the current one. */
    cwd: z.string().min(1).optional(),
    /** Queue nothing: wait for these runs, already queued, and judge them. */
    runIds: z.array(IntegerIdSchema).optional(),
    /** Only these digital humans (of the simulations run). */
    digitalHumanIds: z.array(IntegerIdSchema).optional(),
    /** Sent with every queued run. */
    overrides: RunOverridesSchema.optional(),
    /** The least share of digital humans whose calls pass, 0 to 1; default 1 (every one). */
    minPassRate: z.number().min(0, "must be from 0 to 1").max(1, "must be from 0 to 1").default(1),
    /** Thresholds on custom metrics. */
    metrics: z.array(MetricThresholdSchema).default([]),
    /** The longest the whole wait may take; default 30 minutes. */
    timeoutMs: ms("--timeout", 1).default(30 * 60_000),
    /** The first pause between two polls of a simulation's runs; it grows by half each time. Default 5 s. */
    pollIntervalMs: ms("--poll-interval", 1).default(5_000),
    /** The longest pause between two polls; default 30 s. */
    maxPollIntervalMs: ms("--max-poll-interval", 1).default(30_000),
  })
  .strict();

export type ParsedRunOptions = z.output<typeof RunSimulationsOptionsSchema>;

/** `runSimulations`' options: the schema's fields, and what cannot be data. */
export type RunSimulationsOptions = z.input<typeof RunSimulationsOptionsSchema> & {
  /** The client to use (its rate limiter, retries and budget); default one made from the settings. */
  client?: BluejayClient;
  /** Told as runs are queued, move on and end (the command draws its progress display from these). */
  onProgress?: (event: ProgressEvent) => void;
  /** Aborting stops the wait: the runs queued go on in Bluejay, and the verdict says which they are. */
  signal?: AbortSignal;
  /**
   * The environment the Bluejay settings (`BLUEJAY_API_KEY`, …) are read from and the Pulumi CLI
   * runs in (`PULUMI_BACKEND_URL`, `PULUMI_CONFIG_PASSPHRASE`, …); default this process's.
   */
  env?: NodeJS.ProcessEnv;
};

/** How each option is named on the command line, for messages that name one. */
export const FLAGS: Record<string, string> = {
  simulationIds: "--simulation",
  stack: "--stack",
  cwd: "--cwd",
  runIds: "--run",
  digitalHumanIds: "--digital-human",
  overrides: "overrides",
  minPassRate: "--min-pass-rate",
  metrics: "--metric",
  timeoutMs: "--timeout",
  pollIntervalMs: "--poll-interval",
  maxPollIntervalMs: "--max-poll-interval",
};

/** Checks the options, and that they name exactly one set of things to run. */
export function parseRunOptions(options: unknown): ParsedRunOptions {
  const parsed = RunSimulationsOptionsSchema.safeParse(options, { errorMap });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [top, ...rest] = issue.path.map(String);
    const option = FLAGS[top ?? ""] ?? top ?? "options";
    const where = top === "overrides" && rest[0] ? `--${kebab(rest[0])}` : option;
    throw new BluejayTestConfigError(where, `${where} ${issue.message}.`);
  }
  const value = parsed.data;
  const sources = [value.simulationIds, value.stack, value.runIds].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    throw new BluejayTestConfigError(
      "--simulation",
      "Say what to run: --stack NAME (every Simulation of a Pulumi stack), --simulation ID (repeatable), " +
        "or --run ID (runs already queued), and only one of them.",
    );
  }
  if (value.cwd !== undefined && value.stack === undefined) {
    throw new BluejayTestConfigError(
      "--cwd",
      "--cwd is the folder of the Pulumi project of --stack; add --stack.",
    );
  }
  if (value.runIds && (value.digitalHumanIds || value.overrides)) {
    throw new BluejayTestConfigError(
      value.digitalHumanIds ? "--digital-human" : "overrides",
      "--run judges runs already queued: their digital humans and overrides were set when they were queued.",
    );
  }
  if (value.maxPollIntervalMs < value.pollIntervalMs) {
    throw new BluejayTestConfigError(
      "--max-poll-interval",
      "--max-poll-interval must be at least --poll-interval.",
    );
  }
  return value;
}

/** `livekitAgentName` as a flag: `livekit-agent-name`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
