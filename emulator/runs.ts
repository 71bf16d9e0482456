// The emulator's simulation runs: the three queues (voice, SMS, HTTP text), a simulation's runs, a
// run's results. Runs are actions on a simulation, not a kind Pulumi manages, so they have their own
// store here (kept in the data file beside the kinds' records, and not counted among them) and their
// routes are registered beside the kinds' (server.ts), validated with Bluejay's OpenAPI description
// like every route.
//
// A queued run goes through the statuses Bluejay reports (INITIALIZING, RUNNING, then COMPLETED,
// INCOMPLETED or INSUFFICIENT_FUNDS) as it is read: each read of its status (the simulation's runs,
// or its own results) is a poll, and it ends after `polls` polls and `delayMs` milliseconds. How it
// ends is set by the test, per simulation, per digital human and per custom metric
// (`setRunOutcome`), and fixed when the run is queued, so every run is deterministic.
import { randomUUID } from "crypto";
import { z } from "zod";
import {
  Answer,
  idFromText,
  ints,
  isSet,
  notFound,
  ok,
  routes,
  text,
  whole,
  type Context,
  type Json,
} from "./kit";
import type { Database } from "./store";
import { RecordStore } from "./store";

/** How one digital human's call ends. */
export const CallOutcomeSchema = z
  .object({
    /** Its final status (a `TestResultStatus`); default COMPLETED. */
    status: z.enum(["COMPLETED", "INCOMPLETED", "REJECTED", "INSUFFICIENT_FUNDS"]).optional(),
    /** Whether the digital human's success criteria were met (`goal_success`); default true. */
    passed: z.boolean().optional(),
    /** The evaluation's reasoning (`goal_reasoning`); default a sentence saying what happened. */
    reason: z.string().optional(),
    /** Grades of custom metrics, by the metric's name or id: `{ Empathy: { value: "no", reason: "…" } }`. */
    metrics: z.record(z.object({ value: z.string(), reason: z.string().optional() }).strict()).optional(),
  })
  .strict();
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** How a queued run behaves: how fast it ends, and how each call ends. */
export const RunOutcomeSchema = z
  .object({
    /** Polls (reads of its status) before it ends; default 2 (the first shows INITIALIZING). */
    polls: z.number().int().min(1).max(1_000_000).optional(),
    /** And at least this many milliseconds after it was queued; default 0. */
    delayMs: z.number().int().min(0).optional(),
    /** Never ends: a run that outlasts any timeout. */
    hang: z.boolean().optional(),
    /** What every call does unless `digitalHumans` says otherwise. */
    calls: CallOutcomeSchema.optional(),
    /** The share of calls (0 to 1) whose success criteria are not met: the first ones, by digital human id. */
    failRate: z.number().min(0).max(1).optional(),
    /** Each digital human's call, by its id. */
    digitalHumans: z.record(CallOutcomeSchema).optional(),
  })
  .strict();
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

/** Which queue a run came through: each takes one kind of agent. */
type Queue = "voice" | "sms" | "http_text";

/** A stored run (what the routes answer is shaped from it by the document). */
interface StoredRun extends Json {
  id: number;
  simulation_id: number;
  agent_id: number;
  queue: Queue;
  created_at: string;
  /** Real clock, for `delayMs`. */
  queued_at_ms: number;
  polls: number;
  outcome: RunOutcome;
  digital_human_ids: number[];
  result_ids: number[];
  /** What the queue request overrode for this run (phone number, prompt id, …). */
  overrides: Json;
  status: string;
}

/** A stored call: its final shape is made when the run is queued, and shown once it is done. */
interface StoredResult extends Json {
  id: number;
  run_id: number;
  digital_human_id: number;
  /** The call as it ends. */
  final: Json;
}

const FINAL_RUN = new Set(["COMPLETED", "INCOMPLETED", "INSUFFICIENT_FUNDS"]);

/** The digital humans a run may use: those of the simulation, in id order. */
function humansOf(simulationId: number, context: Context): Json[] {
  return context
    .of("digitalHumans")
    .all((h) => ints(h.simulation_ids).includes(simulationId))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** The custom metrics that grade a simulation's calls: those it selected, else every one of its agent. */
function metricsOf(simulation: Json, context: Context): Json[] {
  const selected = (simulation.settings as Json | undefined)?.selected_custom_metrics;
  const metrics = context.of("customMetrics");
  if (Array.isArray(selected) && selected.length > 0) {
    return selected.flatMap((id) => (typeof id === "string" ? (metrics.get(id) ?? []) : []));
  }
  return metrics.all((m) => ints(m.agent_ids).includes(simulation.agent_id as number));
}

/** A metric's grade when the test set none: the best its response type allows. */
function defaultGrade(metric: Json): string {
  switch (metric.response_type) {
    case "pass_fail":
      return "pass";
    case "yes_no":
      return "yes";
    case "quantitative":
      return String(whole(metric.max_value) ?? 5);
    case "enum":
      return (metric.enum_options as string[] | null)?.[0] ?? "n/a";
    case "json":
      return "{}";
    default:
      return "good";
  }
}

/** Which queue serves an agent: its connection, then its mode. */
function queueOf(agent: Json): Queue {
  if (agent.connection_type === "SMS") return "sms";
  if (agent.connection_type === "HTTP_WEBHOOK") return "http_text";
  return "voice";
}

const QUEUE_PATHS: Record<Queue, string> = {
  voice: "/v1/queue-simulation-run",
  sms: "/v1/queue-sms-simulation-run",
  http_text: "/v1/queue-http-text-simulation-run",
};

const badRequest = (detail: string): Answer => new Answer(400, { detail });

/** The runs and their calls, with the outcomes tests set. */
export class RunStore {
  readonly runs: RecordStore<StoredRun>;
  readonly results: RecordStore<StoredResult>;
  /** Outcomes by simulation id; `*` for every simulation. Not persisted: a test's setting. */
  private readonly outcomes = new Map<string, RunOutcome>();

  constructor(db: Database) {
    this.runs = new RecordStore<StoredRun>(db, "simulation_runs", "integer");
    this.results = new RecordStore<StoredResult>(db, "simulation_results", "integer");
  }

  /** Sets how runs queued from now on behave: of one simulation, or of every one (no id). */
  setOutcome(outcome: RunOutcome, simulationId?: number): void {
    this.outcomes.set(
      simulationId === undefined ? "*" : String(simulationId),
      RunOutcomeSchema.parse(outcome),
    );
  }

  clearOutcomes(): void {
    this.outcomes.clear();
  }

  clear(): void {
    this.runs.clear();
    this.results.clear();
    this.outcomes.clear();
  }

  private outcomeFor(simulationId: number): RunOutcome {
    return structuredClone(this.outcomes.get(String(simulationId)) ?? this.outcomes.get("*") ?? {});
  }

  /** Queues a run through `queue`; answers as every queue does. */
  queue(queue: Queue, body: Json, context: Context): Answer {
    const simulationId = idFromText(body.simulation_id);
    const simulation = simulationId === undefined ? undefined : context.records.get(simulationId);
    if (simulationId === undefined || !simulation) return notFound("Simulation not found");
    const agent = context.of("agents").get(simulation.agent_id as number);
    if (!agent) return notFound(`Agent ${String(simulation.agent_id)} not found`);
    const serves = queueOf(agent);
    if (serves !== queue) {
      return badRequest(
        `Agent ${String(agent.id)} (connection ${text(agent.connection_type) ?? "none"}, mode ${text(agent.mode) ?? "VOICE"}) ` +
          `is run through ${QUEUE_PATHS[serves]}, not ${QUEUE_PATHS[queue]}`,
      );
    }
    const humans = humansOf(simulationId, context);
    let chosen = humans;
    if (isSet(body.digital_human_ids)) {
      const asked = (body.digital_human_ids as string[]).map((id) => ({ id, number: idFromText(id) }));
      const unknown = asked.find(
        ({ number }) => number === undefined || !context.of("digitalHumans").has(number),
      );
      if (unknown) return notFound(`Digital human ${unknown.id} not found`);
      const outside = asked.find(({ number }) => !humans.some((h) => h.id === number));
      if (outside) return badRequest(`Digital human ${outside.id} is not in simulation ${simulationId}`);
      const wanted = new Set(asked.map(({ number }) => number));
      chosen = humans.filter((h) => wanted.has(h.id as number));
    }
    if (chosen.length === 0) return badRequest(`Simulation ${simulationId} has no digital humans to run`);

    const outcome = this.outcomeFor(simulationId);
    const { simulation_id: _s, digital_human_ids: _d, ...overrides } = body;
    const run = this.runs.add({
      simulation_id: simulationId,
      agent_id: agent.id,
      queue,
      created_at: context.now().toISOString(),
      queued_at_ms: Date.now(),
      polls: 0,
      outcome,
      digital_human_ids: chosen.map((h) => h.id as number),
      result_ids: [],
      overrides: Object.fromEntries(Object.entries(overrides).filter(([, v]) => isSet(v))),
      status: "INITIALIZING",
    });
    const metrics = metricsOf(simulation, context);
    const failing = Math.round(chosen.length * (outcome.failRate ?? 0));
    const resultIds = chosen.map((human, index) => {
      const call = { ...outcome.calls, ...outcome.digitalHumans?.[String(human.id)] };
      if (call.passed === undefined && index < failing) call.passed = false;
      const result = this.results.add({
        run_id: run.id,
        digital_human_id: human.id,
        final: finalCall(call, human, metrics, context),
      });
      return result.id;
    });
    this.runs.modify(run.id, (r) => void (r.result_ids = resultIds));
    const answer: Json = {
      simulation_run_id: String(run.id),
      simulation_result_ids: resultIds.map(String),
      agent_id: String(agent.id),
      status: "success",
    };
    if (queue === "sms") answer.terminated_conversations = [];
    return ok(answer);
  }

  /** One read of a run's status: it moves on, and ends when its outcome says. */
  private poll(run: StoredRun): StoredRun {
    if (FINAL_RUN.has(run.status)) return run;
    return (
      this.runs.modify(run.id, (r) => {
        r.polls += 1;
        const { polls = 2, delayMs = 0, hang = false } = r.outcome;
        const done = !hang && r.polls >= polls && Date.now() - r.queued_at_ms >= delayMs;
        if (done) r.status = this.finalStatus(r);
        else r.status = r.polls <= 1 ? "INITIALIZING" : "RUNNING";
      }) ?? run
    );
  }

  /** INSUFFICIENT_FUNDS when any call ran out of funds, INCOMPLETED when any did not complete. */
  private finalStatus(run: StoredRun): string {
    const statuses = this.callsOf(run).map((c) => c.final.status);
    if (statuses.includes("INSUFFICIENT_FUNDS")) return "INSUFFICIENT_FUNDS";
    if (statuses.some((s) => s === "INCOMPLETED" || s === "REJECTED")) return "INCOMPLETED";
    return "COMPLETED";
  }

  private callsOf(run: StoredRun): StoredResult[] {
    return run.result_ids.flatMap((id) => this.results.get(id) ?? []);
  }

  /** How far a run that has not ended is, 0 to 1: the calls shown as done. */
  private progress(run: StoredRun): number {
    if (FINAL_RUN.has(run.status)) return 1;
    const { polls = 2, delayMs = 0, hang = false } = run.outcome;
    if (hang) return Math.min(0.5, (run.polls - 1) / 10);
    const byPolls = (run.polls - 1) / Math.max(1, polls - 1);
    const byTime = delayMs === 0 ? 1 : (Date.now() - run.queued_at_ms) / delayMs;
    return Math.max(0, Math.min(0.99, byPolls, byTime));
  }

  /** The calls as they stand: those done show how they ended, the others are still going. */
  private calls(run: StoredRun): Json[] {
    const calls = this.callsOf(run);
    const done = Math.floor(calls.length * this.progress(run));
    return calls.map((call, index) =>
      index < done
        ? { id: call.id, digital_human_id: call.digital_human_id, ...call.final }
        : {
            id: call.id,
            digital_human_id: call.digital_human_id,
            status: run.status === "INITIALIZING" ? "QUEUED" : "RUNNING",
          },
    );
  }

  /** The counts Bluejay keeps on a run. */
  private counts(run: StoredRun): Json {
    const calls = this.calls(run);
    const completed = calls.filter((c) => c.status === "COMPLETED");
    const goal = (c: Json) => (c.evaluations as Json[] | undefined)?.[0]?.goal_success;
    const passed = completed.filter((c) => goal(c) === true).length;
    return {
      total_tests: calls.length,
      tests_passed: passed,
      tests_failed: completed.length - passed,
      tests_completed: completed.length,
      tests_incompleted: calls.filter((c) => c.status === "INCOMPLETED" || c.status === "REJECTED").length,
      summary: FINAL_RUN.has(run.status)
        ? `${passed} of ${calls.length} calls met their success criteria`
        : null,
    };
  }

  /** `GET /v1/get-simulation-runs/{simulation_id}`: a poll of each of its runs. */
  listOf(simulationId: number): Json[] {
    return this.runs
      .all((r) => r.simulation_id === simulationId)
      .map((r) => this.poll(r))
      .map((run) => ({
        id: run.id,
        experiment_id: run.simulation_id,
        created_at: run.created_at,
        status: run.status,
        phone_number: run.overrides.phone_number ?? null,
        curr_step_id: null,
        ...this.counts(run),
      }));
  }

  /** `GET /v1/retrieve-simulation-results/{simulation_run_id}`: a poll of the run. */
  resultsOf(runId: number): Json | undefined {
    const stored = this.runs.get(runId);
    if (!stored) return undefined;
    const run = this.poll(stored);
    return {
      simulation_run: {
        id: String(run.id),
        simulation_id: String(run.simulation_id),
        status: run.status,
        created_at: run.created_at,
        ...this.counts(run),
      },
      simulation_results: this.calls(run),
      status: "200",
    };
  }
}

/** A call as it ends: its status, and (when it completed) its evaluation with each metric's grade. */
function finalCall(call: CallOutcome, human: Json, metrics: Json[], context: Context): Json {
  const status = call.status ?? "COMPLETED";
  const started = context.now();
  const duration = 45_000 + (Number(human.id) % 30) * 1000;
  const base: Json = {
    status,
    duration: status === "COMPLETED" ? duration : null,
    start_time: started.toISOString(),
    end_time: new Date(started.getTime() + duration).toISOString(),
    result: null,
    evaluations: null,
  };
  if (status !== "COMPLETED") return base;
  const passed = call.passed ?? true;
  const criteria = text(human.success_criteria) ?? "its success criteria";
  const grades = metrics.map((metric) => {
    const set = call.metrics?.[String(metric.name)] ?? call.metrics?.[String(metric.id)];
    return {
      name: metric.name,
      description: metric.description,
      response_type: metric.response_type,
      response_value: set?.value ?? defaultGrade(metric),
      reasoning: set?.reason ?? "Graded by the Bluejay emulator.",
      min_value: metric.min_value ?? null,
      max_value: metric.max_value ?? null,
      enum_options: metric.enum_options ?? null,
    };
  });
  return {
    ...base,
    evaluations: [
      {
        id: randomUUID(),
        created_at: started.toISOString(),
        agent_speak_percentage: 48.5,
        avg_agent_latency: 820,
        num_turns: 12,
        call_summary: `${text(human.name) ?? "The caller"}: ${text(human.intent) ?? "a call"}.`,
        goal_success: passed,
        goal_reasoning:
          call.reason ??
          (passed
            ? `The agent met the criteria: ${criteria}.`
            : `The agent did not meet the criteria: ${criteria}.`),
        custom_metrics: grades,
      },
    ],
  };
}

/** The run routes, over `store`: their handlers see the simulations as `records`. */
export function runRoutes(store: RunStore) {
  return [
    routes.custom("POST /v1/queue-simulation-run", ({ body }, context) =>
      store.queue("voice", body, context),
    ),
    routes.custom("POST /v1/queue-sms-simulation-run", ({ body }, context) =>
      store.queue("sms", body, context),
    ),
    routes.custom("POST /v1/queue-http-text-simulation-run", ({ body }, context) =>
      store.queue("http_text", body, context),
    ),
    routes.custom("GET /v1/get-simulation-runs/{simulation_id}", ({ params }, context) => {
      const id = idFromText(params.simulation_id);
      if (id === undefined || !context.records.has(id)) return notFound("Simulation not found");
      return ok({ simulation_runs: store.listOf(id) });
    }),
    routes.custom("GET /v1/retrieve-simulation-results/{simulation_run_id}", ({ params }) => {
      const id = idFromText(params.simulation_run_id);
      const results = id === undefined ? undefined : store.resultsOf(id);
      return results ? ok(results) : notFound("Simulation run not found");
    }),
  ];
}
