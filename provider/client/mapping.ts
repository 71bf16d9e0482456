// The one place that translates between Bluejay's snake_case wire shapes and the package's camelCase
// ones: top-level keys are renamed mechanically (nested values, such as a digital human's traits,
// keep Bluejay's own shape), and null, which Bluejay uses for "none", becomes an absent key.
import { z } from "zod";

export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Uppercase<Head> ? (Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`) : Head}${SnakeCase<Tail>}`
  : S;

/** A wire shape with camelCase keys and no nulls. */
export type Camelized<T> = { [K in keyof T as CamelCase<K & string>]: Exclude<T[K], null> };
/** A camelCase shape with Bluejay's snake_case keys. */
export type Snaked<T> = { [K in keyof T as SnakeCase<K & string>]: T[K] };
/** A zod object shape with camelCase keys. */
export type CamelShape<Shape extends z.ZodRawShape> = {
  [K in keyof Shape as CamelCase<K & string>]: Shape[K];
};

/**
 * A key renamer that remembers what it renamed: the keys are a schema's field names, a few hundred
 * at most, and renaming them with a regular expression on every request was a measurable part of
 * the provider's CPU time per resource (bench/provider-cpu.ts). It stops remembering at a bound.
 */
function remembered(rename: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let renamed = known.get(key);
    if (renamed === undefined) {
      renamed = rename(key);
      if (known.size < 10_000) known.set(key, renamed);
    }
    return renamed;
  };
}

export const toCamel = remembered((key) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()));
export const toSnake = remembered((key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** A wire object in camelCase, nulls dropped. */
export function camelize<T extends object>(wire: T): Camelized<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) {
    if (value !== null && value !== undefined) out[toCamel(key)] = value;
  }
  // The keys were renamed exactly as `Camelized` renames them.
  return out as Camelized<T>;
}

/** A camelCase object in Bluejay's snake_case, undefined dropped (null is kept: it means "leave as is"). */
export function snakeize<T extends object>(camel: T): Snaked<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(camel)) {
    if (value !== undefined) out[toSnake(key)] = value;
  }
  return out as Snaked<T>;
}

/** A wire request schema with camelCase keys: the client's input schemas come from the wire ones. */
export function camelSchema<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape, "strict">,
): z.ZodObject<CamelShape<Shape>, "strict"> {
  const shape: z.ZodRawShape = {};
  for (const [key, value] of Object.entries(schema.shape)) shape[toCamel(key)] = value;
  return z.object(shape).strict() as unknown as z.ZodObject<CamelShape<Shape>, "strict">;
}
