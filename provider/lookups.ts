// Read-only lookups, the analogue of a data source: they read the same settings as the provider
// (stack config `bluejay:*`, then BLUEJAY_* environment variables). Each has an `…Output` form that
// takes Inputs and returns an Output, for lookups fed by other resources' outputs.
import * as pulumi from "@pulumi/pulumi";
import {
  BluejayClient,
  type Agent,
  type Community,
  type CommunityList,
  type CustomMetric,
  type DigitalHuman,
  type ListCommunitiesOptions,
  type Simulation,
  type SimulationSummary,
} from "./client";
import { resolveClientOptions } from "./config";

export interface LookupOptions {
  /** Override the API key from config or environment. */
  apiKey?: string;
  /** Override the API URL from config or environment. */
  apiUrl?: string;
}

/** Reads one community by id; fails with a 404 `BluejayApiError` naming the id when there is none. */
export function getCommunity(id: string, options: LookupOptions = {}): Promise<Community> {
  return withClient(options, (client) => client.getCommunity(id));
}

/** Lists communities, optionally only those that hold one digital human. */
export function listCommunities(
  filter: ListCommunitiesOptions = {},
  options: LookupOptions = {},
): Promise<CommunityList> {
  return withClient(options, (client) => client.listCommunities(filter));
}

/** Reads one agent by its whole-number id. */
export function getAgent(agentId: number, options: LookupOptions = {}): Promise<Agent> {
  return withClient(options, (client) => client.agents.get(agentId));
}

/** Lists every agent of the workspace. */
export function listAgents(options: LookupOptions = {}): Promise<Agent[]> {
  return withClient(options, (client) => client.agents.list());
}

/** Reads one simulation by its whole-number id. */
export function getSimulation(simulationId: number, options: LookupOptions = {}): Promise<Simulation> {
  return withClient(options, (client) => client.simulations.get(simulationId));
}

/** Lists simulations (Bluejay's summary of each), optionally one agent's. */
export function listSimulations(
  filter: { agentId?: number } = {},
  options: LookupOptions = {},
): Promise<SimulationSummary[]> {
  return withClient(options, (client) => client.simulations.list(filter));
}

/** Reads one digital human by its whole-number id. */
export function getDigitalHuman(digitalHumanId: number, options: LookupOptions = {}): Promise<DigitalHuman> {
  return withClient(options, (client) => client.digitalHumans.get(digitalHumanId));
}

/** Lists the digital humans of one simulation (Bluejay lists them only by simulation). */
export function listDigitalHumans(
  filter: { simulationId: number },
  options: LookupOptions = {},
): Promise<DigitalHuman[]> {
  return withClient(options, (client) => client.digitalHumans.listBySimulation(filter.simulationId));
}

/** Reads one custom metric by id (a UUID). */
export function getCustomMetric(id: string, options: LookupOptions = {}): Promise<CustomMetric> {
  return withClient(options, (client) => client.customMetrics.get(id));
}

/** Lists every custom metric, optionally one agent's, reading every page. */
export function listCustomMetrics(
  filter: { agentId?: number } = {},
  options: LookupOptions = {},
): Promise<CustomMetric[]> {
  return withClient(options, (client) => client.customMetrics.list(filter));
}

/** A lookup's `…Output` form: it takes an Input (another resource's output, say) and returns an Output. */
function outputForm<Id extends string | number, Result>(
  lookup: (id: Id, options?: LookupOptions) => Promise<Result>,
) {
  return (id: pulumi.Input<Id>, options: LookupOptions = {}): pulumi.Output<Result> =>
    pulumi.output(id).apply((value) => lookup(value as Id, options));
}

/** `getCommunity` taking an Input id. */
export const getCommunityOutput = outputForm(getCommunity);
/** `getAgent` taking an Input id, e.g. `getAgentOutput(agent.agentId)`. */
export const getAgentOutput = outputForm(getAgent);
/** `getSimulation` taking an Input id. */
export const getSimulationOutput = outputForm(getSimulation);
/** `getDigitalHuman` taking an Input id. */
export const getDigitalHumanOutput = outputForm(getDigitalHuman);
/** `getCustomMetric` taking an Input id. */
export const getCustomMetricOutput = outputForm(getCustomMetric);

async function withClient<T>(options: LookupOptions, use: (client: BluejayClient) => Promise<T>): Promise<T> {
  const overrides: Record<string, string | undefined> = {
    "bluejay:apiKey": options.apiKey,
    "bluejay:apiUrl": options.apiUrl,
  };
  // pulumi.runtime.getConfig reads the stack's config (secrets included) without secret warnings;
  // outside a Pulumi program it finds nothing and the environment is used.
  const client = new BluejayClient(
    resolveClientOptions({ get: (key) => overrides[key] ?? pulumi.runtime.getConfig(key) }),
  );
  try {
    return await use(client);
  } finally {
    client.close();
  }
}
