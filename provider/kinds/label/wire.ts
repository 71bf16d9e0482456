// Bluejay's agent labels on the wire (snake_case), as its OpenAPI description gives them:
// `POST|GET /v1/agents/{agent_id}/labels` (`CreateLabelBody`; a list, filtered by substring with `q`)
// and `GET|PUT|DELETE /v1/agents/{agent_id}/labels/{label_id}` (`UpdateLabelBody`), answering
// `LabelPydantic`.
//
// The traps: a label lives under its agent (every path names it); `id` and `created_at` are declared
// nullable; `label_id` is declared a plain string (a UUID in practice); the reserved names
// (`production`, `latest`) are refused as a create's or a rename's name; a label a prompt or
// knowledge-base version still carries cannot be deleted; the delete's answer is undeclared.
import { z } from "zod";
import { DateTimeSchema, UuidSchema } from "../../client/wire";

/** `CreateLabelBody`. */
export const WireCreateLabelSchema = z.object({ label_text: z.string() }).strict();

/** `UpdateLabelBody`: a rename. */
export const WireUpdateLabelSchema = z.object({ label_text: z.string() }).strict();

/** `LabelPydantic`: what create, read, update and the list's items answer. */
export const WireLabelSchema = z.object({
  id: UuidSchema.nullable().optional(),
  created_at: DateTimeSchema.nullable().optional(),
  agent_id: z.number().int(),
  label_text: z.string(),
  /** The prompt version that carries it, if any. */
  prompt_id: UuidSchema.nullable().optional(),
  /** The knowledge-base version that carries it, if any. */
  knowledge_base_id: UuidSchema.nullable().optional(),
  color: z.string().nullable().optional(),
});
export type WireLabel = z.infer<typeof WireLabelSchema>;

/** `GET /v1/agents/{agent_id}/labels`: an array of `LabelPydantic`. */
export const WireLabelListSchema = z.array(WireLabelSchema);

/** The delete's answer: declared as any JSON value. */
export const WireDeletedLabelSchema = z.unknown();
