// After a `pulumi up` is killed mid-way, Pulumi's state can hold "pending creates": resources
// whose create request may have reached Bluejay while the answer never made it into state. Running
// `up` again would create them a second time. This matches each pending create to the resource it
// made and writes that resource into the state, as a completed create, for `pulumi stack import`.
import { z } from "zod";
import type { BluejayClient } from "./client/client";
import { BluejayInputError } from "./client/errors";
import { BoundKind } from "./dynamic/bound";
import { matchesDeclared } from "./dynamic/fields";
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

/** Repairs `pulumi stack export` output; ambiguous pending creates are left pending for a person. */
export async function repairPendingCreates(exported: unknown, client: BluejayClient): Promise<Repair> {
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

  const tracked = new Set(state.deployment.resources.map((r) => r.id).filter(Boolean));
  /** Untracked resources of each kind, listed once per kind; an entry leaves when a create claims it. */
  const untracked = new Map<AnyResourceKind, Map<string, Record<string, unknown>>>();
  /** Untracked resources of a kind; undefined where Bluejay offers no way to list them all. */
  const untrackedOf = async (kind: AnyResourceKind) => {
    let found = untracked.get(kind);
    if (!found) {
      const bound = new BoundKind(kind, client);
      const all = await bound.lookFor();
      if (all === undefined) return undefined;
      found = new Map(all.map((entity) => [bound.id(entity), bound.outputs(entity)] as const));
      for (const id of tracked) found.delete(id!);
      untracked.set(kind, found);
    }
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
    const pool = await untrackedOf(kind);
    if (!pool) {
      leave(
        `Bluejay cannot list every ${kind.name}: look for it in Bluejay and adopt it with adoptId; then clear the pending create with \`pulumi refresh --clear-pending-creates\``,
      );
      continue;
    }
    const matching = [...pool].filter(([id, outputs]) => matches(kind, id, outputs, inputs));
    pending.push({
      urn: op.resource.urn,
      kind: kind.name,
      candidates: matching.map(([id]) => id),
      ...(matching.length === 1 ? { id: matching[0]![0] } : {}),
    });
    if (matching.length > 1) {
      remaining.push(op);
    } else if (matching.length === 1) {
      const [id, outputs] = matching[0]!;
      pool.delete(id);
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

function matches(
  kind: AnyResourceKind,
  id: string,
  outputs: Record<string, unknown>,
  inputs: Record<string, unknown>,
): boolean {
  const adoptId = inputs.adoptId;
  if (typeof adoptId === "string" || typeof adoptId === "number") return id === String(adoptId);
  return matchesDeclared(kind.fields, outputs, inputs);
}
