// One pace for every call of a client: under Bluejay's rate limit, many calls at once all get
// through, at about the rate Bluejay allows, instead of each retrying on its own until it gives up.
import {
  BluejayApiError,
  BluejayClient,
  BluejayError,
  BluejayRateLimitedError,
} from "../../../provider/client";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/kinds/community/kind";
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();

const LIST = "/v1/communities";
const EMPTY_LIST = JSON.stringify({ communities: [], total_count: 0 });

/** Arrival times of the requests after the first, in ms after the first. */
function arrivalsAfterFirst(emulator: BluejayEmulator): number[] {
  const [first, ...rest] = emulator.requests;
  return rest.map((r) => r.at - first!.at);
}

/** A 200 list answer that says the allowance is used up until `reset` (an X-RateLimit-Reset value). */
function allowanceUsedUp(emulator: BluejayEmulator, reset: number): void {
  emulator.injectFault({
    method: "GET",
    path: LIST,
    status: 200,
    body: EMPTY_LIST,
    headers: { "X-RateLimit-Limit": "1", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(reset) },
  });
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

  test("once a pause outlasts a call's budget, a new call fails at once with BluejayRateLimitedError and sends nothing", async () => {
    const client = fx.client({ totalTimeoutMs: 2_000 });
    fx.emulator.injectFault({ method: "GET", path: LIST, status: 429, retryAfter: 30 });

    // The refused call's retry would come after its budget: it ends with the 429 it received.
    const refused = await rejection(client.listCommunities(), BluejayApiError);
    expect(refused.status).toBe(429);
    const started = Date.now();
    const error = await rejection(client.listCommunities(), BluejayRateLimitedError);

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fx.emulator.requests).toHaveLength(1);
    expect(error.name).toBe("BluejayRateLimitedError");
    expect([error.method, error.path]).toEqual(["GET", LIST]);
    expect(error.budgetMs).toBe(2_000);
    expect(error.pausedUntil).toBeGreaterThan(Date.now() + 28_000);
    expect(error.waitSeconds).toBeGreaterThanOrEqual(28);
    expect(error.waitSeconds).toBeLessThanOrEqual(30);
    expect(error.message).toMatch(
      /^Bluejay is rate limiting this client: it asked for a pause that ends in (28|29|30) s, so GET \/v1\/communities could not be sent for (28|29|30) s \(until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), more than the [012] s left of this call's 2 s budget\. Nothing was sent to Bluejay\. Run again later, or lower bluejay:maxRequestsPerSecond/,
    );
  });

  test("a call waiting its turn when a pause longer than its budget arrives fails then, without waiting out its budget", async () => {
    // The second call's turn is 500 ms away when the first call's 429 asks for 30 s.
    const client = fx.client({ maxRequestsPerSecond: 2, totalTimeoutMs: 3_000 });
    fx.emulator.injectFault({ method: "GET", path: LIST, status: 429, retryAfter: 30 });
    const started = Date.now();

    const [first, second] = await Promise.allSettled([client.listCommunities(), client.listCommunities()]);

    expect(first.status === "rejected" && first.reason).toBeInstanceOf(BluejayApiError);
    expect(second.status === "rejected" && second.reason).toBeInstanceOf(BluejayRateLimitedError);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a call is not let go early on an estimate of Bluejay's pace: it waits, and fails with nothing sent only when its budget is spent", async () => {
    const client = fx.client({ totalTimeoutMs: 1_500 });
    // A 429 with no successes before it sets Bluejay's pace to one request a second.
    fx.emulator.injectFault({ method: "GET", path: LIST, status: 429, retryAfter: 0 });
    await client.listCommunities();
    const started = Date.now();

    const outcomes = await Promise.allSettled([1, 2, 3].map(() => client.listCommunities()));

    expect(outcomes[0]!.status).toBe("fulfilled");
    for (const late of outcomes.slice(1)) {
      expect(late.status === "rejected" && late.reason).toBeInstanceOf(BluejayRateLimitedError);
    }
    // Spaced a second apart, the second and third were due after their 1.5 s budgets, but the pace
    // might have quickened: they waited out their budgets.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(fx.emulator.requests.map((r) => r.status)).toEqual([429, 200, 200]);
  });

  test("a call whose turn under maxRequestsPerSecond alone comes after its budget fails at once, saying the ceiling holds it", async () => {
    const client = fx.client({ maxRequestsPerSecond: 0.1, totalTimeoutMs: 2_000 });

    await client.listCommunities();
    const error = await rejection(client.listCommunities(), BluejayRateLimitedError);

    expect(error.pausedUntil).toBeUndefined();
    expect(error.waitSeconds).toBeGreaterThanOrEqual(9);
    expect(error.message).toMatch(
      /^Requests to Bluejay are spaced to at most bluejay:maxRequestsPerSecond, 0\.1 a second, so GET \/v1\/communities could not be sent for (9|10) s .* Raise bluejay:maxRequestsPerSecond/,
    );
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("BluejayRateLimitedError says Bluejay is rate limiting, for how long, that nothing was sent, and what to do", () => {
    const now = Date.parse("2025-06-01T12:00:00Z");
    const error = new BluejayRateLimitedError(
      { method: "POST", path: "/v1/create-community" },
      {
        resumesAt: now + 90_000,
        pausedUntil: now + 90_000,
        ceilingOnly: false,
        maxRequestsPerSecond: undefined,
        budgetLeftMs: 41_500,
        budgetMs: 120_000,
        now,
      },
    );

    expect(error).toBeInstanceOf(BluejayError);
    expect(error.name).toBe("BluejayRateLimitedError");
    expect(error.waitSeconds).toBe(90);
    expect(error.message).toBe(
      "Bluejay is rate limiting this client: it asked for a pause that ends in 90 s, so POST /v1/create-community " +
        "could not be sent for 90 s (until 2025-06-01T12:01:30Z), more than the 41 s left of this call's 120 s budget. " +
        "Nothing was sent to Bluejay. Run again later, or lower bluejay:maxRequestsPerSecond " +
        "(BLUEJAY_MAX_REQUESTS_PER_SECOND) so fewer requests run into Bluejay's limit. " +
        "(A program using BluejayClient directly can also raise its totalTimeoutMs option.)",
    );
  });

  test("an X-RateLimit-Reset that is a Unix time waits until that time, not a minute", async () => {
    const client = fx.client({ totalTimeoutMs: 10_000 });
    // Two seconds ahead on the emulator's clock, whose Date header has whole seconds.
    allowanceUsedUp(fx.emulator, Math.floor(fx.emulator.now().getTime() / 1000) + 2);

    await client.listCommunities();
    await client.listCommunities();

    const [gap] = arrivalsAfterFirst(fx.emulator);
    expect(gap).toBeGreaterThanOrEqual(1_500);
    expect(gap).toBeLessThan(5_000);
  });

  test("an X-RateLimit-Reset that is a Unix time is read on the server's clock (its Date header), not this machine's", async () => {
    // Bluejay's clock an hour behind: on this machine's clock the reset time would be long past.
    const behind = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], clockOffsetMs: -3_600_000 });
    const client = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: behind.url, totalTimeoutMs: 10_000 });
    try {
      allowanceUsedUp(behind, Math.floor(behind.now().getTime() / 1000) + 2);

      await client.listCommunities();
      await client.listCommunities();

      const [gap] = arrivalsAfterFirst(behind);
      expect(gap).toBeGreaterThanOrEqual(1_500);
      expect(gap).toBeLessThan(5_000);
    } finally {
      client.close();
      await behind.close();
    }
  });

  test("an X-RateLimit-Reset in seconds still waits that long", async () => {
    const client = fx.client({ totalTimeoutMs: 10_000 });
    allowanceUsedUp(fx.emulator, 2);

    await client.listCommunities();
    await client.listCommunities();

    const [gap] = arrivalsAfterFirst(fx.emulator);
    expect(gap).toBeGreaterThanOrEqual(1_900);
    expect(gap).toBeLessThan(5_000);
  });

  test("an X-RateLimit-Reset a day away holds requests back a minute at most", async () => {
    const client = fx.client({ totalTimeoutMs: 10_000 });
    allowanceUsedUp(fx.emulator, Math.floor(Date.now() / 1000) + 86_400);

    await client.listCommunities();
    const error = await rejection(client.listCommunities(), BluejayRateLimitedError);

    expect(error.waitSeconds).toBeGreaterThan(50);
    expect(error.waitSeconds).toBeLessThanOrEqual(60);
    expect(fx.emulator.requests).toHaveLength(1);
  });
});
