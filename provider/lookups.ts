// Read-only lookups, the analogue of a data source, made for each kind from its description: `get…`
// (a Promise), `get…Output` (Inputs in, an Output out) and `list…`. They read the same settings as
// the provider (stack config `bluejay:*`, then BLUEJAY_* environment variables), and every lookup of
// the program shares one client per settings, so one rate limiter paces them all.
import * as pulumi from "@pulumi/pulumi";
import { BluejayClient } from "./client/client";
import { BluejayApiError } from "./client/errors";
import type { ListingSpec, OperationsOf, ScopeValue } from "./client/operations";
import { resolveClientOptions } from "./config";
import type { FieldSpec } from "./dynamic/fields";
import type { AnyResourceKind } from "./dynamic/kind";
import type { Listing } from "./listings/listing";

export interface LookupOptions {
  /** Override the API key from config or environment. */
  apiKey?: string;
  /** Override the API URL from config or environment. */
  apiUrl?: string;
}

type Ops<K extends AnyResourceKind> = OperationsOf<K["api"]>;
type IdOf<K extends AnyResourceKind> = Parameters<Ops<K>["get"]>[0];
type EntityOf<K extends AnyResourceKind> = Awaited<ReturnType<Ops<K>["get"]>>;
type FilterOf<K extends AnyResourceKind> = Parameters<Ops<K>["list"]>[0];
type ItemOf<K extends AnyResourceKind> = Awaited<ReturnType<Ops<K>["list"]>>[number];

export interface Lookups<K extends AnyResourceKind> {
  /** Reads one by id; a `BluejayApiError` (404) names the id when there is none. */
  get: (id: IdOf<K>, options?: LookupOptions) => Promise<EntityOf<K>>;
  /**
   * `get` taking an Input id (another resource's output, say) and returning an Output. When the object
   * holds a secret (a password, a signing key), the whole Output is a secret.
   */
  getOutput: (id: pulumi.Input<IdOf<K>>, options?: LookupOptions) => pulumi.Output<EntityOf<K>>;
  /** Lists them, as Bluejay allows (every page of a paginated list). */
  list: (filter?: FilterOf<K>, options?: LookupOptions) => Promise<ItemOf<K>[]>;
}

/**
 * The lookups of a kind that lives under another in Bluejay's paths (a label under its agent): each
 * read names the parent first, as the path does (`getLabel(agentId, labelId)`).
 */
export interface ScopedLookups<K extends AnyResourceKind, Parent extends ScopeValue = number> {
  /** Reads one by its parent's id and its own; a `BluejayApiError` (404) names the id when there is none. */
  get: (parentId: Parent, id: IdOf<K>, options?: LookupOptions) => Promise<EntityOf<K>>;
  /** `get` taking Inputs (other resources' outputs, say) and returning an Output. */
  getOutput: (
    parentId: pulumi.Input<Parent>,
    id: pulumi.Input<IdOf<K>>,
    options?: LookupOptions,
  ) => pulumi.Output<EntityOf<K>>;
  /** Lists them, as Bluejay allows. */
  list: (filter: FilterOf<K>, options?: LookupOptions) => Promise<ItemOf<K>[]>;
}

/** The lookups of a kind. */
export function lookupsFor<K extends AnyResourceKind>(kind: K): Lookups<K> {
  const { get, getOutput, list } = readers(kind);
  return {
    get: (id, options) => get(id, undefined, options),
    getOutput: (id, options) => getOutput(id, undefined, options),
    list,
  };
}

/** The lookups of a kind scoped under another (`ApiSpec.scope`): the parent's id comes first. */
export function scopedLookupsFor<K extends AnyResourceKind, Parent extends ScopeValue = number>(
  kind: K,
): ScopedLookups<K, Parent> {
  const { get, getOutput, list } = readers(kind);
  return {
    get: (parentId, id, options) => get(id, parentId, options),
    getOutput: (parentId, id, options) => getOutput(id, parentId, options),
    list: (filter, options) => list(filter, options),
  };
}

/** What both forms of lookups share: a read (with its parent, for a scoped kind), its Output form, the list. */
function readers<K extends AnyResourceKind>(kind: K) {
  const secrets = [
    ...Object.entries(kind.fields as Record<string, FieldSpec>)
      .filter(([, spec]) => spec.secret)
      .map(([name]) => name),
    ...kind.secretOutputs,
  ];
  const ops = (client: BluejayClient) => client.operationsFor(kind.api) as Ops<K>;
  const name = `get${kind.name}`;
  const parent = kind.api.scope?.field;
  const get = async (
    id: IdOf<K>,
    scope: ScopeValue | undefined,
    options: LookupOptions = {},
  ): Promise<EntityOf<K>> => {
    try {
      return await ops(clientFor(options)).get(id, scope);
    } catch (error) {
      // Nothing in state to refresh: the id the program gave is what to check.
      if (error instanceof BluejayApiError && error.status === 404) {
        const which = parent
          ? `the ids given to ${name}: they name no ${kind.api.noun} of that ${parent.replace(/Id$/, "")}`
          : `the id given to ${name}: it names no ${kind.api.noun} of this workspace`;
        throw error.withNotFoundAdvice(`Check ${which}.`);
      }
      throw error;
    }
  };
  const getOutput = (
    id: pulumi.Input<IdOf<K>>,
    scope: pulumi.Input<ScopeValue> | undefined,
    options: LookupOptions = {},
  ): pulumi.Output<EntityOf<K>> =>
    pulumi.all([id, scope]).apply(async ([value, parentId]) => {
      const entity = await get(value, parentId, options);
      const holds = secrets.some((name) => isSet((entity as Record<string, unknown>)[name]));
      return (holds ? pulumi.secret(entity) : entity) as EntityOf<K>;
    }) as pulumi.Output<EntityOf<K>>;
  const list = (filter?: FilterOf<K>, options: LookupOptions = {}): Promise<ItemOf<K>[]> =>
    ops(clientFor(options)).list(filter);
  return { get, getOutput, list };
}

/** A listing's lookups: the list as a Promise, and as an Output (for programs without `await`). */
export interface ListingLookups<Item> {
  get: (options?: LookupOptions) => Promise<Item[]>;
  getOutput: (options?: LookupOptions) => pulumi.Output<Item[]>;
}

/** The lookups of a listing (one with no filter: everything Bluejay lists of it). */
export function listingLookups<Item>(listing: Listing<ListingSpec<object, Item>>): ListingLookups<Item> {
  const get = (options: LookupOptions = {}) => clientFor(options).listingFor(listing.api).list({});
  return { get, getOutput: (options = {}) => pulumi.output(get(options)) as pulumi.Output<Item[]> };
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== "";

/** One client per distinct settings in this process: lookups share its rate limiter and sockets. */
const clients = new Map<string, BluejayClient>();

function clientFor(options: LookupOptions): BluejayClient {
  const overrides: Record<string, string | undefined> = {
    "bluejay:apiKey": options.apiKey,
    "bluejay:apiUrl": options.apiUrl,
  };
  // pulumi.runtime.getConfig reads the stack's config (secrets included) without secret warnings;
  // outside a Pulumi program it finds nothing and the environment is used.
  const settings = resolveClientOptions({ get: (key) => overrides[key] ?? pulumi.runtime.getConfig(key) });
  const key = JSON.stringify(settings);
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new BluejayClient(settings)));
  return client;
}
