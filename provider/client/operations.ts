// The operations of one Bluejay kind (create, get, update, delete, list), built from the kind's API
// description (`ApiSpec`, one per kind in provider/kinds/<kind>/kind.ts): arguments are parsed with zod
// before anything is sent, the id fills the path, the answer is validated and mapped to the
// package's camelCase entity. Every kind shares this; a kind's description only says where its part
// of Bluejay's API is irregular.
import type { z } from "zod";
import {
  BluejayApiError,
  BluejayInputError,
  BluejayPartialCreateError,
  BluejayResponseError,
  asError,
  type ResourceRef,
} from "./errors";
import { snakeize } from "./mapping";
import type { CallSpec } from "./transport";
import { parse } from "./validate";

/** A zod schema from unknown input to `T`. */
export type Schema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;
export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** How operations reach Bluejay: plain calls, and creates (never blindly sent twice). */
export interface Requester {
  call<T>(spec: CallSpec<T>): Promise<T>;
  create<T>(kind: string, spec: CallSpec<T>): Promise<T>;
}

/** An operation's place in Bluejay's API, e.g. `GET /v1/folder/{folder_id}`. */
export interface Endpoint {
  method: Method;
  /** Bluejay's path template. Its one `{param}`, if any, takes the id (for a list: the filter's). */
  path: string;
}

export interface CreateSpec<Entity, Input, Answer> extends Endpoint {
  /** What `create` takes (camelCase, strict): the client's input schema. */
  input: Schema<Input>;
  /** The body on the wire (snake_case, strict): every body is checked with it before it is sent. */
  wire: Schema<unknown>;
  /** The wire body for the parsed input; by default its keys in snake_case. */
  body?(input: Input): unknown;
  answer: Schema<Answer>;
  /** The created entity, when the answer is one. */
  entity?(answer: Answer): Entity;
  /** When Bluejay answers only the new id: read the entity back; `keep` is what only this answer has. */
  readBack?: { id(answer: Answer): string | number; keep?(answer: Answer): Partial<Entity> };
}

export interface ReadSpec<Entity, Wire> extends Endpoint {
  answer: Schema<Wire>;
  /** The entity of an answer; `id` is the one asked for (some answers leave it out). */
  entity(wire: Wire, id: string | number): Entity;
}

export interface UpdateSpec<Entity, Input, Answer> extends Endpoint {
  /** What `update` takes: the fields to change, camelCase, strict. */
  input: Schema<Input>;
  /** The body on the wire (snake_case, strict): every body is checked with it before it is sent. */
  wire: Schema<unknown>;
  /** The wire body; by default the patch's keys in snake_case (the id travels in the path). */
  body?(id: string | number, patch: Input): unknown;
  /** Whether sending it twice does no harm (a PUT is; Bluejay's one update by POST is too). */
  idempotent?: boolean;
  answer: Schema<Answer>;
  /** The updated entity, when the answer is one; absent: it is read back. */
  entity?(answer: Answer, id: string | number): Entity;
}

export interface DeleteSpec<Answer = unknown> extends Endpoint {
  answer: Schema<Answer>;
  /** Bluejay's words when a 200 answer says the delete did not happen: then it is not taken as done. */
  failed?(answer: Answer): string | undefined;
}

/**
 * An operation beyond create, read, update, delete and list: a label delta, a promotion. Its path
 * may hold, besides a scope's parameter, one `{param}`: the target the caller names (a version).
 */
export interface ActionSpec<Input, Answer, Result> extends Endpoint {
  /** What it takes (camelCase, strict). */
  input: Schema<Input>;
  /** The body on the wire (snake_case, strict), checked before it is sent; absent: no body. */
  wire?: Schema<unknown>;
  /** The wire body; by default the input's keys in snake_case. */
  body?(input: Input): unknown;
  /** Its query, from the input. */
  query?(input: Input): Record<string, string>;
  /** Whether sending it twice does no harm (a POST that moves a label is; one that makes something is not). */
  idempotent?: boolean;
  answer: Schema<Answer>;
  /** What the caller gets from the answer. */
  result(answer: Answer): Result;
}

/** A kind's actions, by name (`addLabels`, `promote`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Actions = Readonly<Record<string, ActionSpec<any, any, any>>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ActionInput<S> = S extends ActionSpec<infer Input, any, any> ? Input : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ActionResult<S> = S extends ActionSpec<any, any, infer Result> ? Result : never;

/** One request of a list: where it goes, and its query. */
export interface ListRequest extends Endpoint {
  query?: Record<string, string>;
  /** The resource a path names (a list by parent), so a 404 can say which. */
  resource?: ResourceRef;
}

export interface ListSpec<Filter, Entity, Answer> {
  /** What `list` takes (camelCase, strict); `{}` lists everything where Bluejay allows it. */
  filter: Schema<Filter>;
  /**
   * Each item carries every field the kind's read answers, as the read answers it (Bluejay's OpenAPI
   * gives both the same schema): the list, with the filter `{}`, can answer many reads at once (a
   * refresh). Leave it out where the items lack a field the read answers.
   */
  whole?: boolean;
  request(filter: Filter): ListRequest;
  answer: Schema<Answer>;
  items(answer: Answer, filter: Filter): Entity[];
  /** A paginated list: every page is read, and a list that does not end is an error, never cut short. */
  pages?: {
    size: number;
    query(page: number, size: number): Record<string, string>;
    total(answer: Answer): number;
    /** The most pages read before the list is taken as one that does not end (default MAX_PAGES). */
    limit?: number;
  };
}

/**
 * An operation's answer type: each operation of a kind answers its own wire shape, checked by its
 * own schema and handed to its own mapping function; the description forgets which once written.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAnswer = any;

/** The API of one kind, as data plus the few functions where Bluejay is irregular. */
export interface ApiSpec<
  Id extends string | number,
  Entity,
  CreateInput,
  UpdateInput,
  Filter,
  Item = Entity,
  Plural extends string = string,
  KindActions extends Actions = Actions,
> {
  /** The resource's name, e.g. `DigitalHuman`: what a lost create's error names. */
  name: string;
  /** As a sentence names it, in lower case: `digital human`. */
  noun: string;
  /** The camelCase plural: `client.digitalHumans`, `listDigitalHumans`, operation names. */
  plural: Plural;
  /** Bluejay's id: checked before it goes into a path. */
  id: Schema<Id>;
  /** Bluejay's id of an entity. */
  idOf(entity: Entity): Id;
  /** The entity field that carries Bluejay's id (`agentId`, `id`), for a partial create. */
  idField: string;
  /**
   * A kind that lives under another in Bluejay's paths (`/v1/agents/{agent_id}/labels/{label_id}`):
   * the path parameter, and the input (and entity) field that holds its value. Every operation but a
   * list then takes that value too; a create reads it from its input.
   */
  scope?: { param: string; field: string };
  create: CreateSpec<Entity, CreateInput, AnyAnswer>;
  /** Absent where Bluejay offers no read (an object whose state only Pulumi keeps). */
  read?: ReadSpec<Entity, AnyAnswer>;
  /** Absent where Bluejay offers no update: every change replaces. */
  update?: UpdateSpec<Entity, UpdateInput, AnyAnswer>;
  delete: DeleteSpec<AnyAnswer>;
  /** Absent where Bluejay offers no list. Its items may carry fewer fields than a read (`Item`). */
  list?: ListSpec<Filter, Item, AnyAnswer>;
  /** Operations beyond those, by name (`op.action` checks each where it is written). */
  actions?: KindActions;
}

/** The type parameters of a kind's API description, read off its members. */
type IdOf<A> = A extends { id: Schema<infer Id> } ? Id : never;
type EntityOf<A> = A extends { idOf(entity: infer Entity): unknown } ? Entity : never;
type CreateInputOf<A> = A extends { create: { input: Schema<infer Input> } } ? Input : never;
type UpdateInputOf<A> = A extends { update?: { input: Schema<infer Input> } } ? Input : never;
type FilterOf<A> = A extends { list?: { filter: Schema<infer Filter> } } ? Filter : never;
type ItemOf<A> = A extends { list?: { items(answer: never, filter: never): (infer Item)[] } } ? Item : never;
type ActionsOf<A> = A extends { actions?: infer KindActions } ? NonNullable<KindActions> & Actions : Actions;

/** The operations class a kind's API description makes. */
export type OperationsOf<A> = KindOperations<
  IdOf<A> & (string | number),
  EntityOf<A>,
  CreateInputOf<A>,
  UpdateInputOf<A>,
  FilterOf<A>,
  ItemOf<A>,
  ActionsOf<A>
>;

/** A kind's API with its types forgotten, for code that handles every kind alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiSpec = ApiSpec<any, any, any, any, any, any, string, any>;

/** Checks a kind's API description where it is written. */
export function defineApi<
  Id extends string | number,
  Entity,
  CreateInput,
  UpdateInput,
  Filter,
  Item,
  Plural extends string,
  KindActions extends Actions = Actions,
>(
  api: ApiSpec<Id, Entity, CreateInput, UpdateInput, Filter, Item, Plural, KindActions>,
): ApiSpec<Id, Entity, CreateInput, UpdateInput, Filter, Item, Plural, KindActions> {
  return api;
}

/**
 * Each operation of a `defineApi` description is written through one of these, so its mapping
 * function is checked against its own answer schema before the description forgets the answer type.
 */
export const op = {
  // An entity type no function of the spec names is left to the description (`never` fits any).
  create: <Input, Answer, Entity = never>(spec: CreateSpec<Entity, Input, Answer>) => spec,
  read: <Wire, Entity = never>(spec: ReadSpec<Entity, Wire>) => spec,
  update: <Input, Answer, Entity = never>(spec: UpdateSpec<Entity, Input, Answer>) => spec,
  list: <Filter, Answer, Item = never>(spec: ListSpec<Filter, Item, Answer>) => spec,
  delete: <Answer>(spec: DeleteSpec<Answer>) => spec,
  action: <Input, Answer, Result>(spec: ActionSpec<Input, Answer, Result>) => spec,
};

/** A safety bound on pages read: far above any real workspace, and an error when reached, never a cut. */
export const MAX_PAGES = 10_000;

/**
 * The path with its parameters filled in: a scope's by name, and the one left with `value` (the id,
 * or a list's filter).
 */
export function fill(
  path: string,
  value: string | number,
  scope?: { param: string; value: string | number },
): string {
  const scoped = scope ? path.replace(`{${scope.param}}`, encodeURIComponent(String(scope.value))) : path;
  return scoped.replace(/\{\w+\}/, encodeURIComponent(String(value)));
}

/** A scope's value, as a path takes it: a whole number or text. */
export type ScopeValue = string | number;

/** `client.folders`, `client.agents`, …: the operations of one kind. */
export class KindOperations<
  Id extends string | number,
  Entity,
  CreateInput,
  UpdateInput,
  Filter,
  Item = Entity,
  KindActions extends Actions = Actions,
> {
  constructor(
    /** The kind's API description. */
    readonly api: ApiSpec<Id, Entity, CreateInput, UpdateInput, Filter, Item, string, KindActions>,
    private readonly requests: Requester,
  ) {}

  /** `communities.get`: how a message names the call. */
  private op(name: string): string {
    return `${this.api.plural}.${name}`;
  }

  /**
   * Creates one. Bluejay has no idempotency key, so the request is sent again only when it provably
   * was not processed; a lost answer throws `BluejayAmbiguousCreateError` for the caller to settle.
   */
  async create(input: CreateInput): Promise<Entity> {
    const spec = this.api.create;
    const parsed = parse(this.op("create"), spec.input, input);
    const scope = this.scopeOf(parsed as Record<string, unknown>);
    // A scoped kind's parent goes into the path, not the body (unless the kind's body says otherwise).
    const sent = scope ? without(parsed as Record<string, unknown>, this.api.scope!.field) : parsed;
    const body = parse(
      this.op("create"),
      spec.wire,
      spec.body ? spec.body(parsed) : snakeize(sent as object),
    );
    const answer: unknown = await this.requests.create(this.api.name, {
      method: spec.method,
      path: scope ? fill(spec.path, "", scope) : spec.path,
      body,
      schema: spec.answer,
    });
    if (spec.entity) return spec.entity(answer);
    const readBack = spec.readBack!;
    const id = readBack.id(answer) as Id;
    const kept = readBack.keep?.(answer) ?? {};
    try {
      return { ...kept, ...(await this.get(id, scope?.value)) };
    } catch (error) {
      // It exists: say so with its id and what was sent, so it is tracked rather than made again.
      const known = { ...(parsed as object), ...kept, [this.api.idField]: id };
      throw new BluejayPartialCreateError(
        this.api.name,
        String(id),
        known,
        asError(error),
        "reading it back",
      );
    }
  }

  /** Reads one by id (and, for a scoped kind, its parent's). */
  async get(id: Id, scope?: ScopeValue): Promise<Entity> {
    const spec = this.api.read;
    if (!spec) throw new Error(`Bluejay offers no way to read a ${this.api.noun}.`);
    const checked = parse(this.op("get"), this.api.id, id, "id");
    const wire: unknown = await this.requests.call({
      method: spec.method,
      path: fill(spec.path, checked, this.scoped("get", scope)),
      schema: spec.answer,
      resource: this.resource(checked),
    });
    return spec.entity(wire, checked);
  }

  /** Updates the fields given (absent: left as they are). */
  async update(id: Id, patch: UpdateInput, scope?: ScopeValue): Promise<Entity> {
    const spec = this.api.update;
    if (!spec) throw new Error(`Bluejay offers no way to update a ${this.api.noun}: a change replaces it.`);
    const checked = parse(this.op("update"), this.api.id, id, "id");
    const fields = parse(this.op("update"), spec.input, patch);
    const inScope = this.scoped("update", scope);
    const answer: unknown = await this.requests.call({
      method: spec.method,
      path: spec.path.includes("{") ? fill(spec.path, checked, inScope) : spec.path,
      body: parse(
        this.op("update"),
        spec.wire,
        spec.body ? spec.body(checked, fields) : snakeize(fields as object),
      ),
      schema: spec.answer,
      resource: this.resource(checked),
      ...(spec.idempotent === undefined ? {} : { idempotent: spec.idempotent }),
    });
    return spec.entity ? spec.entity(answer, checked) : this.get(checked, scope);
  }

  /** Deletes one. */
  async delete(id: Id, scope?: ScopeValue): Promise<void> {
    const spec = this.api.delete;
    const checked = parse(this.op("delete"), this.api.id, id, "id");
    const path = fill(spec.path, checked, this.scoped("delete", scope));
    const answer: unknown = await this.requests.call({
      method: spec.method,
      path,
      schema: spec.answer,
      resource: this.resource(checked),
    });
    const failure = spec.failed?.(answer);
    if (failure !== undefined) {
      // A refusal in a 200's body: told as Bluejay's answer, so a kind's deleteRefusals can say what to do.
      throw new BluejayApiError(
        { method: spec.method, path },
        { status: 200, detail: failure, resource: this.resource(checked) },
      );
    }
  }

  /** Lists them (every page of a paginated list). */
  list(filter?: Filter): Promise<Item[]> {
    const spec = this.api.list;
    if (!spec) return Promise.reject(new Error(`Bluejay offers no way to list ${this.api.noun}s.`));
    return listAll(this.requests, this.op("list"), this.api.noun, spec, filter);
  }

  /**
   * Runs one of the kind's actions on `target` (what its path names besides the scope: a version
   * number), or on none.
   */
  async act<Name extends keyof KindActions & string>(
    name: Name,
    target: string | number | undefined,
    input: ActionInput<KindActions[Name]>,
    scope?: ScopeValue,
  ): Promise<ActionResult<KindActions[Name]>> {
    const spec = this.api.actions?.[name];
    if (!spec) throw new Error(`Bluejay offers no ${name} of a ${this.api.noun}.`);
    const parsed: unknown = parse(this.op(name), spec.input, input);
    const query = spec.query?.(parsed);
    const answer: unknown = await this.requests.call({
      method: spec.method,
      path: fill(spec.path, target ?? "", this.scoped(name, scope)),
      ...(query ? { query } : {}),
      ...(spec.wire
        ? {
            body: parse(this.op(name), spec.wire, spec.body ? spec.body(parsed) : snakeize(parsed as object)),
          }
        : {}),
      schema: spec.answer,
      ...(target === undefined ? {} : { resource: { kind: this.api.noun, id: String(target) } }),
      ...(spec.idempotent === undefined ? {} : { idempotent: spec.idempotent }),
    });
    return spec.result(answer) as ActionResult<KindActions[Name]>;
  }

  private resource(id: Id): ResourceRef {
    return { kind: this.api.noun, id: String(id) };
  }

  /** A create's scope, from its input. */
  private scopeOf(input: Record<string, unknown>): { param: string; value: ScopeValue } | undefined {
    const scope = this.api.scope;
    if (!scope) return undefined;
    return this.scoped("create", input[scope.field] as ScopeValue | undefined);
  }

  /** The scope an operation of a scoped kind needs; none for another kind. */
  private scoped(
    operation: string,
    value: ScopeValue | undefined,
  ): { param: string; value: ScopeValue } | undefined {
    const scope = this.api.scope;
    if (!scope) return undefined;
    if (value === undefined || value === null || value === "") {
      throw new BluejayInputError(this.op(operation), [
        `${scope.field} is required: a ${this.api.noun} lives under one`,
      ]);
    }
    return { param: scope.param, value };
  }
}

/**
 * A list: one request, or every page of a paginated one. A list that does not end is an error, never
 * cut short. Shared by the kinds' lists and the listings'.
 */
async function listAll<Filter, Item>(
  requests: Requester,
  operation: string,
  noun: string,
  spec: ListSpec<Filter, Item, AnyAnswer>,
  filter: Filter | undefined,
): Promise<Item[]> {
  const parsed = parse(operation, spec.filter, filter ?? {});
  const { query, ...endpoint } = spec.request(parsed);
  if (!spec.pages) {
    const answer: unknown = await requests.call({
      ...endpoint,
      ...(query ? { query } : {}),
      schema: spec.answer,
    });
    return spec.items(answer, parsed);
  }
  const entities: Item[] = [];
  const limit = spec.pages.limit ?? MAX_PAGES;
  for (let page = 1; page <= limit; page++) {
    const answer: unknown = await requests.call({
      ...endpoint,
      query: { ...query, ...spec.pages.query(page, spec.pages.size) },
      schema: spec.answer,
    });
    const items = spec.items(answer, parsed);
    entities.push(...items);
    if (page >= spec.pages.total(answer) || items.length === 0) return entities;
  }
  throw new BluejayResponseError({ method: endpoint.method, path: endpoint.path }, 200, [
    `the list of ${noun}s did not end after ${limit} pages of ${spec.pages.size} (it kept answering more pages); ` +
      "rather than cut it short, nothing was returned. Narrow the list with a filter, or report it to Bluejay",
  ]);
}

/**
 * A collection Bluejay lists but this package does not manage as a resource (phone numbers: adding
 * one buys it): its list alone, on the client (`client.phoneNumbers.list()`) and as a lookup.
 */
export interface ListingSpec<Filter, Item, Plural extends string = string> {
  /** In the singular, e.g. `PhoneNumber`. */
  name: string;
  /** As a sentence names one, in lower case: `phone number`. */
  noun: string;
  /** The camelCase plural: `client.phoneNumbers`, operation names. */
  plural: Plural;
  list: ListSpec<Filter, Item, AnyAnswer>;
}

/** A listing's description with its types forgotten, for code that handles every listing alike. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyListingSpec = ListingSpec<any, any, string>;

/** `client.phoneNumbers`: the list of one listing. */
export class ListingOperations<Filter, Item> {
  constructor(
    readonly api: ListingSpec<Filter, Item>,
    private readonly requests: Requester,
  ) {}

  /** Lists them (every page of a paginated list). */
  list(filter?: Filter): Promise<Item[]> {
    return listAll(this.requests, `${this.api.plural}.list`, this.api.noun, this.api.list, filter);
  }
}

/** The operations class a listing's description makes. */
export type ListingOperationsOf<L> =
  L extends ListingSpec<infer Filter, infer Item> ? ListingOperations<Filter, Item> : never;

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = object;
  return rest;
}
