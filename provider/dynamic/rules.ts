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
