// The Community provider's logic: what each Pulumi lifecycle call does against Bluejay. It runs in
// the dynamic-provider process (loaded by the small serialized stub in `stub.ts`) and in tests.
import type * as pulumi from "@pulumi/pulumi";
import { BluejayApiError, BluejayClient, type BluejayClientOptions, type Community } from "../client";
import { checkInputs } from "./inputs";
import { diffCommunity, sameIdSet, textOf } from "./diff";
import { BluejayPartialCreateError } from "./errors";

/** Outputs recorded in state for each community (besides its id). */
export interface CommunityOutputs {
  title: string;
  description?: string;
  digitalHumanIds: number[];
  createdAt: string;
  adoptId?: string;
}

type Props = Record<string, unknown>;

export class CommunityProviderImpl {
  private client: BluejayClient | undefined;

  /** `options` is resolved only when a call needs Bluejay, so `check` and `diff` work without a key. */
  constructor(private readonly options: () => BluejayClientOptions) {}

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return checkInputs(news);
  }

  async diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const { updates, replaces } = diffCommunity(id, olds, news);
    return { changes: updates.length + replaces.length > 0, replaces, deleteBeforeReplace: false };
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<CommunityOutputs>> {
    const client = this.getClient();
    const adoptId = typeof inputs.adoptId === "string" ? inputs.adoptId : undefined;
    if (adoptId === undefined) {
      const created = await client.createCommunity({
        title: inputs.title as string,
        ...(textOf(inputs.description) === "" ? {} : { description: textOf(inputs.description) }),
        ...(Array.isArray(inputs.digitalHumanIds)
          ? { digitalHumanIds: inputs.digitalHumanIds as number[] }
          : {}),
      });
      return { id: created.id, outs: toOutputs(created) };
    }

    // Adoption: take over an existing community, then make it match the declaration.
    const existing = await client.getCommunity(adoptId);
    const patch = updatePatch({ ...toOutputs(existing) }, inputs);
    if (Object.keys(patch).length === 0) return { id: existing.id, outs: toOutputs(existing, adoptId) };
    try {
      const updated = await client.updateCommunity(existing.id, patch);
      return { id: updated.id, outs: toOutputs(updated, adoptId) };
    } catch (error) {
      throw new BluejayPartialCreateError(existing.id, { ...toOutputs(existing, adoptId) }, error as Error);
    }
  }

  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    let community: Community;
    try {
      community = await this.getClient().getCommunity(id);
    } catch (error) {
      // Deleted outside Pulumi: an empty id tells the engine the resource is gone.
      if (error instanceof BluejayApiError && error.status === 404) return { id: "" };
      throw error;
    }
    const adoptId = typeof props.adoptId === "string" ? props.adoptId : undefined;
    const outs = toOutputs(community, adoptId);
    const inputs: Props = { title: outs.title, digitalHumanIds: outs.digitalHumanIds };
    if (outs.description !== undefined && outs.description !== "") inputs.description = outs.description;
    if (adoptId !== undefined) inputs.adoptId = adoptId;
    return { id: community.id, props: outs, inputs };
  }

  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult<CommunityOutputs>> {
    const patch = updatePatch(olds, news);
    const adoptId = typeof news.adoptId === "string" ? news.adoptId : undefined;
    if (Object.keys(patch).length === 0) {
      return { outs: { ...(olds as unknown as CommunityOutputs), ...(adoptId ? { adoptId } : {}) } };
    }
    return { outs: toOutputs(await this.getClient().updateCommunity(id, patch), adoptId) };
  }

  async delete(id: string, _props: Props): Promise<void> {
    try {
      await this.getClient().deleteCommunity(id);
    } catch (error) {
      // Already gone is what delete wants.
      if (error instanceof BluejayApiError && error.status === 404) return;
      throw error;
    }
  }

  /** Closes idle connections; the next call opens new ones. */
  close(): void {
    this.client?.close();
    this.client = undefined;
  }

  private getClient(): BluejayClient {
    this.client ??= new BluejayClient(this.options());
    return this.client;
  }
}

/**
 * The PUT body that brings `current` to `declared`: only changed fields. A removed description is
 * sent as "" and a removed id list as [], because Bluejay reads null as "leave as is".
 */
function updatePatch(
  current: Props,
  declared: Props,
): { title?: string; description?: string; digitalHumanIds?: number[] } {
  const patch: { title?: string; description?: string; digitalHumanIds?: number[] } = {};
  if (declared.title !== current.title) patch.title = declared.title as string;
  if (textOf(declared.description) !== textOf(current.description))
    patch.description = textOf(declared.description);
  if (!sameIdSet(current.digitalHumanIds, declared.digitalHumanIds)) {
    patch.digitalHumanIds = Array.isArray(declared.digitalHumanIds)
      ? (declared.digitalHumanIds as number[])
      : [];
  }
  return patch;
}

/** A community as recorded in state (also used to repair state after an interrupted run). */
export function toOutputs(community: Community, adoptId?: string): CommunityOutputs {
  const outs: CommunityOutputs = {
    title: community.title,
    digitalHumanIds: community.digitalHumanIds,
    createdAt: community.createdAt,
  };
  if (community.description !== undefined) outs.description = community.description;
  if (adoptId !== undefined) outs.adoptId = adoptId;
  return outs;
}
