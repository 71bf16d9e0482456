// The emulator's double of an agent's free-standing labels (`/v1/agents/{agent_id}/labels`). A label
// is a name; a prompt or knowledge-base version carries it by name (their label deltas), so a label's
// `prompt_id` and `knowledge_base_id` are the versions that carry it now. Bluejay's own names
// (`production`, `latest`) are refused as a label's name, in any case; a name is unique per agent; a
// label a version still carries cannot be deleted (409); a rename renames it on those versions too.
import {
  Answer,
  conflict,
  given,
  notFound,
  ok,
  recordOf,
  routes,
  text,
  whole,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Label not found";
/** The kinds whose versions carry labels, by plural, and the field a label answers each in. */
const CARRIERS = [
  { plural: "promptVersions", field: "prompt_id", noun: "prompt" },
  { plural: "knowledgeBaseVersions", field: "knowledge_base_id", noun: "knowledge base" },
] as const;
const RESERVED = ["production", "latest"];

const reserved = (name: string): Answer | undefined =>
  RESERVED.includes(name.trim().toLowerCase())
    ? new Answer(400, { detail: `"${name}" is a reserved label: Bluejay manages it` })
    : undefined;

const carries = (version: Json, name: string): boolean =>
  Array.isArray(version.labels) && (version.labels as string[]).includes(name);

/** The label as `LabelPydantic`: with the versions that carry its name now. */
function answer(label: Json, context: Context): Json {
  const marks: Json = {};
  for (const { plural, field } of CARRIERS) {
    const holder = context
      .of(plural)
      .all((v) => v.agent_id === label.agent_id && carries(v, label.label_text as string))[0];
    marks[field] = holder?.id ?? null;
  }
  return { ...label, ...marks };
}

/** The versions of the agent that carry this name: what keeps a label from being deleted. */
function carriers(label: Json, context: Context): string[] {
  return CARRIERS.flatMap(({ plural, noun }) =>
    context
      .of(plural)
      .all((v) => v.agent_id === label.agent_id && carries(v, label.label_text as string))
      .map((v) => `${noun} version ${String(v.version)}`),
  );
}

const agentOf = (request: Request, context: Context): number | undefined => {
  const id = whole(request.params.agent_id);
  return id !== undefined && context.of("agents").has(id) ? id : undefined;
};

const taken = (context: Context, agentId: number, name: string, except?: unknown): boolean =>
  context.records.all((l) => l.agent_id === agentId && l.label_text === name && l.id !== except).length > 0;

export const labelDouble: EmulatedKind = {
  file: "labels",
  ids: "uuid",
  under: { plural: "agents", field: "agent_id" },
  routes: [
    routes.custom("POST /v1/agents/{agent_id}/labels", (request, context) => {
      const agentId = agentOf(request, context);
      if (agentId === undefined) return notFound("Agent not found");
      const name = request.body.label_text as string;
      const refused = reserved(name);
      if (refused) return refused;
      if (taken(context, agentId, name)) return conflict(`Label "${name}" already exists for this agent`);
      const made = context.records.add({
        agent_id: agentId,
        label_text: name,
        color: null,
        created_at: context.timestamp(),
      });
      return ok(answer(made, context));
    }),
    routes.custom("GET /v1/agents/{agent_id}/labels", (request, context) => {
      const agentId = agentOf(request, context);
      if (agentId === undefined) return notFound("Agent not found");
      const q = text(request.query.q)?.toLowerCase();
      const labels = context.records.all(
        (l) =>
          l.agent_id === agentId && (q === undefined || (l.label_text as string).toLowerCase().includes(q)),
      );
      return ok(labels.map((l) => answer(l, context)));
    }),
    routes.custom("GET /v1/agents/{agent_id}/labels/{label_id}", (request, context) => {
      const label = recordOf(request, context.records);
      return label ? ok(answer(label, context)) : notFound(MISSING);
    }),
    routes.custom("PUT /v1/agents/{agent_id}/labels/{label_id}", (request, context) => {
      const label = recordOf(request, context.records);
      if (!label) return notFound(MISSING);
      const name = given(request).label_text as string;
      const refused = reserved(name);
      if (refused) return refused;
      // A name is one label: another label, or a version, may not hold the new one already.
      const onVersions = carriers({ ...label, label_text: name }, context);
      if (
        taken(context, label.agent_id as number, name, label.id) ||
        (name !== label.label_text && onVersions.length > 0)
      ) {
        return conflict(`Label "${name}" already exists for this agent`);
      }
      const old = label.label_text as string;
      // The versions carry it by name: they carry the new name now.
      for (const { plural } of CARRIERS) {
        context.of(plural).modifyAll((v) => {
          if (v.agent_id !== label.agent_id || !carries(v, old)) return false;
          v.labels = (v.labels as string[]).map((l) => (l === old ? name : l));
          return true;
        });
      }
      const renamed = context.records.modify(label.id, (l) => (l.label_text = name));
      return ok(answer(renamed!, context));
    }),
    routes.remove("DELETE /v1/agents/{agent_id}/labels/{label_id}", MISSING, {
      refuse: (label, context) => {
        const on = carriers(label, context);
        if (on.length === 0) return undefined;
        return conflict(
          `Label "${String(label.label_text)}" is still on ${on.join(" and ")}: remove it from there first`,
        );
      },
      answer: (label) => ({ deleted: true, id: label.id }),
    }),
  ],
};
