// Communities: response shapes and semantics of Bluejay's six Communities operations.
import { useEmulator } from "../../helpers/emulator";
import { UUID, caller, communityCreator } from "./http";

const fx = useEmulator();
const call = caller(fx);
const create = communityCreator(call);

describe("response shapes and semantics", () => {
  test("create returns {id: UUID, title, description: null, created_at: ISO, digital_human_ids: []} when only a title is given", async () => {
    const before = Date.now();
    const community = await create({ title: "Shape" });

    expect(Object.keys(community).sort()).toEqual([
      "created_at",
      "description",
      "digital_human_ids",
      "id",
      "title",
    ]);
    expect(community).toEqual({
      id: expect.stringMatching(UUID),
      title: "Shape",
      description: null,
      created_at: expect.any(String),
      digital_human_ids: [],
    });
    const createdAt = community.created_at as string;
    expect(new Date(createdAt).toISOString()).toBe(createdAt);
    expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(createdAt)).toBeLessThanOrEqual(Date.now());
  });

  test("create keeps description and de-duplicates digital_human_ids in order; unknown fields are ignored", async () => {
    const community = await create({
      title: "Full",
      description: "d",
      digital_human_ids: [3, 1, 3],
      extra: true,
    });

    expect(community).toMatchObject({ title: "Full", description: "d", digital_human_ids: [3, 1] });
    expect("extra" in community).toBe(false);
  });

  test("each create gets a fresh id", async () => {
    const a = await create({ title: "same" });
    const b = await create({ title: "same" });

    expect(a.id).not.toBe(b.id);
    expect(fx.emulator.communities()).toHaveLength(2);
  });

  test("get returns the community as create returned it", async () => {
    const community = await create({ title: "g", digital_human_ids: [1] });

    expect(await call("GET", `/v1/community/${community.id}`)).toMatchObject({
      status: 200,
      body: community,
    });
  });

  test("list returns {communities, total_count} and filters by digital_human_id", async () => {
    const a = await create({ title: "a", digital_human_ids: [1, 2] });
    const b = await create({ title: "b", digital_human_ids: [2] });
    const c = await create({ title: "c" });

    expect((await call("GET", "/v1/communities")).body).toEqual({ communities: [a, b, c], total_count: 3 });
    expect((await call("GET", "/v1/communities?digital_human_id=2")).body).toEqual({
      communities: [a, b],
      total_count: 2,
    });
    expect((await call("GET", "/v1/communities?digital_human_id=99")).body).toEqual({
      communities: [],
      total_count: 0,
    });
    expect((await call("GET", "/v1/communities?digital_human_id=")).body).toMatchObject({ total_count: 3 });
  });

  test("PUT with null title, description and digital_human_ids leaves every value as it is", async () => {
    const community = await create({ title: "keep", description: "keep too", digital_human_ids: [5] });

    const reply = await call("PUT", `/v1/update-community/${community.id}`, {
      body: { title: null, description: null, digital_human_ids: null },
    });

    expect(reply).toMatchObject({ status: 200, body: community });
    expect((await call("GET", `/v1/community/${community.id}`)).body).toEqual(community);
  });

  test("PUT with an empty object changes nothing", async () => {
    const community = await create({ title: "keep", description: "d" });

    expect((await call("PUT", `/v1/update-community/${community.id}`, { body: {} })).body).toEqual(community);
  });

  test("PUT changes only the fields given; digital_human_ids replaces the list; description '' clears it", async () => {
    const community = await create({ title: "old", description: "old d", digital_human_ids: [1, 2] });
    const at = `/v1/update-community/${community.id}`;

    expect((await call("PUT", at, { body: { title: "new" } })).body).toEqual({ ...community, title: "new" });
    expect((await call("PUT", at, { body: { digital_human_ids: [9] } })).body).toMatchObject({
      title: "new",
      description: "old d",
      digital_human_ids: [9],
    });
    expect((await call("PUT", at, { body: { description: "" } })).body).toMatchObject({ description: "" });
    expect((await call("PUT", at, { body: { digital_human_ids: [] } })).body).toMatchObject({
      digital_human_ids: [],
    });
    expect((await call("GET", `/v1/community/${community.id}`)).body).toEqual({
      ...community,
      title: "new",
      description: "",
      digital_human_ids: [],
    });
  });

  test("add-to-community appends new ids and skips ones already present", async () => {
    const community = await create({ title: "add", digital_human_ids: [1, 2] });

    const reply = await call("PUT", `/v1/add-to-community/${community.id}`, {
      body: { digital_human_ids: [2, 3, 3, 1, 4] },
    });

    expect(reply.body).toEqual({ ...community, digital_human_ids: [1, 2, 3, 4] });
  });

  test("DELETE returns the community as it was, and it is gone afterwards", async () => {
    const community = await create({ title: "bye", digital_human_ids: [1] });

    expect((await call("DELETE", `/v1/community/${community.id}`)).body).toEqual(community);
    expect((await call("GET", `/v1/community/${community.id}`)).status).toBe(404);
    expect((await call("DELETE", `/v1/community/${community.id}`)).status).toBe(404);
  });
});
