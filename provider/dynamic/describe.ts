// Field specs and fix hints derived from a kind's input schema, so a resource module states only what
// is special about its fields: text compares as text, lists of ids as sets, everything else as
// values; each hint says what the input takes.
import { z } from "zod";
import type { FieldSpec, FieldSpecs } from "./fields";

/** The schema under optional/nullable/default/effects wrappers. */
function core(schema: z.ZodTypeAny): z.ZodTypeAny {
  let inner = schema;
  for (;;) {
    if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
      inner = inner.unwrap() as z.ZodTypeAny;
    else if (inner instanceof z.ZodDefault) inner = inner.removeDefault() as z.ZodTypeAny;
    else if (inner instanceof z.ZodEffects) inner = inner.innerType() as z.ZodTypeAny;
    else return inner;
  }
}

/** Every input's spec: strings as text, the rest as values, with `special` overriding per field. */
export function fieldsFor<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape, "strict">,
  special: Partial<Record<keyof Shape & string, FieldSpec>> = {},
): FieldSpecs<keyof Shape & string> {
  const specs: Record<string, FieldSpec> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    specs[name] = special[name as keyof Shape & string] ?? {
      compare: core(field) instanceof z.ZodString ? "text" : "value",
    };
  }
  return specs as FieldSpecs<keyof Shape & string>;
}

/** What a value of this schema is, for a hint: "a string", "one of 'a' or 'b'", "a list of numbers". */
export function describeType(schema: z.ZodTypeAny): string {
  const inner = core(schema);
  if (inner instanceof z.ZodString) return "a string";
  if (inner instanceof z.ZodNumber) return inner.isInt ? "a whole number" : "a number";
  if (inner instanceof z.ZodBoolean) return "true or false";
  if (inner instanceof z.ZodEnum) {
    const values = (inner.options as string[]).map((v) => JSON.stringify(v));
    return values.length <= 1
      ? values.join("")
      : `one of ${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
  }
  if (inner instanceof z.ZodArray) return `a list of ${plural(describeType(inner.element as z.ZodTypeAny))}`;
  if (inner instanceof z.ZodLiteral) return JSON.stringify(inner.value);
  return "an object in Bluejay's own shape (see its API reference)";
}

function plural(described: string): string {
  if (described === "a string") return "strings";
  if (described === "a whole number") return "whole numbers";
  if (described === "a number") return "numbers";
  if (described === "true or false") return "booleans";
  return `items, each ${described}`;
}

/** One hint per input (adoptId included): `special` overrides the generated "Set x to …" hints. */
export function hintsFor<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape, "strict">,
  required: readonly string[],
  special: Partial<Record<(keyof Shape & string) | "adoptId", string>>,
): Record<(keyof Shape & string) | "adoptId", string> {
  const hints: Record<string, string> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    hints[name] =
      special[name as keyof Shape & string] ??
      `Set ${name} to ${describeType(field)}${required.includes(name) ? "" : ", or leave it out"}.`;
  }
  hints.adoptId =
    special.adoptId ?? "Set adoptId to the id of an existing resource of this kind, or leave it out.";
  return hints;
}

/** The named values of an entity, absent ones left out: a kind's outputs. */
export function pick(entity: object, names: readonly string[]): Record<string, unknown> {
  const source = entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = source[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}
