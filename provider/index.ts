// pulumi-bluejay: manage Bluejay communities from Pulumi programs.
export { Community, type CommunityArgs } from "./resource/community";
export { communityProvider } from "./resource/stub";
export { BluejayPartialCreateError } from "./resource/errors";
export type { CommunityOutputs } from "./resource/provider";
export { getCommunity, listCommunities, type LookupOptions } from "./lookups";
export { resolveClientOptions, SETTINGS, type ConfigSource } from "./config";
export * from "./client";
export { repairPendingCreates, type PendingCreate, type Repair } from "./recovery";
