// Fault injection and chaos mode: scripted and random misbehaviour, the way a remote API shows it.
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { caller, communityCreator, log } from "./http";

const fx = useEmulator();
const call = caller(fx);
const create = communityCreator(call);

describe("fault injection", () => {
  test("a status fault answers that status with a Retry-After header and a FastAPI detail body, once", async () => {
    fx.emulator.injectFault({ method: "GET", path: "/v1/communities", status: 429, retryAfter: 3 });

    const faulted = await call("GET", "/v1/communities");
    const next = await call("GET", "/v1/communities");

    expect(faulted.status).toBe(429);
    expect(faulted.headers.get("retry-after")).toBe("3");
    expect(faulted.body).toEqual({ detail: "Too Many Requests" });
    expect(next.status).toBe(200);
    expect(next.headers.get("retry-after")).toBeNull();
    expect(fx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, "status 429"],
      [200, undefined],
    ]);
  });

  test("a fault only hits requests matching its method and path (string or RegExp)", async () => {
    const { id } = await create({ title: "t" });
    fx.emulator.injectFault({ method: "DELETE", status: 503 });
    fx.emulator.injectFault({ path: /^\/v1\/community\//, status: 502 });

    expect((await call("GET", "/v1/communities")).status).toBe(200);
    expect((await call("GET", `/v1/community/${id}`)).status).toBe(502);
    expect((await call("DELETE", `/v1/community/${id}`)).status).toBe(503);
    expect((await call("GET", `/v1/community/${id}`)).status).toBe(200);
  });

  test("a drop fault destroys the connection: fetch rejects, nothing is written and the log shows status 0", async () => {
    fx.emulator.injectFault({ method: "POST", drop: true });

    await expect(call("POST", "/v1/create-community", { body: { title: "t" } })).rejects.toThrow();

    expect(fx.emulator.communities()).toEqual([]);
    expect(fx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([[0, "drop"]]);
  });

  test("a commit fault performs the write, then answers with the injected status", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });

    const reply = await call("POST", "/v1/create-community", { body: { title: "written" } });

    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ detail: "Internal Server Error" });
    expect(fx.emulator.communities().map((c) => c.title)).toEqual(["written"]);
    expect(fx.emulator.requests.map((r) => [r.status, r.fault])).toEqual([[500, "commit, status 500"]]);
  });

  test("a commit + drop fault performs the write, then destroys the connection", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, drop: true });

    await expect(call("POST", "/v1/create-community", { body: { title: "written" } })).rejects.toThrow();

    expect(fx.emulator.communities().map((c) => c.title)).toEqual(["written"]);
    expect(log(fx.emulator)[0]?.status).toBe(0);
  });

  test("a status fault without commit does not perform the write", async () => {
    fx.emulator.injectFault({ method: "POST", status: 503 });

    expect((await call("POST", "/v1/create-community", { body: { title: "t" } })).status).toBe(503);
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a body fault answers that raw body with its content type, and status 200 by default", async () => {
    fx.emulator.injectFault({ method: "GET", body: "<html>oops</html>", contentType: "text/html" });

    const reply = await call("GET", "/v1/communities");

    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("text/html");
    expect(reply.body).toBe("<html>oops</html>");
  });

  test("times counts matching requests: times 2 faults exactly the first two", async () => {
    fx.emulator.injectFault({ method: "GET", status: 503, times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/v1/communities")).status);

    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  test("times: Infinity faults every matching request", async () => {
    fx.emulator.injectFault({ method: "GET", status: 504, times: Infinity });

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call("GET", "/v1/communities")).status);

    expect(statuses).toEqual([504, 504, 504, 504, 504]);
    expect((await call("POST", "/v1/create-community", { body: { title: "t" } })).status).toBe(200);
  });

  test("rules apply in the order they were added, each until its times run out", async () => {
    fx.emulator.injectFault({ method: "GET", status: 502 });
    fx.emulator.injectFault({ method: "GET", status: 503, times: 2 });

    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/v1/communities")).status);

    expect(statuses).toEqual([502, 503, 503, 200]);
  });

  test("delayMs adds latency before the real answer", async () => {
    fx.emulator.injectFault({ method: "GET", delayMs: 120 });

    const started = Date.now();
    const reply = await call("GET", "/v1/communities");

    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(fx.emulator.requests[0]?.fault).toBe("delay 120ms");
  });

  test("trickleMs sends the real answer slowly, in trickleBytes chunks, but complete", async () => {
    const community = await create({ title: "trickled", description: "x".repeat(40) });
    fx.emulator.injectFault({ method: "GET", trickleMs: 5, trickleBytes: 20 });

    const started = Date.now();
    const reply = await call("GET", `/v1/community/${community.id}`);

    expect(reply).toMatchObject({ status: 200, body: community });
    expect(Date.now() - started).toBeGreaterThanOrEqual(20);
  });
});

describe("chaos mode", () => {
  async function chaosRun(
    chaos: { rate: number; seed?: number },
    requests = 20,
  ): Promise<(string | undefined)[]> {
    const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], chaos });
    try {
      for (let i = 0; i < requests; i++) {
        const method = i % 2 === 0 ? "GET" : "POST";
        const urlPath = method === "GET" ? "/v1/communities" : "/v1/create-community";
        const body = method === "POST" ? { title: `c${i}` } : undefined;
        await call(method, urlPath, { base: emulator.url, body }).catch(() => undefined);
      }
      expect(emulator.requests).toHaveLength(requests);
      return emulator.requests.map((r) => r.fault);
    } finally {
      await emulator.close();
    }
  }

  test("rate 1 injects a fault on every request", async () => {
    const faults = await chaosRun({ rate: 1, seed: 7 });

    expect(faults.every((f) => typeof f === "string" && f.length > 0)).toBe(true);
  });

  test("rate 0 injects nothing", async () => {
    const faults = await chaosRun({ rate: 0, seed: 7 });

    expect(faults.every((f) => f === undefined)).toBe(true);
  });

  test("the same seed gives the same fault sequence; a partial rate faults some requests but not all", async () => {
    const first = await chaosRun({ rate: 0.5, seed: 1234 });
    const second = await chaosRun({ rate: 0.5, seed: 1234 });

    expect(second).toEqual(first);
    expect(first.some((f) => f === undefined)).toBe(true);
    expect(first.some((f) => f !== undefined)).toBe(true);
  });

  test("lost-response faults (commit) are only injected on writes, never on GETs", async () => {
    const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], chaos: { rate: 1, seed: 99 } });
    try {
      for (let i = 0; i < 40; i++)
        await call("GET", "/v1/communities", { base: emulator.url }).catch(() => undefined);
      expect(emulator.requests.some((r) => r.fault?.includes("commit"))).toBe(false);
    } finally {
      await emulator.close();
    }
  });

  test("reset turns chaos off", async () => {
    fx.emulator.faults.setChaos({ rate: 1, seed: 3 });
    fx.emulator.reset();

    await call("GET", "/v1/communities");
    expect(fx.emulator.requests[0]?.fault).toBeUndefined();
  });
});
