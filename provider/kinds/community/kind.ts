// Community: a pool of digital humans (test cases). The regular part of Bluejay's API: UUID ids,
// whole answers, a list that can filter by digital human.
import { z } from "zod";
import { camelize, camelSchema } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, UuidSchema } from "../../client/wire";
import { defineKind } from "../../dynamic/kind";
import { distinctIds, nonBlank } from "../../dynamic/rules";
import { communityDouble } from "./emulator";
import {
  WireCommunityListSchema,
  WireCommunitySchema,
  WireCreateCommunitySchema,
  WireUpdateCommunitySchema,
  type WireCommunity,
} from "./wire";

/** A Bluejay community, as this package returns it. */
export interface Community {
  id: string;
  title: string;
  description?: string | undefined;
  createdAt: string;
  digitalHumanIds: number[];
}

/** A list of communities, as 0.1.0's `listCommunities` answered. */
export interface CommunityList {
  communities: Community[];
  totalCount: number;
}

const digitalHumanIds = z.array(IntegerIdSchema);
export const CreateCommunityInputSchema = camelSchema(WireCreateCommunitySchema).extend({
  digitalHumanIds: digitalHumanIds.nullable().optional(),
});
export type CreateCommunityInput = z.input<typeof CreateCommunityInputSchema>;
export const UpdateCommunityInputSchema = camelSchema(WireUpdateCommunitySchema).extend({
  digitalHumanIds: digitalHumanIds.nullable().optional(),
});
export type UpdateCommunityInput = z.input<typeof UpdateCommunityInputSchema>;
export const ListCommunitiesOptionsSchema = z.object({ digitalHumanId: IntegerIdSchema.optional() }).strict();
export type ListCommunitiesOptions = z.input<typeof ListCommunitiesOptionsSchema>;

function entity(wire: WireCommunity): Community {
  const { digitalHumanIds, ...rest } = camelize(wire);
  return { ...rest, digitalHumanIds: digitalHumanIds ?? [] };
}

export const communityApi = defineApi({
  name: "Community",
  noun: "community",
  plural: "communities",
  id: UuidSchema,
  idOf: (community: Community) => community.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-community",
    input: CreateCommunityInputSchema,
    wire: WireCreateCommunitySchema,
    answer: WireCommunitySchema,
    entity,
  }),
  read: op.read({ method: "GET", path: "/v1/community/{community_id}", answer: WireCommunitySchema, entity }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-community/{community_id}",
    input: UpdateCommunityInputSchema,
    wire: WireUpdateCommunitySchema,
    answer: WireCommunitySchema,
    entity,
  }),
  delete: { method: "DELETE", path: "/v1/community/{community_id}", answer: WireCommunitySchema },
  list: op.list({
    filter: ListCommunitiesOptionsSchema,
    request: ({ digitalHumanId }) => ({
      method: "GET",
      path: "/v1/communities",
      ...(digitalHumanId === undefined ? {} : { query: { digital_human_id: String(digitalHumanId) } }),
    }),
    answer: WireCommunityListSchema,
    items: (answer) => answer.communities.map(entity),
    // `CommunityResponse`, as the read answers it.
    whole: true,
  }),
});

const inputs = z
  .object({
    title: nonBlank(),
    description: z.string({ invalid_type_error: "must be a string" }).optional(),
    digitalHumanIds: distinctIds(IntegerIdSchema).optional(),
  })
  .strict();
export type CommunityInputs = z.input<typeof inputs>;

export const communityKind = defineKind({
  name: "Community",
  api: communityApi,
  inputs,
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
  outputs: { createdAt: "When Bluejay created the community (ISO 8601)." },
  secretOutputs: [],
  docs: {
    summary: "A pool of digital humans (test cases), which simulations and regenerations draw from.",
    inputs: {
      title: "The community's title in Bluejay. Required, not blank.",
      description: "A longer description. Removing it clears it in Bluejay.",
      digitalHumanIds:
        "The digital humans in the community, by Bluejay id (a DigitalHuman's `digitalHumanId`). A set: order and repeats do not matter.",
    },
    notes: [
      'Bluejay\'s update reads `null` (or an absent field) as "leave as is", so a removed `description` is sent as `""` and a removed `digitalHumanIds` as `[]`. A create with an empty description sends none, so Bluejay does not store `""` where nothing was meant.',
    ],
    example: `import { Community } from "pulumi-bluejay";

const escalations = new Community("escalations", {
  title: "Escalations",
  description: "Callers who ask for a manager",
  digitalHumanIds: [101, 102], // or [angry.digitalHumanId, …], from DigitalHumans in the same program
});

export const communityId = escalations.id; // a UUID`,
  },
  // An empty description is no description: Bluejay would store "" where null was meant.
  create: (ops, { title, description, digitalHumanIds }) =>
    ops.create({
      title,
      ...(description ? { description } : {}),
      ...(digitalHumanIds === undefined ? {} : { digitalHumanIds }),
    }),
  emulator: communityDouble,
});
