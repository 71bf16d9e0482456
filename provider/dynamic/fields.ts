// How each input of a resource behaves: how two values are compared, whether a change updates in
// place or needs a new resource, and what is sent when the input is removed. Every resource kind
// describes its inputs with these, so diff, update and recovery share one meaning of "changed".
import { containsUnknown } from "./unknown";

/**
 * - `text`: a string Bluejay cannot set back to null: absent, null and "" are the same value.
 * - `set`: a list whose order and repeats do not matter (ids of other resources).
 * - `value`: anything else, compared as JSON; absent and null are the same value.
 */
export type Comparison = "text" | "set" | "value";

export interface FieldSpec {
  compare: Comparison;
  /** A change needs a new resource (Bluejay's update endpoint does not accept this field). */
  replaces?: boolean;
  /**
   * What is sent when the input is removed. Without it Bluejay offers no way to clear the field
   * (it reads null as "leave as is"), so removing the input keeps Bluejay's value and is no change.
   */
  cleared?: unknown;
  /** Stored only as a Pulumi secret; never shown in a message. */
  secret?: boolean;
  /** Bluejay accepts it but never returns it: state keeps what was sent, and refresh cannot see it change. */
  writeOnly?: boolean;
  /**
   * A value no request takes back (a promotion Bluejay cannot undo): while Bluejay holds it, declaring
   * another value is no change; declaring it again where Bluejay no longer holds it is one.
   */
  oneWay?: unknown;
  /**
   * Set by a request after the create (labels, a promotion): a create whose answer was lost is looked
   * for without it, and what is found is then brought to it.
   */
  afterCreate?: boolean;
}

export type FieldSpecs<Name extends string> = Readonly<Record<Name, FieldSpec>>;

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

/** Whether the declared value `next` differs from the recorded value `recorded`. Unknown counts as different. */
export function differs(spec: FieldSpec, recorded: unknown, next: unknown): boolean {
  if (containsUnknown(next)) return true;
  if (spec.oneWay !== undefined && !isAbsent(recorded) && canonical(recorded) === canonical(spec.oneWay)) {
    return false;
  }
  if (isAbsent(next) && spec.cleared === undefined && spec.compare !== "text") return false;
  // Absent on either side is the cleared value: what Bluejay holds when nothing was set.
  const declared = isAbsent(next) ? spec.cleared : next;
  const held = isAbsent(recorded) ? spec.cleared : recorded;
  switch (spec.compare) {
    case "text":
      return textOf(held) !== textOf(declared);
    case "set":
      return !sameSet(held, declared);
    case "value":
      // A removed input must clear exactly; a declared one need only be contained in what Bluejay holds.
      return isAbsent(next) ? canonical(held) !== canonical(declared) : !contains(held, declared);
  }
}

/** The value to send for a declared input: itself, or what clears the field when it was removed. */
export function sentValue(spec: FieldSpec, next: unknown): unknown {
  if (!isAbsent(next)) return next;
  return spec.cleared ?? (spec.compare === "text" ? "" : undefined);
}

/** Bluejay cannot store "no text" once some was set, so absent, null and "" all mean none. */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function sameSet(a: unknown, b: unknown): boolean {
  const left = new Set(listOf(a).map(canonical));
  const right = new Set(listOf(b).map(canonical));
  return left.size === right.size && [...left].every((item) => right.has(item));
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Whether `held` holds everything `declared` says. Inside a value (a digital human's traits, say), keys
 * that were not declared are Bluejay's defaults, not a change: an object matches when every declared
 * key matches; lists match item by item.
 */
function contains(held: unknown, declared: unknown): boolean {
  if (Array.isArray(declared)) {
    return (
      Array.isArray(held) && held.length === declared.length && declared.every((d, i) => contains(held[i], d))
    );
  }
  if (declared !== null && typeof declared === "object") {
    if (held === null || typeof held !== "object" || Array.isArray(held)) return false;
    const have = held as Record<string, unknown>;
    return Object.entries(declared).every(
      ([key, value]) => value === undefined || contains(have[key], value),
    );
  }
  return canonical(held) === canonical(declared);
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal; absent and null are alike. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/**
 * Whether what Bluejay holds matches every declared input: "is this the thing that was sent". Inputs
 * Bluejay never returns, and those set only after the create, cannot be judged and are left out.
 */
export function matchesDeclared(
  fields: FieldSpecs<string>,
  recorded: Record<string, unknown>,
  declared: Record<string, unknown>,
): boolean {
  return Object.entries(fields).every(
    ([name, spec]) =>
      spec.writeOnly === true || spec.afterCreate === true || !differs(spec, recorded[name], declared[name]),
  );
}
