// The request log: every request with its method, path, query and the status sent.
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, caller, communityCreator, log } from "./http";

const fx = useEmulator();
const call = caller(fx);
const create = communityCreator(call);

describe("request log", () => {
  test("every request is logged with method, path (no query), query and the status sent", async () => {
    const { id } = await create({ title: "logged" });
    await call("GET", "/v1/communities?digital_human_id=3");
    await call("GET", `/v1/community/${UNKNOWN_ID}`);
    await call("PUT", `/v1/update-community/${id}`, { body: { title: 1 } });
    await call("DELETE", `/v1/community/${id}`, { key: null });

    expect(log(fx.emulator)).toEqual([
      { method: "POST", path: "/v1/create-community", query: "", status: 200 },
      { method: "GET", path: "/v1/communities", query: "?digital_human_id=3", status: 200 },
      { method: "GET", path: `/v1/community/${UNKNOWN_ID}`, query: "", status: 404 },
      { method: "PUT", path: `/v1/update-community/${id}`, query: "", status: 422 },
      { method: "DELETE", path: `/v1/community/${id}`, query: "", status: 401 },
    ]);
    expect(fx.emulator.writes.map((r) => r.method)).toEqual(["POST", "PUT", "DELETE"]);
    expect(fx.emulator.requests.every((r) => typeof r.at === "number" && r.fault === undefined)).toBe(true);
  });

  test("clearRequests empties the log and reset forgets communities, faults and requests", async () => {
    await create({ title: "x" });
    fx.emulator.clearRequests();
    expect(fx.emulator.requests).toEqual([]);

    fx.emulator.injectFault({ status: 500 });
    fx.emulator.reset();
    expect(fx.emulator.communities()).toEqual([]);
    expect((await call("GET", "/v1/communities")).status).toBe(200);
  });
});
