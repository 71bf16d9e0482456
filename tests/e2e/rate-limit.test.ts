// A big `pulumi up` against a rate-limited Bluejay: 100 communities through an emulator that allows
// 5 requests a second (429 with Retry-After beyond) are created and destroyed with no failure, and
// the `up` takes at most 1.5 × the floor (100 requests / 5 per second = 20 s) longer than the same
// `up` unlimited. Every call of the provider process shares one pace, so the engine's parallel
// creates stop colliding.
import { capture, createE2EStack, type Declared, type E2EStack } from "./harness";

jest.setTimeout(600_000);

const COUNT = 100;
const RATE = 5;
const FLOOR_S = COUNT / RATE;
const declared: Declared = Object.fromEntries(
  Array.from({ length: COUNT }, (_, i) => [`paced${i}`, { title: `Paced ${i}` }]),
);

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
    limited.emulator.clearRequests();
    const destroyStarted = Date.now();
    await limited.stack.destroy(capture(limited.output));
    const destroyS = (Date.now() - destroyStarted) / 1000;
    const refusedDestroy = limited.emulator.requests.filter((r) => r.status === 429).length;

    console.log(
      `rate limit ${RATE}/s, ${COUNT} communities: up ${paced.toFixed(1)} s (unlimited ${free.toFixed(1)} s, ` +
        `floor ${FLOOR_S} s), ${refusedUp} 429s; destroy ${destroyS.toFixed(1)} s, ${refusedDestroy} 429s`,
    );
    expect(limited.emulator.communities()).toEqual([]);
    expect(paced - free).toBeLessThanOrEqual(1.5 * FLOOR_S);
  });
});
