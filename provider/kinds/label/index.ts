// The Label resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { scopedLookupsFor } from "../../lookups";
import { labelKind, type Label as Entity, type LabelInputs } from "./kind";

export type {
  Label as GetLabelResult,
  LabelInputs,
  CreateLabelInput,
  UpdateLabelInput,
  ListLabelsOptions,
} from "./kind";

/** The type Pulumi records for labels: `pulumi-nodejs:dynamic/bluejay:Label`. */
export const LABEL_TYPE = typeToken(labelKind.name);

export type LabelArgs = KindArgs<LabelInputs, string>;
export type LabelOutputs = KindOutputs<
  LabelInputs,
  Entity,
  "createdAt" | "promptId" | "knowledgeBaseId" | "color",
  string
>;

/** A label of an agent's. A new name renames it in place; a new agent replaces it. */
export const Label = resourceClass<LabelArgs, LabelOutputs>(labelKind);
export type Label = InstanceType<typeof Label>;

const lookups = scopedLookupsFor(labelKind);
/** Reads one label by its agent's id and its UUID. */
export const getLabel = lookups.get;
/** `getLabel` taking Inputs and returning an Output. */
export const getLabelOutput = lookups.getOutput;
/** Lists an agent's labels, optionally those whose name holds `q`. */
export const listLabels = lookups.list;
