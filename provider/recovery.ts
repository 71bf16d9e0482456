// After a `pulumi up` is killed mid-way, Pulumi's state can hold "pending creates": communities
// whose POST may have reached Bluejay while the answer never made it into state. Running `up`
// again would create them a second time. This matches each pending create to the community it
// made and writes that community into the state, as a completed create, for `pulumi stack import`.
import { z } from "zod";
import { BluejayInputError, type BluejayClient, type Community } from "./client";
import { sameIdSet, textOf } from "./resource/diff";
import { toOutputs } from "./resource/provider";

export const COMMUNITY_TYPE = "pulumi-nodejs:dynamic/bluejay:Community";

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
  /** The community this create made, when exactly one untracked community matches its inputs. */
  id?: string;
  /** Every untracked community that matches (none: the create never happened; several: ambiguous). */
  candidates: string[];
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
  const isOurs = (op: z.infer<typeof OperationSchema>) =>
    op.type === "creating" && op.resource.type === COMMUNITY_TYPE;
  if (!operations.some(isOurs)) return { state, pending: [] };

  const tracked = new Set(state.deployment.resources.map((r) => r.id).filter(Boolean));
  const { communities } = await client.listCommunities();
  const untracked = communities.filter((c) => !tracked.has(c.id));
  const claimed = new Set<string>();
  const pending: PendingCreate[] = [];
  const remaining: typeof operations = [];
  for (const op of operations) {
    if (!isOurs(op)) {
      remaining.push(op);
      continue;
    }
    const inputs = op.resource.inputs;
    const matching = untracked.filter((c) => !claimed.has(c.id) && matches(c, inputs));
    pending.push({
      urn: op.resource.urn,
      candidates: matching.map((c) => c.id),
      ...(matching.length === 1 ? { id: matching[0]!.id } : {}),
    });
    if (matching.length > 1) {
      remaining.push(op);
    } else if (matching.length === 1) {
      const community = matching[0]!;
      claimed.add(community.id);
      const adoptId = typeof inputs.adoptId === "string" ? inputs.adoptId : undefined;
      const outputs = { ...toOutputs(community, adoptId), __provider: inputs.__provider };
      state.deployment.resources.push({ ...op.resource, id: community.id, outputs });
    }
  }
  state.deployment.pending_operations = remaining;
  return { state, pending };
}

function matches(community: Community, inputs: Record<string, unknown>): boolean {
  if (typeof inputs.adoptId === "string") return community.id === inputs.adoptId;
  return (
    community.title === inputs.title &&
    textOf(community.description) === textOf(inputs.description) &&
    sameIdSet(community.digitalHumanIds, inputs.digitalHumanIds)
  );
}
