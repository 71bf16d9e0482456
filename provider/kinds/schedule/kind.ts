// Schedule: when Bluejay runs a simulation by itself. Bluejay takes a union of six wire shapes told
// apart by `frequency`; the package takes one key per shape instead (`{ daily: { at: "02:00" } }`),
// so a declaration cannot mix two. Bluejay offers no read: state keeps what was sent.
import { z } from "zod";
import { defineApi, op } from "../../client/operations";
import { IntegerIdSchema, integerId } from "../../client/wire";
import { defineKind } from "../../dynamic/kind";
import { exactlyOne, nonBlank } from "../../dynamic/rules";
import { scheduleDouble } from "./emulator";
import {
  DAYS_OF_WEEK,
  WireCreateScheduleSchema,
  WireCreatedScheduleSchema,
  WireDeletedScheduleSchema,
  WireUpdateScheduleSchema,
  WireUpdatedScheduleSchema,
  type WireCreatedSchedule,
  type WireSchedule,
} from "./wire";

/** A 24-hour time of day, "HH:MM" (Bluejay's pattern takes "99:99"; no such time exists). */
const TimeSchema = z
  .string({ invalid_type_error: "must be a string" })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time "HH:MM", e.g. "02:00"');
const whole = (low: number, high: number) =>
  z
    .number({ invalid_type_error: "must be a whole number" })
    .int(`must be a whole number from ${low} to ${high}`)
    .min(low, `must be from ${low} to ${high}`)
    .max(high, `must be from ${low} to ${high}`);

/** When it runs: exactly one of these keys. */
export const ScheduleSpecSchema = exactlyOne(
  {
    every: exactlyOne({ minutes: whole(1, 59), hours: whole(1, 23) }, "an interval"),
    daily: z.object({ at: TimeSchema }).strict(),
    weekly: z.object({ on: z.enum(DAYS_OF_WEEK), at: TimeSchema }).strict(),
    monthly: z.object({ day: whole(1, 31), at: TimeSchema }).strict(),
    cron: nonBlank("a cron expression"),
  },
  "a schedule",
);
/** `{ every: { minutes: 30 } }`, `{ daily: { at: "02:00" } }`, `{ cron: "0 2 * * *" }`, … */
export type ScheduleSpec = z.input<typeof ScheduleSpecSchema>;

/** Bluejay's wire shape of a schedule. */
export function wireSchedule(spec: ScheduleSpec): WireSchedule {
  if (spec.every !== undefined) {
    return spec.every.minutes !== undefined
      ? { frequency: "every_n_minutes", interval: spec.every.minutes }
      : { frequency: "every_n_hours", interval: spec.every.hours };
  }
  if (spec.daily !== undefined) return { frequency: "daily", time: spec.daily.at };
  if (spec.weekly !== undefined) {
    return { frequency: "weekly", day_of_week: spec.weekly.on, time: spec.weekly.at };
  }
  if (spec.monthly !== undefined) {
    return { frequency: "monthly", day_of_month: spec.monthly.day, time: spec.monthly.at };
  }
  return { frequency: "cron", expression: spec.cron };
}

export const CreateScheduleInputSchema = z
  .object({ simulationId: IntegerIdSchema, schedule: ScheduleSpecSchema, enabled: z.boolean().optional() })
  .strict();
export type CreateScheduleInput = z.input<typeof CreateScheduleInputSchema>;
export const UpdateScheduleInputSchema = z
  .object({ schedule: ScheduleSpecSchema.optional(), enabled: z.boolean().optional() })
  .strict();
export type UpdateScheduleInput = z.input<typeof UpdateScheduleInputSchema>;

/** A schedule as Bluejay answers it: the cron expression it made, not the schedule that was sent. */
export interface Schedule {
  id: string;
  /** The simulation it runs (absent if Bluejay answered an id that is not a whole number). */
  simulationId?: number;
  cronExpression: string;
  enabled?: boolean;
}

const entity = (wire: WireCreatedSchedule): Schedule => {
  const simulationId = integerId(wire.simulation_id);
  return {
    id: wire.id,
    ...(simulationId === undefined ? {} : { simulationId }),
    cronExpression: wire.cron_expression,
    ...(typeof wire.enabled === "boolean" ? { enabled: wire.enabled } : {}),
  };
};

/** A schedule id: Bluejay declares plain text. */
const ScheduleIdSchema = z
  .string({ invalid_type_error: "must be a string" })
  .min(1, "must not be empty (a schedule's id)");

export const scheduleApi = defineApi({
  name: "Schedule",
  noun: "schedule",
  plural: "schedules",
  id: ScheduleIdSchema,
  idOf: (schedule: Schedule) => schedule.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-schedule",
    input: CreateScheduleInputSchema,
    wire: WireCreateScheduleSchema,
    // The simulation's whole-number id, as text.
    body: ({ simulationId, schedule, enabled }) => ({
      simulation_id: String(simulationId),
      schedule: wireSchedule(schedule),
      ...(enabled === undefined ? {} : { enabled }),
    }),
    answer: WireCreatedScheduleSchema,
    entity,
  }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-schedule/{schedule_id}",
    input: UpdateScheduleInputSchema,
    wire: WireUpdateScheduleSchema,
    body: (_id, { schedule, enabled }) => ({
      ...(schedule === undefined ? {} : { schedule: wireSchedule(schedule) }),
      ...(enabled === undefined ? {} : { enabled }),
    }),
    answer: WireUpdatedScheduleSchema,
    entity,
  }),
  delete: op.delete({
    method: "DELETE",
    path: "/v1/delete-schedule/{schedule_id}",
    answer: WireDeletedScheduleSchema,
    failed: (answer) => (answer.status === "error" ? answer.message : undefined),
  }),
});

const inputs = CreateScheduleInputSchema;
export type ScheduleInputs = z.input<typeof inputs>;

export const scheduleKind = defineKind({
  name: "Schedule",
  api: scheduleApi,
  inputs,
  fields: {
    // Bluejay's update takes no simulation.
    simulationId: { compare: "value", replaces: true },
    // Bluejay answers the cron expression it made, not the schedule: kept as sent.
    schedule: { compare: "value", writeOnly: true },
    enabled: { compare: "value", cleared: true },
  },
  hints: {
    simulationId:
      "Set simulationId to the simulationId output of a Simulation (a whole number), e.g. simulationId: nightly.simulationId.",
    schedule:
      'Set schedule to exactly one of { every: { minutes: 30 } }, { every: { hours: 6 } }, { daily: { at: "02:00" } }, ' +
      '{ weekly: { on: "monday", at: "02:00" } }, { monthly: { day: 1, at: "02:00" } } or { cron: "0 2 * * *" }.',
    enabled: "Set enabled to true or false, or leave it out (Bluejay's default is true).",
    adoptId:
      "Set adoptId to the id of an existing Bluejay schedule (Bluejay's dashboard shows it: there is no lookup), or leave it out.",
  },
  outputs: {
    cronExpression:
      "The cron expression Bluejay made of `schedule` (e.g. `0 2 * * *`), as its last answer gave it.",
  },
  secretOutputs: [],
  docs: {
    summary:
      "When Bluejay runs a simulation by itself: every few minutes or hours, daily, weekly, monthly, or on a cron expression.",
    inputs: {
      simulationId: "The simulation it runs (a Simulation's `simulationId`). A change replaces the schedule.",
      schedule:
        'When it runs, exactly one of: `{ every: { minutes } }` (1 to 59) or `{ every: { hours } }` (1 to 23); `{ daily: { at } }`; `{ weekly: { on, at } }` (`on`: `"monday"` … `"sunday"`); `{ monthly: { day, at } }` (day 1 to 31); `{ cron: "<expression>" }`. `at` is a 24-hour `"HH:MM"`. Write-only: Bluejay answers only `cronExpression`.',
      enabled: "Whether it runs. Bluejay's default, and what removing the input sends, is `true`.",
    },
    notes: [
      "Bluejay takes `schedule` as a union of six shapes told apart by `frequency`; the package takes one key per shape, so a declaration cannot be two at once: `{ daily: …, cron: … }` fails the preview naming both. Bluejay takes no time zone.",
      "A different `simulationId` replaces the schedule: Bluejay's update takes only `schedule` and `enabled`.",
      "A create whose answer was lost cannot be looked for (Bluejay lists no schedules): it fails with `BluejayAmbiguousCreateError`; look in Bluejay's dashboard, and adopt or delete what you find before running again.",
      "Bluejay's delete answers `{status, message}` with a 200 even when `status` is `\"error\"`: that is taken as a refusal, with Bluejay's message, not as deleted.",
    ],
    example: `import { Schedule } from "pulumi-bluejay";

const nightlyRun = new Schedule("nightly-run", {
  simulationId: 1234, // or nightly.simulationId, from a Simulation in the same program
  schedule: { daily: { at: "02:00" } },
});

export const cron = nightlyRun.cronExpression; // "0 2 * * *"`,
  },
  deleteRefusals: [
    {
      status: 200,
      because: 'its answer\'s status is "error"',
      fix: "Run the command again. If the schedule is already gone from Bluejay, remove it from state with `pulumi state delete <urn>`.",
    },
  ],
  emulator: scheduleDouble,
});
