// Rules a resource adds to Bluejay's own field types, for inputs checked at preview.
import { z } from "zod";

/** Text that must say something: Bluejay takes "" and "   ", but nothing could find the result again. */
export function nonBlank(what?: string) {
  const why = what ? ` (${what})` : "";
  return z
    .string({ required_error: "is required", invalid_type_error: "must be a string" })
    .refine((s) => s.trim().length > 0, `must not be empty or blank${why}`);
}

/** A list of ids, each at most once: Bluejay stores sets. */
export function distinctIds<T extends z.ZodTypeAny>(item: T) {
  return z.array(item, { invalid_type_error: "must be a list of numbers" }).superRefine((ids, ctx) => {
    const seen = new Map<unknown, number>();
    ids.forEach((id: unknown, index) => {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `repeats the id at [${first}]`,
        });
    });
  });
}

/** Exactly one key of `T`, the others absent: `{ a: A } | { b: B }`. */
export type OneOf<T> = {
  [K in keyof T]-?: { [P in K]-?: Exclude<T[P], undefined> } & { [P in Exclude<keyof T, K>]?: never };
}[keyof T];

/**
 * A union told apart by its one key (`{ daily: … }` or `{ cron: … }`): an object that takes exactly
 * one of the keys of `shape`. None, or two at once, is refused naming them; `what` is what it is
 * ("a schedule"), for the message.
 */
export function exactlyOne<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
  const names = Object.keys(shape);
  const optional: z.ZodRawShape = {};
  for (const [name, field] of Object.entries(shape)) optional[name] = field.optional();
  const schema = z
    .object(optional, { invalid_type_error: `must be an object with one of ${listed(names, "or")}` })
    .strict()
    .superRefine((value, ctx) => {
      const set = names.filter((name) => value[name] !== undefined);
      if (set.length === 1) return;
      ctx.addIssue({
        code: "custom",
        message:
          set.length === 0
            ? `must set one of ${listed(names, "or")}`
            : `sets ${listed(set, "and")} at once, but ${what} is exactly one of ${listed(names, "or")}`,
      });
    });
  // The object zod checks is the union TypeScript sees: exactly one key is ever let through.
  return schema as unknown as z.ZodType<
    OneOf<z.output<z.ZodObject<Shape>>>,
    z.ZodTypeDef,
    OneOf<z.input<z.ZodObject<Shape>>>
  >;
}

/** "a, b or c". */
function listed(items: readonly string[], last: "and" | "or"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

/**
 * The labels Bluejay keeps for itself: `latest` always marks an agent's newest version, and
 * `production` moves only by a promotion. Refused as a label's name, in any case.
 */
export const RESERVED_LABELS = ["production", "latest"] as const;

export const isReservedLabel = (name: string): boolean =>
  (RESERVED_LABELS as readonly string[]).includes(name.trim().toLowerCase());

/** A label's name: some text, not one Bluejay reserves. */
export function labelName() {
  return nonBlank().refine(
    (name) => !isReservedLabel(name),
    `is a label Bluejay reserves (${RESERVED_LABELS.map((l) => JSON.stringify(l)).join(" and ")})`,
  );
}
