// Request validation with FastAPI's (pydantic v2) error shapes, so the emulator's 422 bodies look
// like Bluejay's: {"detail": [{"type", "loc", "msg", "input"}]}.

export interface FastApiFieldError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
}

type FieldKind = "str" | "int-list";
interface FieldSpec {
  kind: FieldKind;
  required: boolean;
  nullable: boolean;
}
export type BodySpec = Record<string, FieldSpec>;

export const CREATE_COMMUNITY: BodySpec = {
  title: { kind: "str", required: true, nullable: false },
  description: { kind: "str", required: false, nullable: true },
  digital_human_ids: { kind: "int-list", required: false, nullable: true },
};
export const UPDATE_COMMUNITY: BodySpec = {
  title: { kind: "str", required: false, nullable: true },
  description: { kind: "str", required: false, nullable: true },
  digital_human_ids: { kind: "int-list", required: false, nullable: true },
};
export const ADD_TO_COMMUNITY: BodySpec = {
  digital_human_ids: { kind: "int-list", required: true, nullable: false },
};

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Parses a `format: uuid` path parameter into Bluejay's canonical lower-case, hyphenated form. */
export function parseUuidParam(
  name: string,
  raw: string,
): { ok: true; value: string } | { ok: false; error: FastApiFieldError } {
  if (UUID_RE.test(raw)) {
    const hex = raw.replace(/-/g, "").toLowerCase();
    const value = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { ok: true, value };
  }
  return {
    ok: false,
    error: {
      type: "uuid_parsing",
      loc: ["path", name],
      msg: "Input should be a valid UUID, invalid character or length",
      input: raw,
    },
  };
}

/** Parses an optional integer query parameter. */
export function parseIntQuery(
  name: string,
  raw: string | null,
): { ok: true; value?: number } | { ok: false; error: FastApiFieldError } {
  if (raw === null || raw === "") return { ok: true };
  const int = coerceInt(raw);
  if (int.ok) return { ok: true, value: int.value };
  return { ok: false, error: { ...int.error, loc: ["query", name], input: raw } };
}

/** Validates a JSON body against a spec; returns the coerced body or FastAPI field errors. */
export function validateBody(
  raw: string,
  spec: BodySpec,
): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FastApiFieldError[] } {
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
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
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
  const input = body as Record<string, unknown>;
  const errors: FastApiFieldError[] = [];
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    const present = Object.prototype.hasOwnProperty.call(input, name);
    const v = present ? input[name] : undefined;
    if (!present) {
      if (field.required) errors.push({ type: "missing", loc: ["body", name], msg: "Field required", input });
      continue;
    }
    if (v === null) {
      if (field.nullable) value[name] = null;
      else errors.push(typeError(field.kind, ["body", name], v));
      continue;
    }
    if (field.kind === "str") {
      if (typeof v === "string") value[name] = v;
      else errors.push(typeError("str", ["body", name], v));
      continue;
    }
    if (!Array.isArray(v)) {
      errors.push(typeError("int-list", ["body", name], v));
      continue;
    }
    const ints: number[] = [];
    v.forEach((item, i) => {
      const int = coerceInt(item);
      if (int.ok) ints.push(int.value);
      else errors.push({ ...int.error, loc: ["body", name, i], input: item });
    });
    value[name] = ints;
  }
  // Like pydantic's default, fields the model does not declare are ignored.
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
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

function typeError(kind: FieldKind, loc: (string | number)[], input: unknown): FastApiFieldError {
  return kind === "str"
    ? { type: "string_type", loc, msg: "Input should be a valid string", input }
    : { type: "list_type", loc, msg: "Input should be a valid list", input };
}

function ctx(e: unknown): { ctx: { error: string } } {
  return { ctx: { error: e instanceof Error ? e.message : String(e) } };
}
