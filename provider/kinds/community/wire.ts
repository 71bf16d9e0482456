// Bluejay's Communities operations on the wire (snake_case), as its OpenAPI description gives them.
// Request schemas are strict (an unknown key is a typo); answers accept extra fields, so Bluejay can
// add some without breaking us.
import { z } from "zod";
import { DateTimeSchema, UuidSchema } from "../../client/wire";

const integerIds = z.array(z.number().int());

/** `CommunityResponse`. */
export const WireCommunitySchema = z.object({
  /** Declared as a plain string; a UUID in practice, and it goes into paths, so it is checked as one. */
  id: UuidSchema,
  title: z.string(),
  description: z.string().nullable().optional(),
  created_at: DateTimeSchema,
  digital_human_ids: integerIds.optional(),
});
export type WireCommunity = z.infer<typeof WireCommunitySchema>;

/** `CommunitiesListResponse`. */
export const WireCommunityListSchema = z.object({
  communities: z.array(WireCommunitySchema),
  total_count: z.number().int().nonnegative(),
});

/** `CreateCommunityRequest`. */
export const WireCreateCommunitySchema = z
  .object({
    title: z.string(),
    description: z.string().nullable().optional(),
    digital_human_ids: integerIds.nullable().optional(),
  })
  .strict();

/** `UpdateCommunityRequest`: every field optional; null or absent means "leave as is". */
export const WireUpdateCommunitySchema = z
  .object({
    title: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    digital_human_ids: integerIds.nullable().optional(),
  })
  .strict();

/** `AddToCommunityRequest`. */
export const WireAddToCommunitySchema = z.object({ digital_human_ids: integerIds }).strict();
