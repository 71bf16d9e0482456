// The Workflow resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor } from "../../lookups";
import { workflowKind, type Workflow as Entity, type WorkflowInputs } from "./kind";

export type {
  Workflow as GetWorkflowResult,
  WorkflowInputs,
  CreateWorkflowInput,
  UpdateWorkflowInput,
} from "./kind";

/** The type Pulumi records for workflows: `pulumi-nodejs:dynamic/bluejay:Workflow`. */
export const WORKFLOW_TYPE = typeToken(workflowKind.name);

export type WorkflowArgs = KindArgs<WorkflowInputs, string>;
export type WorkflowOutputs = KindOutputs<WorkflowInputs, Entity, "createdAt" | "organizationId", string>;

/** A Bluejay workflow (v2): a conversation graph for voice agents. Every input updates in place. */
export const Workflow = resourceClass<WorkflowArgs, WorkflowOutputs>(workflowKind);
export type Workflow = InstanceType<typeof Workflow>;

const lookups = lookupsFor(workflowKind);
/** Reads one workflow by its UUID. */
export const getWorkflow = lookups.get;
/** `getWorkflow` taking an Input id and returning an Output. */
export const getWorkflowOutput = lookups.getOutput;
/** Lists the workflows of the workspace, or of one agent. */
export const listWorkflows = lookups.list;
