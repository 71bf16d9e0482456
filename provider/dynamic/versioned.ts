// One description of an agent's numbered, immutable texts, which Bluejay gives two kinds in the same
// shape: prompt versions (`/v1/agents/{agent_id}/prompts/…`) and knowledge-base versions
// (`…/knowledge-bases/…`). Both kinds (provider/kinds/prompt-version, provider/kinds/knowledge-base-version)
// are made here, from their wire field names and their words; the emulator's doubles likewise share
// emulator/versioned.ts.
//
// What Bluejay's API makes of a version, and what a resource does with it:
// - a version cannot change: its text, commit message and metadata replace it (a new version, then
//   the old one deleted);
// - its labels change in place, through label deltas (`POST|DELETE …/versions/{version}/labels`) on its
//   *number*, not its id: what was added is sent as an add, what was dropped as a remove; a label
//   another version holds is moved (`override_label`), as a label marks one version of the agent;
// - `production` moves by promoting (prompts: `POST …/prompts/promote`) or by adding the
//   `production` label (knowledge bases), and no request takes it back: it is `oneWay`;
// - labels and production are sent after the create (the create body cannot move a label), so a lost
//   create is looked for without them and then brought to them;
// - Bluejay keeps the production version and an agent's only version: their delete is a `kept`
//   refusal (the destroy goes on, the labels the resource added are removed, a warning says so).
import { z } from "zod";
import { BluejayPartialCreateError, BluejayResponseError, asError } from "../client/errors";
import { camelSchema, toCamel, type CamelCase } from "../client/mapping";
import { defineApi, op, type OperationsOf } from "../client/operations";
import { FreeObjectSchema, IntegerIdSchema, UuidSchema } from "../client/wire";
import type { EmulatedKind } from "../../emulator/kit";
import type { FieldSpec } from "./fields";
import { defineKind, type KindDocs, type Outputs } from "./kind";
import { labelName, nonBlank } from "./rules";

/** The labels Bluejay puts on versions itself. */
export const PRODUCTION = "production";
export const LATEST = "latest";

/** One field whose name is a type parameter (`prompt_text`), to spread into a shape where it belongs. */
function field<Name extends string, Field extends z.ZodTypeAny>(
  name: Name,
  schema: Field,
): Record<Name, Field> {
  return { [name]: schema } as Record<Name, Field>;
}

/** `LabelDeltaRequest`: the body of a label add (`POST`) and remove (`DELETE`). */
export const WireLabelDeltaSchema = z
  .object({
    labels: z.array(z.string()).nullable().optional(),
    /** Default false: a label another version holds is a 409 instead of moving. */
    override_label: z.boolean().nullable().optional(),
  })
  .strict();

/** `LabelListResponse`: every label the version holds after the delta (Bluejay's own included). */
export const WireLabelListSchema = z.object({ labels: z.array(z.string()).optional() });

/**
 * A version kind's wire shapes, as Bluejay's OpenAPI gives them with its text field's name:
 * `CreatePromptVersionBody` and `PromptResponse` (`prompt_text`), `CreateKnowledgeBaseVersionBody` and
 * `KnowledgeBaseResponse` (`kb_text`).
 */
export function versionWire<Text extends string>(text: Text) {
  const create = z
    .object({
      ...field(text, z.string()),
      commit_message: z.string().nullable().optional(),
      labels: z.array(z.string()).nullable().optional(),
      metadata: FreeObjectSchema.nullable().optional(),
    })
    .strict();
  const version = z.object({
    /** Declared nullable; a version always has one in practice, and it goes into paths. */
    id: UuidSchema.nullable().optional(),
    ...field(text, z.string()),
    commit_message: z.string().nullable().optional(),
    labels: z.array(z.string()).nullable().optional(),
    metadata: FreeObjectSchema.nullable().optional(),
    version: z.number().int(),
    agent_id: z.number().int(),
  });
  return { create, version };
}

type Wire<Text extends string> = ReturnType<typeof versionWire<Text>>;

/** A version as this package returns it: its labels apart from Bluejay's own, which are two flags. */
export type Version<Text extends string> = {
  /** Its UUID. */
  id: string;
  agentId: number;
  /** Its number among the agent's versions: what its label deltas name. */
  version: number;
  commitMessage?: string;
  metadata?: Record<string, unknown>;
  /** The labels it holds, `production` and `latest` aside. */
  labels: string[];
  /** Whether it holds the `production` label. */
  production: boolean;
  /** Whether it is the agent's newest version (Bluejay's `latest` label). */
  latest: boolean;
} & Record<CamelCase<Text>, string>;

export interface VersionedSpec<Name extends string, Plural extends string, Text extends string> {
  /** `PromptVersion`. */
  name: Name;
  /** `prompt version`. */
  noun: string;
  /** `promptVersions`. */
  plural: Plural;
  /** The path segment under `/v1/agents/{agent_id}/`: `prompts`, `knowledge-bases`. */
  segment: string;
  /** The path parameter of a version's UUID: `prompt_id`, `kb_id`. */
  idParam: string;
  /** The wire shapes (`versionWire`), from the kind's wire.ts. */
  wire: Wire<Text>;
  /** The text field on the wire: `prompt_text`. */
  text: Text;
  /** How production moves: Bluejay's promote endpoint (prompts), or the `production` label (knowledge bases). */
  promotion: "promote" | "label";
  docs: Omit<KindDocs<string>, "inputs"> & { text: string; production: string; fix: string };
  emulator: EmulatedKind;
}

/** The most versions a look for a lost create reads (Bluejay's default `limit` is 50). */
export const LOOK_LIMIT = 500;

/** A version kind: its API and its resource, from its names and its words. */
export function versionedKind<Name extends string, Plural extends string, Text extends string>(
  spec: VersionedSpec<Name, Plural, Text>,
) {
  type Entity = Version<Text>;
  type WireVersion = z.infer<Wire<Text>["version"]>;
  const base = `/v1/agents/{agent_id}/${spec.segment}`;
  const textInput = toCamel(spec.text) as CamelCase<Text>;
  const agentId = IntegerIdSchema;

  const entity = (answer: WireVersion, knownId?: string | number): Entity => {
    // The fields every version has, whatever its text field is called.
    const wire = answer as unknown as z.infer<ReturnType<typeof versionWire<"text">>["version"]>;
    const id = wire.id ?? (knownId === undefined ? undefined : String(knownId));
    if (id === undefined) {
      throw new BluejayResponseError({ method: "POST", path: `${base}/versions` }, 200, [
        `id: Bluejay answered a ${spec.noun} without its id`,
      ]);
    }
    const held = wire.labels ?? [];
    const record = answer as Record<string, unknown>;
    return {
      id,
      agentId: wire.agent_id,
      version: wire.version,
      ...(wire.commit_message ? { commitMessage: wire.commit_message } : {}),
      ...(wire.metadata ? { metadata: wire.metadata } : {}),
      labels: held.filter((l) => l !== PRODUCTION && l !== LATEST),
      production: held.includes(PRODUCTION),
      latest: held.includes(LATEST),
      [textInput]: record[spec.text] as string,
    } as Entity;
  };
  /** The labels a delta answered, as an entity holds them. */
  const labelState = (held: string[]) => ({
    labels: held.filter((l) => l !== PRODUCTION && l !== LATEST),
    production: held.includes(PRODUCTION),
    latest: held.includes(LATEST),
  });
  const labelsOf = (answer: z.infer<typeof WireLabelListSchema>) => answer.labels ?? [];

  const labelDelta = { method: "POST", path: `${base}/versions/{version}/labels` } as const;
  const api = defineApi({
    name: spec.name,
    noun: spec.noun,
    plural: spec.plural,
    id: UuidSchema,
    idOf: (version: Entity) => version.id,
    idField: "id",
    scope: { param: "agent_id", field: "agentId" },
    create: op.create({
      method: "POST",
      path: `${base}/versions`,
      input: camelSchema(spec.wire.create).extend({ agentId }),
      wire: spec.wire.create,
      answer: spec.wire.version,
      entity: (answer) => entity(answer),
    }),
    read: op.read({ method: "GET", path: `${base}/{${spec.idParam}}`, answer: spec.wire.version, entity }),
    delete: { method: "DELETE", path: `${base}/{${spec.idParam}}`, answer: z.unknown() },
    list: op.list({
      filter: z
        .object({
          agentId,
          label: z.string().optional().describe("Only the version that holds this label."),
          version: z.number().int().optional().describe("Only the version of this number."),
          limit: z
            .number()
            .int()
            .positive()
            .optional()
            .describe("At most this many, newest first (Bluejay's default is 50)."),
        })
        .strict(),
      request: ({ agentId: agent, label, version, limit }) => {
        const query: Record<string, string> = {};
        if (label !== undefined) query.label = label;
        if (version !== undefined) query.version = String(version);
        if (limit !== undefined) query.limit = String(limit);
        return {
          method: "GET",
          path: `/v1/agents/${agent}/${spec.segment}/versions`,
          ...(Object.keys(query).length > 0 ? { query } : {}),
          resource: { kind: "agent", id: String(agent) },
        };
      },
      answer: z.array(spec.wire.version),
      items: (answer) => answer.map((wire) => entity(wire)),
    }),
    actions: {
      /** Puts labels on a version; `overrideLabel` moves one another version holds. */
      addLabels: op.action({
        ...labelDelta,
        input: z.object({ labels: z.array(z.string()).min(1), overrideLabel: z.boolean() }).strict(),
        wire: WireLabelDeltaSchema,
        // Adding labels a version holds already changes nothing: a retry does no harm.
        idempotent: true,
        answer: WireLabelListSchema,
        result: labelsOf,
      }),
      /** Takes labels off a version. Never with none named: Bluejay reads that as "every label". */
      removeLabels: op.action({
        ...labelDelta,
        method: "DELETE",
        input: z.object({ labels: z.array(z.string()).min(1) }).strict(),
        wire: WireLabelDeltaSchema,
        answer: WireLabelListSchema,
        result: labelsOf,
      }),
      ...(spec.promotion === "promote"
        ? {
            /** Moves `production` to the version named. */
            promote: op.action({
              method: "POST",
              path: `${base}/promote`,
              input: z.object({ id: UuidSchema }).strict(),
              query: ({ id }) => ({ [spec.idParam]: id }),
              // Moving production where it already is changes nothing: a retry does no harm.
              idempotent: true,
              answer: spec.wire.version,
              result: (answer) => entity(answer),
            }),
          }
        : {}),
    },
  });
  type Ops = OperationsOf<typeof api>;

  /**
   * Brings a version's labels and production to `patch` (the changed inputs) from what `recorded`
   * says it holds: the dropped labels removed, the new ones added (moved from any other version),
   * production moved here. Answers the version as it is then.
   */
  const follow = async (
    ops: Ops,
    id: string,
    patch: Record<string, unknown>,
    recorded: Outputs,
  ): Promise<Entity> => {
    const scope = recorded.agentId as number;
    const number = recorded.version as number;
    const held = (recorded.labels as string[] | undefined) ?? [];
    const wanted = "labels" in patch ? ((patch.labels as string[] | undefined) ?? []) : held;
    const added = wanted.filter((l) => !held.includes(l));
    const dropped = held.filter((l) => !wanted.includes(l));
    const promote = patch.production === true;
    const byLabel = promote && spec.promotion === "label";
    let now: string[] | undefined;
    if (dropped.length > 0) now = await ops.act("removeLabels", number, { labels: dropped }, scope);
    if (added.length > 0 || byLabel) {
      const labels = byLabel ? [...added, PRODUCTION] : added;
      now = await ops.act("addLabels", number, { labels, overrideLabel: true }, scope);
    }
    if (promote && spec.promotion === "promote") return ops.act("promote", undefined, { id }, scope);
    if (now === undefined) return ops.get(id, scope);
    const kept = Object.fromEntries(Object.entries(recorded).filter(([key]) => !key.startsWith("__")));
    return { ...kept, id, ...labelState(now) } as unknown as Entity;
  };

  const text = nonBlank();
  const inputs = z
    .object({
      agentId,
      ...field(textInput, text),
      commitMessage: z.string({ invalid_type_error: "must be a string" }).optional(),
      metadata: FreeObjectSchema.optional(),
      labels: z.array(labelName(), { invalid_type_error: "must be a list of strings" }).optional(),
      production: z.boolean({ invalid_type_error: "must be true or false" }).optional(),
    })
    .strict();

  const kind = defineKind({
    name: spec.name,
    api,
    inputs,
    fields: {
      agentId: { compare: "value", replaces: true },
      [textInput]: { compare: "text", replaces: true },
      commitMessage: { compare: "text", replaces: true },
      // Removing it replaces too: a version cannot drop what it was made with.
      metadata: { compare: "value", replaces: true, cleared: null },
      labels: { compare: "set", cleared: [], afterCreate: true },
      production: { compare: "value", oneWay: true, afterCreate: true },
    } as Record<keyof z.infer<typeof inputs> & string, FieldSpec>,
    hints: {
      agentId: "Set agentId to the agentId output of an Agent (a whole number), e.g. agentId: agent.agentId.",
      [textInput]: `Set ${textInput} to the text of the version, a non-empty string.`,
      commitMessage: "Set commitMessage to a string, or leave it out.",
      metadata: "Set metadata to an object of your own keys, or leave it out.",
      labels:
        'Set labels to names of your own, e.g. ["staging"]: Bluejay moves "latest" itself, and production: true promotes the version.',
      production: "Set production to true to make this the agent's production version, or leave it out.",
      adoptId: `Set adoptId to the UUID of an existing ${spec.noun} (list${spec.plural.charAt(0).toUpperCase()}${spec.plural.slice(1)}({ agentId }) shows them), or leave it out.`,
    } as Record<keyof z.infer<typeof inputs> & string, string> & { adoptId: string },
    outputs: {
      version: `Its number among the agent's ${spec.noun}s (1, 2, 3, …): what its labels are changed through.`,
      latest: `Whether it is the agent's newest ${spec.noun} (Bluejay's \`latest\` label, which moves as versions are made).`,
    },
    outputTypes: { version: "integer", latest: "boolean" },
    secretOutputs: [],
    docs: {
      summary: spec.docs.summary,
      inputs: {
        agentId: `The agent it belongs to (an Agent's \`agentId\`). A change replaces it.`,
        [textInput]: spec.docs.text,
        commitMessage: "Why this version was made. A change replaces it.",
        metadata: "Your own JSON object, kept with the version. A change replaces it.",
        labels:
          "Names that mark this version of the agent, e.g. `[\"staging\"]` or the stack's name. A set; changed in place. A label marks one version: declaring one another version holds moves it here. `production` and `latest` are refused: they are Bluejay's.",
        production: spec.docs.production,
      } as Record<keyof z.infer<typeof inputs> & string, string>,
      notes: spec.docs.notes ?? [],
      example: spec.docs.example,
    },
    untimed: true,
    // Bluejay records no creation time of a version: what a lost create made is the agent's newest
    // version holding none of the labels that follow a create, with what was sent. An older identical
    // version, unlabelled and untracked, could be taken for it: a copy of the same immutable text,
    // where the alternative is a second one.
    lookFor: async (ops, declared) => {
      const listed = await ops.list({ agentId: declared.agentId as number, limit: LOOK_LIMIT });
      return listed
        .filter((version) => version.labels.length === 0 && !version.production)
        .sort((a, b) => b.version - a.version);
    },
    deleteRefusals: [
      {
        status: 400,
        detail: /production/i,
        because: `it holds the production label, and Bluejay always keeps its production ${spec.noun}`,
        fix: `${spec.docs.fix} Deleting the agent deletes it too.`,
        kept: true,
      },
      {
        status: 400,
        detail: /only/i,
        because: `it is the agent's only ${spec.noun}, and Bluejay keeps at least one`,
        fix: `Deleting the agent deletes it; so does deleting this ${spec.noun} once the agent has another.`,
        kept: true,
      },
    ],
    release: async (ops, _id, recorded) => {
      const labels = (recorded.labels as string[] | undefined) ?? [];
      if (labels.length === 0) return undefined;
      await ops.act("removeLabels", recorded.version as number, { labels }, recorded.agentId as number);
      return `Its labels ${labels.map((l) => JSON.stringify(l)).join(", ")} were taken off it`;
    },
    create: async (ops, declared) => {
      const { labels, production, ...made } = declared as Record<string, unknown>;
      const created = await ops.create(made as never);
      if ((labels === undefined || (labels as string[]).length === 0) && production !== true) return created;
      try {
        return await follow(ops, created.id, { labels, production }, created);
      } catch (error) {
        // It exists, unlabelled: recorded so, the next `up` sends its labels again.
        throw new BluejayPartialCreateError(spec.name, created.id, created, asError(error), "labelling it");
      }
    },
    update: (ops, id, patch, recorded) => follow(ops, id, patch, recorded),
    emulator: spec.emulator,
  });
  return { api, kind, entity };
}
