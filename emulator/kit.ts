// What a kind's double in the emulator is made of: where its records are kept, the operations it
// serves, and the few functions where Bluejay does more than store, answer and forget. Each kind's
// double sits in its folder (provider/kinds/<kind>/emulator.ts) and uses only this module: it takes
// no shape from the client. Requests reach a handler validated by Bluejay's OpenAPI description
// (emulator/openapi.ts), and a 200 answer leaves in the document's response shape.
import { randomUUID } from "crypto";

/** A JSON object: a validated request body, or a stored record. */
export type Json = Record<string, unknown>;
/** A stored record: a JSON object with Bluejay's id. */
export type StoredRecord = Json & { id: string | number };

/** What a handler answers: a status and a JSON body (a 200's is shaped by the document). */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers?: Record<string, string>,
  ) {}
}

/** A request as a handler receives it: path, query and body, validated by the document. */
export interface Request {
  params: Json;
  query: Json;
  /** The body with the document's defaults filled in, as pydantic makes it. */
  body: Json;
  /** The body fields the client sent (pydantic's `model_fields_set`): an update changes only these. */
  sent: ReadonlySet<string>;
}

/** The records of one kind. Every read hands out a copy. */
export interface Records<R extends Json = StoredRecord> {
  readonly size: number;
  all(filter?: (record: R) => boolean): R[];
  get(id: string | number): R | undefined;
  has(id: string | number): boolean;
  /** Stores a new record under a new id (a UUID, or the next whole number) and returns it. */
  add(record: Omit<R, "id">): R;
  /** Changes a record in place; undefined when there is none with that id. */
  modify(id: string | number, change: (record: R) => void): R | undefined;
  /** Changes every record `change` reports as changed. */
  modifyAll(change: (record: R) => boolean): void;
  delete(id: string | number): R | undefined;
}

export interface Context {
  /** The emulator's clock (shifted by `clockOffsetMs`). */
  now(): Date;
  /** Now as a record's `created_at`: ISO 8601 in UTC, with or without the offset (`naiveTimestamps`). */
  timestamp(): string;
  /** This kind's records. */
  records: Records;
  /** Another kind's records, by its plural (`agents`, `digitalHumans`). */
  of(plural: string): Records;
  /** Deletes what lives under this kind's `record`: the records of every kind whose double is `under` it. */
  deleteUnder(record: Json): void;
}

/** One operation a kind serves: `POST /v1/create-folder` and its handler. */
export interface KindRoute {
  /** `METHOD /path/{param}`, exactly as Bluejay's OpenAPI description writes it. */
  route: string;
  /** The answer: `ok(value)` is shaped by the document's 200 schema; other statuses go as they are. */
  handle(request: Request, context: Context): Answer;
}

export interface EmulatedKind {
  /** Where its records are kept in the data file, e.g. `digital_humans`. */
  file: string;
  /** How Bluejay makes its ids: UUIDs, or whole numbers from a counter. */
  ids: "uuid" | "integer";
  routes: readonly KindRoute[];
  /**
   * Where its records live under another kind's in Bluejay's paths (a label under
   * `/v1/agents/{agent_id}`): that kind's plural, and the field holding its id. They belong to it:
   * deleting that record deletes them.
   */
  under?: { plural: string; field: string };
}

/** The organization every emulated record belongs to. */
export const ORGANIZATION_ID = "0b1ee000-0000-4000-8000-00000000b1e1";

// ---- answers ----

export const ok = (body: unknown): Answer => new Answer(200, body);
export const notFound = (detail: string): Answer => new Answer(404, { detail });
export const conflict = (detail: string): Answer => new Answer(409, { detail });

// ---- reading validated values ----
// The document has already checked each value's type: these only say which type, for the compiler.

export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
export const whole = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
export const ints = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === "number") : [];
export const isSet = (value: unknown): boolean => value !== undefined && value !== null;

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** An integer id sent as text (Bluejay declares some so). */
export function idFromText(value: unknown): number | undefined {
  return typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value.trim()) : undefined;
}

/** The first of `ids` the records do not hold, if any. */
export function firstMissing(records: Records, ids: number[]): number | undefined {
  return ids.find((id) => !records.has(id));
}

/**
 * The fields a request sent with a value: what an update changes. Bluejay reads null and absent as
 * "leave as is", and a default the document declares is not a value the client sent.
 */
export function given(request: Request, except: readonly string[] = []): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(request.body)) {
    if (request.sent.has(key) && isSet(value) && !except.includes(key)) out[key] = value;
  }
  return out;
}

// ---- the usual operations ----

/** The value of a route's id: its last path parameter (the others name a parent, as `agent_id` does). */
function idParam(request: Request): string | number {
  const values = Object.values(request.params);
  const value = values[values.length - 1];
  if (typeof value !== "string" && typeof value !== "number") throw new Error("this route takes no id");
  return value;
}

/**
 * The record a route's path names: by its id, and under the parent its other parameters name (a label
 * of another agent is not found under this one).
 */
export function recordOf(request: Request, records: Records): StoredRecord | undefined {
  const record = records.get(idParam(request));
  if (!record) return undefined;
  const parents = Object.entries(request.params).slice(0, -1);
  return parents.every(([name, value]) => record[name] === value) ? record : undefined;
}

export const routes = {
  /** A create: the record `build` makes from the body, under a new id, with `created_at` now. */
  create(
    route: string,
    build: (body: Json, context: Context) => Json | Answer = (body) => body,
    answer: (record: Json) => unknown = (r) => r,
  ): KindRoute {
    return {
      route,
      handle: ({ body }, context) => {
        // A create takes the body with the document's defaults filled in, as pydantic hands it over.
        const made = build(body, context);
        if (isAnswer(made)) return made;
        return ok(answer(context.records.add({ created_at: context.timestamp(), ...made })));
      },
    };
  },
  /** A read by id. */
  get(route: string, missing: string, answer: (record: Json) => unknown = (r) => r): KindRoute {
    return {
      route,
      handle: (request, { records }) => {
        const record = recordOf(request, records);
        return record ? ok(answer(record)) : notFound(missing);
      },
    };
  },
  /** An update by id: fields sent with a value replace the stored ones (`apply` for more). */
  update(
    route: string,
    missing: string,
    apply: (record: Json, request: Request, context: Context) => Answer | void = (record, request) =>
      void Object.assign(record, given(request)),
    answer: (record: Json) => unknown = (r) => r,
  ): KindRoute {
    return {
      route,
      handle: (request, context) => {
        const id = recordOf(request, context.records)?.id;
        if (id === undefined) return notFound(missing);
        let refused: Answer | undefined;
        const record = context.records.modify(
          id,
          (r) => void (refused = apply(r, request, context) ?? undefined),
        );
        if (refused) return refused;
        return record ? ok(answer(record)) : notFound(missing);
      },
    };
  },
  /** A delete by id: `refuse` may answer instead (something still depends on it); `after` unlinks what referred to it. */
  remove(
    route: string,
    missing: string,
    options: {
      refuse?: (record: Json, context: Context) => Answer | undefined;
      after?: (record: Json, context: Context) => void;
      answer?: (record: Json) => unknown;
    } = {},
  ): KindRoute {
    return {
      route,
      handle: (request, context) => {
        const record = recordOf(request, context.records);
        if (!record) return notFound(missing);
        const refused = options.refuse?.(record, context);
        if (refused) return refused;
        context.records.delete(record.id);
        context.deleteUnder(record);
        options.after?.(record, context);
        return ok((options.answer ?? ((r) => r))(record));
      },
    };
  },
  /** A list: every record, or what `select` picks; `answer` wraps the items. */
  list(
    route: string,
    select: (request: Request, context: Context) => Json[] | Answer = (_r, { records }) => records.all(),
    answer: (items: Json[], request: Request) => unknown = (items) => items,
  ): KindRoute {
    return {
      route,
      handle: (request, context) => {
        const items = select(request, context);
        return isAnswer(items) ? items : ok(answer(items, request));
      },
    };
  },
  /** Any other operation. */
  custom(route: string, handle: KindRoute["handle"]): KindRoute {
    return { route, handle };
  },
};

function isAnswer(value: unknown): value is Answer {
  return value instanceof Answer;
}

/** A new UUID id, as Bluejay makes them. */
export const newUuid = (): string => randomUUID();
