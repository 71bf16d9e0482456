// Authentication and not-found errors: 401 for a missing or unknown X-API-Key on every operation,
// checked before anything else; 404 for unknown ids and routes; 405 for a wrong method.
import { BluejayEmulator } from "../../../emulator";
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, caller } from "./http";

const fx = useEmulator();
const call = caller(fx);

describe("auth and not-found errors", () => {
  test.each([
    ["missing", null],
    ["unknown", "bj-not-a-real-key"],
  ])("a %s X-API-Key gives 401 {detail} and writes nothing", async (_case, key) => {
    const reply = await call("POST", "/v1/create-community", { key, body: { title: "t" } });

    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ detail: "Invalid or missing API key" });
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a bad key is reported as 401 before the body is validated", async () => {
    const reply = await call("POST", "/v1/create-community", { key: "nope", body: "{not json" });

    expect(reply.status).toBe(401);
  });

  test("every operation requires the key", async () => {
    const replies = await Promise.all([
      call("GET", "/v1/communities", { key: null }),
      call("GET", `/v1/community/${UNKNOWN_ID}`, { key: null }),
      call("DELETE", `/v1/community/${UNKNOWN_ID}`, { key: null }),
      call("PUT", `/v1/update-community/${UNKNOWN_ID}`, { key: null, body: {} }),
      call("PUT", `/v1/add-to-community/${UNKNOWN_ID}`, { key: null, body: { digital_human_ids: [1] } }),
    ]);

    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
  });

  test.each([
    ["GET", `/v1/community/${UNKNOWN_ID}`, undefined],
    ["DELETE", `/v1/community/${UNKNOWN_ID}`, undefined],
    ["PUT", `/v1/update-community/${UNKNOWN_ID}`, { title: "t" }],
    ["PUT", `/v1/add-to-community/${UNKNOWN_ID}`, { digital_human_ids: [1] }],
  ])('%s %s for an unknown id gives 404 {"detail": "Community not found"}', async (method, urlPath, body) => {
    const reply = await call(method, urlPath, { body });

    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ detail: "Community not found" });
  });

  test("an unknown route gives 404 Not Found and a wrong method gives 405", async () => {
    expect(await call("GET", "/v1/nope")).toMatchObject({ status: 404, body: { detail: "Not Found" } });
    expect(await call("POST", "/v1/communities", { body: {} })).toMatchObject({
      status: 405,
      body: { detail: "Method Not Allowed" },
    });
  });

  test("an emulator refuses to start without a non-empty API key", async () => {
    await expect(BluejayEmulator.start({ apiKeys: [] })).rejects.toThrow("at least one non-empty API key");
    await expect(BluejayEmulator.start({ apiKeys: [""] })).rejects.toThrow("at least one non-empty API key");
  });

  test("every operation of every kind answers 401 without a key or with an unknown one, before validating anything", async () => {
    const operations = fx.emulator.operations();
    expect(operations.length).toBe(62);

    for (const key of [null, "bj-not-a-real-key"]) {
      const replies = await Promise.all(
        operations.map(({ method, path }) =>
          call(method, path.replace(/\{\w+\}/g, "not-an-id"), {
            key,
            body: method === "GET" || method === "DELETE" ? undefined : "{not json",
          }),
        ),
      );
      expect(replies.map((r, i) => [operations[i]!.method, operations[i]!.path, r.status, r.body])).toEqual(
        operations.map(({ method, path }) => [method, path, 401, { detail: "Invalid or missing API key" }]),
      );
    }
    expect(fx.emulator.isEmpty()).toBe(true);
  });
});
