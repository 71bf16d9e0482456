// The typed Bluejay client: the six Communities operations, each validated on the way out (inputs)
// and on the way back (responses), with camelCase results.
import type { ZodType, ZodTypeDef } from "zod";
import { BluejayAmbiguousCreateError, BluejayInputError, type RequestContext } from "./errors";
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
import { AmbiguousOutcome, Transport } from "./transport";

export interface CommunityList {
  communities: Community[];
  totalCount: number;
}

/**
 * How far before a create attempt a community's `created_at` may be and still count as made by
 * that attempt, allowing for clock skew between this machine and Bluejay.
 */
const CLOCK_SKEW_MS = 60_000;
/** A create whose outcome stays unknown is retried at most this many times after reconciling. */
const MAX_RECONCILED_RETRIES = 2;

export class BluejayClient {
  private readonly transport: Transport;

  constructor(options: BluejayClientOptions) {
    this.transport = new Transport(normalizeClientOptions(options));
  }

  /** HTTP attempts made so far, retries included. */
  get attempts(): number {
    return this.transport.attempts;
  }

  /**
   * `POST /v1/create-community`. Bluejay has no idempotency key, so when the outcome of the POST is
   * unknown (the answer was lost) the client lists communities and adopts the single one that
   * matches what was sent and appeared after the attempt began; it never blindly posts twice.
   */
  async createCommunity(input: CreateCommunityInput): Promise<Community> {
    const valid = parse("createCommunity", CreateCommunityInputSchema, input);
    const body = toWireCreate(valid);
    const spec = { method: "POST", path: "/v1/create-community", body, schema: WireCommunitySchema } as const;
    for (let reconciled = 0; ; reconciled++) {
      const startedAt = Date.now();
      try {
        return fromWireCommunity(await this.transport.call(spec));
      } catch (error) {
        if (!(error instanceof AmbiguousOutcome)) throw error;
        const request: RequestContext = { method: "POST", path: spec.path };
        let matches: Community[];
        try {
          matches = await this.findCreatedSince(valid, startedAt);
        } catch (listError) {
          const why = `its answer was lost and reading Bluejay's community list failed too (${(listError as Error).message})`;
          throw new BluejayAmbiguousCreateError(request, valid.title, [], why, { cause: listError });
        }
        if (matches.length === 1) return matches[0]!;
        if (matches.length > 1) {
          const why = `its answer was lost and ${matches.length} communities match it`;
          throw new BluejayAmbiguousCreateError(
            request,
            valid.title,
            matches.map((c) => c.id),
            why,
            { cause: error.failure },
          );
        }
        if (reconciled >= MAX_RECONCILED_RETRIES) {
          const why = `no answer came back in ${reconciled + 1} tries (${error.failure.message})`;
          throw new BluejayAmbiguousCreateError(request, valid.title, [], why, { cause: error.failure });
        }
        // No community appeared: the POST was not processed, so sending it again cannot duplicate.
      }
    }
  }

  /** `GET /v1/community/{community_id}`. */
  async getCommunity(id: string): Promise<Community> {
    const communityId = parse("getCommunity", CommunityIdSchema, id, "id");
    const wire = await this.transport.call({
      method: "GET",
      path: `/v1/community/${communityId}`,
      schema: WireCommunitySchema,
      communityId,
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
      communityId,
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
      communityId,
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
      communityId,
    });
    return fromWireCommunity(wire);
  }

  /** Closes idle keep-alive sockets so a short-lived process can exit promptly. */
  close(): void {
    this.transport.close();
  }

  private async findCreatedSince(input: CreateCommunityInput, startedAt: number): Promise<Community[]> {
    const wantedIds = [...new Set(input.digitalHumanIds ?? [])].sort((a, b) => a - b);
    const { communities } = await this.listCommunities();
    return communities.filter((c) => {
      const ids = [...new Set(c.digitalHumanIds)].sort((a, b) => a - b);
      return (
        c.title === input.title &&
        (c.description ?? "") === (input.description ?? "") &&
        ids.length === wantedIds.length &&
        ids.every((id, i) => id === wantedIds[i]) &&
        Date.parse(c.createdAt) >= startedAt - CLOCK_SKEW_MS
      );
    });
  }
}

function parse<T>(
  operation: string,
  schema: ZodType<T, ZodTypeDef, unknown>,
  value: unknown,
  field?: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = [field, ...issue.path].filter((p) => p !== undefined && p !== "").join(".");
    return `${path || "input"} ${issue.message}`;
  });
  throw new BluejayInputError(operation, problems);
}
