// The CustomMetric resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor } from "../../lookups";
import { customMetricKind, type CustomMetric as Entity, type CustomMetricInputs } from "./kind";

export type {
  CustomMetric as GetCustomMetricResult,
  CustomMetricInputs,
  CreateCustomMetricInput,
  UpdateCustomMetricInput,
} from "./kind";

/** The type Pulumi records for custom metrics: `pulumi-nodejs:dynamic/bluejay:CustomMetric`. */
export const CUSTOM_METRIC_TYPE = typeToken(customMetricKind.name);

export type CustomMetricArgs = KindArgs<CustomMetricInputs, string>;
export type CustomMetricOutputs = KindOutputs<CustomMetricInputs, Entity, "createdAt", string>;

/** A Bluejay custom metric: how calls of the agents it names are graded. */
export const CustomMetric = resourceClass<CustomMetricArgs, CustomMetricOutputs>(customMetricKind);
export type CustomMetric = InstanceType<typeof CustomMetric>;

const lookups = lookupsFor(customMetricKind);
/** Reads one custom metric by its UUID. */
export const getCustomMetric = lookups.get;
/** `getCustomMetric` taking an Input id and returning an Output. */
export const getCustomMetricOutput = lookups.getOutput;
/** Lists every custom metric, optionally one agent's, reading every page. */
export const listCustomMetrics = lookups.list;
