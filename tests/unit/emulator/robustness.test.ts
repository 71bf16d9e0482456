// Robustness of the HTTP layer: an oversized body gets a 413 answer (not a reset), a handler that throws
// gets a 500 and the emulator keeps serving, every answer has a Date header, and clockOffsetMs shifts
// the emulator's clock.
import * as http from "http";
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { caller, creators, okBody, request } from "./http";

const fx = useEmulator();
const call = caller(fx);

const ONE_MIB = 1024 * 1024;

describe("oversized bodies", () => {
  test('a body over 1 MiB is answered 413 {"detail": "Request body too large"} (not a reset), logged, and nothing is written', async () => {
    const title = "x".repeat(ONE_MIB);

    const reply = await call("POST", "/v1/create-community", { body: { title } });

    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ detail: "Request body too large" });
    expect(reply.headers.get("date")).not.toBeNull();
    expect(fx.emulator.communities()).toEqual([]);
    expect(fx.emulator.requests.map((r) => [r.method, r.status])).toEqual([["POST", 413]]);
  });

  test("after a 413 the emulator keeps serving, and a body just under the limit is accepted", async () => {
    await call("POST", "/v1/create-community", { body: "x".repeat(ONE_MIB + 1) });

    const fits = await call("POST", "/v1/create-community", { body: { title: "y".repeat(ONE_MIB - 100) } });

    expect(fits.status).toBe(200);
    expect((await call("GET", "/v1/communities")).status).toBe(200);
  });

  test("a streamed (chunked, no Content-Length) oversized body is answered 413 too", async () => {
    const url = new URL(fx.emulator.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { hostname: url.hostname, port: url.port, path: "/v1/add-agent", method: "POST" },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.setHeader("X-API-Key", TEST_API_KEY);
      req.on("error", reject);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let i = 0; i < 6; i++) req.write(chunk);
      req.end();
    });

    expect(status).toBe(413);
    expect(fx.emulator.records("agents")).toEqual([]);
  });
});

describe("handler failures", () => {
  test('a handler that throws (fault rule throw: true) answers 500 {"detail": "Internal Server Error"} and writes nothing', async () => {
    fx.emulator.injectFault({ method: "POST", path: "/v1/add-agent", throw: true });

    const reply = await call("POST", "/v1/add-agent", {
      body: { name: "a", system_prompt: "p", knowledge_base: "k", goals: [] },
    });

    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ detail: "Internal Server Error" });
    expect(reply.headers.get("content-type")).toContain("application/json");
    expect(fx.emulator.records("agents")).toEqual([]);
    expect(fx.emulator.requests[0]).toMatchObject({
      status: 500,
      fault: "throw",
      error: expect.stringContaining("Injected handler failure"),
    });
  });

  test("after a handler throws the emulator keeps serving every kind of request", async () => {
    fx.emulator.injectFault({ throw: true, times: 3 });
    for (let i = 0; i < 3; i++) expect((await call("GET", "/v1/all-agents")).status).toBe(500);

    const make = creators(call);
    const agentId = await make.agent();

    expect(await call("GET", `/v1/agents/${agentId}`)).toMatchObject({ status: 200 });
    expect((await call("GET", "/v1/communities")).status).toBe(200);
  });
});

describe("Date header and clock offset", () => {
  test("every answer carries a Date header close to now: 200, 401, 404, 405, 422 and injected faults", async () => {
    fx.emulator.injectFault({ path: "/v1/get-all-simulations", status: 503 });
    const replies = await Promise.all([
      call("GET", "/v1/communities"),
      call("GET", "/v1/communities", { key: null }),
      call("GET", "/v1/agents/5"),
      call("POST", "/v1/communities", { body: {} }),
      call("POST", "/v1/add-agent", { body: {} }),
      call("GET", "/v1/get-all-simulations"),
    ]);

    expect(replies.map((r) => r.status)).toEqual([200, 401, 404, 405, 422, 503]);
    for (const reply of replies) {
      const date = Date.parse(reply.headers.get("date") ?? "");
      expect(Math.abs(date - Date.now())).toBeLessThan(5_000);
    }
  });

  test.each([
    ["ahead", 3_600_000],
    ["behind", -86_400_000],
  ])(
    "clockOffsetMs (%s) shifts created_at of every kind and the Date header, not the request log",
    async (_case, offset) => {
      const skewed = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], clockOffsetMs: offset });
      try {
        const at = (method: string, urlPath: string, body?: unknown) =>
          request(skewed.url, method, urlPath, { body });
        const before = Date.now();
        const community = await at("POST", "/v1/create-community", { title: "t" });
        const agent = okBody(
          await at("POST", "/v1/add-agent", {
            name: "a",
            system_prompt: "p",
            knowledge_base: "k",
            goals: [],
          }),
        );
        await at("POST", "/v1/create-simulation", { agent_id: String(agent.agent_id) });
        const human = await at("POST", "/v1/create-digital-human", { digital_human: { phone_number: "+1" } });
        const metric = await at("POST", "/v1/create-custom-metric", {
          name: "m",
          description: "d",
          response_type: "json",
        });
        const after = Date.now();

        const createdAts = [
          okBody(community).created_at,
          skewed.records("agents")[0]?.created_at,
          skewed.records("simulations")[0]?.created_at,
          (okBody(human).digital_human as { created_at: string }).created_at,
          okBody(metric).created_at,
        ].map((value) => Date.parse(value as string));
        for (const createdAt of createdAts) {
          expect(createdAt).toBeGreaterThanOrEqual(before + offset);
          expect(createdAt).toBeLessThanOrEqual(after + offset);
        }
        const date = Date.parse(community.headers.get("date")!);
        expect(Math.abs(date - (before + offset))).toBeLessThan(5_000);
        expect(skewed.now().getTime()).toBeGreaterThanOrEqual(Date.now() + offset - 1_000);
        expect(skewed.requests[0]!.at).toBeGreaterThanOrEqual(before);
        expect(skewed.requests[0]!.at).toBeLessThanOrEqual(after);
      } finally {
        await skewed.close();
      }
    },
  );

  test("an emulator refuses to start with a clockOffsetMs that is not a finite number", async () => {
    await expect(
      BluejayEmulator.start({ apiKeys: [TEST_API_KEY], clockOffsetMs: Number.NaN }),
    ).rejects.toThrow("clockOffsetMs");
  });
});
