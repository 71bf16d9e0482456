// Kinds Bluejay cannot read back (Schedule, Alert): what `check` refuses at preview, what each
// lifecycle step sends and records with no GET to lean on, how a lost create, a resource gone from
// Bluejay and a refused delete are told, and the one warning a run gets. The lifecycle steps every
// kind shares are in kinds.test.ts.
import * as pulumi from "@pulumi/pulumi";
import type { AlertArgs, ScheduleArgs } from "../../../provider";
import {
  BluejayAmbiguousCreateError,
  BluejayApiError,
  BluejayNetworkError,
  type BluejayClient,
} from "../../../provider/client";
import { BluejayAdoptionError, BluejayDeleteRefusedError } from "../../../provider/dynamic/errors";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { Runtime, unreadWarning } from "../../../provider/dynamic/runtime";
import { UNKNOWN } from "../../../provider/dynamic/unknown";
import { alertKind } from "../../../provider/kinds/alert/kind";
import { folderKind } from "../../../provider/kinds/folder/kind";
import { KINDS } from "../../../provider/kinds/registry";
import { scheduleKind } from "../../../provider/kinds/schedule/kind";
import { requestLog, TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();
const log = () => requestLog(fx.emulator).map((r) => `${r.method} ${r.path} ${r.status}`);
const noClient = () => {
  throw new Error("check needs no client");
};
const METRIC_ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";

const SCHEDULE_FIX =
  'Set schedule to exactly one of { every: { minutes: 30 } }, { every: { hours: 6 } }, { daily: { at: "02:00" } }, ' +
  '{ weekly: { on: "monday", at: "02:00" } }, { monthly: { day: 1, at: "02:00" } } or { cron: "0 2 * * *" }.';
const AGENTS_FIX =
  "Set agentIds to the agents the alert watches, e.g. agentIds: [agent.agentId], or leave it out and set appliesToAllAgents: true to watch every agent of the workspace.";
const alertInputs = {
  name: "Empathy dropped",
  entityType: "custom_metric" as const,
  entityField: METRIC_ID,
  operator: "less_than" as const,
  comparisonValue: "0.8",
};

async function agent(client: BluejayClient): Promise<number> {
  const made = await client.agents.create({ name: "A", systemPrompt: "p", knowledgeBase: "k", goals: [] });
  return made.agentId;
}

async function simulation(client: BluejayClient): Promise<number> {
  return (await client.simulations.create({ agentId: await agent(client), name: "S" })).simulationId;
}

describe("check at preview", () => {
  const schedules = new ResourceLifecycle(scheduleKind, noClient);
  const alerts = new ResourceLifecycle(alertKind, noClient);

  test.each([
    [
      "a schedule of two shapes at once names both and the fix",
      schedules,
      { simulationId: 1, schedule: { daily: { at: "02:00" }, cron: "0 2 * * *" } },
      "schedule",
      `schedule sets daily and cron at once, but a schedule is exactly one of every, daily, weekly, monthly or cron. ${SCHEDULE_FIX}`,
    ],
    [
      "an alert with no agents and no appliesToAllAgents: Bluejay would watch every agent",
      alerts,
      alertInputs,
      "agentIds",
      "agentIds is required unless appliesToAllAgents is true: left out, Bluejay makes the alert watch every agent of the workspace, " +
        `every other stack's included. ${AGENTS_FIX}`,
    ],
    [
      "an alert with an empty agent list and appliesToAllAgents false, the same",
      alerts,
      { ...alertInputs, agentIds: [], appliesToAllAgents: false },
      "agentIds",
      expect.stringMatching(/^agentIds is required unless appliesToAllAgents is true: /),
    ],
    [
      "an alert with agents and appliesToAllAgents true: Bluejay would ignore the agents",
      alerts,
      { ...alertInputs, agentIds: [1], appliesToAllAgents: true },
      "agentIds",
      `agentIds is set while appliesToAllAgents is true: Bluejay ignores agentIds then, and the alert watches every agent. ${AGENTS_FIX}`,
    ],
    [
      "an alert on a custom metric whose entityField is not a metric's id",
      alerts,
      { ...alertInputs, entityField: "empathy", agentIds: [1] },
      "entityField",
      'entityField must be a custom metric\'s id (a UUID) when entityType is "custom_metric". ' +
        'Set entityField to what the alert watches: for entityType "custom_metric", a CustomMetric\'s id, e.g. entityField: metric.id.',
    ],
    [
      "an interval of minutes and hours at once",
      schedules,
      { simulationId: 1, schedule: { every: { minutes: 5, hours: 1 } } },
      "schedule.every",
      `schedule.every sets minutes and hours at once, but an interval is exactly one of minutes or hours. ${SCHEDULE_FIX}`,
    ],
    [
      "a schedule of no shape",
      schedules,
      { simulationId: 1, schedule: {} },
      "schedule",
      `schedule must set one of every, daily, weekly, monthly or cron. ${SCHEDULE_FIX}`,
    ],
    [
      "a time of day that does not exist",
      schedules,
      { simulationId: 1, schedule: { daily: { at: "25:00" } } },
      "schedule.daily.at",
      `schedule.daily.at must be a 24-hour time "HH:MM", e.g. "02:00". ${SCHEDULE_FIX}`,
    ],
    [
      "an interval past what Bluejay takes",
      schedules,
      { simulationId: 1, schedule: { every: { minutes: 60 } } },
      "schedule.every.minutes",
      `schedule.every.minutes must be from 1 to 59. ${SCHEDULE_FIX}`,
    ],
  ])("%s", async (_what, lifecycle, inputs, path, reason) => {
    expect((await lifecycle.check({}, inputs)).failures).toEqual([{ property: "", path, reason }]);
  });

  test("a key a shape does not take is named with its place, beside the key it lacks", async () => {
    const { failures } = await schedules.check(
      {},
      { simulationId: 1, schedule: { daily: { time: "02:00" } } },
    );
    expect(failures.map((f) => f.reason)).toEqual([
      `schedule.daily.at is required. ${SCHEDULE_FIX}`,
      `schedule.daily does not take "time". ${SCHEDULE_FIX}`,
    ]);
  });

  test.each([
    ["agents not known yet", alerts, { ...alertInputs, agentIds: [UNKNOWN] }],
    ["a custom metric's id not known yet", alerts, { ...alertInputs, entityField: UNKNOWN, agentIds: [1] }],
    ["a time not known yet", schedules, { simulationId: UNKNOWN, schedule: { daily: { at: UNKNOWN } } }],
  ])("a rule is not judged on values not known yet: %s", async (_what, lifecycle, inputs) => {
    expect((await lifecycle.check({}, inputs)).failures).toEqual([]);
  });
});

describe("types", () => {
  test("a schedule is one shape, and its agents' scope is the alert's: two shapes at once do not compile", () => {
    // Compiled by `npm run typecheck`: if the union let two shapes through, the expected error would be missing.
    const nightly: ScheduleArgs = { simulationId: 1, schedule: { daily: { at: "02:00" } } };
    // @ts-expect-error -- daily and cron at once
    const both: ScheduleArgs = { simulationId: 1, schedule: { daily: { at: "02:00" }, cron: "0 2 * * *" } };
    const watched: AlertArgs = {
      ...alertInputs,
      entityField: pulumi.output(METRIC_ID),
      agentIds: [pulumi.output(1)],
    };
    expect([nightly, both, watched]).toHaveLength(3);
  });
});

describe("Schedule", () => {
  const lifecycle = () => {
    const client = fx.client();
    return { client, schedules: new ResourceLifecycle(scheduleKind, () => client) };
  };

  test.each([
    [{ every: { minutes: 30 } }, { frequency: "every_n_minutes", interval: 30 }, "*/30 * * * *"],
    [{ every: { hours: 6 } }, { frequency: "every_n_hours", interval: 6 }, "0 */6 * * *"],
    [{ daily: { at: "02:00" } }, { frequency: "daily", time: "02:00" }, "0 2 * * *"],
    [
      { weekly: { on: "monday", at: "07:30" } },
      { frequency: "weekly", day_of_week: "monday", time: "07:30" },
      "30 7 * * 1",
    ],
    [
      { monthly: { day: 15, at: "23:05" } },
      { frequency: "monthly", day_of_month: 15, time: "23:05" },
      "5 23 15 * *",
    ],
    [{ cron: "0 2 * * 1-5" }, { frequency: "cron", expression: "0 2 * * 1-5" }, "0 2 * * 1-5"],
  ])("%j is sent as Bluejay's %j; cronExpression is what Bluejay made of it", async (spec, wire, cron) => {
    const { client, schedules } = lifecycle();
    const simulationId = await simulation(client);

    const { outs } = await schedules.create({ simulationId, schedule: spec });

    const [record] = fx.emulator.records("schedules");
    expect(record).toMatchObject({ simulation_id: String(simulationId), schedule: wire });
    // The schedule as declared (Bluejay does not answer it), and what Bluejay answered.
    expect(outs).toEqual({
      simulationId,
      schedule: spec,
      enabled: true,
      cronExpression: cron,
      __declared: ["schedule", "simulationId"],
    });
  });

  test("another simulation replaces the schedule; its schedule and enabled update in place", async () => {
    const { client, schedules } = lifecycle();
    const simulationId = await simulation(client);
    const { id, outs } = await schedules.create({ simulationId, schedule: { daily: { at: "02:00" } } });

    expect(
      schedules.changes(id, outs, {
        simulationId: simulationId + 1,
        schedule: { cron: "0 3 * * *" },
        enabled: false,
      }),
    ).toEqual({ updates: ["schedule", "enabled"], replaces: ["simulationId"] });
  });

  test("a removed enabled goes back to Bluejay's true, in one update", async () => {
    const { client, schedules } = lifecycle();
    const declared = { simulationId: await simulation(client), schedule: { daily: { at: "02:00" } } };
    const { id, outs } = await schedules.create({ ...declared, enabled: false });
    fx.emulator.clearRequests();

    const updated = await schedules.update(id, outs, declared);

    expect(log()).toEqual([`PUT /v1/update-schedule/${id} 200`]);
    expect(updated.outs.enabled).toBe(true);
    expect(fx.emulator.records("schedules")[0]).toMatchObject({ enabled: true });
  });

  test("adoption sends the schedule and Bluejay's enabled of a declaration that leaves it out", async () => {
    const { client, schedules } = lifecycle();
    const simulationId = await simulation(client);
    const made = await client.schedules.create({
      simulationId,
      schedule: { cron: "0 4 * * *" },
      enabled: false,
    });
    fx.emulator.clearRequests();

    const adopted = await schedules.create({
      simulationId,
      schedule: { daily: { at: "02:00" } },
      adoptId: made.id,
    });

    expect(log()).toEqual([`PUT /v1/update-schedule/${made.id} 200`]);
    expect(fx.emulator.records("schedules")).toEqual([
      expect.objectContaining({ schedule: { frequency: "daily", time: "02:00" }, enabled: true }),
    ]);
    expect(adopted).toEqual({
      id: made.id,
      outs: {
        simulationId,
        schedule: { daily: { at: "02:00" } },
        enabled: true,
        cronExpression: "0 2 * * *",
        adoptId: made.id,
        __declared: ["schedule", "simulationId"],
      },
    });
  });

  test("adopting an id that names nothing fails saying so, and where ids are found, creating nothing", async () => {
    const { client, schedules } = lifecycle();
    const simulationId = await simulation(client);

    const error = await rejection(
      schedules.create({ simulationId, schedule: { daily: { at: "02:00" } }, adoptId: "nothing-here" }),
      BluejayAdoptionError,
    );

    expect(error.message).toBe(
      "adoptId nothing-here names no Schedule in Bluejay (PUT /v1/update-schedule/nothing-here answered 404). " +
        "Set adoptId to the id of an existing Schedule (Bluejay's dashboard shows them: Bluejay offers no lookup of them), or remove adoptId to create a new one.",
    );
    expect(fx.emulator.records("schedules")).toEqual([]);
  });

  test("an update of a schedule deleted in Bluejay says refresh cannot notice, and what to do", async () => {
    const { client, schedules } = lifecycle();
    const declared = { simulationId: await simulation(client), schedule: { daily: { at: "02:00" } } };
    const { id, outs } = await schedules.create(declared);
    fx.emulator.stores.schedules.delete(id);

    const error = await rejection(
      schedules.update(id, outs, { ...declared, enabled: false }),
      BluejayApiError,
    );

    expect(error.message).toBe(
      `Bluejay has no schedule with id ${id} (PUT /v1/update-schedule/${id} returned 404). ` +
        "Bluejay offers no read of a schedule, so `pulumi refresh` cannot notice it is gone: remove it from state with " +
        "`pulumi state delete <urn>` (`pulumi stack --show-urns` lists them), then `pulumi up` creates it again.",
    );
  });

  test('a delete Bluejay answers with status "error" is a refusal with its words, not a delete', async () => {
    const { client, schedules } = lifecycle();
    const { id, outs } = await schedules.create({
      simulationId: await simulation(client),
      schedule: { daily: { at: "02:00" } },
    });
    fx.emulator.injectFault({
      method: "DELETE",
      body: JSON.stringify({ status: "error", message: "Scheduler unavailable" }),
    });

    const error = await rejection(schedules.delete(id, outs), BluejayDeleteRefusedError);

    expect(error.message).toBe(
      `Bluejay refused to delete Schedule ${id}: its answer's status is "error" ` +
        `(DELETE /v1/delete-schedule/${id} answered 200: Scheduler unavailable). Nothing was deleted. ` +
        "Run the command again. If the schedule is already gone from Bluejay, remove it from state with `pulumi state delete <urn>`.",
    );
    expect(fx.emulator.records("schedules")).toHaveLength(1);
  });

  test("a create whose answer was lost is not looked for (no list), and the error says so and what to do", async () => {
    const { client, schedules } = lifecycle();
    const simulationId = await simulation(client);
    fx.emulator.clearRequests();
    fx.emulator.injectFault({ method: "POST", commit: true, drop: true });

    const error = await rejection(
      schedules.create({ simulationId, schedule: { daily: { at: "02:00" } } }),
      BluejayAmbiguousCreateError,
    );

    expect(error.message).toMatch(
      /^The outcome of POST \/v1\/create-schedule for a new Schedule is unknown: its answer was lost \(Could not complete POST \/v1\/create-schedule at .+\), and Bluejay offers no list of schedules, so it could not be looked for\. It may exist: look in Bluejay for a Schedule matching this declaration and adopt it with the adoptId input \(or delete it\) before running again, or the next run may create a second one\.$/,
    );
    expect(error.cause).toBeInstanceOf(BluejayNetworkError);
    // Sent once, never again, and nothing else asked: Bluejay made it, and only a person can find it.
    expect(log()).toEqual(["POST /v1/create-schedule 0"]);
    expect(fx.emulator.records("schedules")).toHaveLength(1);
  });
});

describe("Alert", () => {
  const lifecycle = () => {
    const client = fx.client();
    return { client, alerts: new ResourceLifecycle(alertKind, () => client) };
  };
  const scope = () =>
    fx.emulator.records("alerts").map((a) => ({ all: a.applies_to_all_agents, agents: a.agents }));

  test("agents named alone make an alert of those agents: Bluejay is told it does not watch every agent", async () => {
    const { client, alerts } = lifecycle();
    const agentId = await agent(client);

    await alerts.create({ ...alertInputs, agentIds: [agentId] });

    expect(scope()).toEqual([{ all: false, agents: [agentId] }]);
  });

  test("every change of the agents says which, so Bluejay's default never takes over", async () => {
    const { client, alerts } = lifecycle();
    const [a, b] = [await agent(client), await agent(client)];
    const first = await alerts.create({ ...alertInputs, agentIds: [a] });

    const more = await alerts.update(first.id, first.outs, { ...alertInputs, agentIds: [a, b] });
    expect(scope()).toEqual([{ all: false, agents: [a, b] }]);

    const all = await alerts.update(first.id, more.outs, { ...alertInputs, appliesToAllAgents: true });
    expect(scope()).toEqual([{ all: true, agents: [] }]);
    expect(all.outs).toMatchObject({ appliesToAllAgents: true, agentIds: [] });

    await alerts.update(first.id, all.outs, { ...alertInputs, agentIds: [b] });
    expect(scope()).toEqual([{ all: false, agents: [b] }]);
  });

  test("adopting an alert that watches every agent scopes it to the declared agents in one update", async () => {
    const { client, alerts } = lifecycle();
    const agentId = await agent(client);
    const made = await client.alerts.create({ ...alertInputs, name: "Made by hand", isEnabled: false });
    expect(scope()).toEqual([{ all: true, agents: [] }]);
    fx.emulator.clearRequests();

    const adopted = await alerts.create({ ...alertInputs, agentIds: [agentId], adoptId: made.id });

    expect(log()).toEqual([`PUT /v1/update-alert/${made.id} 200`]);
    expect(scope()).toEqual([{ all: false, agents: [agentId] }]);
    // What the declaration leaves out goes back to Bluejay's defaults, so the next preview is clean.
    expect(fx.emulator.records("alerts")[0]).toMatchObject({ name: "Empathy dropped", is_enabled: true });
    const declared = { ...alertInputs, agentIds: [agentId], adoptId: made.id };
    expect(alerts.changes(adopted.id, adopted.outs, declared)).toEqual({ updates: [], replaces: [] });
  });

  test("trigger_count, in_alert and last_triggered_at change by themselves: never recorded, never a change", async () => {
    const { client, alerts } = lifecycle();
    const declared = { ...alertInputs, agentIds: [await agent(client)] };
    const { id, outs } = await alerts.create(declared);
    fx.emulator.stores.alerts.modify(id, (alert) => {
      alert.trigger_count = 42;
      alert.in_alert = true;
      alert.last_triggered_at = "2026-12-01T10:00:00Z";
    });

    const updated = await alerts.update(id, outs, { ...declared, minEvents: 3 });

    const selfChanging = /^(triggerCount|inAlert|lastTriggeredAt|updatedAt)$/;
    expect(
      [...Object.keys(outs), ...Object.keys(updated.outs)].filter((key) => selfChanging.test(key)),
    ).toEqual([]);
    expect(alerts.changes(id, updated.outs, { ...declared, minEvents: 3 })).toEqual({
      updates: [],
      replaces: [],
    });
    expect(await alerts.read(id, updated.outs)).toMatchObject({ props: updated.outs });
  });
});

describe("the run's one warning", () => {
  /** What Pulumi's host passes to `configure`. */
  const configure = {
    config: {
      get: (key: string) => ({ "bluejay:apiKey": TEST_API_KEY, "bluejay:apiUrl": fx.emulator.url })[key],
    },
  } as unknown as pulumi.dynamic.ConfigureRequest;

  test("names every kind Bluejay cannot read back, what refresh cannot see, and what to do", () => {
    expect(unreadWarning(KINDS)).toBe(
      "Bluejay offers no way to read back Schedule or Alert resources, so `pulumi refresh` and `pulumi preview` cannot see " +
        "a change made to one outside Pulumi: state keeps what Pulumi last sent. Change them only through Pulumi. To bring " +
        "one changed in Bluejay back to this program's values, re-adopt it: `pulumi state delete <urn>`, then `pulumi up` " +
        "with its adoptId set to its id.",
    );
    expect(unreadWarning([folderKind])).toBeUndefined();
  });

  test("is given once per provider process: at the first check or read of such a kind, never for the others", async () => {
    const warnings: string[] = [];
    const runtime = new Runtime(KINDS, (message) => Promise.resolve(void warnings.push(message)));
    await runtime.dispatch([configure], "Folder");

    await runtime.dispatch([{}, { name: "Support" }], "Folder");
    expect(warnings).toEqual([]);
    await runtime.dispatch([{}, { simulationId: 1, schedule: { daily: { at: "02:00" } } }], "Schedule");
    await runtime.dispatch([{}, { ...alertInputs, appliesToAllAgents: true }], "Alert");
    await runtime.dispatch(["7", { simulationId: 1, schedule: { cron: "0 2 * * *" } }], "Schedule");

    expect(warnings).toEqual([unreadWarning(KINDS)]);
  });

  test("a refresh alone (reads, no checks) is told too", async () => {
    const warnings: string[] = [];
    const runtime = new Runtime(KINDS, (message) => Promise.resolve(void warnings.push(message)));

    await runtime.dispatch(["7", { simulationId: 1, schedule: { cron: "0 2 * * *" } }], "Schedule");
    await runtime.dispatch(["8", { simulationId: 1, schedule: { cron: "0 3 * * *" } }], "Schedule");

    expect(warnings).toEqual([unreadWarning(KINDS)]);
  });
});
