// A big `pulumi up` against a rate-limited Bluejay: 100 communities through an emulator that allows
// 5 requests a second (429 with Retry-After beyond) are created and destroyed with no failure, and
// the `up` takes at most 1.5 × the floor (100 requests / 5 per second = 20 s) longer than the same
// `up` unlimited. Every call of the provider process shares one pace, so the engine's parallel
// creates stop colliding; and after a 429 the next request goes one share of the allowance later,
// not a whole-second Retry-After later, so neither the `up` nor the `destroy` idles after one.
import type { RequestLogEntry } from "../../emulator";
import { capture, createE2EStack, type Declared, type E2EStack } from "./harness";

jest.setTimeout(600_000);

const COUNT = 100;
const RATE = 5;
const FLOOR_S = COUNT / RATE;
const declared: Declared = Object.fromEntries(
  Array.from({ length: COUNT }, (_, i) => [`paced${i}`, { title: `Paced ${i}` }]),
);

/** The longest time from a 429 to the next request Bluejay received, in ms (0 with no 429). */
function longestWaitAfterRefusal(log: readonly RequestLogEntry[]): number {
  let longest = 0;
  log.forEach((r, i) => {
    const next = log[i + 1];
    if (r.status === 429 && next) longest = Math.max(longest, next.at - r.at);
  });
  return longest;
}

async function timedUp(e2e: E2EStack): Promise<number> {
  const started = Date.now();
  await e2e.stack.up(capture(e2e.output));
  return (Date.now() - started) / 1000;
}

describe(`${COUNT} communities at ${RATE} requests a second`, () => {
  const stacks: E2EStack[] = [];
  afterAll(async () => {
    for (const e2e of stacks) await e2e.cleanup();
  });

  test("up and destroy succeed, and the up is at most 1.5 × the floor slower than unlimited", async () => {
    const unlimited = await createE2EStack("paced-free");
    stacks.push(unlimited);
    await unlimited.declare(declared);
    const free = await timedUp(unlimited);
    await unlimited.stack.destroy(capture(unlimited.output));

    const limited = await createE2EStack("paced", {}, { rateLimit: { requestsPerSecond: RATE } });
    stacks.push(limited);
    await limited.declare(declared);
    const paced = await timedUp(limited);
    expect(limited.emulator.communities()).toHaveLength(COUNT);
    const refusedUp = limited.emulator.requests.filter((r) => r.status === 429).length;
    const afterRefusalUp = longestWaitAfterRefusal(limited.emulator.requests);
    limited.emulator.clearRequests();
    const destroyStarted = Date.now();
    await limited.stack.destroy(capture(limited.output));
    const destroyS = (Date.now() - destroyStarted) / 1000;
    const refusedDestroy = limited.emulator.requests.filter((r) => r.status === 429).length;

    const destroyLog = [...limited.emulator.requests];
    console.log(
      `rate limit ${RATE}/s, ${COUNT} communities: up ${paced.toFixed(1)} s (unlimited ${free.toFixed(1)} s, ` +
        `floor ${FLOOR_S} s), ${refusedUp} 429s (longest wait after one ${afterRefusalUp} ms); ` +
        `destroy ${destroyS.toFixed(1)} s, ${refusedDestroy} 429s (longest wait after one ${longestWaitAfterRefusal(destroyLog)} ms)`,
    );
    // The old pace waited out every 429's whole-second Retry-After; one share is 200 ms here.
    expect(afterRefusalUp).toBeLessThan(1000);
    expect(longestWaitAfterRefusal(destroyLog)).toBeLessThan(1000);
    expect(limited.emulator.communities()).toEqual([]);
    expect(paced - free).toBeLessThanOrEqual(1.5 * FLOOR_S);
  });
});
