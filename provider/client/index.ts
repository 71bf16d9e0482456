export { BluejayClient, type CommunityList } from "./client";
export { DEFAULT_BASE_URL, type BluejayClientOptions } from "./options";
export * from "./errors";
export {
  CommunitySchema,
  type Community,
  type CreateCommunityInput,
  type UpdateCommunityInput,
  type ListCommunitiesOptions,
  type FieldError,
} from "./schemas";
export type { Agent, CreateAgentInput, UpdateAgentInput } from "./operations/agents";
export type {
  Simulation,
  SimulationSummary,
  CreateSimulationInput,
  UpdateSimulationInput,
} from "./operations/simulations";
export type {
  DigitalHuman,
  CreateDigitalHumanInput,
  UpdateDigitalHumanInput,
} from "./operations/digital-humans";
export type {
  CustomMetric,
  CreateCustomMetricInput,
  UpdateCustomMetricInput,
} from "./operations/custom-metrics";
