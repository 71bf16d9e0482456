// Bluejay's Schedules operations on the wire (snake_case), as its OpenAPI description gives them:
// `POST /v1/create-schedule`, `PUT /v1/update-schedule/{schedule_id}` and
// `DELETE /v1/delete-schedule/{schedule_id}`. There is no read and no list.
//
// The traps: `schedule` is a union of six shapes told apart by `frequency`; `simulation_id` is the
// simulation's whole-number id as text; create answers `cron_expression` (what Bluejay made of the
// schedule) but not the schedule itself, and no `created_at`, which only update answers; the update
// takes only `schedule` and `enabled`; delete answers `{status, message}`, where `status` may be
// "error".
import { z } from "zod";

/** `WeeklySchedule.day_of_week`. */
export const DAYS_OF_WEEK = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** "HH:MM", 24-hour: the document's pattern, `^\d{2}:\d{2}$`. */
const WireTimeSchema = z.string().regex(/^\d{2}:\d{2}$/, 'must be "HH:MM"');

/** `EveryNMinutesSchedule`: 1 to 59. */
export const WireEveryNMinutesSchema = z
  .object({ frequency: z.literal("every_n_minutes"), interval: z.number().int().positive().max(59) })
  .strict();
/** `EveryNHoursSchedule`: 1 to 23. */
export const WireEveryNHoursSchema = z
  .object({ frequency: z.literal("every_n_hours"), interval: z.number().int().positive().max(23) })
  .strict();
/** `DailySchedule`. */
export const WireDailySchema = z.object({ frequency: z.literal("daily"), time: WireTimeSchema }).strict();
/** `WeeklySchedule`. */
export const WireWeeklySchema = z
  .object({ frequency: z.literal("weekly"), day_of_week: z.enum(DAYS_OF_WEEK), time: WireTimeSchema })
  .strict();
/** `MonthlySchedule`: day 1 to 31. */
export const WireMonthlySchema = z
  .object({
    frequency: z.literal("monthly"),
    day_of_month: z.number().int().min(1).max(31),
    time: WireTimeSchema,
  })
  .strict();
/** `CronSchedule`. */
export const WireCronSchema = z.object({ frequency: z.literal("cron"), expression: z.string() }).strict();

/** The `schedule` of a create or an update: one of the six, in the document's order. */
export const WireScheduleSchema = z.union([
  WireEveryNMinutesSchema,
  WireEveryNHoursSchema,
  WireDailySchema,
  WireWeeklySchema,
  WireMonthlySchema,
  WireCronSchema,
]);
export type WireSchedule = z.infer<typeof WireScheduleSchema>;

/** `CreateCronJobRequest` (the body of `POST /v1/create-schedule`). */
export const WireCreateScheduleSchema = z
  .object({
    /** The simulation's whole-number id, as text. */
    simulation_id: z.string(),
    schedule: WireScheduleSchema,
    /** Default true. */
    enabled: z.boolean().nullable().optional(),
  })
  .strict();

/** `UpdateCronJobRequest` (the body of `PUT /v1/update-schedule/{schedule_id}`): no simulation. */
export const WireUpdateScheduleSchema = z
  .object({
    schedule: WireScheduleSchema.nullable().optional(),
    enabled: z.boolean().nullable().optional(),
  })
  .strict();

/** `CreateCronJobResponse`: no schedule, no `created_at`. */
export const WireCreatedScheduleSchema = z.object({
  id: z.string(),
  simulation_id: z.string(),
  /** What Bluejay made of the schedule. */
  cron_expression: z.string(),
  enabled: z.boolean().nullable().optional(),
});
export type WireCreatedSchedule = z.infer<typeof WireCreatedScheduleSchema>;

/** `UpdateCronJobResponse`: as create's, with `created_at` (declared as plain text). */
export const WireUpdatedScheduleSchema = WireCreatedScheduleSchema.extend({ created_at: z.string() });

/** `DeleteCronJobResponse`: a 200 whose `status` may say "error". */
export const WireDeletedScheduleSchema = z.object({
  status: z.enum(["success", "error"]),
  message: z.string(),
});
