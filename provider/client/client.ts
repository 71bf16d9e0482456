// The typed Bluejay client: one property per kind (`client.communities`, `client.agents`, …), each
// the kind's operations built from its description (provider/kinds/*/kind.ts), all sharing one
// transport: one rate limiter, one set of keep-alive sockets, one clock skew.
import { KINDS, type Kinds } from "../kinds/registry";
import type {
  Community,
  CommunityList,
  CreateCommunityInput,
  ListCommunitiesOptions,
  UpdateCommunityInput,
} from "../kinds/community/kind";
import { addToCommunity, deleteReturning } from "../kinds/community/extra";
import { SimulationRuns } from "../runs/api";
import { within } from "./budget";
import { BluejayAmbiguousCreateError } from "./errors";
import { LISTINGS, type Listings } from "../listings/registry";
import {
  KindOperations,
  ListingOperations,
  type AnyApiSpec,
  type AnyListingSpec,
  type ListingOperationsOf,
  type OperationsOf,
  type Requester,
} from "./operations";
import { normalizeClientOptions, type BluejayClientOptions } from "./options";
import { AmbiguousOutcome, Transport, type CallSpec } from "./transport";

/** One property per kind: `client.digitalHumans` holds the digital humans' operations. */
export type KindClients = { readonly [K in Kinds[number] as K["api"]["plural"]]: OperationsOf<K["api"]> };
/** One property per listing: `client.phoneNumbers.list()`. */
export type ListingClients = {
  readonly [L in Listings[number] as L["api"]["plural"]]: ListingOperationsOf<L["api"]>;
};

// The kinds' (and listings') operations are added in the constructor from the registries; this
// declaration gives them their types, so the class needs no line per kind.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface BluejayClient extends KindClients, ListingClients {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class BluejayClient {
  private readonly transport: Transport;
  private readonly requester: Requester;
  private readonly operations = new Map<AnyApiSpec | AnyListingSpec, unknown>();
  /** Queue a simulation's run, list a simulation's runs, read a run's results: actions, not a kind. */
  readonly simulationRuns: SimulationRuns;

  constructor(options: BluejayClientOptions) {
    this.transport = new Transport(normalizeClientOptions(options));
    this.requester = {
      call: (spec) => this.transport.call(spec),
      create: (kind, spec) => this.create(kind, spec),
    };
    this.simulationRuns = new SimulationRuns(this.requester);
    for (const kind of KINDS) {
      Object.defineProperty(this, kind.api.plural, { value: this.operationsFor(kind.api), enumerable: true });
    }
    for (const listing of LISTINGS) {
      Object.defineProperty(this, listing.api.plural, {
        value: this.listingFor(listing.api),
        enumerable: true,
      });
    }
  }

  /** The operations of any kind's API, made once per client. */
  operationsFor<A extends AnyApiSpec>(api: A): OperationsOf<A> {
    let found = this.operations.get(api);
    if (!found) this.operations.set(api, (found = new KindOperations(api, this.requester)));
    // Made from this very description, so it is that description's operations class.
    return found as OperationsOf<A>;
  }

  /** The list of any listing's description, made once per client. */
  listingFor<L extends AnyListingSpec>(api: L): ListingOperationsOf<L> {
    let found = this.operations.get(api);
    if (!found) this.operations.set(api, (found = new ListingOperations(api, this.requester)));
    // Made from this very description, so it is that description's operations class.
    return found as ListingOperationsOf<L>;
  }

  /** How far Bluejay's clock is ahead of this machine's, in ms, as its latest answer's `Date` header told. */
  get serverClockSkewMs(): number | undefined {
    return this.transport.serverClockSkewMs;
  }

  /** The time one call may take, retries and backoff included (`totalTimeoutMs`). */
  get budgetMs(): number {
    return this.transport.budgetMs;
  }

  /** How long a create whose answer was lost is looked for (`lostCreateWindowMs`). */
  get lostCreateWindowMs(): number {
    return this.transport.options.lostCreateWindowMs;
  }

  /** Whether reads that come together are answered from the kind's list (`coalesceReads`). */
  get coalesceReads(): boolean {
    return this.transport.options.coalesceReads;
  }

  /**
   * Counts writes (POST, PUT, DELETE) as they start and as they end: a list read before the count
   * last moved may not answer a read that comes after it.
   */
  get writes(): number {
    return this.transport.writes;
  }

  /** 429 answers received so far: a figure for tests and the benchmark. */
  get refusals(): number {
    return this.transport.refusals;
  }

  /** HTTP attempts made so far, retries included. */
  get attempts(): number {
    return this.transport.attempts;
  }

  /**
   * Runs `work` within one time budget (`totalTimeoutMs`): every call it makes shares the deadline,
   * so a create and the look for what it made cannot take more than one call's budget together.
   */
  withinBudget<T>(work: () => Promise<T>): Promise<T> {
    return within(this.transport.budgetMs, work);
  }

  /** Closes idle keep-alive sockets so a short-lived process can exit promptly. */
  close(): void {
    this.transport.close();
  }

  // ---- 0.1.0's community methods, kept for programs written against it ----

  /** @deprecated Use `client.communities.create`. */
  createCommunity(input: CreateCommunityInput): Promise<Community> {
    return this.communities.create(input);
  }

  /** @deprecated Use `client.communities.get`. */
  getCommunity(id: string): Promise<Community> {
    return this.communities.get(id);
  }

  /** @deprecated Use `client.communities.update`. */
  updateCommunity(id: string, patch: UpdateCommunityInput): Promise<Community> {
    return this.communities.update(id, patch);
  }

  /** @deprecated Use `client.communities.delete`. Resolves to the community as it was. */
  deleteCommunity(id: string): Promise<Community> {
    return deleteReturning(this.requester, id);
  }

  /** @deprecated Use `client.communities.list`, which answers the communities alone. */
  async listCommunities(options: ListCommunitiesOptions = {}): Promise<CommunityList> {
    const communities = await this.communities.list(options);
    return { communities, totalCount: communities.length };
  }

  /** `PUT /v1/add-to-community/{community_id}`: appends to the community's digital humans. */
  addDigitalHumansToCommunity(id: string, digitalHumanIds: number[]): Promise<Community> {
    return addToCommunity(this.requester, id, digitalHumanIds);
  }

  /** Sends a create; a lost answer becomes `BluejayAmbiguousCreateError` for the caller to settle. */
  private async create<T>(kind: string, spec: CallSpec<T>): Promise<T> {
    const sentAt = Date.now();
    try {
      return await this.transport.call(spec);
    } catch (error) {
      if (!(error instanceof AmbiguousOutcome)) throw error;
      const request = { method: spec.method, path: spec.path };
      const why = `its answer was lost (${error.failure.message})`;
      throw new BluejayAmbiguousCreateError(request, kind, sentAt, why, [], { cause: error.failure });
    }
  }
}
