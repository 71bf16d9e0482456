// `check`: validates a resource's declared inputs with its zod schema, with no HTTP call. Values not
// yet known during preview are never rejected; every failure names the property and the fix.
import { z } from "zod";
import { containsUnknown, isUnknown } from "./unknown";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome {
  /** The inputs to record: normalized when valid (null and absent dropped), as given otherwise. */
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** What `check` needs to know about a resource kind. */
export interface CheckSpec {
  /** The resource's name, e.g. `Community`. */
  kind: string;
  /** Every input (adoptId included), as a strict zod object. */
  schema: z.ZodObject<z.ZodRawShape, "strict">;
  /** One fix hint per input, appended to each failure for it. */
  hints: Readonly<Record<string, string>>;
  /** Inputs whose values are secrets: a failure names them but never shows what was given. */
  secrets: ReadonlySet<string>;
}

/** A list of thousands of bad ids must not become thousands of lines. */
const MAX_FAILURES = 20;
/** Keys Pulumi adds to every dynamic resource's inputs; not the user's. */
const RESERVED = new Set(["__provider"]);

export function checkInputs(spec: CheckSpec, news: Record<string, unknown>): CheckOutcome {
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (!RESERVED.has(key) && value !== undefined && value !== null) candidate[key] = value;
  }
  const result = spec.schema.safeParse(candidate);
  if (result.success) {
    // Unknown values pass through untouched; fully known inputs come back as the schema made them.
    return { inputs: containsUnknown(candidate) ? candidate : result.data, failures: [] };
  }
  // One failure per property: zod may find several things wrong with one value (Infinity is not a
  // whole number, and too large); the first says enough.
  const seen = new Set<string>();
  const failures = result.error.issues
    .filter((issue) => !aboutUnknown(candidate, issue))
    .flatMap((issue) => describe(spec, issue, candidate))
    .filter((failure) => !seen.has(failure.property) && seen.add(failure.property));
  if (failures.length === 0) return { inputs: candidate, failures };
  if (failures.length <= MAX_FAILURES) return { inputs: candidate, failures };
  const rest = failures.length - MAX_FAILURES;
  const property = failures[MAX_FAILURES]!.property.replace(/\[.*$/, "");
  const summary = { property, reason: `${property} has ${rest} more problems like those above.` };
  return { inputs: candidate, failures: [...failures.slice(0, MAX_FAILURES), summary] };
}

/** An issue about a value that is not known yet is not a failure: the value may yet be right. */
function aboutUnknown(root: unknown, issue: z.ZodIssue): boolean {
  let value = root;
  for (const key of issue.path) {
    if (isUnknown(value)) return true;
    if (!isContainer(value) || !Object.prototype.hasOwnProperty.call(value, key)) return false;
    value = (value as Record<string | number, unknown>)[key];
  }
  // A refinement over a whole list that holds unknowns (are its ids distinct?) cannot be judged yet.
  return isUnknown(value) || (issue.code === "custom" && containsUnknown(value));
}

const isContainer = (value: unknown): value is object => value !== null && typeof value === "object";

function describe(spec: CheckSpec, issue: z.ZodIssue, inputs: Record<string, unknown>): CheckFailure[] {
  if (issue.code === "invalid_union") {
    const inner = issue.unionErrors[0]?.issues ?? [];
    if (inner.length > 0) return inner.flatMap((i) => describe(spec, i, inputs));
  }
  if (issue.code === "unrecognized_keys") {
    const names = Object.keys(spec.hints);
    return issue.keys.map((key) => {
      const property = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      return {
        property,
        reason: `${property} is not a ${spec.kind} input${suggest(key, names)}. ${spec.kind} accepts ${names.join(", ")}.`,
      };
    });
  }
  const property = formatPath(issue.path);
  const hint = spec.hints[String(issue.path[0])] ?? "";
  // zod's own words for these repeat the whole received value; ours show it once, shortened.
  const message =
    issue.code === "invalid_enum_value"
      ? `must be ${oneOf(issue.options)}`
      : issue.code === "invalid_literal"
        ? `must be ${JSON.stringify(issue.expected)}`
        : issue.message;
  const got =
    (issue.code === "invalid_type" && issue.received === "undefined") ||
    spec.secrets.has(String(issue.path[0]))
      ? ""
      : ` (got ${show(valueAt(inputs, issue.path))})`;
  return [{ property, reason: `${property} ${message}${got}. ${hint}`.trim() }];
}

function oneOf(options: readonly (string | number)[]): string {
  const values = options.map((o) => JSON.stringify(o));
  return values.length <= 1
    ? values.join("")
    : `one of ${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

/** `digitalHumanIds[2]`, the way Pulumi prints property paths. */
export function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isContainer(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A value as the user wrote it, shortened: numbers as numbers (NaN, Infinity), text quoted. */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === "number" || typeof value === "bigint") text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function suggest(key: string, names: string[]): string {
  const lower = key.toLowerCase().replace(/[_-]/g, "");
  const near = names.find((name) => {
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
