// How each failure Bluejay can answer with becomes a typed error with a message a person can act on.
import {
  BluejayApiError,
  BluejayClient,
  BluejayNetworkError,
  BluejayResponseError,
} from "../../../provider/client";
import { TEST_API_KEY, closedPort, requestLog, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();
const log = () => requestLog(fx.emulator);
const seed = (title: string, extra: { description?: string; digital_human_ids?: number[] } = {}) =>
  fx.emulator.store.create({ title, ...extra });

const UNKNOWN_ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";

describe("API errors", () => {
  test("a 422 becomes BluejayApiError with fieldErrors and the message `Bluejay rejected POST /v1/create-community (422): body.title: Field required`", async () => {
    fx.emulator.injectFault({
      method: "POST",
      status: 422,
      body: JSON.stringify({ detail: [{ loc: ["body", "title"], msg: "Field required", type: "missing" }] }),
    });

    const error = await rejection(fx.client().createCommunity({ title: "x" }), BluejayApiError);

    expect(error.status).toBe(422);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/create-community");
    expect(error.fieldErrors).toEqual([{ loc: ["body", "title"], msg: "Field required", type: "missing" }]);
    expect(error.message).toBe(
      "Bluejay rejected POST /v1/create-community (422): body.title: Field required",
    );
    expect(log()).toEqual([{ method: "POST", path: "/v1/create-community", query: "", status: 422 }]);
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a 422 with several field errors lists each as loc: msg, joined by '; '", async () => {
    const record = seed("x");
    fx.emulator.injectFault({
      method: "PUT",
      status: 422,
      body: JSON.stringify({
        detail: [
          { loc: ["body", "digital_human_ids", 0], msg: "Input should be a valid integer", type: "int_type" },
          { loc: ["body", "title"], msg: "Input should be a valid string", type: "string_type" },
        ],
      }),
    });

    const error = await rejection(fx.client().updateCommunity(record.id, { title: "t" }), BluejayApiError);

    expect(error.message).toBe(
      `Bluejay rejected PUT /v1/update-community/${record.id} (422): ` +
        "body.digital_human_ids.0: Input should be a valid integer; body.title: Input should be a valid string",
    );
  });

  test("a wrong API key gives BluejayApiError 401 whose message points at bluejay:apiKey and BLUEJAY_API_KEY without the key, after one request", async () => {
    const wrongKey = "bj-wrong-key-0000deadbeef";
    const error = await rejection(fx.client({ apiKey: wrongKey }).listCommunities(), BluejayApiError);

    expect(error.status).toBe(401);
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/v1/communities");
    expect(error.detail).toBe("Invalid or missing API key");
    expect(error.message).toBe(
      "Bluejay refused the API key for GET /v1/communities (401: Invalid or missing API key). Set a valid key with " +
        "`pulumi config set --secret bluejay:apiKey <key>` or the BLUEJAY_API_KEY environment variable. If you changed " +
        "it since the last `pulumi up`, `pulumi refresh` and `pulumi destroy` still use the settings stored in state: " +
        "run `pulumi up` first, or add `--run-program`.",
    );
    expect(error.message).not.toContain(wrongKey);
    expect(String(error.stack)).not.toContain(wrongKey);
    expect(log()).toEqual([{ method: "GET", path: "/v1/communities", query: "", status: 401 }]);
  });

  test("getCommunity of an unknown UUID gives BluejayApiError 404 naming the id, without retrying", async () => {
    const error = await rejection(fx.client().getCommunity(UNKNOWN_ID), BluejayApiError);

    expect(error.status).toBe(404);
    expect(error.resource).toEqual({ kind: "community", id: UNKNOWN_ID });
    expect(error.message).toContain(`Bluejay has no community with id ${UNKNOWN_ID}`);
    expect(error.message).toContain(`GET /v1/community/${UNKNOWN_ID} returned 404`);
    expect(log()).toEqual([{ method: "GET", path: `/v1/community/${UNKNOWN_ID}`, query: "", status: 404 }]);
  });

  test.each([
    ["updateCommunity", (c: BluejayClient) => c.updateCommunity(UNKNOWN_ID, { title: "t" })],
    ["addDigitalHumansToCommunity", (c: BluejayClient) => c.addDigitalHumansToCommunity(UNKNOWN_ID, [1])],
    ["deleteCommunity", (c: BluejayClient) => c.deleteCommunity(UNKNOWN_ID)],
  ])("%s of an unknown UUID gives a 404 BluejayApiError naming the id", async (_name, call) => {
    const error = await rejection(call(fx.client()), BluejayApiError);

    expect(error.status).toBe(404);
    expect(error.message).toContain(UNKNOWN_ID);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a 2xx body missing created_at gives BluejayResponseError naming created_at", async () => {
    const record = seed("x");
    fx.emulator.injectFault({ method: "GET", body: JSON.stringify({ id: record.id, title: "x" }) });

    const error = await rejection(fx.client().getCommunity(record.id), BluejayResponseError);

    expect(error.status).toBe(200);
    expect(error.problems).toEqual([expect.stringMatching(/^created_at: /)]);
    expect(error.message).toContain("created_at");
    expect(error.message).toContain(`GET /v1/community/${record.id} (200)`);
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a 2xx body with a malformed created_at and a non-UUID id names both fields", async () => {
    fx.emulator.injectFault({
      method: "GET",
      body: JSON.stringify({
        communities: [{ id: "nope", title: "x", created_at: "yesterday" }],
        total_count: 1,
      }),
    });

    const error = await rejection(fx.client().listCommunities(), BluejayResponseError);

    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^communities\.0\.id: /),
        expect.stringMatching(/^communities\.0\.created_at: /),
      ]),
    );
  });

  test("an HTML 200 body gives BluejayResponseError saying the body is not JSON, without retrying", async () => {
    const record = seed("x");
    fx.emulator.injectFault({
      method: "GET",
      body: "<html><body><h1>Welcome to nginx!</h1></body></html>",
      contentType: "text/html",
    });

    const error = await rejection(fx.client().getCommunity(record.id), BluejayResponseError);

    expect(error.message).toContain("body is not JSON");
    expect(error.message).toContain("Welcome to nginx!");
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a body larger than maxResponseBytes gives BluejayResponseError naming the limit", async () => {
    fx.emulator.injectFault({
      method: "GET",
      body: JSON.stringify({ communities: [], total_count: 0, padding: "x".repeat(4096) }),
    });

    const error = await rejection(
      fx.client({ maxResponseBytes: 1024 }).listCommunities(),
      BluejayResponseError,
    );

    expect(error.message).toContain("larger than 1024 bytes");
    expect(fx.emulator.requests).toHaveLength(1);
  });

  test("a response trickling slower than requestTimeoutMs gives BluejayNetworkError ETIMEDOUT after every retry", async () => {
    const record = seed("slow");
    fx.emulator.injectFault({ method: "GET", trickleMs: 100, times: Infinity });

    const started = Date.now();
    const error = await rejection(
      fx.client({ requestTimeoutMs: 150, maxRetries: 1 }).getCommunity(record.id),
      BluejayNetworkError,
    );

    expect(error.code).toBe("ETIMEDOUT");
    expect(error.message).toContain("150 ms");
    expect(error.message).toContain("bluejay:requestTimeoutMs");
    expect(fx.emulator.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("a closed port gives BluejayNetworkError ECONNREFUSED naming the origin, after maxRetries retries", async () => {
    const port = await closedPort();
    const origin = `http://127.0.0.1:${port}`;
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: origin,
      maxRetries: 2,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    try {
      const error = await rejection(client.listCommunities(), BluejayNetworkError);

      expect(error.code).toBe("ECONNREFUSED");
      expect(error.origin).toBe(origin);
      expect(error.message).toContain(`GET /v1/communities at ${origin}`);
      expect(error.message).toMatch(
        /Check that Bluejay is reachable and that bluejay:apiUrl \(or BLUEJAY_API_URL\) is right\. If you changed it since the last `pulumi up`.*add `--run-program`\.$/,
      );
      expect(client.attempts).toBe(3);
    } finally {
      client.close();
    }
  });

  test("a POST to a closed port is retried (it provably never left) and fails with ECONNREFUSED, not an ambiguous create", async () => {
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      maxRetries: 1,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 5,
    });
    try {
      const error = await rejection(client.createCommunity({ title: "t" }), BluejayNetworkError);
      expect(error.code).toBe("ECONNREFUSED");
      expect(client.attempts).toBe(2);
    } finally {
      client.close();
    }
  });

  test("a 429 whose Retry-After runs past the call's budget ends the call at once with that 429", async () => {
    fx.emulator.injectFault({ method: "GET", status: 429, retryAfter: 7, times: Infinity });

    const error = await rejection(fx.client({ totalTimeoutMs: 2000 }).listCommunities(), BluejayApiError);

    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toBe(
      "Bluejay rate-limited GET /v1/communities (429: Too Many Requests). Wait and run again, or run fewer operations at once (`pulumi up --parallel 4`).",
    );
  });

  test("a server that echoes the API key in its error body has it redacted from the message and fieldErrors", async () => {
    const record = seed("x");
    fx.emulator.injectFault({
      method: "GET",
      status: 400,
      body: JSON.stringify({ detail: `bad key ${TEST_API_KEY}` }),
    });
    fx.emulator.injectFault({
      method: "PUT",
      status: 422,
      body: JSON.stringify({
        detail: [{ loc: ["header", "x-api-key"], msg: `got ${TEST_API_KEY}`, type: "x" }],
      }),
    });
    fx.emulator.injectFault({
      method: "DELETE",
      body: `<p>key=${TEST_API_KEY}</p>`,
      contentType: "text/html",
    });
    const client = fx.client();

    const detail = await rejection(client.getCommunity(record.id), BluejayApiError);
    expect(detail.message).toContain("bad key [redacted]");
    expect(detail.detail).toBe("bad key [redacted]");

    const field = await rejection(client.updateCommunity(record.id, { title: "t" }), BluejayApiError);
    expect(field.message).toContain("header.x-api-key: got [redacted]");
    expect(JSON.stringify(field.fieldErrors)).not.toContain(TEST_API_KEY);

    const notJson = await rejection(client.deleteCommunity(record.id), BluejayResponseError);
    expect(notJson.message).toContain("key=[redacted]");
  });
});
