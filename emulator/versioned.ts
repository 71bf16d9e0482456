// The emulator's one double of an agent's numbered, immutable texts: prompt versions and
// knowledge-base versions have the same shape in Bluejay's paths (`/v1/agents/{agent_id}/prompts/…`,
// `…/knowledge-bases/…`), so both doubles are made here (provider/kinds/prompt-version/emulator.ts and
// provider/kinds/knowledge-base-version/emulator.ts name theirs). Only emulator/kit.ts is used.
//
// What the OpenAPI descriptions say, and what this double does with it:
// - versions are numbered per agent, one above the highest it holds (so the number of a deleted newest
//   version comes back); a version's text never changes, only its labels do;
// - a label marks at most one version of each kind per agent; adding one another version holds is a
//   409 unless `override_label` moves it ("when false, conflicts return 409");
// - `latest` is Bluejay's: it always marks the newest version ("if deleting latest, reassign latest
//   to highest remaining version"), and no request adds or removes it;
// - `production` is never taken away, only moved: by `POST …/prompts/promote` (prompts), or by adding
//   it to another version with `override_label` (knowledge bases have no promote); removing it is a 400;
//   nothing makes the first version production;
// - a delete of the production version, or of an agent's only version, is a 400 ("cannot delete
//   production; cannot delete only version");
// - a label delta's `labels` empty or null is nothing to add, and everything to remove ("clear-all"),
//   Bluejay's own labels aside; a label the version does not hold is not removed, and no error.
import {
  Answer,
  conflict,
  isSet,
  notFound,
  ok,
  routes,
  text,
  whole,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
  type StoredRecord,
} from "./kit";

export interface VersionedDouble {
  /** Where its records are kept in the data file: `prompt_versions`. */
  file: string;
  /** The path segment under `/v1/agents/{agent_id}/`: `prompts`, `knowledge-bases`. */
  segment: string;
  /** The path parameter of a version's UUID: `prompt_id`, `kb_id`. */
  idParam: string;
  /** The text field: `prompt_text`, `kb_text`. */
  text: string;
  /** In a message: `Prompt`, `Knowledge base`. */
  noun: string;
  /** `POST …/{segment}/promote` moves production (prompts only); elsewhere only a label delta does. */
  promote: boolean;
}

export const LATEST = "latest";
export const PRODUCTION = "production";

const labelsOf = (record: Json): string[] =>
  Array.isArray(record.labels) ? (record.labels as string[]) : [];
const bad = (detail: string): Answer => new Answer(400, { detail });

export function versionedDouble(spec: VersionedDouble): EmulatedKind {
  const base = `/v1/agents/{agent_id}/${spec.segment}`;
  const missing = `${spec.noun} version not found`;

  /** The agent the path names, when it exists. */
  const agentOf = (request: Request, context: Context): number | undefined => {
    const id = whole(request.params.agent_id);
    return id !== undefined && context.of("agents").has(id) ? id : undefined;
  };
  /** The agent's versions, oldest first. */
  const versionsOf = (context: Context, agentId: number): StoredRecord[] =>
    context.records
      .all((r) => r.agent_id === agentId)
      .sort((a, b) => (a.version as number) - (b.version as number));
  /** The version the path names by number, or by UUID. */
  const byNumber = (request: Request, context: Context, agentId: number) =>
    versionsOf(context, agentId).find((r) => r.version === request.params.version);
  const byId = (request: Request, context: Context, agentId: number) =>
    versionsOf(context, agentId).find((r) => r.id === request.params[spec.idParam]);

  /** `latest` on the agent's newest version, and only there. */
  const placeLatest = (context: Context, agentId: number): void => {
    const newest = versionsOf(context, agentId).at(-1)?.id;
    context.records.modifyAll((r) => {
      if (r.agent_id !== agentId) return false;
      const without = labelsOf(r).filter((l) => l !== LATEST);
      r.labels = r.id === newest ? [...without, LATEST] : without;
      return true;
    });
  };

  /** Puts `labels` on `target`: Bluejay's `latest` is refused; one another version holds moves only with `override`. */
  const addLabels = (
    context: Context,
    target: StoredRecord,
    labels: string[],
    override: boolean,
  ): Answer | undefined => {
    if (labels.includes(LATEST))
      return bad(`"${LATEST}" is Bluejay's own label: it always marks the newest version`);
    const others = versionsOf(context, target.agent_id as number).filter((r) => r.id !== target.id);
    for (const label of labels) {
      const holder = others.find((r) => labelsOf(r).includes(label));
      if (holder && !override) {
        return conflict(
          `Label "${label}" is already on version ${String(holder.version)}; set override_label to move it`,
        );
      }
    }
    for (const label of labels) {
      for (const holder of others.filter((r) => labelsOf(r).includes(label))) {
        context.records.modify(holder.id, (r) => (r.labels = labelsOf(r).filter((l) => l !== label)));
      }
    }
    context.records.modify(target.id, (r) => {
      r.labels = [...labelsOf(r), ...labels.filter((l) => !labelsOf(r).includes(l))];
    });
    return undefined;
  };

  /** Why Bluejay keeps this version, if it does. */
  const refuseDelete = (context: Context, record: StoredRecord): Answer | undefined => {
    const version = String(record.version);
    if (labelsOf(record).includes(PRODUCTION)) {
      return bad(`Version ${version} holds the production label: move production to another version first`);
    }
    if (versionsOf(context, record.agent_id as number).length === 1) {
      return bad(`Version ${version} is the only version: an agent keeps at least one`);
    }
    return undefined;
  };

  /** Deletes it (unless Bluejay keeps it) and moves `latest`; answers "metadata about the deletion". */
  const remove = (context: Context, record: StoredRecord | undefined): Answer => {
    if (!record) return notFound(missing);
    const refused = refuseDelete(context, record);
    if (refused) return refused;
    context.records.delete(record.id);
    placeLatest(context, record.agent_id as number);
    const newest = versionsOf(context, record.agent_id as number).at(-1);
    return ok({
      deleted: true,
      id: record.id,
      version: record.version,
      latest_version: newest?.version ?? null,
    });
  };

  /** A route under an agent that must exist. */
  const underAgent = (
    route: string,
    handle: (request: Request, context: Context, agentId: number) => Answer,
  ) =>
    routes.custom(route, (request, context) => {
      const agentId = agentOf(request, context);
      return agentId === undefined ? notFound("Agent not found") : handle(request, context, agentId);
    });
  /** A route on one version of an agent, by number or by UUID. */
  const onVersion = (
    route: string,
    find: typeof byNumber,
    handle: (request: Request, context: Context, record: StoredRecord) => Answer,
  ) =>
    underAgent(route, (request, context, agentId) => {
      const record = find(request, context, agentId);
      return record ? handle(request, context, record) : notFound(missing);
    });
  const labelsAnswer = (context: Context, record: StoredRecord) =>
    ok({ labels: labelsOf(context.records.get(record.id) ?? record) });

  const requested = (body: Json): string[] =>
    Array.isArray(body.labels) ? [...new Set(body.labels as string[])] : [];

  return {
    file: spec.file,
    ids: "uuid",
    under: { plural: "agents", field: "agent_id" },
    // In the order Bluejay's router tries them: `…/versions` before `…/{prompt_id}`, which it would also match.
    routes: [
      underAgent(`POST ${base}/versions`, ({ body }, context, agentId) => {
        const numbers = versionsOf(context, agentId).map((r) => r.version as number);
        const made = context.records.add({
          agent_id: agentId,
          version: Math.max(0, ...numbers) + 1,
          [spec.text]: body[spec.text],
          commit_message: body.commit_message ?? null,
          metadata: body.metadata ?? null,
          labels: [],
          created_at: context.timestamp(),
        });
        // The labels a create names follow the rules of an add without override: nothing is made on a conflict.
        const refused = addLabels(context, made, requested(body), false);
        if (refused) {
          context.records.delete(made.id);
          return refused;
        }
        placeLatest(context, agentId);
        return ok(context.records.get(made.id));
      }),
      underAgent(`GET ${base}/versions`, ({ query }, context, agentId) => {
        const label = text(query.label);
        const version = whole(query.version);
        const limit = Math.max(0, whole(query.limit) ?? 50);
        const found = versionsOf(context, agentId)
          .filter(
            (r) =>
              (label === undefined || labelsOf(r).includes(label)) &&
              (version === undefined || r.version === version),
          )
          .reverse();
        return ok(found.slice(0, limit));
      }),
      underAgent(`DELETE ${base}/versions`, ({ query }, context, agentId) => {
        const label = text(query.label);
        if (label === undefined) return bad("label is required");
        return remove(
          context,
          versionsOf(context, agentId).find((r) => labelsOf(r).includes(label)),
        );
      }),
      underAgent(`GET ${base}`, ({ query }, context, agentId) => {
        const label = text(query.label);
        if (label === undefined) return bad("label is required");
        const found = versionsOf(context, agentId).find((r) => labelsOf(r).includes(label));
        return found ? ok(found) : notFound(`No ${spec.noun.toLowerCase()} version has the label "${label}"`);
      }),
      ...(spec.promote
        ? [
            underAgent(`POST ${base}/promote`, ({ query }, context, agentId) => {
              const id = text(query[spec.idParam]);
              const versions = versionsOf(context, agentId);
              const target = id === undefined ? versions.at(-1) : versions.find((r) => r.id === id);
              if (!target) return notFound(missing);
              addLabels(context, target, [PRODUCTION], true);
              return ok(context.records.get(target.id));
            }),
          ]
        : []),
      onVersion(`GET ${base}/versions/{version}`, byNumber, (_request, _context, record) => ok(record)),
      onVersion(`DELETE ${base}/versions/{version}`, byNumber, (_request, context, record) =>
        remove(context, record),
      ),
      onVersion(`GET ${base}/versions/{version}/labels`, byNumber, (_request, context, record) =>
        labelsAnswer(context, record),
      ),
      onVersion(`POST ${base}/versions/{version}/labels`, byNumber, ({ body }, context, record) => {
        const refused = addLabels(context, record, requested(body), body.override_label === true);
        return refused ?? labelsAnswer(context, record);
      }),
      onVersion(`DELETE ${base}/versions/{version}/labels`, byNumber, ({ body }, context, record) => {
        const named = requested(body);
        if (named.includes(LATEST))
          return bad(`"${LATEST}" is Bluejay's own label: it always marks the newest version`);
        if (named.includes(PRODUCTION) && labelsOf(record).includes(PRODUCTION)) {
          return bad("production cannot be removed, only moved: promote another version instead");
        }
        // None named: every label of the version but Bluejay's own.
        const gone =
          isSet(body.labels) && named.length > 0
            ? named
            : labelsOf(record).filter((l) => l !== LATEST && l !== PRODUCTION);
        context.records.modify(record.id, (r) => (r.labels = labelsOf(r).filter((l) => !gone.includes(l))));
        return labelsAnswer(context, record);
      }),
      onVersion(`GET ${base}/{${spec.idParam}}`, byId, (_request, _context, record) => ok(record)),
      onVersion(`DELETE ${base}/{${spec.idParam}}`, byId, (_request, context, record) =>
        remove(context, record),
      ),
    ],
  };
}
