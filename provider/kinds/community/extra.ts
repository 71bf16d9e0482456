// Community operations beyond create, read, update, delete and list: what 0.1.0's client offered and
// the shared operations do not (the community a delete answers, and add-to-community).
import { z } from "zod";
import { fill, type Requester } from "../../client/operations";
import { UuidSchema, IntegerIdSchema } from "../../client/wire";
import { parse } from "../../client/validate";
import { communityApi, type Community } from "./kind";
import { WireCommunitySchema } from "./wire";

const entity = (wire: unknown, id: string) => communityApi.read!.entity(wire, id);

/** `DELETE /v1/community/{community_id}`, answering the community as it was. */
export async function deleteReturning(requests: Requester, id: string): Promise<Community> {
  const checked = parse("communities.delete", UuidSchema, id, "id");
  const { delete: spec } = communityApi;
  const wire = await requests.call({
    method: spec.method,
    path: fill(spec.path, checked),
    schema: WireCommunitySchema,
    resource: { kind: "community", id: checked },
  });
  return entity(wire, checked);
}

/** `PUT /v1/add-to-community/{community_id}`: appends to the community's digital humans. */
export async function addToCommunity(
  requests: Requester,
  id: string,
  digitalHumanIds: number[],
): Promise<Community> {
  const checked = parse("communities.addDigitalHumans", UuidSchema, id, "id");
  const ids = parse(
    "communities.addDigitalHumans",
    z.array(IntegerIdSchema).min(1, "must name at least one id"),
    digitalHumanIds,
    "digitalHumanIds",
  );
  const wire = await requests.call({
    method: "PUT",
    path: `/v1/add-to-community/${checked}`,
    body: { digital_human_ids: ids },
    schema: WireCommunitySchema,
    resource: { kind: "community", id: checked },
  });
  return entity(wire, checked);
}
