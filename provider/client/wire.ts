// Wire shapes every kind shares: ids, timestamps, free-form objects, update bodies, and FastAPI's
// error bodies. Each kind's own wire schemas live in its folder (provider/kinds/*/wire.ts).
import { z } from "zod";

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID id (communities, custom metrics, folders): checked before it goes into a path. */
export const UuidSchema = z
  .string({ invalid_type_error: "must be a string UUID" })
  .regex(UUID_RE, "must be a UUID such as 3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10");

/** A whole-number id (agents, simulations, digital humans): checked before it goes into a path. */
export const IntegerIdSchema = z
  .number({ invalid_type_error: "must be a number" })
  .int("must be a whole number")
  .positive("must be a positive integer")
  .max(Number.MAX_SAFE_INTEGER, "is too large");

/** A list's filter by the agent its items belong to, or none: Bluejay's optional `?agent_id=`. */
export const AgentFilterSchema = z.object({ agentId: IntegerIdSchema.optional() }).strict();

/** The query of an `AgentFilterSchema` filter: `agent_id` when an agent is named, else none. */
export function agentQuery({ agentId }: z.infer<typeof AgentFilterSchema>): {
  query?: Record<string, string>;
} {
  return agentId === undefined ? {} : { query: { agent_id: String(agentId) } };
}

/** An id Bluejay sends as an integer in one answer and as text in another, as a number. */
export function integerId(value: string | number | null | undefined): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * ISO 8601 as a FastAPI service writes it: with an offset (`Z`, `+00:00`), or naive, which pydantic
 * writes for a datetime without a zone; a `T` or a space between date and time; any fraction.
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A `date-time` answer, in one form: a naive time is taken as UTC (JavaScript would read it as local
 * time), so every timestamp the package hands out carries its offset.
 */
export const DateTimeSchema = z.string().transform((text, ctx) => {
  const match = DATE_TIME.exec(text);
  const normalized = match ? `${match[1]}T${match[2]}${match[3] ? match[3].toUpperCase() : "Z"}` : "";
  if (!match || Number.isNaN(Date.parse(normalized))) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time" });
    return z.NEVER;
  }
  return normalized;
});

/** A JSON object of any shape (Bluejay's `dict[str, Any]`). */
export const FreeObjectSchema = z.record(z.unknown());

/** An update body's shape from a create body's: every field optional, and null means "leave as is". */
export function updatable<Shape extends z.ZodRawShape>(
  shape: Shape,
): { [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> } {
  const out: z.ZodRawShape = {};
  for (const [key, field] of Object.entries(shape)) out[key] = field.nullable().optional();
  return out as { [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> };
}

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
