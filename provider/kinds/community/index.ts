// The Community resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor, type LookupOptions } from "../../lookups";
import {
  communityKind,
  type Community as Entity,
  type CommunityInputs,
  type CommunityList,
  type ListCommunitiesOptions,
} from "./kind";

export type {
  Community as GetCommunityResult,
  CommunityInputs,
  CommunityList,
  CreateCommunityInput,
  UpdateCommunityInput,
  ListCommunitiesOptions,
} from "./kind";

/** The type Pulumi records for communities: `pulumi-nodejs:dynamic/bluejay:Community`. */
export const COMMUNITY_TYPE = typeToken(communityKind.name);

export type CommunityArgs = KindArgs<CommunityInputs, string>;
export type CommunityOutputs = KindOutputs<CommunityInputs, Entity, "createdAt", string>;

/**
 * A Bluejay community of digital humans. Every input updates in place; removing the resource
 * deletes the community (use the `retainOnDelete` resource option to keep it).
 */
export const Community = resourceClass<CommunityArgs, CommunityOutputs>(communityKind);
export type Community = InstanceType<typeof Community>;

const lookups = lookupsFor(communityKind);
/** Reads one community by its UUID; fails with a 404 `BluejayApiError` naming the id when there is none. */
export const getCommunity = lookups.get;
/** `getCommunity` taking an Input id and returning an Output. */
export const getCommunityOutput = lookups.getOutput;

/** Lists communities, optionally only those that hold one digital human. */
export async function listCommunities(
  filter: ListCommunitiesOptions = {},
  options: LookupOptions = {},
): Promise<CommunityList> {
  const communities = await lookups.list(filter, options);
  return { communities, totalCount: communities.length };
}
