// After a `pulumi up` is killed mid-way, Pulumi's state can hold "pending creates": resources
// whose create request may have reached Bluejay while the answer never made it into state. Running
// `up` again would create them a second time. This matches each pending create to the resource it
// made and writes that resource into the state, as a completed create, for `pulumi stack import`.
import { z } from "zod";
import type { BluejayClient } from "./client/client";
import { BluejayApiError, BluejayInputError } from "./client/errors";
import { BoundKind } from "./dynamic/bound";
import { findCreated, type Candidate } from "./dynamic/find";
import type { AnyResourceKind } from "./dynamic/kind";
import { typeToken } from "./dynamic/stub";
import { KINDS } from "./kinds/registry";

const ResourceSchema = z
  .object({
    urn: z.string(),
    type: z.string(),
    id: z.string().optional(),
    inputs: z.record(z.unknown()).default({}),
  })
  .passthrough();
const OperationSchema = z.object({ type: z.string(), resource: ResourceSchema }).passthrough();
const ExportedStateSchema = z
  .object({
    deployment: z
      .object({
        manifest: z.object({ time: z.string().optional() }).passthrough().optional(),
        resources: z.array(ResourceSchema).default([]),
        pending_operations: z.array(OperationSchema).optional(),
      })
      .passthrough(),
  })
  .passthrough();
type ExportedState = z.infer<typeof ExportedStateSchema>;

export interface PendingCreate {
  urn: string;
  /** The resource kind, e.g. `Community`. */
  kind: string;
  /** The resource this create made, when exactly one untracked resource matches its inputs. */
  id?: string;
  /** Every untracked resource that matches (none: the create never happened; several: ambiguous). */
  candidates: string[];
  /** Why it was left pending without looking, when it could not be judged. */
  leftPending?: string;
}

export interface Repair {
  /** The state to `pulumi stack import`: matched creates completed, creates that never happened dropped. */
  state: ExportedState;
  pending: PendingCreate[];
}

export interface RecoveryOptions {
  /**
   * Resources other stacks of the same backend track, as `type:id` (`pulumi-nodejs:dynamic/bluejay:Agent:7`):
   * never taken, whatever they look like.
   */
  trackedElsewhere?: ReadonlySet<string>;
}

/** A resource by its type and id: ids of different kinds may be equal (agent 2, simulation 2). */
export const trackingKey = (type: string, id: string): string => `${type}:${id}`;

/**
 * Repairs `pulumi stack export` output; ambiguous pending creates are left pending for a person. A
 * candidate must match what was declared, be tracked by no stack (this one, or another the caller
 * names), and have been made after the create could have started: a create still in flight when the
 * checkpoint was written started at most one call's budget before it.
 */
export async function repairPendingCreates(
  exported: unknown,
  client: BluejayClient,
  options: RecoveryOptions = {},
): Promise<Repair> {
  const parsed = ExportedStateSchema.safeParse(exported);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new BluejayInputError("repairPendingCreates", [
      `this is not \`pulumi stack export\` output (${problems})`,
    ]);
  }
  const state = parsed.data;
  const operations = state.deployment.pending_operations ?? [];
  const kindOf = (op: z.infer<typeof OperationSchema>): AnyResourceKind | undefined =>
    op.type === "creating"
      ? (KINDS as readonly AnyResourceKind[]).find((k) => typeToken(k.name) === op.resource.type)
      : undefined;
  if (!operations.some((op) => kindOf(op) !== undefined)) return { state, pending: [] };

  /** Every resource some stack tracks, and those a pending create of this run took. */
  const taken = new Set(options.trackedElsewhere ?? []);
  for (const r of state.deployment.resources) if (r.id) taken.add(trackingKey(r.type, r.id));
  const checkpoint = Date.parse(state.deployment.manifest?.time ?? "");
  const budget = client.budgetMs;
  /** One look per kind where Bluejay lists them all: every pending create of the kind shares it. */
  const bounds = new Map<AnyResourceKind, BoundKind>();
  const boundOf = (kind: AnyResourceKind) => {
    let found = bounds.get(kind);
    if (!found)
      bounds.set(kind, (found = kind.lookFor ? new BoundKind(kind, client) : new ListedOnce(kind, client)));
    return found;
  };
  const pending: PendingCreate[] = [];
  const remaining: typeof operations = [];
  const seen = new Set<string>();
  for (const op of operations) {
    const kind = kindOf(op);
    // Not ours, or the same create listed twice: kept as it is, reported once.
    if (!kind || seen.has(op.resource.urn)) {
      remaining.push(op);
      continue;
    }
    seen.add(op.resource.urn);
    const leave = (why: string) => {
      pending.push({ urn: op.resource.urn, kind: kind.name, candidates: [], leftPending: why });
      remaining.push(op);
    };
    const inputs = revealSecrets(op.resource.inputs);
    if (inputs === undefined) {
      leave(
        "its inputs hold secrets this export shows only as ciphertext: export with `pulumi stack export --show-secrets`",
      );
      continue;
    }
    const bound = boundOf(kind);
    const declared = withoutMarkers(inputs);
    const candidates = await candidatesFor(bound, declared, op.resource.type, taken, checkpoint - budget);
    if (candidates === undefined) {
      const cannot = bound.readable ? "list every" : "read or list a";
      leave(
        `Bluejay cannot ${cannot} ${kind.name}: look for it in Bluejay and adopt it with adoptId; then clear the pending create with \`pulumi refresh --clear-pending-creates\``,
      );
      continue;
    }
    pending.push({
      urn: op.resource.urn,
      kind: kind.name,
      candidates: candidates.map((c) => c.id),
      ...(candidates.length === 1 ? { id: candidates[0]!.id } : {}),
    });
    if (candidates.length > 1) {
      remaining.push(op);
    } else if (candidates.length === 1) {
      const { id, outputs } = candidates[0]!;
      taken.add(trackingKey(op.resource.type, id));
      const recorded = hideSecrets(kind, { ...outputs, ...pickAdoptId(inputs) }, op.resource.inputs);
      state.deployment.resources.push({
        ...op.resource,
        id,
        outputs: { ...recorded, __provider: inputs.__provider },
      });
    }
  }
  state.deployment.pending_operations = remaining;
  return { state, pending };
}

/** The pending create's candidates: by id when it names one (adoptId), else what it may have made. */
async function candidatesFor(
  bound: BoundKind,
  inputs: Record<string, unknown>,
  type: string,
  taken: ReadonlySet<string>,
  startedAfter: number,
): Promise<Candidate[] | undefined> {
  const adoptId = inputs.adoptId;
  if (typeof adoptId === "string" || typeof adoptId === "number") {
    // A kind Bluejay cannot read back: whether the adoption's update happened cannot be told.
    if (!bound.readable) return undefined;
    try {
      // A kind scoped under another (a label under its agent) is read with the parent its inputs name.
      const entity = await bound.get(String(adoptId), inputs);
      return [{ id: bound.id(entity), entity, outputs: bound.outputs(entity), createdAt: Number.NaN }];
    } catch (error) {
      if (error instanceof BluejayApiError && error.status === 404) return [];
      throw error;
    }
  }
  // On Bluejay's clock, as its answers tell the skew. Without a checkpoint time, no bound.
  const after = (skew: number) =>
    Number.isNaN(startedAfter) ? Number.NEGATIVE_INFINITY : startedAfter + skew;
  return findCreated(
    bound,
    inputs,
    (skew) => ({ after: after(skew) }),
    (id) => taken.has(trackingKey(type, id)),
  );
}

/** A kind whose look is its whole list: listed once, whatever inputs ask. */
class ListedOnce extends BoundKind {
  private listed: Promise<unknown[] | undefined> | undefined;

  override lookFor(inputs: Record<string, unknown>): Promise<unknown[] | undefined> {
    return (this.listed ??= super.lookFor(inputs));
  }
}

/** Inputs as the program declared them: Pulumi's own keys (`__provider`) left out. */
function withoutMarkers(inputs: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _provider, ...rest } = inputs;
  return rest;
}

/** Pulumi's marker for a secret value in exported state. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

const isSecret = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === "object" &&
  (value as Record<string, unknown>)[SECRET_SIG] === SECRET_SIG_VALUE;

/** Inputs with their secrets' plain values (an export made with --show-secrets); undefined when only ciphertext is there. */
function revealSecrets(inputs: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (!isSecret(value)) out[key] = value;
    else if (typeof value.plaintext === "string") out[key] = JSON.parse(value.plaintext) as unknown;
    else return undefined;
  }
  return out;
}

/** Outputs with every secret output, and every output whose input was secret, stored as a secret again. */
function hideSecrets(
  kind: AnyResourceKind,
  outputs: Record<string, unknown>,
  exportedInputs: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    const secret = kind.secretOutputs.includes(key) || isSecret(exportedInputs[key]);
    out[key] = secret ? { [SECRET_SIG]: SECRET_SIG_VALUE, plaintext: JSON.stringify(value) } : value;
  }
  return out;
}

function pickAdoptId(inputs: Record<string, unknown>): Record<string, unknown> {
  return inputs.adoptId === undefined ? {} : { adoptId: inputs.adoptId };
}
