// The PromptVersion resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { scopedLookupsFor } from "../../lookups";
import { promptVersionKind, type PromptVersion as Entity, type PromptVersionInputs } from "./kind";

export type {
  PromptVersion as GetPromptVersionResult,
  PromptVersionInputs,
  CreatePromptVersionInput,
} from "./kind";

/** The type Pulumi records for prompt versions: `pulumi-nodejs:dynamic/bluejay:PromptVersion`. */
export const PROMPT_VERSION_TYPE = typeToken(promptVersionKind.name);

export type PromptVersionArgs = KindArgs<PromptVersionInputs, string>;
export type PromptVersionOutputs = KindOutputs<PromptVersionInputs, Entity, "version" | "latest", string>;

/**
 * One version of an agent's prompt. Its text, commit message, metadata and agent replace it; its
 * labels, and `production: true`, change in place.
 */
export const PromptVersion = resourceClass<PromptVersionArgs, PromptVersionOutputs>(promptVersionKind);
export type PromptVersion = InstanceType<typeof PromptVersion>;

const lookups = scopedLookupsFor(promptVersionKind);
/** Reads one prompt version by its agent's id and its UUID. */
export const getPromptVersion = lookups.get;
/** `getPromptVersion` taking Inputs and returning an Output. */
export const getPromptVersionOutput = lookups.getOutput;
/** Lists an agent's prompt versions, newest first, optionally those with a label or a number. */
export const listPromptVersions = lookups.list;
