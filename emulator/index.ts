export {
  BluejayEmulator,
  type EmulatorCounts,
  type EmulatorOperation,
  type EmulatorOptions,
  type RequestLogEntry,
} from "./server";
export type { FaultRule, ChaosOptions } from "./faults";
export type { LatencyOptions } from "./latency";
export type { RateLimitOptions } from "./rate-limit";
export type { CommunityRecord } from "./store";
export type { Json } from "./kit";
export type { RunOutcome, CallOutcome } from "./runs";
