// `check` against thousands of random input bags: it never throws, never calls Bluejay, and
// either accepts the inputs (normalized) or names a bad field in every failure.
import fc from "fast-check";
import { UNKNOWN } from "../../../provider/dynamic/unknown";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { KINDS } from "../../../provider/kinds/registry";
import { communityKind } from "../../../provider/kinds/community/kind";

const INPUT_NAMES = Object.keys(communityKind.hints);

const provider = new ResourceLifecycle(communityKind, () => {
  throw new Error("check must never need a Bluejay client");
});

const hostile = fc.oneof(
  fc.constant(UNKNOWN),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.constantFrom("__proto__", "constructor", "prototype", "toString", "../../etc/passwd", "?id=1#x"),
  fc.array(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(UNKNOWN), fc.constant(null)), {
    maxLength: 30,
  }),
  fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1000, maxLength: 3000 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
);

const key = fc.oneof(
  fc.constantFrom(...INPUT_NAMES, "__proto__", "constructor", "hasOwnProperty", "__provider", "titel"),
  fc.string({ maxLength: 20 }),
);

/** Builds the bag with defineProperty so keys like `__proto__` become own properties, as from the wire. */
const bag = fc.array(fc.tuple(key, hostile), { maxLength: 8 }).map((entries) => {
  const news: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(news, k, { value: v, enumerable: true, configurable: true, writable: true });
  return news;
});

describe("check with random inputs", () => {
  test("never throws; accepts only valid inputs; every failure names a property and a reason", async () => {
    await fc.assert(
      fc.asyncProperty(bag, async (news) => {
        const before = Object.getPrototypeOf({});
        const { inputs, failures } = await provider.check({}, news);
        expect(Object.getPrototypeOf({})).toBe(before); // no prototype pollution
        if (failures.length === 0) {
          expect(Object.keys(inputs).every((k) => INPUT_NAMES.includes(k))).toBe(true);
          expect(
            inputs.title === UNKNOWN || (typeof inputs.title === "string" && inputs.title.trim() !== ""),
          ).toBe(true);
        } else {
          for (const failure of failures) {
            // Named in the reason, never as Pulumi's property (which would print the value).
            expect(failure.property).toBe("");
            expect(failure.path.length).toBeGreaterThan(0);
            expect(failure.reason.startsWith(failure.path)).toBe(true);
            // Messages stay readable however large the offending value is.
            expect(failure.reason.length).toBeLessThan(400);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  test("a huge list with many bad ids gives a bounded number of failures", async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => (i % 2 ? -i : 1.5));
    const { failures } = await provider.check({}, { title: "T", digitalHumanIds: ids });
    expect(failures.length).toBeLessThanOrEqual(21);
    expect(failures.at(-1)!.reason).toMatch(/^digitalHumanIds has \d+ more problems like those above\.$/);
  });
});

describe.each(KINDS.filter((kind) => kind !== communityKind).map((kind) => [kind.name, kind] as const))(
  "%s check with random inputs",
  (_name, kind) => {
    const lifecycle = new ResourceLifecycle(kind, () => {
      throw new Error("check must never need a Bluejay client");
    });
    const names = Object.keys(kind.hints);
    const anyKey = fc.oneof(
      fc.constantFrom(...names, "__proto__", "constructor", "__provider"),
      fc.string({ maxLength: 20 }),
    );
    const anyBag = fc.array(fc.tuple(anyKey, hostile), { maxLength: 8 }).map((entries) => {
      const news: Record<string, unknown> = {};
      for (const [k, v] of entries)
        Object.defineProperty(news, k, { value: v, enumerable: true, configurable: true, writable: true });
      return news;
    });

    test("never throws; accepts only its own inputs; every failure names a property and a reason", async () => {
      await fc.assert(
        fc.asyncProperty(anyBag, async (news) => {
          const { inputs, failures } = await lifecycle.check({}, news);
          if (failures.length === 0) {
            expect(Object.keys(inputs).every((k) => names.includes(k))).toBe(true);
          } else {
            for (const failure of failures) {
              expect(failure.property).toBe("");
              expect(failure.reason.startsWith(failure.path)).toBe(true);
              // Bounded whatever the value: the longest lists every input name of the kind.
              expect(failure.reason.length).toBeLessThan(1200);
            }
          }
        }),
        { numRuns: 250 },
      );
    });
  },
);
