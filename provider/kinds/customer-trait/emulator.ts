// The emulator's double of Bluejay's customer traits: a trait belongs to an agent that must exist;
// its default is converted to its data type ("will be converted based on data_type"), and one that
// does not convert is refused as pydantic refuses a value (422, `value_error`); the list filters by
// agent; delete answers a confirmation.
import {
  Answer,
  given,
  isSet,
  notFound,
  routes,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Customer trait not found";

/** `YYYY-MM-DD`, and a real calendar day. */
function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * The default converted to the data type as Bluejay stores it (JSONB), or undefined when it does not
 * convert: text that reads as a number or a boolean converts, a date must be `YYYY-MM-DD`.
 */
function convert(dataType: unknown, value: unknown): unknown {
  if (!isSet(value)) return null;
  switch (dataType) {
    case "BOOLEAN":
      if (typeof value === "boolean") return value;
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
        return value.trim().toLowerCase() === "true";
      }
      return undefined;
    case "NUMBER": {
      if (typeof value === "number") return value;
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case "STRING":
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : undefined;
    case "DATE":
      return typeof value === "string" && isDate(value) ? value : undefined;
    default:
      return undefined;
  }
}

/** pydantic's answer to a value its validator refuses. */
function notConvertible(dataType: unknown, value: unknown): Answer {
  return new Answer(422, {
    detail: [
      {
        type: "value_error",
        loc: ["body", "default_value"],
        msg: `Value error, default_value cannot be converted to ${String(dataType)}`,
        input: value,
        ctx: { error: {} },
      },
    ],
  });
}

function create(body: Json, context: Context): Json | Answer {
  if (!context.of("agents").has(body.agent_id as number)) {
    return notFound(`Agent ${String(body.agent_id)} not found`);
  }
  const defaultValue = convert(body.data_type, body.default_value);
  if (defaultValue === undefined) return notConvertible(body.data_type, body.default_value);
  return { ...body, default_value: defaultValue };
}

/** Null or absent fields are left as they are; a new data type converts the kept default, or refuses. */
function update(trait: Json, request: Request): Answer | void {
  const fields = given(request);
  const dataType = fields.data_type ?? trait.data_type;
  const sentDefault = "default_value" in fields;
  const defaultValue = convert(dataType, sentDefault ? fields.default_value : trait.default_value);
  if (defaultValue === undefined) {
    if (sentDefault) return notConvertible(dataType, fields.default_value);
    return new Answer(400, {
      detail: `The trait's default value cannot be converted to ${String(dataType)}: send a default_value of that type`,
    });
  }
  Object.assign(trait, fields, { default_value: defaultValue });
}

export const customerTraitDouble: EmulatedKind = {
  file: "customer_traits",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-customer-trait", create),
    routes.get("GET /v1/customer-trait/{trait_id}", MISSING),
    routes.update("PUT /v1/update-customer-trait/{trait_id}", MISSING, update),
    routes.remove("DELETE /v1/customer-trait/{trait_id}", MISSING, {
      answer: (trait) => ({ message: "Customer trait deleted successfully", deleted_trait_id: trait.id }),
    }),
    routes.list(
      "GET /v1/customer-traits",
      ({ query }, { records }) =>
        records.all(isSet(query.agent_id) ? (trait) => trait.agent_id === query.agent_id : undefined),
      (traits) => ({ traits, total_count: traits.length }),
    ),
  ],
};
