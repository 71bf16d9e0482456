// Bluejay's integer ids (agents, simulations, digital humans), checked before they go into a path.
import { z } from "zod";

export const IntegerIdSchema = z
  .number({ invalid_type_error: "must be a number" })
  .int("must be a whole number")
  .positive("must be a positive integer")
  .max(Number.MAX_SAFE_INTEGER, "is too large");

/** An id Bluejay sends as an integer in one answer and as text in another, as a number. */
export function integerId(value: string | number | null | undefined): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
