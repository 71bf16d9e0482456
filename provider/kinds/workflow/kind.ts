// Workflow: the conversation an agent should follow, as a React Flow graph, which Bluejay's workflow
// adherence tests check calls against. The regular part of Bluejay's API (UUID ids, whole answers),
// with the traps: workflows are for voice agents (read before anything is written, as a preview sends
// no request), the agents are a list whose update reads null as "clear", and one graph has one start.
import { z } from "zod";
import { BluejayApiError } from "../../client/errors";
import { camelize, camelSchema, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import {
  AgentFilterSchema,
  agentQuery,
  FreeObjectSchema,
  IntegerIdSchema,
  UuidSchema,
} from "../../client/wire";
import { defineKind, type OperationsFor } from "../../dynamic/kind";
import { distinctIds, nonBlank } from "../../dynamic/rules";
import { agentApi } from "../agent/kind";
import { workflowDouble } from "./emulator";
import {
  WireCreateWorkflowSchema,
  WireDeletedWorkflowSchema,
  WireUpdateWorkflowSchema,
  WireWorkflowListSchema,
  WireWorkflowSchema,
  type WireWorkflow,
} from "./wire";

export const CreateWorkflowInputSchema = camelSchema(WireCreateWorkflowSchema);
export type CreateWorkflowInput = z.input<typeof CreateWorkflowInputSchema>;
export const UpdateWorkflowInputSchema = camelSchema(WireUpdateWorkflowSchema);
export type UpdateWorkflowInput = z.input<typeof UpdateWorkflowInputSchema>;

/** A workflow as this package returns it; `agentIds` is always a list. */
export type Workflow = Camelized<WireWorkflow> & { agentIds: number[] };

const entity = (wire: WireWorkflow): Workflow => ({ ...camelize(wire), agentIds: wire.agent_ids ?? [] });

export const workflowApi = defineApi({
  name: "Workflow",
  noun: "workflow",
  plural: "workflows",
  id: UuidSchema,
  idOf: (workflow: Workflow) => workflow.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/workflow",
    input: CreateWorkflowInputSchema,
    wire: WireCreateWorkflowSchema,
    answer: WireWorkflowSchema,
    entity,
  }),
  read: op.read({ method: "GET", path: "/v1/workflow/{workflow_id}", answer: WireWorkflowSchema, entity }),
  update: op.update({
    method: "PUT",
    path: "/v1/workflow/{workflow_id}",
    input: UpdateWorkflowInputSchema,
    wire: WireUpdateWorkflowSchema,
    answer: WireWorkflowSchema,
    entity,
  }),
  delete: { method: "DELETE", path: "/v1/workflow/{workflow_id}", answer: WireDeletedWorkflowSchema },
  list: op.list({
    filter: AgentFilterSchema,
    request: (filter) => ({ method: "GET", path: "/v1/workflow", ...agentQuery(filter) }),
    answer: WireWorkflowListSchema,
    items: (answer) => answer.workflows.map(entity),
    // With no agent named, every one, each as the read answers it: a refresh reads them from here.
    whole: true,
  }),
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A React Flow graph, held to what Bluejay's description states: lists of nodes and edges, one start. */
const DefinitionSchema = FreeObjectSchema.superRefine((graph, ctx) => {
  for (const key of ["nodes", "edges"] as const) {
    const list = graph[key];
    if (list !== undefined && !Array.isArray(list)) {
      ctx.addIssue({ code: "custom", path: [key], message: "must be a list" });
    }
  }
  if (!Array.isArray(graph.nodes)) return;
  const starts = graph.nodes.flatMap((node, index) =>
    isObject(node) && node.type === "start" ? [index] : [],
  );
  if (starts.length > 1) {
    ctx.addIssue({
      code: "custom",
      path: ["nodes", starts[1]!, "type"],
      message: `is a second "start" node (the first is nodes[${starts[0]}]): Bluejay refuses a graph with more than one start`,
    });
  }
});

const inputs = CreateWorkflowInputSchema.extend({
  name: nonBlank().refine(
    (name) => [...name].length <= 255,
    "must be at most 255 characters (Bluejay's limit)",
  ),
  agentIds: distinctIds(IntegerIdSchema).optional(),
  description: z.string().optional(),
  definition: DefinitionSchema,
});
export type WorkflowInputs = z.input<typeof inputs>;

/**
 * The agents a create names, or an update adds, must be voice agents: each is read (one request)
 * before anything is written. A preview sends no request, so this is the first moment it can be seen.
 */
async function voiceAgentsOnly(
  operationsFor: OperationsFor,
  sent: Record<string, unknown>,
  recorded: Record<string, unknown> | undefined,
): Promise<string[]> {
  const named = sent.agentIds as number[] | undefined;
  if (named === undefined) return [];
  const before = new Set((recorded?.agentIds as number[] | undefined) ?? []);
  const agents = operationsFor(agentApi);
  const problems: string[] = [];
  for (const [index, agentId] of named.entries()) {
    if (before.has(agentId)) continue;
    try {
      const agent = await agents.get(agentId);
      if (agent.mode === "TEXT") {
        problems.push(
          `agentIds[${index}] names agent ${agentId}, a TEXT agent: Bluejay's workflows are for voice agents only. ` +
            'Remove it from agentIds, or name a voice agent (an Agent whose mode is "VOICE", the default)',
        );
      }
    } catch (error) {
      if (!(error instanceof BluejayApiError && error.status === 404)) throw error;
      problems.push(
        `agentIds[${index}] names agent ${agentId}, which Bluejay does not hold (GET /v1/agents/${agentId} answered 404). ` +
          "Use the agentId output of an existing Agent",
      );
    }
  }
  return problems;
}

export const workflowKind = defineKind({
  name: "Workflow",
  api: workflowApi,
  inputs,
  fields: {
    name: { compare: "text" },
    agentIds: { compare: "set", cleared: [] },
    // Bluejay's update: "set empty string to clear".
    description: { compare: "text" },
    definition: { compare: "value" },
  },
  hints: {
    name: 'Set name to a non-empty string of at most 255 characters, e.g. name: "Password reset".',
    agentIds:
      "Use a list of distinct agent ids of voice agents (the agentId output of Agent), e.g. [agent.agentId], or leave it out for a workflow of the whole organization.",
    description: "Set description to a string, or leave it out.",
    definition:
      'Set definition to a React Flow graph, { nodes: [...], edges: [...] }, with one node of type "start" (see the example on the Workflow reference page).',
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay workflow (listWorkflows() shows them), or leave it out.",
  },
  outputs: {
    createdAt: "When Bluejay created the workflow (ISO 8601).",
    organizationId: "The Bluejay organization the workflow belongs to.",
  },
  secretOutputs: [],
  docs: {
    summary:
      "The conversation a voice agent should follow, as a graph of turns (a React Flow graph), which Bluejay's workflow-adherence tests check calls against.",
    inputs: {
      name: "The workflow's name. Required, not blank, at most 255 characters.",
      agentIds:
        "The voice agents the workflow belongs to (an Agent's `agentId`). A set. Left out: a workflow of the whole organization.",
      description: "A longer description.",
      definition:
        "The graph, in Bluejay's own React Flow shape: `nodes` (a `start` node, then `single` and `options` nodes with their `data`), `edges` (`{ source, target }`) and an optional `viewport`. Required.",
    },
    notes: [
      "Workflows are for voice agents. A preview sends no request to Bluejay (as for every resource), so the agents' mode cannot be seen then: before the create, and before an update that adds agents, the provider reads each agent it adds (one `GET /v1/agents/{agent_id}` each) and stops with `BluejayInputError`, nothing written, naming `agentIds[i]` when one is a TEXT agent or does not exist.",
      'Bluejay stores a graph with no `single` or `options` node as a draft, and refuses more than one `start` node: that is checked at preview. Its other rules for a graph with content ("paths, branch_options, etc.") are not described, so Bluejay\'s answer reports them.',
      "`definition` is compared as declared: keys Bluejay adds inside it (an empty `edges` list, a field of a node) are no change; lists are compared item by item, in order.",
      "Creating a workflow makes no digital humans, and the resource manages none. Bluejay turns a workflow's paths into test cases only when asked (`POST /v1/generate-digital-humans` with `workflow_adherence_v2: { <workflow id>: <count> }`, at most 200 paths per workflow), an action outside this resource: the digital humans it makes are Bluejay's own, and its description does not say deleting the workflow deletes them. Destroying the resource deletes the workflow, and nothing else.",
      'Removing `agentIds` sends `[]`: the workflow becomes one of the whole organization. Removing `description` sends `""`, which Bluejay\'s update takes as clearing it.',
      "A create whose answer was lost is looked for among the workflows of its first agent (`GET /v1/workflow?agent_id=`), or among all of them, so it is found rather than made twice.",
    ],
    example: `import { Agent, Workflow } from "pulumi-bluejay";

const agent = new Agent("support-bot", {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: "Password resets need the account email.",
  goals: ["Reset passwords"],
  mode: "VOICE",
});

const reset = new Workflow("password-reset", {
  name: "Password reset",
  agentIds: [agent.agentId],
  definition: {
    nodes: [
      { id: "wf-start", type: "start", position: { x: 100, y: 50 }, data: { id: "wf-start" } },
      {
        id: "n-greet",
        type: "single",
        position: { x: 200, y: 180 },
        data: { id: "n-greet", message: "Hi, how can I help?", speaker: "agent", turn: 0, type: "contextual" },
      },
    ],
    edges: [{ source: "wf-start", target: "n-greet" }],
  },
});

export const workflowId = reset.id; // a UUID`,
  },
  verify: voiceAgentsOnly,
  // Bluejay lists workflows whole, by agent or all of them: where a lost create would be.
  lookFor: (ops, declared) => {
    const [agentId] = (declared.agentIds as number[] | undefined) ?? [];
    return ops.list(agentId === undefined ? {} : { agentId });
  },
  emulator: workflowDouble,
});
