// The Community resource: a pool of digital humans. Its inputs, how each one changes, and the four
// Bluejay operations behind it; the shared machinery (provider/dynamic) does the rest.
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { Community as CommunityEntity } from "../client";
import { CommunityIdSchema, DigitalHumanIdSchema } from "../client/schemas";
import { defineKind } from "../dynamic/kind";
import { resourceClass } from "../dynamic/resource";
import { typeToken } from "../dynamic/stub";

/** A list of ids, each at most once: Bluejay stores sets. */
export function distinctIds<T extends z.ZodTypeAny>(item: T) {
  return z.array(item, { invalid_type_error: "must be a list of numbers" }).superRefine((ids, ctx) => {
    const seen = new Map<unknown, number>();
    ids.forEach((id: unknown, index) => {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `repeats ${String(id)} (also at [${first}])`,
        });
    });
  });
}

export const communityKind = defineKind({
  name: "Community",
  inputs: z
    .object({
      title: z
        .string({ required_error: "is required", invalid_type_error: "must be a string" })
        .refine((s) => s.trim().length > 0, "must not be empty or blank"),
      description: z.string({ invalid_type_error: "must be a string" }).optional(),
      digitalHumanIds: distinctIds(DigitalHumanIdSchema).optional(),
    })
    .strict(),
  fields: {
    title: { compare: "text" },
    description: { compare: "text" },
    digitalHumanIds: { compare: "set", cleared: [] },
  },
  hints: {
    title: 'Set title to a non-empty string, e.g. title: "Support line callers".',
    description: "Set description to a string, or leave it out.",
    digitalHumanIds: "Use a list of distinct positive whole-number digital human ids, e.g. [101, 102].",
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay community (listCommunities() shows them), or leave it out.",
  },
  adoptId: CommunityIdSchema,
  secretOutputs: [],
  create: (client, { title, description, digitalHumanIds }) =>
    client.createCommunity({
      title,
      // An empty description is no description: Bluejay would store "" where null was meant.
      ...(description ? { description } : {}),
      ...(digitalHumanIds === undefined ? {} : { digitalHumanIds }),
    }),
  get: (client, id) => client.getCommunity(id),
  update: (client, id, patch) => client.updateCommunity(id, patch),
  remove: async (client, id) => {
    await client.deleteCommunity(id);
  },
  list: async (client) => (await client.listCommunities()).communities,
  id: (community: CommunityEntity) => community.id,
  outputs: (community: CommunityEntity) => ({
    title: community.title,
    ...(community.description === undefined ? {} : { description: community.description }),
    digitalHumanIds: community.digitalHumanIds,
    createdAt: community.createdAt,
  }),
});

/** The type Pulumi records for communities: `pulumi-nodejs:dynamic/bluejay:Community`. */
export const COMMUNITY_TYPE = typeToken(communityKind.name);

export interface CommunityArgs {
  /** The community's title in Bluejay. Required, non-empty. */
  title: pulumi.Input<string>;
  /** A longer description. Removing it later clears it in Bluejay. */
  description?: pulumi.Input<string>;
  /** Digital humans (test cases) in the community, by Bluejay id; a set: order does not matter. */
  digitalHumanIds?: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Adopt the existing community with this id instead of creating one: the first `pulumi up`
   * takes it over and updates it to match these inputs. Dynamic resources cannot be
   * `pulumi import`ed; this is the import path.
   */
  adoptId?: pulumi.Input<string>;
}

/** What a Community exposes. */
export interface CommunityOutputs {
  title: string;
  description: string | undefined;
  digitalHumanIds: number[];
  /** When Bluejay created the community (ISO 8601). */
  createdAt: string;
  adoptId: string | undefined;
}

/**
 * A Bluejay community of digital humans. Every input updates in place; removing the resource
 * deletes the community (use the `retainOnDelete` resource option to keep it).
 */
export const Community = resourceClass<CommunityArgs, CommunityOutputs>(communityKind, ["createdAt"]);
export type Community = InstanceType<typeof Community>;
