// Arguments are checked with zod before anything is sent; a failure names each bad field.
import type { ZodType, ZodTypeDef } from "zod";
import { BluejayInputError } from "./errors";

export function parse<T>(
  operation: string,
  schema: ZodType<T, ZodTypeDef, unknown>,
  value: unknown,
  field?: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = [field, ...issue.path].filter((p) => p !== undefined && p !== "").join(".");
    return `${path || "input"} ${issue.message}`;
  });
  throw new BluejayInputError(operation, problems);
}
