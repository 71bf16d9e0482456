export { BluejayClient, type KindClients } from "./client";
export { DEFAULT_BASE_URL, type BluejayClientOptions } from "./options";
export { KindOperations } from "./operations";
export type { FieldError } from "./wire";
export * from "./errors";
