// Schedules: create (the simulation must exist) and update answer the cron expression made of the
// schedule, delete answers a status; there is no read and no list. Requests the document refuses get
// FastAPI's 422, the union of schedule shapes reported member by member.
import { useEmulator } from "../../helpers/emulator";
import { UNKNOWN_ID, UUID, caller, creators, fieldErrors, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const DAILY = { frequency: "daily", time: "02:00" };

async function schedule(body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const simulationId = await make.simulation(await make.agent());
  return okBody(
    await call("POST", "/v1/create-schedule", {
      body: { simulation_id: String(simulationId), schedule: DAILY, ...body },
    }),
  );
}

describe("schedules", () => {
  test("create answers CreateCronJobResponse: the id, the simulation, the cron expression, enabled by default; no schedule, no created_at", async () => {
    const simulationId = await make.simulation(await make.agent());

    const reply = await call("POST", "/v1/create-schedule", {
      body: { simulation_id: String(simulationId), schedule: DAILY },
    });

    expect(okBody(reply)).toEqual({
      id: expect.stringMatching(UUID),
      simulation_id: String(simulationId),
      cron_expression: "0 2 * * *",
      enabled: true,
    });
  });

  test("create naming a simulation that does not exist answers 404 and makes nothing", async () => {
    const reply = await call("POST", "/v1/create-schedule", {
      body: { simulation_id: "77", schedule: DAILY },
    });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Simulation not found" } });
    expect(fx.emulator.records("schedules")).toEqual([]);
  });

  test("update changes only what it sends, answers the new cron expression and created_at", async () => {
    const created = await schedule({ enabled: false });

    const reply = await call("PUT", `/v1/update-schedule/${String(created.id)}`, {
      body: { schedule: { frequency: "every_n_hours", interval: 4 } },
    });

    expect(okBody(reply)).toEqual({
      ...created,
      cron_expression: "0 */4 * * *",
      created_at: expect.any(String),
    });
    expect(fx.emulator.records("schedules")[0]).toMatchObject({ enabled: false });
  });

  test("delete answers success and forgets it; an unknown id answers 404 to update and delete", async () => {
    const created = await schedule();

    const deleted = await call("DELETE", `/v1/delete-schedule/${String(created.id)}`);

    expect(okBody(deleted)).toEqual({ status: "success", message: "Schedule deleted successfully" });
    for (const [method, path] of [
      ["PUT", `/v1/update-schedule/${String(created.id)}`],
      ["DELETE", `/v1/delete-schedule/${UNKNOWN_ID}`],
    ] as const) {
      const reply = await call(method, path, method === "PUT" ? { body: { enabled: true } } : {});
      expect(reply).toMatchObject({ status: 404, body: { detail: "Schedule not found" } });
    }
  });

  test("there is no read and no list: Bluejay serves neither", async () => {
    const created = await schedule();

    for (const path of [`/v1/schedule/${String(created.id)}`, "/v1/schedules"]) {
      expect(await call("GET", path)).toMatchObject({ status: 404, body: { detail: "Not Found" } });
    }
  });
});

describe("schedule validation (FastAPI 422)", () => {
  test("simulation_id must be a JSON string (pydantic v2 does not coerce a number), and schedule is required", async () => {
    const reply = await call("POST", "/v1/create-schedule", { body: { simulation_id: 7 } });

    expect(fieldErrors(reply)).toEqual([
      {
        type: "string_type",
        loc: ["body", "simulation_id"],
        msg: "Input should be a valid string",
        input: 7,
      },
      { type: "missing", loc: ["body", "schedule"], msg: "Field required", input: { simulation_id: 7 } },
    ]);
  });

  test("a daily time that is not HH:MM is reported under every member of the union: the pattern under DailySchedule", async () => {
    const reply = await call("POST", "/v1/create-schedule", {
      body: { simulation_id: "1", schedule: { frequency: "daily", time: "2am" } },
    });

    const at = ["body", "schedule"];
    const errors = fieldErrors(reply);
    expect(errors.find((e) => e.loc[2] === "DailySchedule")).toEqual({
      type: "string_pattern_mismatch",
      loc: [...at, "DailySchedule", "time"],
      msg: "String should match pattern '^\\d{2}:\\d{2}$'",
      input: "2am",
      ctx: { pattern: "^\\d{2}:\\d{2}$" },
    });
    expect(errors.find((e) => e.loc[2] === "CronSchedule")).toEqual({
      type: "literal_error",
      loc: [...at, "CronSchedule", "frequency"],
      msg: "Input should be 'cron'",
      input: "daily",
      ctx: { expected: "'cron'" },
    });
    expect(new Set(errors.map((e) => e.loc[2]))).toEqual(
      new Set([
        "EveryNMinutesSchedule",
        "EveryNHoursSchedule",
        "DailySchedule",
        "WeeklySchedule",
        "MonthlySchedule",
        "CronSchedule",
      ]),
    );
  });

  test.each([
    [
      { frequency: "every_n_minutes", interval: 60 },
      "EveryNMinutesSchedule",
      "less_than_equal",
      "Input should be less than or equal to 59",
    ],
    [
      { frequency: "every_n_hours", interval: 0 },
      "EveryNHoursSchedule",
      "greater_than",
      "Input should be greater than 0",
    ],
    [
      { frequency: "monthly", day_of_month: 32, time: "02:00" },
      "MonthlySchedule",
      "less_than_equal",
      "Input should be less than or equal to 31",
    ],
  ])("bounds of %j are the document's: %s gives %s", async (value, member, type, msg) => {
    const reply = await call("PUT", `/v1/update-schedule/${UNKNOWN_ID}`, { body: { schedule: value } });

    expect(fieldErrors(reply).find((e) => e.loc[2] === member)).toMatchObject({ type, msg });
  });
});
