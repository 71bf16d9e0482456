// What the package exports for each kind: its resource class, type token, lookups and types.
export * from "./folder";
export * from "./agent";
export * from "./simulation";
export * from "./digital-human";
export * from "./community";
export * from "./custom-metric";
export * from "./customer-trait";
export * from "./customer-persona";
export * from "./workflow";
export * from "./schedule";
export * from "./alert";
export * from "./label";
export * from "./prompt-version";
export * from "./knowledge-base-version";
