// Bluejay's Folders operations on the wire (snake_case), as its OpenAPI description gives them.
import { z } from "zod";
import { DateTimeSchema, UuidSchema } from "../../client/wire";

/** `FolderResponse`. */
export const WireFolderSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  organization_id: z.string(),
  /** Declared without a format; Bluejay writes it as a date-time. */
  created_at: DateTimeSchema,
});
export type WireFolder = z.infer<typeof WireFolderSchema>;

/** `FolderCreateRequest`, and `FolderUpdateRequest` (the same one field, required in both). */
export const WireFolderRequestSchema = z.object({ name: z.string() }).strict();

/** `FolderDeleteResponse`. */
export const WireDeletedFolderSchema = z.object({
  folder_id: UuidSchema,
  /** Default "success". */
  status: z.string().optional(),
});

/** The answer of `GET /v1/all-folders`: a bare array. */
export const WireFolderListSchema = z.array(WireFolderSchema);
