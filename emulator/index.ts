export { BluejayEmulator, type EmulatorOptions, type RequestLogEntry } from "./server";
export type { FaultRule, ChaosOptions } from "./faults";
export type { CommunityRecord } from "./store";
