// Arguments the client refuses before anything is sent.
import { BluejayClient, BluejayInputError } from "../../../provider/client";
import { useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();

const UNKNOWN_ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";

describe("input validation", () => {
  test.each([
    ["../x", "getCommunity"],
    ["abc?x=1", "getCommunity"],
    ["", "getCommunity"],
    [`${UNKNOWN_ID}/../..`, "getCommunity"],
  ])("getCommunity(%j) throws BluejayInputError naming id and sends nothing", async (id) => {
    const error = await rejection(fx.client().getCommunity(id), BluejayInputError);

    expect(error.operation).toBe("communities.get");
    expect(error.message).toMatch(/^Invalid arguments to communities.get: id must be a UUID/);
    expect(error.message).toContain("Nothing was sent to Bluejay.");
    expect(fx.emulator.requests).toHaveLength(0);
  });

  test.each([
    ["communities.update", (c: BluejayClient) => c.updateCommunity("../x", { title: "t" })],
    ["communities.delete", (c: BluejayClient) => c.deleteCommunity("abc?x=1")],
    ["communities.addDigitalHumans", (c: BluejayClient) => c.addDigitalHumansToCommunity("", [1])],
    ["communities.get", (c: BluejayClient) => c.communities.get(42 as unknown as string)],
  ])(
    "%s with an invalid id throws BluejayInputError naming id and sends nothing",
    async (operation, call) => {
      const error = await rejection(call(fx.client()), BluejayInputError);

      expect(error.operation).toBe(operation);
      expect(error.problems).toEqual([expect.stringMatching(/^id must be a (string )?UUID/)]);
      expect(fx.emulator.requests).toHaveLength(0);
    },
  );

  const id = UNKNOWN_ID;
  test.each<[string, (c: BluejayClient) => Promise<unknown>, string]>([
    [
      "title is a number",
      (c) => c.createCommunity({ title: 5 as unknown as string }),
      "title must be a string",
    ],
    ["title is missing", (c) => c.createCommunity({} as unknown as { title: string }), "title is required"],
    [
      "description is a number",
      (c) => c.createCommunity({ title: "t", description: 1 as unknown as string }),
      "description must be a string",
    ],
    [
      "a digital human id is fractional",
      (c) => c.createCommunity({ title: "t", digitalHumanIds: [1, 2.5] }),
      "digitalHumanIds.1 must be a whole number",
    ],
    [
      "a digital human id is negative",
      (c) => c.createCommunity({ title: "t", digitalHumanIds: [-3] }),
      "digitalHumanIds.0 must be a positive integer",
    ],
    [
      "a digital human id is zero",
      (c) => c.updateCommunity(id, { digitalHumanIds: [0] }),
      "digitalHumanIds.0 must be a positive integer",
    ],
    [
      "a digital human id is a string",
      (c) => c.updateCommunity(id, { digitalHumanIds: ["7" as unknown as number] }),
      "digitalHumanIds.0 must be a number",
    ],
    [
      "update title is a number",
      (c) => c.updateCommunity(id, { title: 1 as unknown as string }),
      "title must be a string",
    ],
    [
      "an unknown field is given",
      (c) => c.createCommunity({ title: "t", titel: "typo" } as unknown as { title: string }),
      "titel",
    ],
    [
      "the list filter is fractional",
      (c) => c.listCommunities({ digitalHumanId: 1.5 }),
      "digitalHumanId must be a whole number",
    ],
    [
      "the list filter is negative",
      (c) => c.listCommunities({ digitalHumanId: -1 }),
      "digitalHumanId must be a positive integer",
    ],
    [
      "no digital humans are added",
      (c) => c.addDigitalHumansToCommunity(id, []),
      "digitalHumanIds must name at least one id",
    ],
    [
      "an added digital human id is fractional",
      (c) => c.addDigitalHumansToCommunity(id, [0.5]),
      "digitalHumanIds.0 must be a whole number",
    ],
  ])("BluejayInputError when %s, naming the field, with zero HTTP requests", async (_case, call, problem) => {
    const error = await rejection(call(fx.client()), BluejayInputError);

    expect(error.message).toContain(problem);
    expect(fx.emulator.requests).toHaveLength(0);
  });
});
