// The one place that translates between Bluejay's snake_case wire shapes and our camelCase ones.
import type {
  Community,
  CreateCommunityInput,
  UpdateCommunityInput,
  WireCommunity,
  WireCreateCommunity,
  WireUpdateCommunity,
} from "./schemas";

export function fromWireCommunity(wire: WireCommunity): Community {
  const community: Community = {
    id: wire.id,
    title: wire.title,
    createdAt: wire.created_at,
    digitalHumanIds: wire.digital_human_ids ?? [],
  };
  if (wire.description !== null && wire.description !== undefined) community.description = wire.description;
  return community;
}

export function toWireCreate(input: CreateCommunityInput): WireCreateCommunity {
  const body: WireCreateCommunity = { title: input.title };
  if (input.description !== undefined) body.description = input.description;
  if (input.digitalHumanIds !== undefined) body.digital_human_ids = input.digitalHumanIds;
  return body;
}

/** Only the fields present are sent: Bluejay leaves absent (or null) fields as they are. */
export function toWireUpdate(input: UpdateCommunityInput): WireUpdateCommunity {
  const body: WireUpdateCommunity = {};
  if (input.title !== undefined) body.title = input.title;
  if (input.description !== undefined) body.description = input.description;
  if (input.digitalHumanIds !== undefined) body.digital_human_ids = input.digitalHumanIds;
  return body;
}
