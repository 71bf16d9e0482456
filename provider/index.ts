// pulumi-bluejay: manage Bluejay test environments from Pulumi programs: folders of agents, the agents
// under test, their simulations, the digital humans that call them, communities of digital humans, and
// the custom metrics that grade the calls. Each kind is described once (provider/kinds/*/kind.ts).
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
