// The typed Bluejay client: every operation the resources use, each validated on the way out (inputs)
// and on the way back (responses), with camelCase results.
import { BluejayAmbiguousCreateError } from "./errors";
import { within } from "./budget";
import { parse } from "./validate";
import { fromWireCommunity, toWireCreate, toWireUpdate } from "./mapping";
import { normalizeClientOptions, type BluejayClientOptions } from "./options";
import {
  AddDigitalHumansInputSchema,
  CommunityIdSchema,
  CreateCommunityInputSchema,
  ListCommunitiesOptionsSchema,
  UpdateCommunityInputSchema,
  WireCommunityListSchema,
  WireCommunitySchema,
  type Community,
  type CreateCommunityInput,
  type ListCommunitiesOptions,
  type UpdateCommunityInput,
} from "./schemas";
import { AmbiguousOutcome, Transport, type CallSpec } from "./transport";
import { AgentOperations } from "./operations/agents";
import { CustomMetricOperations } from "./operations/custom-metrics";
import { DigitalHumanOperations } from "./operations/digital-humans";
import { SimulationOperations } from "./operations/simulations";

export interface CommunityList {
  communities: Community[];
  totalCount: number;
}

/** How the operations of each kind reach Bluejay: plain calls, and creates (never blindly resent). */
export interface Requester {
  call<T>(spec: CallSpec<T>): Promise<T>;
  create<T>(kind: string, spec: CallSpec<T>): Promise<T>;
}

export class BluejayClient {
  private readonly transport: Transport;
  /** Agents: `POST /v1/add-agent`, `GET /v1/agents/{id}`, `POST /v1/update-agent`, `DELETE /v1/agent/{id}`, `GET /v1/all-agents`. */
  readonly agents: AgentOperations;
  /** Simulations: `POST /v1/create-simulation`, `GET|PUT|DELETE /v1/simulation/{id}`, the list operations. */
  readonly simulations: SimulationOperations;
  /** Digital humans: `POST /v1/create-digital-human`, `GET|DELETE /v1/digital-human/{id}`, `PUT /v1/update-digital-human/{id}`. */
  readonly digitalHumans: DigitalHumanOperations;
  /** Custom metrics: `POST /v1/create-custom-metric`, `GET|DELETE /v1/custom-metric/{id}`, `PUT /v1/update-custom-metric/{id}`, `GET /v1/custom-metrics`. */
  readonly customMetrics: CustomMetricOperations;

  constructor(options: BluejayClientOptions) {
    this.transport = new Transport(normalizeClientOptions(options));
    const requester: Requester = {
      call: (spec) => this.transport.call(spec),
      create: (kind, spec) => this.create(kind, spec),
    };
    this.agents = new AgentOperations(requester);
    this.simulations = new SimulationOperations(requester);
    this.digitalHumans = new DigitalHumanOperations(requester);
    this.customMetrics = new CustomMetricOperations(requester);
  }

  /** How far Bluejay's clock is ahead of this machine's, in ms, as its latest answer's `Date` header told. */
  get serverClockSkewMs(): number | undefined {
    return this.transport.serverClockSkewMs;
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
   * `POST /v1/create-community`. Bluejay has no idempotency key, so a POST is sent again only when
   * it provably was not processed; when its answer is lost this throws `BluejayAmbiguousCreateError`
   * (the `Community` resource then looks for what it made instead of posting twice).
   */
  async createCommunity(input: CreateCommunityInput): Promise<Community> {
    const body = toWireCreate(parse("createCommunity", CreateCommunityInputSchema, input));
    const wire = await this.create("Community", {
      method: "POST",
      path: "/v1/create-community",
      body,
      schema: WireCommunitySchema,
    });
    return fromWireCommunity(wire);
  }

  /** `GET /v1/community/{community_id}`. */
  async getCommunity(id: string): Promise<Community> {
    const communityId = parse("getCommunity", CommunityIdSchema, id, "id");
    const wire = await this.transport.call({
      method: "GET",
      path: `/v1/community/${communityId}`,
      schema: WireCommunitySchema,
      resource: { kind: "community", id: communityId },
    });
    return fromWireCommunity(wire);
  }

  /**
   * `PUT /v1/update-community/{community_id}`. Only the fields given are sent; Bluejay leaves the
   * others as they are. `digitalHumanIds` replaces the whole list (`[]` empties it); a description
   * is cleared by sending `""`, because Bluejay reads `null` as "leave as is".
   */
  async updateCommunity(id: string, patch: UpdateCommunityInput): Promise<Community> {
    const communityId = parse("updateCommunity", CommunityIdSchema, id, "id");
    const body = toWireUpdate(parse("updateCommunity", UpdateCommunityInputSchema, patch));
    const wire = await this.transport.call({
      method: "PUT",
      path: `/v1/update-community/${communityId}`,
      body,
      schema: WireCommunitySchema,
      resource: { kind: "community", id: communityId },
    });
    return fromWireCommunity(wire);
  }

  /** `DELETE /v1/community/{community_id}`; resolves to the community as it was. */
  async deleteCommunity(id: string): Promise<Community> {
    const communityId = parse("deleteCommunity", CommunityIdSchema, id, "id");
    const wire = await this.transport.call({
      method: "DELETE",
      path: `/v1/community/${communityId}`,
      schema: WireCommunitySchema,
      resource: { kind: "community", id: communityId },
    });
    return fromWireCommunity(wire);
  }

  /** `GET /v1/communities`, optionally only those holding one digital human. */
  async listCommunities(options: ListCommunitiesOptions = {}): Promise<CommunityList> {
    const { digitalHumanId } = parse("listCommunities", ListCommunitiesOptionsSchema, options);
    const wire = await this.transport.call({
      method: "GET",
      path: "/v1/communities",
      ...(digitalHumanId === undefined ? {} : { query: { digital_human_id: String(digitalHumanId) } }),
      schema: WireCommunityListSchema,
    });
    return { communities: wire.communities.map(fromWireCommunity), totalCount: wire.total_count };
  }

  /** `PUT /v1/add-to-community/{community_id}`: appends to the community's digital humans. */
  async addDigitalHumansToCommunity(id: string, digitalHumanIds: number[]): Promise<Community> {
    const communityId = parse("addDigitalHumansToCommunity", CommunityIdSchema, id, "id");
    const ids = parse(
      "addDigitalHumansToCommunity",
      AddDigitalHumansInputSchema,
      digitalHumanIds,
      "digitalHumanIds",
    );
    const wire = await this.transport.call({
      method: "PUT",
      path: `/v1/add-to-community/${communityId}`,
      body: { digital_human_ids: ids },
      schema: WireCommunitySchema,
      resource: { kind: "community", id: communityId },
    });
    return fromWireCommunity(wire);
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
