// `check` validates inputs with no HTTP call; every failure names the property, the rule and the
// fix, and never the value (any of them may be a secret the program wrapped).
import { z } from "zod";
import { checkInputs, type CheckSpec } from "../../../provider/dynamic/check";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/kinds/community/kind";
import { UNKNOWN } from "../../../provider/dynamic/unknown";
import { useEmulator } from "../../helpers/emulator";

describe("check", () => {
  const fx = useEmulator();
  const provider = () => new ResourceLifecycle(communityKind, () => fx.client());

  async function failuresFor(news: Record<string, unknown>) {
    const result = await provider().check({}, news);
    return result.failures ?? [];
  }

  afterEach(() => {
    // check never talks to Bluejay, whatever it is given.
    expect(fx.emulator.requests).toHaveLength(0);
  });

  test("accepts a full, valid declaration and returns normalized inputs", async () => {
    const result = await provider().check(
      {},
      {
        __provider: "text",
        title: "Support",
        description: "Callers",
        digitalHumanIds: [3, 1, 2],
      },
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ title: "Support", description: "Callers", digitalHumanIds: [3, 1, 2] });
  });

  test("drops a null description and a null id list", async () => {
    const result = await provider().check({}, { title: "T", description: null, digitalHumanIds: null });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ title: "T" });
  });

  test.each([
    ["a missing title", {}, "title", "title is required"],
    ["an empty title", { title: "" }, "title", "title must not be empty or blank"],
    ["a blank title", { title: "   " }, "title", "title must not be empty or blank"],
    ["a non-string title", { title: 42 }, "title", "title must be a string"],
    [
      "a non-string description",
      { title: "T", description: 7 },
      "description",
      "description must be a string",
    ],
    [
      "ids that are not a list",
      { title: "T", digitalHumanIds: 5 },
      "digitalHumanIds",
      "must be a list of numbers",
    ],
    [
      "a fractional id",
      { title: "T", digitalHumanIds: [1, 2.5] },
      "digitalHumanIds[1]",
      "must be a whole number",
    ],
    [
      "a negative id",
      { title: "T", digitalHumanIds: [-4] },
      "digitalHumanIds[0]",
      "must be a positive integer",
    ],
    ["a zero id", { title: "T", digitalHumanIds: [0] }, "digitalHumanIds[0]", "must be a positive integer"],
    ["a string id", { title: "T", digitalHumanIds: ["101"] }, "digitalHumanIds[0]", "must be a number"],
    [
      "a duplicate id",
      { title: "T", digitalHumanIds: [7, 8, 7] },
      "digitalHumanIds[2]",
      "repeats the id at [0]",
    ],
    ["an adoptId that is not a UUID", { title: "T", adoptId: "../etc" }, "adoptId", "adoptId must be a UUID"],
  ])("rejects %s, naming %s", async (_what, news, path, reason) => {
    const failures = await failuresFor(news);
    expect(failures).toHaveLength(1);
    // Named in the reason, never as Pulumi's property: Pulumi would print the value beside it.
    expect(failures[0]).toMatchObject({ property: "", path, reason: expect.stringContaining(`${path} `) });
    expect(failures[0]!.reason).toContain(reason);
    const value = JSON.stringify(Object.values(news).at(-1));
    if (!["{}", '""'].includes(value ?? "")) expect(failures[0]!.reason).not.toContain(`got ${value}`);
  });

  test("each failure ends with how to fix it", async () => {
    const [failure] = await failuresFor({ title: "T", digitalHumanIds: [1.5] });
    expect(failure!.reason).toMatch(
      /Use a list of distinct positive whole-number digital human ids, e\.g\. \[101, 102\]\.$/,
    );
  });

  test("rejects an unknown extra property and suggests the intended one", async () => {
    const failures = await failuresFor({ title: "T", titel: "x", colour: "red" });
    expect(failures.map((f) => f.path)).toEqual(["titel", "colour"]);
    expect(failures[0]!.reason).toBe(
      "titel is not a Community input (did you mean title?). Community accepts title, description, digitalHumanIds, adoptId.",
    );
  });

  test("reports every bad property at once", async () => {
    const failures = await failuresFor({ title: "", digitalHumanIds: [1, 1] });
    expect(failures.map((f) => f.path).sort()).toEqual(["digitalHumanIds[1]", "title"]);
  });

  test("never rejects unknown values during preview, in any field or list element", async () => {
    for (const news of [
      { title: UNKNOWN },
      { title: UNKNOWN, description: UNKNOWN, digitalHumanIds: UNKNOWN, adoptId: UNKNOWN },
      { title: "T", digitalHumanIds: [UNKNOWN, 1, UNKNOWN] },
      { title: "T", digitalHumanIds: [1, UNKNOWN] },
    ]) {
      expect(await failuresFor(news)).toEqual([]);
    }
  });

  test("still rejects known bad values next to unknown ones", async () => {
    const failures = await failuresFor({ title: UNKNOWN, digitalHumanIds: [UNKNOWN, -1] });
    expect(failures.map((f) => f.path)).toEqual(["digitalHumanIds[1]"]);
  });

  test("NaN and Infinity are each named once, by what is wrong with them", async () => {
    const failures = await failuresFor({
      title: "T",
      digitalHumanIds: [Number.NaN, Number.POSITIVE_INFINITY],
    });
    expect(failures.map((f) => f.reason)).toEqual([
      "digitalHumanIds[0] must be a number. Use a list of distinct positive whole-number digital human ids, e.g. [101, 102].",
      "digitalHumanIds[1] must be a whole number. Use a list of distinct positive whole-number digital human ids, e.g. [101, 102].",
    ]);
  });

  test("a request body over Bluejay's 1 MiB limit is refused at preview, naming the largest field", async () => {
    const failures = await failuresFor({ title: "T", description: "x".repeat(1024 * 1024) });
    expect(failures).toEqual([
      {
        property: "",
        path: "description",
        reason:
          "description is 1,048,578 bytes, which makes the request 1,048,606 bytes: Bluejay refuses a request body over 1 MiB (1,048,576 bytes). Shorten description.",
      },
    ]);
  });
});

describe("check's rules over several inputs (a kind's `rules`)", () => {
  const seen: { inputs: Record<string, unknown>; olds: Record<string, unknown> }[] = [];
  const spec: CheckSpec = {
    kind: "Range",
    schema: z.object({ low: z.number(), high: z.number(), step: z.number().optional() }).strict(),
    hints: { low: "Set low below high.", high: "Set high above low.", step: "" },
    rules: [
      {
        reads: ["low", "high"],
        problems: (inputs, olds) => {
          seen.push({ inputs, olds });
          return (inputs.high as number) > (inputs.low as number)
            ? []
            : [{ path: ["high"], message: "must be above low" }];
        },
      },
    ],
  };
  beforeEach(() => (seen.length = 0));

  test("a broken rule fails the input it names, with that input's hint; the rule sees the inputs and the olds", () => {
    const { failures } = checkInputs(spec, { low: 5, high: 2 }, { low: 1, high: 9 });
    expect(failures).toEqual([
      { property: "", path: "high", reason: "high must be above low. Set high above low." },
    ]);
    expect(seen).toEqual([{ inputs: { low: 5, high: 2 }, olds: { low: 1, high: 9 } }]);
    expect(checkInputs(spec, { low: 1, high: 2 }).failures).toEqual([]);
  });

  test("a rule is not judged while an input it reads is unknown, nor when one failed its own schema", () => {
    expect(checkInputs(spec, { low: 5, high: UNKNOWN }).failures).toEqual([]);
    expect(checkInputs(spec, { low: "five", high: 2 }).failures.map((f) => f.path)).toEqual(["low"]);
    expect(seen).toEqual([]);
  });

  test("it is judged beside other inputs' failures, and an unknown input it does not read does not stop it", () => {
    expect(checkInputs(spec, { low: 5, high: 2, note: 7 }).failures.map((f) => f.path)).toEqual([
      "note",
      "high",
    ]);
    expect(checkInputs(spec, { low: 5, high: 2, step: UNKNOWN }).failures.map((f) => f.path)).toEqual([
      "high",
    ]);
  });
});
