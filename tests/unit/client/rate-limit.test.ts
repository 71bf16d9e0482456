// One pace for every call of a client: under Bluejay's rate limit, many calls at once all get
// through, at about the rate Bluejay allows, instead of each retrying on its own until it gives up.
import { BluejayClient } from "../../../provider/client";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/kinds/community/kind";
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();

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
});
