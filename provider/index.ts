// pulumi-bluejay: manage Bluejay test environments from Pulumi programs: agents, their simulations,
// the digital humans that call them, communities of digital humans, and the custom metrics that
// grade the calls.
export { Agent, AGENT_TYPE, type AgentArgs, type AgentOutputs } from "./resources/agent";
export {
  Simulation,
  SIMULATION_TYPE,
  type SimulationArgs,
  type SimulationOutputs,
} from "./resources/simulation";
export {
  DigitalHuman,
  DIGITAL_HUMAN_TYPE,
  type DigitalHumanArgs,
  type DigitalHumanOutputs,
} from "./resources/digital-human";
export { Community, COMMUNITY_TYPE, type CommunityArgs, type CommunityOutputs } from "./resources/community";
export {
  CustomMetric,
  CUSTOM_METRIC_TYPE,
  type CustomMetricArgs,
  type CustomMetricOutputs,
} from "./resources/custom-metric";
export { BluejayAdoptionError, BluejayPartialCreateError, BluejayRoutingError } from "./dynamic/errors";
export * from "./lookups";
export { resolveClientOptions, SETTINGS, type ConfigSource, type Setting } from "./config";
export * from "./client";
export { repairPendingCreates, type PendingCreate, type Repair } from "./recovery";
