// Request validation with FastAPI's (pydantic v2) error shapes, so the emulator's 422 bodies look
// like Bluejay's: {"detail": [{"type", "loc", "msg", "input", "ctx"?}]}.
//
// A spec is built from small typed validators (`str()`, `int()`, `list(...)`, `model(...)`, ...) and
// fields (`required`, `optional`, `withDefault`, ...); validating returns a value typed from the spec,
// so handlers never cast a request body. Like pydantic's defaults: lax coercion ("7" is an int,
// "true" a bool), unknown fields ignored, every error of a request reported at once.

export interface FastApiFieldError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

export type Loc = (string | number)[];
export type Parsed<T> = { ok: true; value: T } | { ok: false };

/** Validates one value at `loc`, pushing FastAPI field errors; returns the coerced value. */
export interface Validator<T> {
  parse(input: unknown, loc: Loc, errors: FastApiFieldError[]): Parsed<T>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const FAILED: Parsed<never> = { ok: false };

function fail(errors: FastApiFieldError[], error: FastApiFieldError): Parsed<never> {
  errors.push(error);
  return FAILED;
}

// ---- scalar validators ----

/**
 * pydantic's `str`, with the document's `minLength` and `maxLength` (counted in characters) and
 * `pattern` (a regular expression it must match somewhere), checked in that order.
 */
export function str(rules: { min?: number; max?: number; pattern?: string } = {}): Validator<string> {
  const expression = rules.pattern === undefined ? undefined : new RegExp(rules.pattern, "u");
  return {
    parse(input, loc, errors) {
      if (typeof input !== "string") {
        return fail(errors, { type: "string_type", loc, msg: "Input should be a valid string", input });
      }
      const length = [...input].length;
      const plural = (n: number) => `${n} character${n === 1 ? "" : "s"}`;
      if (rules.min !== undefined && length < rules.min) {
        return fail(errors, {
          type: "string_too_short",
          loc,
          msg: `String should have at least ${plural(rules.min)}`,
          input,
          ctx: { min_length: rules.min },
        });
      }
      if (rules.max !== undefined && length > rules.max) {
        return fail(errors, {
          type: "string_too_long",
          loc,
          msg: `String should have at most ${plural(rules.max)}`,
          input,
          ctx: { max_length: rules.max },
        });
      }
      if (expression && !expression.test(input)) {
        return fail(errors, {
          type: "string_pattern_mismatch",
          loc,
          msg: `String should match pattern '${rules.pattern}'`,
          input,
          ctx: { pattern: rules.pattern },
        });
      }
      return ok(input);
    },
  };
}

interface Bounds {
  /** >= */
  ge?: number;
  /** > */
  gt?: number;
  /** <= */
  le?: number;
}

export function int(bounds: Bounds = {}): Validator<number> {
  return {
    parse(input, loc, errors) {
      const int = coerceInt(input);
      if (!int.ok) return fail(errors, { ...int.error, loc, input });
      return checkBounds(int.value, bounds, loc, input, errors);
    },
  };
}

/** pydantic's `float`: numbers, and strings that parse as one. */
export function num(bounds: Bounds = {}): Validator<number> {
  return {
    parse(input, loc, errors) {
      let value: number | undefined;
      if (typeof input === "number" && Number.isFinite(input)) value = input;
      else if (typeof input === "string") {
        const n = input.trim() === "" ? NaN : Number(input.trim());
        if (!Number.isFinite(n)) {
          return fail(errors, {
            type: "float_parsing",
            loc,
            msg: "Input should be a valid number, unable to parse string as a number",
            input,
          });
        }
        value = n;
      }
      if (value === undefined) {
        return fail(errors, { type: "float_type", loc, msg: "Input should be a valid number", input });
      }
      return checkBounds(value, bounds, loc, input, errors);
    },
  };
}

const TRUE_STRINGS = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE_STRINGS = new Set(["0", "off", "f", "false", "n", "no"]);

/** pydantic's lax `bool`: booleans, 0 and 1, and strings such as "true", "no", "on". */
export function bool(): Validator<boolean> {
  return {
    parse(input, loc, errors) {
      if (typeof input === "boolean") return ok(input);
      if (input === 0 || input === 1) return ok(input === 1);
      if (typeof input === "string") {
        const s = input.trim().toLowerCase();
        if (TRUE_STRINGS.has(s)) return ok(true);
        if (FALSE_STRINGS.has(s)) return ok(false);
      }
      if (typeof input === "string" || typeof input === "number") {
        return fail(errors, {
          type: "bool_parsing",
          loc,
          msg: "Input should be a valid boolean, unable to interpret input",
          input,
        });
      }
      return fail(errors, { type: "bool_type", loc, msg: "Input should be a valid boolean", input });
    },
  };
}

/** A Python `Enum` (error type `enum`); `literal(...)` is the same check for inline `Literal`s. */
export function enumOf<const V extends string>(values: readonly V[]): Validator<V> {
  return oneOf(values, "enum");
}

export function literal<const V extends string>(...values: V[]): Validator<V> {
  return oneOf(values, "literal_error");
}

function oneOf<V extends string>(values: readonly V[], type: string): Validator<V> {
  const expected = expectedList(values);
  return {
    parse(input, loc, errors) {
      const match = values.find((v) => v === input);
      if (match !== undefined) return ok(match);
      return fail(errors, { type, loc, msg: `Input should be ${expected}`, input, ctx: { expected } });
    },
  };
}

/** "'a'", "'a' or 'b'", "'a', 'b' or 'c'", as pydantic words it. */
function expectedList(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A UUID, returned in canonical lower-case hyphenated form. */
export function uuid(): Validator<string> {
  return {
    parse(input, loc, errors) {
      if (typeof input !== "string") {
        return fail(errors, {
          type: "uuid_type",
          loc,
          msg: "UUID input should be a string, bytes or UUID object",
          input,
        });
      }
      if (!UUID_RE.test(input)) {
        return fail(errors, {
          type: "uuid_parsing",
          loc,
          msg: "Input should be a valid UUID, invalid character or length",
          input,
        });
      }
      const hex = input.replace(/-/g, "").toLowerCase();
      return ok(
        `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      );
    },
  };
}

/** `Any`: every JSON value, null included. */
export function anyValue(): Validator<unknown> {
  return { parse: (input) => ok(input) };
}

// ---- containers ----

export function list<T>(item: Validator<T>): Validator<T[]> {
  return {
    parse(input, loc, errors) {
      if (!Array.isArray(input)) {
        return fail(errors, { type: "list_type", loc, msg: "Input should be a valid list", input });
      }
      const out: T[] = [];
      let failed = false;
      input.forEach((element: unknown, i) => {
        const parsed = item.parse(element, [...loc, i], errors);
        if (parsed.ok) out.push(parsed.value);
        else failed = true;
      });
      return failed ? FAILED : ok(out);
    },
  };
}

/** A `dict[str, T]` (`dict[str, Any]` with `anyValue()`). */
export function dict<T>(value: Validator<T>): Validator<Record<string, T>> {
  return {
    parse(input, loc, errors) {
      if (!isPlainObject(input)) {
        return fail(errors, { type: "dict_type", loc, msg: "Input should be a valid dictionary", input });
      }
      const out: Record<string, T> = {};
      let failed = false;
      for (const [key, element] of Object.entries(input)) {
        const parsed = value.parse(element, [...loc, key], errors);
        if (parsed.ok) out[key] = parsed.value;
        else failed = true;
      }
      return failed ? FAILED : ok(out);
    },
  };
}

/**
 * A union of models tried in order, like pydantic's smart union: the first member that accepts the
 * value wins; when none does, every member's errors are reported, each under the member's name.
 */
export function union<M extends Record<string, Validator<unknown>>>(
  members: M,
): Validator<{ [K in keyof M]: M[K] extends Validator<infer T> ? T : never }[keyof M]> {
  type Out = { [K in keyof M]: M[K] extends Validator<infer T> ? T : never }[keyof M];
  const entries = Object.entries(members);
  return {
    parse(input, loc, errors) {
      const collected: FastApiFieldError[] = [];
      for (const [name, member] of entries) {
        const memberErrors: FastApiFieldError[] = [];
        const parsed = member.parse(input, [...loc, name], memberErrors);
        if (parsed.ok && memberErrors.length === 0) return ok(parsed.value as Out);
        collected.push(...memberErrors);
      }
      errors.push(...collected);
      return FAILED;
    },
  };
}

// ---- models ----

type Presence = "required" | "optional" | "default";

/** One field of a model: its validator, whether it may be absent or null, and its default. */
export interface Field<T, P extends Presence> {
  readonly validator: Validator<unknown>;
  readonly presence: P;
  readonly nullable: boolean;
  /** Used when the field is absent and `presence` is "default". */
  readonly fallback?: () => T;
  /** Phantom: the field's value type. */
  readonly _type?: T;
}

/** Must be present; null is an error. */
export function required<T>(validator: Validator<T>): Field<T, "required"> {
  return { validator, presence: "required", nullable: false };
}

/** Must be present, but may be null (pydantic `X | None` without a default). */
export function requiredNullable<T>(validator: Validator<T>): Field<T | null, "required"> {
  return { validator, presence: "required", nullable: true };
}

/** May be absent (then absent from the value) or null (pydantic `X | None = None`). */
export function optional<T>(validator: Validator<T>): Field<T | null, "optional"> {
  return { validator, presence: "optional", nullable: true };
}

/** Filled with `value` when absent; null is accepted only when `nullable` (pydantic `X | None = value`). */
export function withDefault<T>(validator: Validator<T>, value: T): Field<T, "default">;
export function withDefault<T>(
  validator: Validator<T>,
  value: T | null,
  nullable: true,
): Field<T | null, "default">;
export function withDefault<T>(
  validator: Validator<T>,
  value: T | null,
  nullable = false,
): Field<T | null, "default"> {
  return { validator, presence: "default", nullable, fallback: () => structuredClone(value) };
}

export type Fields = Record<string, Field<unknown, Presence>>;
type FieldValue<F> = F extends Field<infer T, Presence> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value a model validator returns: optional fields are absent when they were not sent. */
export type ModelValue<S extends Fields> = Simplify<
  { [K in keyof S as S[K] extends Field<unknown, "optional"> ? never : K]: FieldValue<S[K]> } & {
    [K in keyof S as S[K] extends Field<unknown, "optional"> ? K : never]?: FieldValue<S[K]>;
  }
>;

export interface ModelValidator<S extends Fields> extends Validator<ModelValue<S>> {
  readonly name: string;
  readonly fields: S;
}

/** A pydantic model: an object with these fields; undeclared fields are ignored. */
export function model<S extends Fields>(name: string, fields: S): ModelValidator<S> {
  return {
    name,
    fields,
    parse(input, loc, errors) {
      if (!isPlainObject(input)) {
        return fail(errors, {
          type: "model_type",
          loc,
          msg: `Input should be a valid dictionary or instance of ${name}`,
          input,
          ctx: { class_name: name },
        });
      }
      return parseFields(fields, input, loc, errors);
    },
  };
}

function parseFields<S extends Fields>(
  fields: S,
  input: Record<string, unknown>,
  loc: Loc,
  errors: FastApiFieldError[],
): Parsed<ModelValue<S>> {
  const value: Record<string, unknown> = {};
  let failed = false;
  for (const [name, field] of Object.entries(fields)) {
    const at = [...loc, name];
    if (!Object.prototype.hasOwnProperty.call(input, name)) {
      if (field.presence === "required") {
        errors.push({ type: "missing", loc: at, msg: "Field required", input });
        failed = true;
      } else if (field.presence === "default" && field.fallback) {
        value[name] = field.fallback();
      }
      continue;
    }
    const v = input[name];
    if (v === null && field.nullable) {
      value[name] = null;
      continue;
    }
    const parsed = field.validator.parse(v, at, errors);
    if (parsed.ok) value[name] = parsed.value;
    else failed = true;
  }
  // The value was built field by field from `fields`, so it has the shape ModelValue<S> describes.
  return failed ? FAILED : ok(value as ModelValue<S>);
}

// ---- entry points: bodies, path parameters, query parameters ----

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FastApiFieldError[] };

/** Validates a raw JSON body against a model; returns the typed body or FastAPI field errors. */
export function validateBody<S extends Fields>(
  raw: string,
  spec: ModelValidator<S>,
): ValidationResult<ModelValue<S>> {
  if (raw.trim() === "") {
    return { ok: false, errors: [{ type: "missing", loc: ["body"], msg: "Field required", input: null }] };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    return {
      ok: false,
      errors: [{ type: "json_invalid", loc: ["body", 0], msg: "JSON decode error", input: {}, ...ctx(e) }],
    };
  }
  if (!isPlainObject(body)) {
    return {
      ok: false,
      errors: [
        {
          type: "model_attributes_type",
          loc: ["body"],
          msg: "Input should be a valid dictionary or object to extract fields from",
          input: body,
        },
      ],
    };
  }
  const errors: FastApiFieldError[] = [];
  const parsed = parseFields(spec.fields, body, ["body"], errors);
  return parsed.ok && errors.length === 0 ? { ok: true, value: parsed.value } : { ok: false, errors };
}

/**
 * Validates path or query parameters (raw strings; a query parameter sent empty counts as absent)
 * against fields; errors are reported at `[where, name]`.
 */
export function validateParams<S extends Fields>(
  where: "path" | "query",
  raw: Record<string, string | undefined>,
  fields: S,
): ValidationResult<ModelValue<S>> {
  const present: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined && value !== "") present[name] = value;
  const errors: FastApiFieldError[] = [];
  const parsed = parseFields(fields, present, [where], errors);
  // A missing parameter's error carries no input, as FastAPI reports it for parameters.
  for (const error of errors) if (error.type === "missing") error.input = null;
  return parsed.ok && errors.length === 0 ? { ok: true, value: parsed.value } : { ok: false, errors };
}

// ---- helpers ----

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkBounds(
  value: number,
  bounds: Bounds,
  loc: Loc,
  input: unknown,
  errors: FastApiFieldError[],
): Parsed<number> {
  if (bounds.gt !== undefined && !(value > bounds.gt)) {
    return fail(errors, {
      type: "greater_than",
      loc,
      msg: `Input should be greater than ${bounds.gt}`,
      input,
      ctx: { gt: bounds.gt },
    });
  }
  if (bounds.ge !== undefined && !(value >= bounds.ge)) {
    return fail(errors, {
      type: "greater_than_equal",
      loc,
      msg: `Input should be greater than or equal to ${bounds.ge}`,
      input,
      ctx: { ge: bounds.ge },
    });
  }
  if (bounds.le !== undefined && !(value <= bounds.le)) {
    return fail(errors, {
      type: "less_than_equal",
      loc,
      msg: `Input should be less than or equal to ${bounds.le}`,
      input,
      ctx: { le: bounds.le },
    });
  }
  return ok(value);
}

function coerceInt(v: unknown): { ok: true; value: number } | { ok: false; error: FastApiFieldError } {
  if (typeof v === "number" && Number.isFinite(v)) {
    if (Number.isInteger(v)) return { ok: true, value: v };
    return {
      ok: false,
      error: {
        type: "int_from_float",
        loc: [],
        msg: "Input should be a valid integer, got a number with a fractional part",
      },
    };
  }
  if (typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v)) return { ok: true, value: Number(v.trim()) };
  if (typeof v === "string") {
    return {
      ok: false,
      error: {
        type: "int_parsing",
        loc: [],
        msg: "Input should be a valid integer, unable to parse string as an integer",
      },
    };
  }
  return { ok: false, error: { type: "int_type", loc: [], msg: "Input should be a valid integer" } };
}

function ctx(e: unknown): { ctx: { error: string } } {
  return { ctx: { error: e instanceof Error ? e.message : String(e) } };
}
