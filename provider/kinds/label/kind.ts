// Label: a name of an agent's, which marks one of its prompt versions and one of its knowledge-base
// versions (a PromptVersion's or KnowledgeBaseVersion's `labels`). It lives under its agent in every
// path (`ApiSpec.scope`); a rename updates it in place; Bluejay's own names are refused at preview.
import { z } from "zod";
import { BluejayResponseError } from "../../client/errors";
import { camelize, camelSchema } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, UuidSchema } from "../../client/wire";
import { defineKind } from "../../dynamic/kind";
import { labelName } from "../../dynamic/rules";
import { labelDouble } from "./emulator";
import {
  WireCreateLabelSchema,
  WireDeletedLabelSchema,
  WireLabelListSchema,
  WireLabelSchema,
  WireUpdateLabelSchema,
  type WireLabel,
} from "./wire";

export const CreateLabelInputSchema = camelSchema(WireCreateLabelSchema).extend({ agentId: IntegerIdSchema });
export type CreateLabelInput = z.input<typeof CreateLabelInputSchema>;
export const UpdateLabelInputSchema = camelSchema(WireUpdateLabelSchema);
export type UpdateLabelInput = z.input<typeof UpdateLabelInputSchema>;
export const ListLabelsOptionsSchema = z
  .object({
    agentId: IntegerIdSchema,
    q: z.string().optional().describe("Only the labels whose name holds this text, in any case."),
  })
  .strict();
export type ListLabelsOptions = z.input<typeof ListLabelsOptionsSchema>;

/** A label as this package returns it. */
export interface Label {
  id: string;
  agentId: number;
  labelText: string;
  createdAt?: string | undefined;
  /** The prompt version that carries it, if any. */
  promptId?: string | undefined;
  /** The knowledge-base version that carries it, if any. */
  knowledgeBaseId?: string | undefined;
  color?: string | undefined;
}

function entity(wire: WireLabel, knownId?: string | number): Label {
  const { id, ...rest } = camelize(wire);
  const labelId = id ?? (knownId === undefined ? undefined : String(knownId));
  if (labelId === undefined) {
    throw new BluejayResponseError({ method: "POST", path: "/v1/agents/{agent_id}/labels" }, 200, [
      "id: Bluejay answered a label without its id",
    ]);
  }
  return { ...rest, id: labelId };
}

export const labelApi = defineApi({
  name: "Label",
  noun: "label",
  plural: "labels",
  // Declared a plain string in paths; a UUID in every answer.
  id: UuidSchema,
  idOf: (label: Label) => label.id,
  idField: "id",
  scope: { param: "agent_id", field: "agentId" },
  create: op.create({
    method: "POST",
    path: "/v1/agents/{agent_id}/labels",
    input: CreateLabelInputSchema,
    wire: WireCreateLabelSchema,
    answer: WireLabelSchema,
    entity: (answer) => entity(answer),
  }),
  read: op.read({
    method: "GET",
    path: "/v1/agents/{agent_id}/labels/{label_id}",
    answer: WireLabelSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/agents/{agent_id}/labels/{label_id}",
    input: UpdateLabelInputSchema,
    wire: WireUpdateLabelSchema,
    answer: WireLabelSchema,
    entity,
  }),
  delete: {
    method: "DELETE",
    path: "/v1/agents/{agent_id}/labels/{label_id}",
    answer: WireDeletedLabelSchema,
  },
  list: op.list({
    filter: ListLabelsOptionsSchema,
    request: ({ agentId, q }) => ({
      method: "GET",
      path: `/v1/agents/${agentId}/labels`,
      ...(q === undefined ? {} : { query: { q } }),
      resource: { kind: "agent", id: String(agentId) },
    }),
    answer: WireLabelListSchema,
    items: (answer) => answer.map((wire) => entity(wire)),
  }),
});

const inputs = z.object({ agentId: IntegerIdSchema, labelText: labelName() }).strict();
export type LabelInputs = z.input<typeof inputs>;

export const labelKind = defineKind({
  name: "Label",
  api: labelApi,
  inputs,
  fields: {
    agentId: { compare: "value", replaces: true },
    labelText: { compare: "text" },
  },
  hints: {
    agentId: "Set agentId to the agentId output of an Agent (a whole number), e.g. agentId: agent.agentId.",
    labelText:
      'Set labelText to a name of your own, e.g. labelText: "staging" (to make a version production, set production: true on the PromptVersion or KnowledgeBaseVersion).',
    adoptId:
      "Set adoptId to the UUID of an existing label of the agent (listLabels({ agentId }) shows them), or leave it out.",
  },
  outputs: {
    createdAt: "When Bluejay created the label (ISO 8601).",
    color: "The color Bluejay's dashboard shows it in, if any.",
  },
  secretOutputs: [],
  docs: {
    summary:
      "A name of an agent's, which marks one of its prompt versions and one of its knowledge-base versions: what a test run names to pick them.",
    inputs: {
      agentId: "The agent it belongs to (an Agent's `agentId`). A change replaces the label.",
      labelText:
        'The name. A change renames it in place, on the versions that carry it too. `"production"` and `"latest"` are Bluejay\'s own and refused at preview.',
    },
    notes: [
      "A label lives under its agent: every request names the agent (`/v1/agents/{agent_id}/labels/…`), which the resource takes from `agentId`, in its inputs and in state.",
      "A version carries it by name: a PromptVersion or KnowledgeBaseVersion with `labels: [label.labelText]` both marks itself and depends on the label, so Pulumi removes the version's label before it deletes the label.",
      "Bluejay refuses to delete a label a version still carries (409): the error names the versions.",
      "Which versions carry it is the versions' state, not the label's: it changes whenever a version is labelled, so the resource does not record it (a refresh would show a change the label never had). `getLabel` answers it (`promptId`, `knowledgeBaseId`), and each version's `labels` output says what it carries.",
      "A create whose answer was lost is found by its name among the agent's labels (`?q=`), made after the request.",
    ],
    example: `import { Label } from "pulumi-bluejay";

const staging = new Label("staging", {
  agentId: 1234, // or agent.agentId, from an Agent in the same program
  labelText: "staging",
});

export const labelId = staging.id; // a UUID`,
  },
  // Names are unique per agent: a look by name among the agent's labels finds what a lost create made.
  lookFor: async (ops, declared) => {
    const labelText = declared.labelText as string;
    const found = await ops.list({ agentId: declared.agentId as number, q: labelText });
    return found.filter((label) => label.labelText === labelText);
  },
  deleteRefusals: [
    {
      status: 409,
      because: "a prompt or knowledge-base version still carries it",
      fix: "Take it off those versions' labels first (a version that declares labels: [label.labelText] is removed before the label), then run again.",
    },
  ],
  emulator: labelDouble,
});
