// One pace for every call of a client: under Bluejay's rate limit, many calls at once all get
// through, at about the rate Bluejay allows, instead of each retrying on its own until it gives up.
import { BluejayClient } from "../../../provider/client";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/resources/community";
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();

const LIST = "/v1/communities";

/** Arrival times of the requests after the first, in ms after the first. */
function arrivalsAfterFirst(emulator: BluejayEmulator): number[] {
  const [first, ...rest] = emulator.requests;
  return rest.map((r) => r.at - first!.at);
}

describe("rate limits", () => {
  test("40 creates at once against 10 requests a second all succeed, once each, with few 429s", async () => {
    const limited = await BluejayEmulator.start({
      apiKeys: [TEST_API_KEY],
      rateLimit: { requestsPerSecond: 10 },
    });
    const client = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: limited.url, maxRetries: 2 });
    try {
      const lifecycle = new ResourceLifecycle(communityKind, () => client);

      const created = await Promise.all(
        Array.from({ length: 40 }, (_, i) => lifecycle.create({ title: `Paced ${i}` })),
      );

      expect(new Set(created.map((c) => c.id)).size).toBe(40);
      expect(limited.communities()).toHaveLength(40);
      const refused = limited.requests.filter((r) => r.status === 429).length;
      expect(client.refusals).toBe(refused);
      // Each call retrying on its own would meet a 429 on most of its tries.
      expect(refused).toBeLessThan(40);
    } finally {
      client.close();
      await limited.close();
    }
  });

  test("maxRequestsPerSecond spaces a client's calls even where Bluejay sets no limit", async () => {
    const client = fx.client({ maxRequestsPerSecond: 20 });
    const started = Date.now();

    await Promise.all(Array.from({ length: 21 }, () => client.listCommunities()));

    // 21 requests 50 ms apart: the last starts a second after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fx.emulator.requests).toHaveLength(21);
  });

  test("a Retry-After that arrives while requests wait holds back the ones already waiting", async () => {
    // Spaced 500 ms apart, the second call waits while the first meets a 429 asking for 2 s.
    const client = fx.client({ maxRequestsPerSecond: 2 });
    fx.emulator.injectFault({ method: "GET", path: LIST, status: 429, retryAfter: 2 });

    await Promise.all([client.listCommunities(), client.listCommunities()]);

    expect(fx.emulator.requests.map((r) => r.status)).toEqual([429, 200, 200]);
    for (const at of arrivalsAfterFirst(fx.emulator)) expect(at).toBeGreaterThanOrEqual(1900);
  });

  test("requests waiting out a pause go afterwards in the order they came, no faster than maxRequestsPerSecond", async () => {
    const client = fx.client({ maxRequestsPerSecond: 10 });
    const ids = Array.from({ length: 5 }, (_, i) => fx.emulator.store.create({ title: `Queued ${i}` }).id);
    // A second of successes first, so the 429 sets Bluejay's pace near the ceiling, not at one a second.
    for (let i = 0; i < 10; i++) await client.listCommunities();
    fx.emulator.clearRequests();
    fx.emulator.injectFault({ method: "GET", path: LIST, status: 429, retryAfter: 1 });

    await Promise.all([client.listCommunities(), ...ids.map((id) => client.getCommunity(id))]);

    const [refused, ...after] = fx.emulator.requests;
    expect(refused!.status).toBe(429);
    const gets = after.filter((r) => r.path !== LIST);
    expect(gets.map((r) => r.path)).toEqual(ids.map((id) => `/v1/community/${id}`));
    for (const r of after) expect(r.at - refused!.at).toBeGreaterThanOrEqual(950);
    // 100 ms apart at the client; arrival times jitter a little, so the bound is loose.
    after.slice(1).forEach((r, i) => expect(r.at - after[i]!.at).toBeGreaterThanOrEqual(70));
    expect(after.at(-1)!.at - after[0]!.at).toBeGreaterThanOrEqual(450);
  });
});
