// Writes at the allowed rate. A token bucket's `Retry-After` can say no less than a whole second,
// while its next token is one request's share away (50 ms at 20 a second): a 429 used to hold every
// call for that whole second, and the pace learned after it from "what got through in the last
// second" counted the pause as slowness, so a destroy ran at under 3 deletes a second where 5 were
// allowed. Now the pace is read from Bluejay's `X-RateLimit-*` headers: after a 429 the next request
// goes one share after the refused one was sent. The gaps are read from the emulator's request log
// and held against the Retry-After the 429 carried (the wait the old pace always took), so only a
// stall of the whole machine for that long could fail them.
import { RateLimiter } from "../../../provider/client/rate-limit";
import { BluejayClient } from "../../../provider/client";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/kinds/community/kind";
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY } from "../../helpers/emulator";

const RATE = 20;
const DELETES = 100;
/** The engine's parallelism on a 2-core machine (4 × GOMAXPROCS). */
const PARALLEL = 8;

describe("deletes under a rate limit, as a destroy sends them", () => {
  test("go on one share after a 429, never waiting out its whole-second Retry-After", async () => {
    const emulator = await BluejayEmulator.start({
      apiKeys: [TEST_API_KEY],
      rateLimit: { requestsPerSecond: RATE },
      latency: { ms: 20 },
    });
    const client = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: emulator.url });
    try {
      const ids = Array.from(
        { length: DELETES },
        (_, i) => emulator.store.create({ title: `Paced ${i}`, digital_human_ids: [1] }).id,
      );
      emulator.clearRequests();
      const lifecycle = new ResourceLifecycle(communityKind, () => client);
      let next = 0;
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          while (next < DELETES) await lifecycle.delete(ids[next++]!, {});
        }),
      );

      expect(emulator.communities()).toEqual([]);
      const log = emulator.requests;
      expect(log.filter((r) => r.status === 200)).toHaveLength(DELETES);
      const refused = log.flatMap((r, i) => (r.status === 429 ? [i] : []));
      // The first burst finds the bucket's allowance used up with requests still in flight.
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length).toBeLessThanOrEqual(2 * PARALLEL);
      for (const i of refused.filter((i) => i + 1 < log.length)) {
        const gap = log[i + 1]!.at - log[i]!.at;
        expect(gap).toBeLessThan(1000);
      }
    } finally {
      client.close();
      await emulator.close();
    }
  });
});

describe("the pace Bluejay's headers set", () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** When the next request may start, as the limiter decides with the clock stopped at `at`. */
  async function nextTurn(limiter: RateLimiter): Promise<number> {
    let started: number | undefined;
    void limiter.acquire(Date.now() + 60_000).then(() => (started = Date.now()));
    for (let step = 0; step < 60_000 && started === undefined; step += 5) {
      await jest.advanceTimersByTimeAsync(5);
    }
    return started!;
  }

  test("a 429 whose headers say the allowance is used up waits one share from when the refused request was sent", async () => {
    const limiter = new RateLimiter();
    const sentAt = Date.now() - 100;
    // 10 a second with a bucket of 10: a whole bucket in 1 s, one request every 100 ms.
    limiter.observe({ status: 429, retryAfterSeconds: 1, limit: 10, remaining: 0, resetSeconds: 1, sentAt });

    expect((await nextTurn(limiter)) - sentAt).toBeLessThanOrEqual(100);
    const second = await nextTurn(limiter);
    const third = await nextTurn(limiter);
    expect(third - second).toBe(100);
  });

  test("a Retry-After longer than the allowance takes to come back is a pause of its own, and is kept", async () => {
    const limiter = new RateLimiter();
    const refusedAt = Date.now();
    limiter.observe({ status: 429, retryAfterSeconds: 30, limit: 10, remaining: 0, resetSeconds: 1 });

    expect((await nextTurn(limiter)) - refusedAt).toBe(30_000);
  });

  test("a success that uses up the allowance spaces later starts by one share", async () => {
    const limiter = new RateLimiter();
    await nextTurn(limiter);
    const sentAt = Date.now();
    jest.setSystemTime(sentAt + 40);
    limiter.observe({ status: 200, limit: 20, remaining: 0, resetSeconds: 2, sentAt });

    // 20 in 2 s: one every 100 ms, from the start of the request that found it used up.
    expect((await nextTurn(limiter)) - sentAt).toBe(100);
  });

  test("without rate-limit headers, the pace a 429 sets counts what got through since the last pause, not the pause", async () => {
    const limiter = new RateLimiter();
    limiter.observe({ status: 429, retryAfterSeconds: 1 });
    await nextTurn(limiter);
    // Two successes in the 100 ms after the pause, then a 429 again.
    limiter.observe({ status: 200 });
    jest.advanceTimersByTime(100);
    limiter.observe({ status: 200 });
    limiter.observe({ status: 429, retryAfterSeconds: 1 });

    const first = await nextTurn(limiter);
    const second = await nextTurn(limiter);
    // 2 in 0.1 s: 50 ms apart. Counting the last whole second (the pause in it), 2 a second would
    // space them 500 ms apart, and the pace would creep back from there 3% a success.
    expect(second - first).toBeLessThanOrEqual(60);
  });

  test("without rate-limit headers a 429 waits out its Retry-After", async () => {
    const limiter = new RateLimiter();
    const refusedAt = Date.now();
    limiter.observe({ status: 429, retryAfterSeconds: 2 });

    expect((await nextTurn(limiter)) - refusedAt).toBe(2_000);
  });
});
