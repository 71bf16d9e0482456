// pulumi-bluejay: manage Bluejay test environments from Pulumi programs: every kind Bluejay lets a
// program declare, each described once (provider/kinds/<kind>/kind.ts, listed in registry.ts), the
// lookups, the client, recovery and the simulation runner.
export * from "./kinds";
export * from "./listings/phone-numbers";
export {
  BluejayAdoptionError,
  BluejayDeleteRefusedError,
  BluejayPartialCreateError,
  BluejayRoutingError,
} from "./dynamic/errors";
export type { LookupOptions } from "./lookups";
export { resolveClientOptions, SETTINGS, type ConfigSource, type Setting } from "./config";
export * from "./client";
export { repairPendingCreates, type PendingCreate, type Repair } from "./recovery";
export * from "./runner";
export type {
  QueuedRun,
  SimulationRun,
  SimulationResult,
  SimulationResults,
  RunOfResults,
  QueueVoiceRunInput,
  QueueSmsRunInput,
  QueueHttpTextRunInput,
  SimulationRuns,
} from "./runs/api";
