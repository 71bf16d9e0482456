// The operations the emulator serves: every route of every kind's double (provider/kinds/*/emulator.ts),
// each bound to its operation in Bluejay's OpenAPI description. A request is validated with the
// document (path, query and body, reported together in one FastAPI 422, in that order) before the
// kind's handler sees it, and a 200 answer leaves in the document's response shape.
import type { EmulatedKind, Json, Request } from "./kit";
import { Answer, type Context } from "./kit";
import type { Contract, Operation } from "./openapi";
import { validateBody, validateParams, type FastApiFieldError } from "./validation";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** A request as the router hands it to a route: raw path parameters, query and body text. */
export interface RawRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: string;
}

export interface Route {
  method: Method;
  /** Bluejay's path template, e.g. `/v1/community/{community_id}`. */
  path: string;
  /** The kind whose double serves it (`Community`). */
  kind: string;
  /** That kind's plural (`communities`): where its records are. */
  plural: string;
  pattern: RegExp;
  paramNames: string[];
  handle(request: RawRequest, context: Omit<Context, "records" | "deleteUnder">): Answer;
}

/**
 * Every route of the given doubles, each checked against the document: a route it lacks fails here.
 * `plural` names the records a double's handlers see as `records` (the runs' routes see the
 * simulations they run).
 */
export function buildRoutes(
  doubles: readonly { kind: string; plural: string; double: Pick<EmulatedKind, "routes" | "under"> }[],
  contract: Contract,
): Route[] {
  /** The kinds that live under each kind, by its plural. */
  const below = new Map<string, { plural: string; field: string }[]>();
  for (const { plural, double } of doubles) {
    if (double.under)
      below.set(double.under.plural, [
        ...(below.get(double.under.plural) ?? []),
        { plural, field: double.under.field },
      ]);
  }
  return doubles.flatMap(({ kind, plural, double }) =>
    double.routes.map((kindRoute) => {
      const [method, path] = kindRoute.route.split(" ") as [Method, string];
      const operation = contract.operation(method, path);
      return {
        method,
        path,
        kind,
        plural,
        pattern: new RegExp(`^${path.replace(/\{\w+\}/g, "([^/]+)")}$`),
        paramNames: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        handle: (raw, context) => {
          const validated = validate(operation, raw);
          if (validated instanceof Answer) return validated;
          // What lives under a deleted record goes with it, and what lives under that, in turn.
          const deleteUnder = (owner: string, record: Json): void => {
            for (const child of below.get(owner) ?? []) {
              const records = context.of(child.plural);
              for (const owned of records.all((r) => r[child.field] === record.id)) {
                records.delete(owned.id);
                deleteUnder(child.plural, owned);
              }
            }
          };
          const answer = kindRoute.handle(validated, {
            ...context,
            records: context.of(plural),
            deleteUnder: (record) => deleteUnder(plural, record),
          });
          return answer.status === 200
            ? new Answer(200, contract.shape(answer.body, operation.answer))
            : answer;
        },
      };
    }),
  );
}

/** The request's path, query and body, checked with the operation's schemas; a 422 lists every problem. */
function validate(operation: Operation, raw: RawRequest): Request | Answer {
  const errors: FastApiFieldError[] = [];
  const params = validateParams("path", raw.params, operation.params);
  if (!params.ok) errors.push(...params.errors);
  const queryValues: Record<string, string | undefined> = {};
  for (const name of Object.keys(operation.query)) queryValues[name] = raw.query.get(name) ?? undefined;
  const query = validateParams("query", queryValues, operation.query);
  if (!query.ok) errors.push(...query.errors);
  // An optional body left out is the document's default (FastAPI's), and no field counts as sent.
  const none = operation.bodyWhenNone !== undefined && raw.body.trim() === "";
  const text = none ? JSON.stringify(operation.bodyWhenNone) : raw.body;
  const body = operation.body ? validateBody(text, operation.body) : ({ ok: true, value: {} } as const);
  if (!body.ok) errors.push(...body.errors);
  if (!params.ok || !query.ok || !body.ok) return new Answer(422, { detail: errors });
  // The raw body parsed as an object to pass validation: its own keys are the fields sent.
  const sent = new Set(operation.body && !none ? Object.keys(JSON.parse(raw.body) as object) : []);
  return { params: params.value, query: query.value, body: body.value, sent };
}
