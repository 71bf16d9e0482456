// Shapes shared by every Bluejay operation: ids, and FastAPI's error bodies.
import { z } from "zod";

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A community id: Bluejay declares `community_id` path parameters as `format: uuid`. */
export const CommunityIdSchema = z
  .string({ invalid_type_error: "must be a string UUID" })
  .regex(UUID_RE, "must be a UUID such as 3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10");

/** A digital human (test case) id: Bluejay uses integers. */
export const DigitalHumanIdSchema = z
  .number({ invalid_type_error: "must be a number" })
  .int("must be a whole number")
  .positive("must be a positive integer")
  .max(Number.MAX_SAFE_INTEGER, "is too large");

/** FastAPI's `ValidationError` and `HTTPValidationError` (the 422 body). */
export const FieldErrorSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;
export const ValidationErrorBodySchema = z.object({ detail: z.array(FieldErrorSchema) });

/** FastAPI's `HTTPException` body: `{"detail": "..."}`. */
export const DetailBodySchema = z.object({ detail: z.string() });

/** An update body's shape from a create body's: every field optional, and null means "leave as is". */
export function updatable<Shape extends z.ZodRawShape>(
  shape: Shape,
): { [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> } {
  const out: z.ZodRawShape = {};
  for (const [key, field] of Object.entries(shape)) out[key] = field.nullable().optional();
  return out as { [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> };
}
