// Before anything is queued: each simulation read from Bluejay with its agent and digital humans,
// the queue its agent needs (voice, SMS or HTTP text), and the overrides checked against what that
// queue takes. A mistake here costs nothing: no run has been queued yet.
import type { BluejayClient } from "../client/client";
import { BluejayApiError } from "../client/errors";
import type { Agent } from "../kinds/agent/kind";
import { QueueHttpTextRunInputSchema, QueueSmsRunInputSchema, QueueVoiceRunInputSchema } from "../runs/api";
import { BluejayTestConfigError } from "./errors";
import { kebab, type OverrideName, type ParsedRunOptions } from "./options";
import type { QueuedRun } from "./queue";

/** Which of Bluejay's queues runs a simulation: each takes one kind of agent. */
export type QueueKind = "voice" | "sms" | "http_text";

export const QUEUE_OPERATIONS: Record<QueueKind, string> = {
  voice: "POST /v1/queue-simulation-run",
  sms: "POST /v1/queue-sms-simulation-run",
  http_text: "POST /v1/queue-http-text-simulation-run",
};

/** The overrides each queue takes: the fields of its request, less the simulation and callers. */
const TAKES: Record<QueueKind, ReadonlySet<string>> = {
  voice: overridesOf(QueueVoiceRunInputSchema.shape),
  sms: overridesOf(QueueSmsRunInputSchema.shape),
  http_text: overridesOf(QueueHttpTextRunInputSchema.shape),
};

function overridesOf(shape: object): ReadonlySet<string> {
  return new Set(Object.keys(shape).filter((k) => k !== "simulationId" && k !== "digitalHumanIds"));
}

export interface Caller {
  digitalHumanId: number;
  name: string;
}

/** One run to queue (or, with `runIds`, one already queued). */
export interface PlannedRun {
  simulationId: number;
  simulationName: string;
  agentId: number;
  agentName: string;
  queue: QueueKind;
  /** The digital humans that call, in id order. */
  callers: Caller[];
  /** True when only some of the simulation's digital humans run: their ids are sent. */
  subset: boolean;
}

/** A simulation that will not run, and why. */
export interface Skipped {
  simulationId: number;
  simulationName: string;
  reason: string;
}

export interface Plan {
  runs: PlannedRun[];
  skipped: Skipped[];
}

/** The queue an agent's runs go through: its connection decides; a text agent needs SMS or HTTP. */
export function queueFor(agent: Pick<Agent, "agentId" | "mode" | "connectionType">): QueueKind {
  if (agent.connectionType === "SMS") return "sms";
  if (agent.connectionType === "HTTP_WEBHOOK") return "http_text";
  if (agent.mode === "TEXT") {
    throw new BluejayTestConfigError(
      "--simulation",
      `Agent ${agent.agentId} is a TEXT agent connected by ${agent.connectionType ?? "nothing"}: Bluejay queues text runs ` +
        "only for agents connected by SMS (queue-sms-simulation-run) or HTTP_WEBHOOK (queue-http-text-simulation-run). " +
        "Set the agent's connectionType, or leave its simulations out.",
    );
  }
  return "voice";
}

/** The overrides given that a queue does not take, as flags. */
export function overridesRefused(queue: QueueKind, overrides: ParsedRunOptions["overrides"]): string[] {
  return Object.keys(overrides ?? {})
    .filter((name) => overrides?.[name as OverrideName] !== undefined && !TAKES[queue].has(name))
    .map((name) => `--${kebab(name)}`);
}

/** A digital human as a report names it. */
export function callerName(human: { digitalHumanId: number; name?: string | undefined }): string {
  return human.name && human.name.trim() !== "" ? human.name : `Digital human ${human.digitalHumanId}`;
}

/** A read whose 404 gets this command's advice (the default one tells a Pulumi user to refresh). */
function advised<T>(read: Promise<T>, advice: string): Promise<T> {
  return read.catch((error: unknown) => {
    throw error instanceof BluejayApiError && error.status === 404 ? error.withNotFoundAdvice(advice) : error;
  });
}

const NO_SIMULATION =
  "Check the ids given to --simulation; with --stack, run `pulumi refresh` then `pulumi up` to bring the stack's simulations back.";
const NO_RUN =
  "Check the ids given to --run: a run's id is in the message that queued it, and in Bluejay's dashboard.";

/** Reads what each simulation needs to run, and checks the options fit each one. */
export async function planRuns(
  client: BluejayClient,
  simulationIds: number[],
  options: Pick<ParsedRunOptions, "digitalHumanIds" | "overrides">,
): Promise<Plan> {
  const agents = new Map<number, Promise<Agent>>();
  const agentOf = (id: number) => {
    let found = agents.get(id);
    if (!found) agents.set(id, (found = client.agents.get(id)));
    return found;
  };
  const wanted = options.digitalHumanIds && new Set(options.digitalHumanIds);
  const read = await Promise.all(
    [...new Set(simulationIds)].map(async (simulationId) => {
      const [simulation, humans] = await Promise.all([
        advised(client.simulations.get(simulationId), NO_SIMULATION),
        client.digitalHumans.list({ simulationId }),
      ]);
      const agent = await agentOf(simulation.agentId);
      const callers = humans
        .filter((h) => !wanted || wanted.has(h.digitalHumanId))
        .sort((a, b) => a.digitalHumanId - b.digitalHumanId)
        .map((h) => ({ digitalHumanId: h.digitalHumanId, name: callerName(h) }));
      return { simulation, agent, callers, all: humans.length };
    }),
  );

  const plan: Plan = { runs: [], skipped: [] };
  for (const { simulation, agent, callers, all } of read) {
    const simulationName = simulation.name;
    if (callers.length === 0) {
      const reason =
        all === 0 ? "it has no digital humans" : "none of its digital humans is one of --digital-human";
      plan.skipped.push({ simulationId: simulation.simulationId, simulationName, reason });
      continue;
    }
    const queue = queueFor(agent);
    const refused = overridesRefused(queue, options.overrides);
    if (refused.length > 0) {
      throw new BluejayTestConfigError(
        refused[0]!,
        `Simulation ${simulation.simulationId} (${simulationName}) runs through ${QUEUE_OPERATIONS[queue]}, which does not take ` +
          `${refused.join(", ")} (it takes ${[...TAKES[queue]].map((n) => `--${kebab(n)}`).join(", ")}). Nothing was queued.`,
      );
    }
    plan.runs.push({
      simulationId: simulation.simulationId,
      simulationName,
      agentId: agent.agentId,
      agentName: agent.name,
      queue,
      callers,
      subset: wanted !== undefined && callers.length < all,
    });
  }
  if (wanted) {
    const running = new Set(plan.runs.flatMap((r) => r.callers.map((c) => c.digitalHumanId)));
    const stray = [...wanted].filter((id) => !running.has(id));
    if (stray.length > 0) {
      throw new BluejayTestConfigError(
        "--digital-human",
        `Digital human${stray.length > 1 ? "s" : ""} ${stray.join(", ")} ${stray.length > 1 ? "are" : "is"} in none of the ` +
          "simulations to run. Nothing was queued.",
      );
    }
  }
  return plan;
}

/**
 * Runs already queued (`runIds`): each read from Bluejay with its simulation, agent and digital
 * humans, so they are waited for and judged like runs queued now. Nothing is queued.
 */
export async function findRuns(client: BluejayClient, runIds: number[]): Promise<QueuedRun[]> {
  return Promise.all(
    [...new Set(runIds)].map(async (simulationRunId) => {
      const { run, results } = await advised(client.simulationRuns.results(simulationRunId), NO_RUN);
      const [simulation, humans] = await Promise.all([
        client.simulations.get(run.simulationId),
        client.digitalHumans.list({ simulationId: run.simulationId }),
      ]);
      const agent = await client.agents.get(simulation.agentId);
      const names = new Map(humans.map((h) => [h.digitalHumanId, callerName(h)]));
      const callers = [...new Set(results.map((r) => r.digitalHumanId))]
        .sort((a, b) => a - b)
        .map((digitalHumanId) => ({
          digitalHumanId,
          name: names.get(digitalHumanId) ?? `Digital human ${digitalHumanId}`,
        }));
      const created = Date.parse(run.createdAt) - (client.serverClockSkewMs ?? 0);
      return {
        simulationId: simulation.simulationId,
        simulationName: simulation.name,
        agentId: agent.agentId,
        agentName: agent.name,
        // However it was queued, it ran: a text agent with another connection is reported as HTTP text.
        queue: agent.mode === "TEXT" && agent.connectionType !== "SMS" ? "http_text" : queueFor(agent),
        callers,
        subset: callers.length < humans.length,
        simulationRunId,
        queuedAt: Number.isNaN(created) ? Date.now() : created,
      };
    }),
  );
}
