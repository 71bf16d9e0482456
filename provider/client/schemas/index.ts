export * from "./common";
export * from "./community";
export * from "./agent";
export * from "./simulation";
export * from "./digital-human";
export * from "./custom-metric";
