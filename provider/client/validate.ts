// Arguments are checked with zod before anything is sent; a failure names each bad field, in words a
// person acts on ("title must be a string", "name is required") whatever schema found it: the
// client's input schemas come from Bluejay's wire schemas, which carry no messages of their own.
import { z, type ZodType, type ZodTypeDef } from "zod";
import { BluejayInputError } from "./errors";

const TYPE_WORDS: Partial<Record<string, string>> = {
  string: "a string",
  number: "a number",
  integer: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

/**
 * Messages for the issues zod words in its own terms ("Expected string, received number"); a message a
 * schema sets itself (`invalid_type_error`, say) reaches this as `defaultError` and is kept.
 */
export const errorMap: z.ZodErrorMap = (issue, ctx) => {
  const zodWords = ctx.defaultError === "Required" || /^Expected .+, received .+$/.test(ctx.defaultError);
  if (issue.code === z.ZodIssueCode.invalid_type && zodWords) {
    if (issue.received === "undefined") return { message: "is required" };
    const expected = TYPE_WORDS[issue.expected];
    if (expected) return { message: `must be ${expected}` };
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys && ctx.defaultError.startsWith("Unrecognized key")) {
    return { message: `has no field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}` };
  }
  return { message: ctx.defaultError };
};

export function parse<T>(
  operation: string,
  schema: ZodType<T, ZodTypeDef, unknown>,
  value: unknown,
  field?: string,
): T {
  const result = schema.safeParse(value, { errorMap });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = [field, ...issue.path].filter((p) => p !== undefined && p !== "").join(".");
    return `${path || "input"} ${issue.message}`;
  });
  throw new BluejayInputError(operation, problems);
}
