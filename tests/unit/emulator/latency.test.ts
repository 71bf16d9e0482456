// Latency: every request is delayed by `latency.ms` plus a seeded jitter, half before it is handled
// and half before its answer leaves, so the benchmark and tests can meet a SaaS far from its caller.
// The delays are read from the request log (each entry records its own), never from a wall clock; the
// one time check is a lower bound, which a slow machine cannot break.
import { BluejayEmulator } from "../../../emulator";
import { Latency } from "../../../emulator/latency";
import { TEST_API_KEY } from "../../helpers/emulator";
import { request } from "./http";

const started: BluejayEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

async function start(latency: ConstructorParameters<typeof Latency>[0]): Promise<BluejayEmulator> {
  const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], latency });
  started.push(emulator);
  return emulator;
}

const draws = (latency: Latency, n: number) => Array.from({ length: n }, () => latency.next());

describe("the delays", () => {
  test("without jitter every request waits exactly latency.ms", () => {
    expect(new Set(draws(new Latency({ ms: 100 }), 50))).toEqual(new Set([100]));
  });

  test("with jitter each delay is within ms ± jitterMs, spread to both sides, and never below 0", () => {
    const delays = draws(new Latency({ ms: 100, jitterMs: 30, seed: 7 }), 2000);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(70);
    expect(Math.max(...delays)).toBeLessThanOrEqual(130);
    expect(delays.some((d) => d < 85)).toBe(true);
    expect(delays.some((d) => d > 115)).toBe(true);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.abs(mean - 100)).toBeLessThan(3);
    expect(Math.min(...draws(new Latency({ ms: 5, jitterMs: 50, seed: 3 }), 200))).toBe(0);
  });

  test("one seed gives one sequence, another seed another", () => {
    const of = (seed: number) => draws(new Latency({ ms: 50, jitterMs: 20, seed }), 20);
    expect(of(11)).toEqual(of(11));
    expect(of(11)).not.toEqual(of(12));
  });

  test.each([
    [{ ms: -1 }, "latency.ms"],
    [{ ms: Number.NaN }, "latency.ms"],
    [{ ms: 10, jitterMs: -5 }, "latency.jitterMs"],
    [{ ms: 10, seed: 1.5 }, "latency.seed"],
  ])("%j is refused, naming %s", (options, name) => {
    expect(() => new Latency(options)).toThrow(name);
  });
});

describe("an emulator with latency", () => {
  test("logs each request's delay, and no answer arrives before it", async () => {
    const emulator = await start({ ms: 40, jitterMs: 10, seed: 5 });
    const expected = draws(new Latency({ ms: 40, jitterMs: 10, seed: 5 }), 4);

    for (let i = 0; i < 4; i++) {
      const sent = performance.now();
      const reply = await request(emulator.url, "GET", "/v1/communities");
      const took = performance.now() - sent;
      expect(reply.status).toBe(200);
      // Timers may fire up to a millisecond early against performance.now().
      expect(took).toBeGreaterThanOrEqual(expected[i]! - 1);
    }
    expect(emulator.requests.map((r) => r.latencyMs)).toEqual(expected);
  });

  test("delays refusals too: a 429 under a rate limit waits like any answer", async () => {
    const emulator = await BluejayEmulator.start({
      apiKeys: [TEST_API_KEY],
      latency: { ms: 30 },
      rateLimit: { requestsPerSecond: 1, burst: 1 },
    });
    started.push(emulator);

    await request(emulator.url, "GET", "/v1/communities");
    const sent = performance.now();
    const refused = await request(emulator.url, "GET", "/v1/communities");

    expect(refused.status).toBe(429);
    expect(performance.now() - sent).toBeGreaterThanOrEqual(29);
    expect(emulator.requests.map((r) => [r.status, r.latencyMs])).toEqual([
      [200, 30],
      [429, 30],
    ]);
  });

  test("without the option no request is delayed or logged with a latency", async () => {
    const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY] });
    started.push(emulator);

    await request(emulator.url, "GET", "/v1/communities");

    expect(emulator.requests[0]).not.toHaveProperty("latencyMs");
  });
});
