// The optional rate limit: a token bucket over all requests; beyond it, 429 with Retry-After, and
// X-RateLimit-* headers on every answer while the limit is on.
import { BluejayEmulator, type RateLimitOptions } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { caller, request, type Reply } from "./http";

const fx = useEmulator();
const call = caller(fx);

const limited: BluejayEmulator[] = [];
afterEach(async () => {
  await Promise.all(limited.splice(0).map((e) => e.close()));
});

async function startLimited(rateLimit: RateLimitOptions): Promise<BluejayEmulator> {
  const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], rateLimit });
  limited.push(emulator);
  return emulator;
}

function rateHeaders(reply: Reply): (string | null)[] {
  return ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"].map((h) => reply.headers.get(h));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("rate limit", () => {
  test('with burst 3, three requests pass (Remaining 2, 1, 0) and the fourth gets 429 {"detail": "Too Many Requests"} with Retry-After', async () => {
    const emulator = await startLimited({ requestsPerSecond: 1, burst: 3 });

    const replies: Reply[] = [];
    for (let i = 0; i < 4; i++) replies.push(await request(emulator.url, "GET", "/v1/communities"));

    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(replies.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(replies[3]!.body).toEqual({ detail: "Too Many Requests" });
    expect(replies[3]!.headers.get("retry-after")).toBe("1");
  });

  test("every answer carries X-RateLimit-Limit, -Remaining and -Reset while the limit is on: 200, 401, 404, 422 and 429", async () => {
    const emulator = await startLimited({ requestsPerSecond: 0.5, burst: 4 });
    const at = (method: string, path: string, options = {}) => request(emulator.url, method, path, options);

    const replies = [
      await at("GET", "/v1/communities"),
      await at("GET", "/v1/communities", { key: null }),
      await at("GET", "/v1/agents/9"),
      await at("POST", "/v1/add-agent", { body: {} }),
      await at("GET", "/v1/communities"),
    ];

    expect(replies.map((r) => r.status)).toEqual([200, 401, 404, 422, 429]);
    for (const reply of replies) {
      const [limit, remaining, reset] = rateHeaders(reply);
      expect(limit).toBe("4");
      expect(remaining).toMatch(/^\d+$/);
      expect(Number(reset)).toBeGreaterThanOrEqual(0);
    }
    expect(rateHeaders(replies[0]!)).toEqual(["4", "3", "2"]);
    expect(Number(rateHeaders(replies[4]!)[2])).toBeGreaterThanOrEqual(1);
  });

  test("without a rate limit no answer carries X-RateLimit-* headers and nothing is refused", async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 20; i++) replies.push(await call("GET", "/v1/communities"));

    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.every((r) => rateHeaders(r).every((h) => h === null))).toBe(true);
  });

  test("tokens refill at requestsPerSecond: after a refusal, waiting 1/rate seconds lets a request through", async () => {
    const emulator = await startLimited({ requestsPerSecond: 10, burst: 1 });

    const first = await request(emulator.url, "GET", "/v1/communities");
    const refused = await request(emulator.url, "GET", "/v1/communities");
    await sleep(150);
    const later = await request(emulator.url, "GET", "/v1/communities");

    expect([first.status, refused.status, later.status]).toEqual([200, 429, 200]);
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  test("429s are logged like any other status, and a refused write writes nothing", async () => {
    const emulator = await startLimited({ requestsPerSecond: 0.2, burst: 1 });

    await request(emulator.url, "POST", "/v1/create-community", { body: { title: "first" } });
    const refused = await request(emulator.url, "POST", "/v1/create-community", {
      body: { title: "second" },
    });

    expect(refused.status).toBe(429);
    expect(emulator.communities().map((c) => c.title)).toEqual(["first"]);
    expect(emulator.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/v1/create-community", 200],
      ["POST", "/v1/create-community", 429],
    ]);
  });

  test("the bucket covers all requests, whatever the route or key", async () => {
    const emulator = await startLimited({ requestsPerSecond: 0.2, burst: 2 });

    const replies = [
      await request(emulator.url, "GET", "/v1/all-agents"),
      await request(emulator.url, "GET", "/v1/nope", { key: "wrong" }),
      await request(emulator.url, "GET", "/v1/get-all-simulations"),
    ];

    expect(replies.map((r) => r.status)).toEqual([200, 404, 429]);
  });

  test("Retry-After is in whole seconds and at least 1, even when the bucket refills within a second", async () => {
    const emulator = await startLimited({ requestsPerSecond: 100, burst: 1 });

    const replies = await Promise.all(
      Array.from({ length: 30 }, () => request(emulator.url, "GET", "/v1/communities")),
    );
    const refused = replies.filter((r) => r.status === 429);

    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => r.headers.get("retry-after")))).toEqual(new Set(["1"]));
  });

  test("reset() refills the bucket", async () => {
    const emulator = await startLimited({ requestsPerSecond: 0.5, burst: 1 });
    await request(emulator.url, "GET", "/v1/communities");
    expect((await request(emulator.url, "GET", "/v1/communities")).status).toBe(429);

    emulator.reset();

    expect((await request(emulator.url, "GET", "/v1/communities")).status).toBe(200);
  });

  test.each([
    [{ requestsPerSecond: 0 }, "requestsPerSecond"],
    [{ requestsPerSecond: Number.NaN }, "requestsPerSecond"],
    [{ requestsPerSecond: 5, burst: 0 }, "burst"],
    [{ requestsPerSecond: 5, burst: 1.5 }, "burst"],
  ])("an emulator refuses to start with rateLimit %j", async (rateLimit, message) => {
    await expect(BluejayEmulator.start({ apiKeys: [TEST_API_KEY], rateLimit })).rejects.toThrow(message);
  });
});
