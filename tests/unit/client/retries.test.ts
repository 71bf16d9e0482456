// Which failures are retried, how often, and why a POST is resent only when it provably was not processed.
import { BluejayAmbiguousCreateError, BluejayApiError } from "../../../provider/client";
import { requestLog, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();
const log = () => requestLog(fx.emulator);
const seed = (title: string, extra: { description?: string; digital_human_ids?: number[] } = {}) =>
  fx.emulator.store.create({ title, ...extra });

describe("retries", () => {
  test.each([503, 502, 504])("a GET answered %i is retried and then succeeds", async (status) => {
    const record = seed("r");
    fx.emulator.injectFault({ method: "GET", status, times: 2 });

    const community = await fx.client().getCommunity(record.id);

    expect(community.id).toBe(record.id);
    expect(log().map((r) => r.status)).toEqual([status, status, 200]);
    expect(log().every((r) => r.method === "GET" && r.path === `/v1/community/${record.id}`)).toBe(true);
  });

  test("a 429 is retried after its Retry-After, beyond maxRetryDelayMs, without using up a retry", async () => {
    fx.emulator.injectFault({ method: "GET", status: 429, retryAfter: 1 });

    const started = Date.now();
    const list = await fx.client({ maxRetryDelayMs: 20, maxRetries: 0 }).listCommunities();

    expect(list.totalCount).toBe(0);
    expect(log().map((r) => r.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test("a GET whose connection is dropped without an answer is retried and then succeeds", async () => {
    const record = seed("r");
    fx.emulator.injectFault({ method: "GET", drop: true });

    const community = await fx.client().getCommunity(record.id);

    expect(community.title).toBe("r");
    expect(log().map((r) => r.status)).toEqual([0, 200]);
  });

  test("PUT and DELETE are retried on 503 and on a dropped connection", async () => {
    const record = seed("r");
    fx.emulator.injectFault({ method: "PUT", status: 503 });
    fx.emulator.injectFault({ method: "DELETE", drop: true });
    const client = fx.client();

    expect((await client.updateCommunity(record.id, { title: "s" })).title).toBe("s");
    expect((await client.deleteCommunity(record.id)).title).toBe("s");
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual([
      "PUT 503",
      "PUT 200",
      "DELETE 0",
      "DELETE 200",
    ]);
  });

  test("a DELETE whose answer was lost after it committed is retried and then reports 404 for the now-gone id", async () => {
    const record = seed("gone");
    fx.emulator.injectFault({ method: "DELETE", commit: true, drop: true });

    const error = await rejection(fx.client().deleteCommunity(record.id), BluejayApiError);

    expect(error.status).toBe(404);
    expect(error.resource).toEqual({ kind: "community", id: record.id });
    expect(fx.emulator.communities()).toEqual([]);
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual(["DELETE 0", "DELETE 404"]);
  });

  test("a PUT whose answer was lost after it committed is retried and returns the updated community", async () => {
    const record = seed("before", { digital_human_ids: [1] });
    fx.emulator.injectFault({ method: "PUT", path: /^\/v1\/add-to-community\//, commit: true, status: 502 });

    const community = await fx.client().addDigitalHumansToCommunity(record.id, [2]);

    expect(community.digitalHumanIds).toEqual([1, 2]);
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 502", "PUT 200"]);
  });

  test("maxRetries: 2 against a fault that never ends makes exactly 3 requests, then throws the last error", async () => {
    fx.emulator.injectFault({ method: "GET", status: 503, times: Infinity });

    const client = fx.client({ maxRetries: 2 });
    const error = await rejection(client.listCommunities(), BluejayApiError);

    expect(error.status).toBe(503);
    expect(error.message).toBe(
      "Bluejay failed to handle GET /v1/communities (503: Service Unavailable) in all 3 attempts; it may be having an outage. Try again later.",
    );
    expect(fx.emulator.requests).toHaveLength(3);
    expect(client.attempts).toBe(3);
  });

  test("update-agent is a POST but an update: a 502 is retried, not reported as an unknown outcome", async () => {
    const client = fx.client();
    const { agentId } = await client.agents.create({
      name: "A",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
    });
    fx.emulator.clearRequests();
    fx.emulator.injectFault({ method: "POST", path: "/v1/update-agent", status: 502 });

    const agent = await client.agents.update(agentId, { name: "B" });

    expect(agent.name).toBe("B");
    expect(log().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /v1/update-agent 502",
      "POST /v1/update-agent 200",
      `GET /v1/agents/${agentId} 200`,
    ]);
  });

  test("maxRetries: 0 makes exactly one request", async () => {
    fx.emulator.injectFault({ method: "GET", status: 502, times: Infinity });

    await rejection(fx.client({ maxRetries: 0 }).listCommunities(), BluejayApiError);

    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a GET answered 500 is not retried (only 429/502/503/504 are transient)", async () => {
    fx.emulator.injectFault({ method: "GET", status: 500, times: Infinity });

    const error = await rejection(fx.client().listCommunities(), BluejayApiError);

    expect(error.status).toBe(500);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test.each([
    [429, { retryAfter: 0 }],
    [503, {}],
  ])(
    "a POST answered %i (not processed) is sent again and creates exactly one community",
    async (status, extra) => {
      fx.emulator.injectFault({ method: "POST", status, ...extra });

      const community = await fx.client().createCommunity({ title: "Once" });

      expect(fx.emulator.communities().map((c) => c.id)).toEqual([community.id]);
      expect(log()).toEqual([
        { method: "POST", path: "/v1/create-community", query: "", status },
        { method: "POST", path: "/v1/create-community", query: "", status: 200 },
      ]);
    },
  );

  test("a POST answered 400 is neither retried nor reconciled", async () => {
    fx.emulator.injectFault({ method: "POST", status: 400 });

    const error = await rejection(fx.client().createCommunity({ title: "t" }), BluejayApiError);

    expect(error.status).toBe(400);
    expect(error.message).toBe("Bluejay rejected POST /v1/create-community (400: Bad Request)");
    expect(log()).toEqual([{ method: "POST", path: "/v1/create-community", query: "", status: 400 }]);
  });
});

describe("a create whose answer was lost", () => {
  test("is not sent again: BluejayAmbiguousCreateError with sentAt, for the resource layer to settle", async () => {
    fx.emulator.injectFault({ method: "POST", commit: true, status: 500 });
    const before = Date.now();

    const error = await rejection(
      fx.client().createCommunity({ title: "Secret-ish title" }),
      BluejayAmbiguousCreateError,
    );

    expect(error.kind).toBe("Community");
    expect(error.sentAt).toBeGreaterThanOrEqual(before);
    expect(error.message).not.toContain("Secret-ish title");
    expect(fx.emulator.communities()).toHaveLength(1);
    expect(log().map((r) => `${r.method} ${r.status}`)).toEqual(["POST 500"]);
  });
});
