// The Agent resource, its lookups and its types: what the package exports for this kind.
import { resourceClass, type KindArgs, type KindOutputs } from "../../dynamic/resource";
import { typeToken } from "../../dynamic/stub";
import { lookupsFor, type LookupOptions } from "../../lookups";
import { agentKind, type Agent as Entity, type AgentInputs } from "./kind";

export type { Agent as GetAgentResult, AgentInputs, CreateAgentInput, UpdateAgentInput } from "./kind";

/** The type Pulumi records for agents: `pulumi-nodejs:dynamic/bluejay:Agent`. */
export const AGENT_TYPE = typeToken(agentKind.name);

export type AgentArgs = KindArgs<AgentInputs, number>;
export type AgentOutputs = KindOutputs<
  AgentInputs,
  Entity,
  "agentId" | "createdAt" | "folderId" | "organizationId" | "httpWebhookKey",
  number
>;

/** A Bluejay agent. Every input updates in place; removing the resource deletes the agent. */
export const Agent = resourceClass<AgentArgs, AgentOutputs>(agentKind);
export type Agent = InstanceType<typeof Agent>;

const lookups = lookupsFor(agentKind);
/** Reads one agent by its whole-number id. Its passwords and webhook key are plain values here. */
export const getAgent = lookups.get;
/** `getAgent` taking an Input id, e.g. `getAgentOutput(agent.agentId)`; secret when the agent holds a secret. */
export const getAgentOutput = lookups.getOutput;
/** Lists every agent of the workspace. */
export const listAgents = (options?: LookupOptions): Promise<Entity[]> => lookups.list({}, options);
