// The KnowledgeBaseVersion resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { scopedLookupsFor } from "../../lookups";
import {
  knowledgeBaseVersionKind,
  type KnowledgeBaseVersion as Entity,
  type KnowledgeBaseVersionInputs,
} from "./kind";

export type {
  KnowledgeBaseVersion as GetKnowledgeBaseVersionResult,
  KnowledgeBaseVersionInputs,
  CreateKnowledgeBaseVersionInput,
} from "./kind";

/** The type Pulumi records for knowledge-base versions: `pulumi-nodejs:dynamic/bluejay:KnowledgeBaseVersion`. */
export const KNOWLEDGE_BASE_VERSION_TYPE = typeToken(knowledgeBaseVersionKind.name);

export type KnowledgeBaseVersionArgs = KindArgs<KnowledgeBaseVersionInputs, string>;
export type KnowledgeBaseVersionOutputs = KindOutputs<
  KnowledgeBaseVersionInputs,
  Entity,
  "version" | "latest",
  string
>;

/**
 * One version of an agent's knowledge base. Its text, commit message, metadata and agent replace it;
 * its labels, and `production: true`, change in place.
 */
export const KnowledgeBaseVersion = resourceClass<KnowledgeBaseVersionArgs, KnowledgeBaseVersionOutputs>(
  knowledgeBaseVersionKind,
);
export type KnowledgeBaseVersion = InstanceType<typeof KnowledgeBaseVersion>;

const lookups = scopedLookupsFor(knowledgeBaseVersionKind);
/** Reads one knowledge-base version by its agent's id and its UUID. */
export const getKnowledgeBaseVersion = lookups.get;
/** `getKnowledgeBaseVersion` taking Inputs and returning an Output. */
export const getKnowledgeBaseVersionOutput = lookups.getOutput;
/** Lists an agent's knowledge-base versions, newest first, optionally those with a label or a number. */
export const listKnowledgeBaseVersions = lookups.list;
