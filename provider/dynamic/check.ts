// `check`: validates a resource's declared inputs with its zod schema, with no HTTP call. Values not
// yet known during preview are never rejected; every failure names the property, the rule and the
// fix, and never the value: Pulumi's dynamic-provider host hands `check` plain values, so any of them
// may be a secret the program wrapped.
import { z } from "zod";
import { errorMap } from "../client/validate";
import type { InputRule } from "./kind";
import { containsUnknown, isUnknown } from "./unknown";

export interface CheckFailure {
  /**
   * Always "": Pulumi prints the value of a failure that names a top-level property (`property x
   * value … has a problem`), so the property is named in `reason` instead, where no value follows.
   */
  property: "";
  /** Starts with the property's path, e.g. `digitalHumanIds[2] repeats 7 …`. */
  reason: string;
  /** The property's path (`digitalHumanIds[2]`): for tests and callers; Pulumi does not read it. */
  path: string;
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
  /** Every input (adoptId included), as a strict zod object, with the kind's rules across inputs. */
  schema: z.ZodType<Record<string, unknown>>;
  /** One fix hint per input, appended to each failure for it. */
  hints: Readonly<Record<string, string>>;
  /** Rules over several inputs, judged once the inputs each reads are known and valid on their own. */
  rules?: readonly InputRule[];
}

/** A list of thousands of bad ids must not become thousands of lines. */
const MAX_FAILURES = 20;
/** Keys Pulumi adds to every dynamic resource's inputs; not the user's. */
const RESERVED = new Set(["__provider"]);

export function checkInputs(
  spec: CheckSpec,
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
): CheckOutcome {
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (!RESERVED.has(key) && value !== undefined && value !== null) candidate[key] = value;
  }
  const result = spec.schema.safeParse(candidate, { errorMap });
  const issues = result.success ? [] : result.error.issues;
  const broken = brokenByRules(spec, result.success ? result.data : candidate, olds, issues);
  if (result.success && broken.length === 0) {
    // Unknown values pass through untouched; fully known inputs come back as the schema made them.
    return { inputs: containsUnknown(candidate) ? candidate : result.data, failures: tooLarge(candidate) };
  }
  // One failure per property: zod may find several things wrong with one value (Infinity is not a
  // whole number, and too large); the first says enough.
  const seen = new Set<string>();
  const failures = [
    ...issues.filter((issue) => !aboutUnknown(candidate, issue)).flatMap((issue) => describe(spec, issue)),
    ...broken,
  ].filter((failure) => !seen.has(failure.path) && seen.add(failure.path));
  if (failures.length === 0) return { inputs: candidate, failures };
  if (failures.length <= MAX_FAILURES) return { inputs: candidate, failures };
  const rest = failures.length - MAX_FAILURES;
  const path = failures[MAX_FAILURES]!.path.replace(/\[.*$/, "");
  const summary = failure(path, `${path} has ${rest} more problems like those above.`);
  return { inputs: candidate, failures: [...failures.slice(0, MAX_FAILURES), summary] };
}

/**
 * The failures of the kind's rules over several inputs. A rule is judged only when every input it
 * reads is known (a preview may not know them yet) and passed its own schema, so it sees valid values.
 */
function brokenByRules(
  spec: CheckSpec,
  inputs: Record<string, unknown>,
  olds: Record<string, unknown>,
  issues: readonly z.ZodIssue[],
): CheckFailure[] {
  const invalid = new Set(issues.map((issue) => String(issue.path[0])));
  return (spec.rules ?? [])
    .filter((rule) => rule.reads.every((name) => !invalid.has(name) && !containsUnknown(inputs[name])))
    .flatMap((rule) => rule.problems(inputs, olds))
    .map(({ path: at, message }) => {
      const path = formatPath(at);
      return failure(path, `${path} ${message}. ${spec.hints[String(at[0])] ?? ""}`.trim());
    });
}

function failure(path: string, reason: string): CheckFailure {
  return { property: "", reason, path };
}

/** Bluejay refuses a request body over this (its gateway answers 413): checked at preview instead. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** The inputs that make a request body too large for Bluejay, largest first, or none. */
function tooLarge(inputs: Record<string, unknown>): CheckFailure[] {
  const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "");
  const total = bytes(inputs);
  if (total <= MAX_REQUEST_BYTES) return [];
  const [largest, size] = Object.entries(inputs)
    .map(([name, value]) => [name, bytes(value)] as const)
    .sort((a, b) => b[1] - a[1])[0]!;
  return [
    failure(
      largest,
      `${largest} is ${size.toLocaleString("en")} bytes, which makes the request ${total.toLocaleString("en")} bytes: ` +
        `Bluejay refuses a request body over 1 MiB (${MAX_REQUEST_BYTES.toLocaleString("en")} bytes). Shorten ${largest}.`,
    ),
  ];
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

function describe(spec: CheckSpec, issue: z.ZodIssue): CheckFailure[] {
  if (issue.code === "invalid_union") {
    const inner = issue.unionErrors[0]?.issues ?? [];
    if (inner.length > 0) return inner.flatMap((i) => describe(spec, i));
  }
  if (issue.code === "unrecognized_keys" && issue.path.length > 0) {
    // A key inside an input's value: the input's hint says what the value takes.
    const path = formatPath(issue.path);
    const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
    const hint = spec.hints[String(issue.path[0])] ?? "";
    return [failure(path, `${path} does not take ${keys}. ${hint}`.trim())];
  }
  if (issue.code === "unrecognized_keys") {
    const names = Object.keys(spec.hints);
    return issue.keys.map((key) => {
      const path = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      return failure(
        path,
        `${path} is not a ${spec.kind} input${suggest(key, names)}. ${spec.kind} accepts ${names.join(", ")}.`,
      );
    });
  }
  const path = formatPath(issue.path);
  const hint = spec.hints[String(issue.path[0])] ?? "";
  // zod's own words for these repeat the received value, which may be a secret: ours do not.
  const message =
    issue.code === "invalid_enum_value"
      ? `must be ${oneOf(issue.options)}`
      : issue.code === "invalid_literal"
        ? `must be ${JSON.stringify(issue.expected)}`
        : issue.message;
  return [failure(path, `${path} ${message}. ${hint}`.trim())];
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
