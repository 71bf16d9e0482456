// The emulator's double of Bluejay's schedules: the simulation a create names must exist; create and
// update answer the cron expression made of the schedule; there is no read and no list.
import {
  given,
  idFromText,
  notFound,
  routes,
  text,
  whole,
  type Answer,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Schedule not found";
/** Cron's day-of-week numbers: Sunday is 0. */
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The cron expression of a validated schedule (a `frequency` and its fields). */
export function cronOf(schedule: Json): string {
  const [hours, minutes] = (text(schedule.time) ?? "00:00").split(":").map(Number);
  const at = `${minutes} ${hours}`;
  switch (schedule.frequency) {
    case "every_n_minutes":
      return `*/${whole(schedule.interval)} * * * *`;
    case "every_n_hours":
      return `0 */${whole(schedule.interval)} * * *`;
    case "daily":
      return `${at} * * *`;
    case "weekly":
      return `${at} * * ${WEEKDAYS.indexOf(text(schedule.day_of_week) ?? "")}`;
    case "monthly":
      return `${at} ${whole(schedule.day_of_month)} * *`;
    default:
      return text(schedule.expression) ?? "";
  }
}

function create(body: Json, context: Context): Json | Answer {
  const simulationId = idFromText(body.simulation_id);
  if (simulationId === undefined || !context.of("simulations").has(simulationId)) {
    return notFound("Simulation not found");
  }
  const schedule = body.schedule as Json;
  return { ...body, enabled: body.enabled ?? true, cron_expression: cronOf(schedule) };
}

function update(record: Json, request: Request): void {
  const fields = given(request);
  Object.assign(record, fields);
  if (fields.schedule !== undefined) record.cron_expression = cronOf(fields.schedule as Json);
}

export const scheduleDouble: EmulatedKind = {
  file: "schedules",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-schedule", create),
    routes.update("PUT /v1/update-schedule/{schedule_id}", MISSING, update),
    routes.remove("DELETE /v1/delete-schedule/{schedule_id}", MISSING, {
      answer: () => ({ status: "success", message: "Schedule deleted successfully" }),
    }),
  ],
};
