// Alerts: create and update answer AlertResponse (the agents as `agents`, kept only when the alert does
// not apply to every agent, Bluejay's default), delete answers the id; there is no read and no list.
// Requests the document refuses get FastAPI's 422.
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, UUID, caller, creators, fieldErrors, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const ALERT = {
  name: "Latency",
  entity_type: "standard_metric",
  entity_field: "latency",
  operator: "greater_than",
  comparison_value: "2000",
};

describe("alerts", () => {
  test("create answers AlertResponse with the document's defaults: every agent, enabled, 600 s, 10 events, all sources", async () => {
    const reply = await call("POST", "/v1/create-alert", { body: ALERT });

    expect(okBody(reply)).toEqual({
      ...ALERT,
      id: expect.stringMatching(UUID),
      description: null,
      is_enabled: true,
      organization_id: expect.stringMatching(UUID),
      notification_channels: [],
      last_triggered_at: null,
      trigger_count: 0,
      created_by: null,
      applies_to_all_agents: true,
      agents: [],
      created_at: expect.any(String),
      updated_at: null,
      threshold_time_interval: 600,
      min_events: 10,
      in_alert: false,
      source_scope: "all",
    });
  });

  test("agent_ids are kept only when the alert does not apply to every agent", async () => {
    const agentId = await make.agent();

    const scoped = okBody(
      await call("POST", "/v1/create-alert", {
        body: { ...ALERT, applies_to_all_agents: false, agent_ids: [agentId, agentId] },
      }),
    );
    const ignored = okBody(
      await call("POST", "/v1/create-alert", { body: { ...ALERT, agent_ids: [agentId] } }),
    );

    expect([scoped.agents, ignored.agents]).toEqual([[agentId], []]);
  });

  test("an agent that does not exist answers 404 naming it, on create and update", async () => {
    const created = okBody(await call("POST", "/v1/create-alert", { body: ALERT }));

    const create = await call("POST", "/v1/create-alert", {
      body: { ...ALERT, applies_to_all_agents: false, agent_ids: [7] },
    });
    const update = await call("PUT", `/v1/update-alert/${String(created.id)}`, { body: { agent_ids: [7] } });

    for (const reply of [create, update]) {
      expect(reply).toMatchObject({ status: 404, body: { detail: "Agent 7 not found" } });
    }
    expect(fx.emulator.records("alerts")).toHaveLength(1);
  });

  test("update changes only what it sends and stamps updated_at; agents follow applies_to_all_agents", async () => {
    const agentId = await make.agent();
    const created = okBody(await call("POST", "/v1/create-alert", { body: ALERT }));

    const reply = await call("PUT", `/v1/update-alert/${String(created.id)}`, {
      body: { applies_to_all_agents: false, agent_ids: [agentId], min_events: null },
    });

    expect(okBody(reply)).toEqual({
      ...created,
      applies_to_all_agents: false,
      agents: [agentId],
      updated_at: expect.any(String),
    });
  });

  test("delete answers the deleted id and forgets it; an unknown id answers 404", async () => {
    const created = okBody(await call("POST", "/v1/create-alert", { body: ALERT }));

    const deleted = await call("DELETE", `/v1/alert/${String(created.id)}`);
    const again = await call("DELETE", `/v1/alert/${String(created.id)}`);

    expect(okBody(deleted)).toEqual({ message: "Alert deleted successfully", deleted_alert_id: created.id });
    expect(again).toMatchObject({ status: 404, body: { detail: "Alert not found" } });
    expect(await call("GET", `/v1/alert/${String(created.id)}`)).toMatchObject({
      status: 405,
      body: { detail: "Method Not Allowed" },
    });
  });
});

describe("alert validation (FastAPI 422)", () => {
  test("an empty body gives one missing error per required field, in the document's order", async () => {
    const reply = await call("POST", "/v1/create-alert", { body: {} });

    expect(fieldErrors(reply).map((e) => [e.type, e.loc.join(".")])).toEqual([
      ["missing", "body.name"],
      ["missing", "body.entity_type"],
      ["missing", "body.entity_field"],
      ["missing", "body.operator"],
      ["missing", "body.comparison_value"],
    ]);
  });

  test("enums, a channel without a target, and a path id that is not a UUID, each at its place", async () => {
    const create = await call("POST", "/v1/create-alert", {
      body: { ...ALERT, operator: "above", notification_channels: [{ type: "email" }] },
    });
    const update = await call("PUT", "/v1/update-alert/7", { body: { source_scope: "production" } });

    expect(fieldErrors(create)).toEqual([
      expect.objectContaining({ type: "enum", loc: ["body", "operator"], input: "above" }),
      {
        type: "missing",
        loc: ["body", "notification_channels", 0, "target"],
        msg: "Field required",
        input: { type: "email" },
      },
    ]);
    expect(fieldErrors(update)).toEqual([
      {
        type: "uuid_parsing",
        loc: ["path", "alert_id"],
        msg: "Input should be a valid UUID, invalid character or length",
        input: "7",
      },
      expect.objectContaining({ type: "enum", loc: ["body", "source_scope"], input: "production" }),
    ]);
    expect(fx.emulator.records("alerts")).toEqual([]);
  });

  test("update of an unknown alert answers 404", async () => {
    const reply = await call("PUT", `/v1/update-alert/${UNKNOWN_ID}`, { body: { name: "n" } });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Alert not found" } });
  });
});
