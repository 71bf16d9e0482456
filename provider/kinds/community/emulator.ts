// The emulator's double of Bluejay's communities. A community's digital humans are a set of ids that
// Bluejay does not check against its digital humans.
import { given, ints, isSet, ok, notFound, routes, unique, type EmulatedKind } from "../../../emulator/kit";

const MISSING = "Community not found";

export const communityDouble: EmulatedKind = {
  file: "communities",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-community", (body) => ({
      title: body.title,
      description: body.description ?? null,
      digital_human_ids: unique(ints(body.digital_human_ids)),
    })),
    routes.list(
      "GET /v1/communities",
      ({ query }, { records }) => {
        const filter = query.digital_human_id;
        return records.all(
          isSet(filter) ? (c) => ints(c.digital_human_ids).includes(filter as number) : undefined,
        );
      },
      (communities) => ({ communities, total_count: communities.length }),
    ),
    routes.get("GET /v1/community/{community_id}", MISSING),
    routes.remove("DELETE /v1/community/{community_id}", MISSING),
    routes.update("PUT /v1/update-community/{community_id}", MISSING, (record, request) => {
      const fields = given(request);
      Object.assign(record, fields);
      if (isSet(fields.digital_human_ids)) record.digital_human_ids = unique(ints(fields.digital_human_ids));
    }),
    routes.custom("PUT /v1/add-to-community/{community_id}", ({ params, body }, { records }) => {
      const added = ints(body.digital_human_ids);
      const community = records.modify(params.community_id as string, (c) => {
        c.digital_human_ids = unique([...ints(c.digital_human_ids), ...added]);
      });
      return community ? ok(community) : notFound(MISSING);
    }),
  ],
};
