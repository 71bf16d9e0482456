// A zod schema in one plain form (a type, whether it is required, whether it may be null), for code
// that reads the package's schemas as data: the contract test holds them to Bluejay's OpenAPI
// description, and the package schema (scripts/lib/package-schema.ts) describes them to Pulumi.
import { z } from "zod";

/** A type in the plain form both the document and zod are brought to. */
export type Shape =
  | { kind: "string"; format?: "uuid" }
  | { kind: "integer" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "enum"; values: string[] }
  | { kind: "array"; items: Shape }
  | { kind: "object"; fields: Record<string, { shape: Shape; required: boolean; nullable: boolean }> }
  | { kind: "map" }
  | { kind: "any" }
  | { kind: "union"; members: Shape[] };

export interface Nullable {
  shape: Shape;
  nullable: boolean;
}

export interface ZodField extends Nullable {
  required: boolean;
}

/** A zod schema in the plain form, its wrappers (optional, nullable, default, refinements) unwrapped. */
export function fromZod(schema: z.ZodTypeAny): ZodField {
  let inner = schema;
  let required = true;
  let nullable = false;
  for (;;) {
    if (inner instanceof z.ZodOptional) {
      required = false;
      inner = inner.unwrap() as z.ZodTypeAny;
    } else if (inner instanceof z.ZodNullable) {
      nullable = true;
      inner = inner.unwrap() as z.ZodTypeAny;
    } else if (inner instanceof z.ZodDefault) {
      required = false;
      inner = inner.removeDefault() as z.ZodTypeAny;
    } else if (inner instanceof z.ZodEffects) {
      inner = inner.innerType() as z.ZodTypeAny;
    } else break;
  }
  return { shape: zodShape(inner), required, nullable };
}

function zodShape(schema: z.ZodTypeAny): Shape {
  if (schema instanceof z.ZodString) {
    const uuid = schema._def.checks.some(
      (c) => c.kind === "uuid" || (c.kind === "regex" && /\[0-9a-f\]\{8\}/.test(String(c.regex))),
    );
    return uuid ? { kind: "string", format: "uuid" } : { kind: "string" };
  }
  if (schema instanceof z.ZodNumber) return schema.isInt ? { kind: "integer" } : { kind: "number" };
  if (schema instanceof z.ZodBoolean) return { kind: "boolean" };
  if (schema instanceof z.ZodEnum) return { kind: "enum", values: [...(schema.options as string[])].sort() };
  if (schema instanceof z.ZodLiteral) return { kind: "enum", values: [String(schema.value)] };
  if (schema instanceof z.ZodArray)
    return { kind: "array", items: fromZod(schema.element as z.ZodTypeAny).shape };
  if (schema instanceof z.ZodRecord) return { kind: "map" };
  if (schema instanceof z.ZodUnion) {
    return { kind: "union", members: (schema.options as z.ZodTypeAny[]).map((o) => fromZod(o).shape) };
  }
  if (schema instanceof z.ZodObject) {
    const fields: Record<string, ZodField> = {};
    for (const [name, field] of Object.entries(schema.shape as z.ZodRawShape)) fields[name] = fromZod(field);
    return { kind: "object", fields };
  }
  return { kind: "any" };
}
