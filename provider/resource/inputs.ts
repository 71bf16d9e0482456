// The Community resource's inputs: their zod schema and `check`, which validates them without any
// HTTP call. During preview any input may be Pulumi's unknown sentinel; those are never rejected.
import { z } from "zod";
import { CommunityIdSchema, DigitalHumanIdSchema } from "../client/schemas";

/** The value Pulumi passes to dynamic providers for an input not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

const orUnknown = <T extends z.ZodTypeAny>(schema: T) => z.union([schema, z.literal(UNKNOWN)]);

/** Fix hints, one per input, appended to every failure for that input. */
const HINTS = {
  title: 'Set title to a non-empty string, e.g. title: "Support line callers".',
  description: "Set description to a string, or leave it out.",
  digitalHumanIds: "Use a list of distinct positive whole-number digital human ids, e.g. [101, 102].",
  adoptId:
    "Set adoptId to the UUID of an existing Bluejay community (listCommunities() shows them), or leave it out.",
} as const;
export type InputName = keyof typeof HINTS;
export const INPUT_NAMES = Object.keys(HINTS) as InputName[];

export const CommunityInputsSchema = z
  .object({
    title: orUnknown(
      z
        .string({ required_error: "is required", invalid_type_error: "must be a string" })
        .refine((s) => s.trim().length > 0, "must not be empty or blank"),
    ),
    description: orUnknown(z.string({ invalid_type_error: "must be a string" })).nullish(),
    digitalHumanIds: orUnknown(
      z
        .array(orUnknown(DigitalHumanIdSchema), { invalid_type_error: "must be a list of numbers" })
        .superRefine((ids, ctx) => {
          const seen = new Map<unknown, number>();
          ids.forEach((id, index) => {
            if (isUnknown(id)) return;
            const first = seen.get(id);
            if (first === undefined) seen.set(id, index);
            else
              ctx.addIssue({
                code: "custom",
                path: [index],
                message: `repeats ${String(id)} (also at [${first}])`,
              });
          });
        }),
    ).nullish(),
    adoptId: orUnknown(CommunityIdSchema).nullish(),
  })
  .strict();

export interface CheckFailure {
  property: string;
  reason: string;
}

/** Validates raw inputs; returns normalized inputs or failures naming each bad property. */
export function checkInputs(news: Record<string, unknown>): {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
} {
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(news)) {
    if (key !== "__provider") candidate[key] = news[key];
  }
  const result = CommunityInputsSchema.safeParse(candidate);
  if (result.success) {
    const inputs: Record<string, unknown> = {};
    for (const name of INPUT_NAMES) {
      const value = result.data[name];
      if (value !== undefined && value !== null) inputs[name] = value;
    }
    return { inputs, failures: [] };
  }
  const failures = result.error.issues.flatMap((issue) => toFailures(issue, candidate));
  if (failures.length <= MAX_FAILURES) return { inputs: candidate, failures };
  // A list of thousands of bad ids must not become thousands of lines.
  const rest = failures.length - MAX_FAILURES;
  const property = failures[MAX_FAILURES]!.property.replace(/\[.*$/, "");
  const summary = { property, reason: `${property} has ${rest} more problems like those above.` };
  return { inputs: candidate, failures: [...failures.slice(0, MAX_FAILURES), summary] };
}

const MAX_FAILURES = 20;

function toFailures(issue: z.ZodIssue, inputs: Record<string, unknown>): CheckFailure[] {
  if (issue.code === "invalid_union") {
    // A union with the unknown sentinel failed: report why the real schema rejected the value.
    return issue.unionErrors[0]!.issues.flatMap((inner) => toFailures(inner, inputs));
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const property = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      return {
        property,
        reason: `${property} is not a Community input${suggest(key)}. Community accepts ${INPUT_NAMES.join(", ")}.`,
      };
    });
  }
  const property = formatPath(issue.path);
  const top = String(issue.path[0]) as InputName;
  const got =
    issue.code === "invalid_type" && issue.received === "undefined"
      ? ""
      : ` (got ${show(valueAt(inputs, issue.path))})`;
  return [{ property, reason: `${property} ${issue.message}${got}. ${HINTS[top] ?? ""}`.trim() }];
}

/** `digitalHumanIds[2]`, the way Pulumi prints property paths. */
function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, key))
      return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function suggest(key: string): string {
  const lower = key.toLowerCase().replace(/[_-]/g, "");
  const near = INPUT_NAMES.find((name) => {
    const n = name.toLowerCase();
    return n === lower || editDistance(n, lower) <= 2;
  });
  return near ? ` (did you mean ${near}?)` : "";
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
