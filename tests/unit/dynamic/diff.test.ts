// `diff` reports exactly the changed properties; all of them update in place.
import { differs, matchesDeclared } from "../../../provider/dynamic/fields";
import { UNKNOWN } from "../../../provider/dynamic/unknown";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/kinds/community/kind";

const ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";
const olds = {
  title: "Support",
  description: "Callers",
  digitalHumanIds: [1, 2, 3],
  createdAt: "2026-01-01T00:00:00Z",
  __provider: "old text",
};
const provider = new ResourceLifecycle(communityKind, () => {
  throw new Error("diff must not need a client");
});

describe("diff", () => {
  test("reports no change when the declaration matches the recorded outputs", async () => {
    const news = {
      title: "Support",
      description: "Callers",
      digitalHumanIds: [1, 2, 3],
      __provider: "new text",
    };
    expect(provider.changes(ID, olds, news)).toEqual({ updates: [], replaces: [] });
    expect(await provider.diff(ID, olds, news)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("compares digital human ids as a set: order and repeats are no change", () => {
    expect(provider.changes(ID, olds, { ...olds, digitalHumanIds: [3, 1, 2] }).updates).toEqual([]);
  });

  test("reports exactly the changed properties, all as in-place updates", async () => {
    const news = { title: "Sales", description: "Callers", digitalHumanIds: [1, 2, 4] };
    expect(provider.changes(ID, olds, news)).toEqual({ updates: ["title", "digitalHumanIds"], replaces: [] });
    expect(await provider.diff(ID, olds, news)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("treats removing the description as a change, and absent, null and empty as the same", () => {
    expect(provider.changes(ID, olds, { title: "Support", digitalHumanIds: [1, 2, 3] }).updates).toEqual([
      "description",
    ]);
    const none = { ...olds, description: undefined };
    expect(
      provider.changes(ID, none, { title: "Support", description: "", digitalHumanIds: [1, 2, 3] }).updates,
    ).toEqual([]);
    expect(
      provider.changes(ID, none, { title: "Support", description: null, digitalHumanIds: [1, 2, 3] }).updates,
    ).toEqual([]);
  });

  test("treats removing the id list as emptying it", () => {
    expect(provider.changes(ID, olds, { title: "Support", description: "Callers" }).updates).toEqual([
      "digitalHumanIds",
    ]);
    const empty = { ...olds, digitalHumanIds: [] };
    expect(provider.changes(ID, empty, { title: "Support", description: "Callers" }).updates).toEqual([]);
  });

  test("counts unknown values during preview as changes", () => {
    expect(provider.changes(ID, olds, { ...olds, title: UNKNOWN }).updates).toEqual(["title"]);
    expect(provider.changes(ID, olds, { ...olds, digitalHumanIds: UNKNOWN }).updates).toEqual([
      "digitalHumanIds",
    ]);
    expect(provider.changes(ID, olds, { ...olds, digitalHumanIds: [1, UNKNOWN, 3] }).updates).toEqual([
      "digitalHumanIds",
    ]);
  });

  test("ignores adoptId once the community is held, but replaces for a different community", () => {
    expect(provider.changes(ID, olds, { ...olds, adoptId: ID })).toEqual({ updates: [], replaces: [] });
    const other = "0b7d9c52-3c6e-4b8a-9f11-6a2d4e8c1f00";
    expect(provider.changes(ID, olds, { ...olds, adoptId: other })).toEqual({
      updates: [],
      replaces: ["adoptId"],
    });
  });
});

describe("field rules for what Bluejay cannot take back, or sets after a create", () => {
  test("oneWay: while Bluejay holds the value, declaring another is no change; declaring it where Bluejay lost it is one", () => {
    const spec = { compare: "value", oneWay: true } as const;
    expect(differs(spec, true, false)).toBe(false);
    expect(differs(spec, true, undefined)).toBe(false);
    expect(differs(spec, false, true)).toBe(true);
    expect(differs(spec, undefined, true)).toBe(true);
  });

  test("afterCreate: a lost create's candidate is matched without it; other inputs still must match", () => {
    const fields = {
      text: { compare: "text" },
      labels: { compare: "set", cleared: [], afterCreate: true },
    } as const;
    expect(matchesDeclared(fields, { text: "t", labels: [] }, { text: "t", labels: ["a"] })).toBe(true);
    expect(matchesDeclared(fields, { text: "u", labels: [] }, { text: "t", labels: ["a"] })).toBe(false);
  });
});
