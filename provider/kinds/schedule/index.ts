// The Schedule resource and its types: what the package exports for this kind. Bluejay offers no read
// and no list of schedules, so there are no lookups.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { scheduleKind, type Schedule as Entity, type ScheduleInputs } from "./kind";

export type {
  Schedule as ScheduleResult,
  ScheduleSpec,
  ScheduleInputs,
  CreateScheduleInput,
  UpdateScheduleInput,
} from "./kind";

/** The type Pulumi records for schedules: `pulumi-nodejs:dynamic/bluejay:Schedule`. */
export const SCHEDULE_TYPE = typeToken(scheduleKind.name);

export type ScheduleArgs = KindArgs<ScheduleInputs, string>;
export type ScheduleOutputs = KindOutputs<ScheduleInputs, Entity, "cronExpression", string>;

/** When Bluejay runs a simulation by itself. A new simulation replaces it; Bluejay cannot read it back. */
export const Schedule = resourceClass<ScheduleArgs, ScheduleOutputs>(scheduleKind);
export type Schedule = InstanceType<typeof Schedule>;
