// zod schemas for Bluejay's Communities operations, as its OpenAPI description gives them. These
// are the single source of truth for wire shapes (snake_case); `mapping.ts` turns them into the
// camelCase shapes the rest of the package uses.
import { z } from "zod";
import { CommunityIdSchema, DigitalHumanIdSchema } from "./common";

/** `CommunityResponse`. */
export const WireCommunitySchema = z.object({
  id: CommunityIdSchema,
  title: z.string(),
  description: z.string().nullable().optional(),
  created_at: z.string().datetime({ offset: true, message: "must be an ISO 8601 date-time" }),
  digital_human_ids: z.array(z.number().int()).optional(),
});
export type WireCommunity = z.infer<typeof WireCommunitySchema>;

/** `CommunitiesListResponse`. */
export const WireCommunityListSchema = z.object({
  communities: z.array(WireCommunitySchema),
  total_count: z.number().int().nonnegative(),
});
export type WireCommunityList = z.infer<typeof WireCommunityListSchema>;

/** `CreateCommunityRequest`. */
export const WireCreateCommunitySchema = z
  .object({
    title: z.string(),
    description: z.string().nullable().optional(),
    digital_human_ids: z.array(z.number().int()).nullable().optional(),
  })
  .strict();
export type WireCreateCommunity = z.infer<typeof WireCreateCommunitySchema>;

/** `UpdateCommunityRequest`: every field optional; null or absent means "leave as is". */
export const WireUpdateCommunitySchema = z
  .object({
    title: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    digital_human_ids: z.array(z.number().int()).nullable().optional(),
  })
  .strict();
export type WireUpdateCommunity = z.infer<typeof WireUpdateCommunitySchema>;

/** `AddToCommunityRequest`. */
export const WireAddToCommunitySchema = z.object({ digital_human_ids: z.array(z.number().int()) }).strict();
export type WireAddToCommunity = z.infer<typeof WireAddToCommunitySchema>;

// ---- camelCase shapes used by the package's public API ----

/** A Bluejay community, as this package returns it. */
export const CommunitySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  createdAt: z.string(),
  digitalHumanIds: z.array(z.number().int()),
});
export type Community = z.infer<typeof CommunitySchema>;

export const CreateCommunityInputSchema = z
  .object({
    title: z.string({ required_error: "is required", invalid_type_error: "must be a string" }),
    description: z.string({ invalid_type_error: "must be a string" }).optional(),
    digitalHumanIds: z.array(DigitalHumanIdSchema).optional(),
  })
  .strict();
export type CreateCommunityInput = z.infer<typeof CreateCommunityInputSchema>;

export const UpdateCommunityInputSchema = z
  .object({
    title: z.string({ invalid_type_error: "must be a string" }).optional(),
    description: z.string({ invalid_type_error: "must be a string" }).optional(),
    digitalHumanIds: z.array(DigitalHumanIdSchema).optional(),
  })
  .strict();
export type UpdateCommunityInput = z.infer<typeof UpdateCommunityInputSchema>;

export const ListCommunitiesOptionsSchema = z
  .object({ digitalHumanId: DigitalHumanIdSchema.optional() })
  .strict();
export type ListCommunitiesOptions = z.infer<typeof ListCommunitiesOptionsSchema>;

export const AddDigitalHumansInputSchema = z.array(DigitalHumanIdSchema).min(1, "must name at least one id");
