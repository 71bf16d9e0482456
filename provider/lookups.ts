// Read-only lookups, the analogue of a data source: they read the same settings as the provider
// (stack config `bluejay:*`, then BLUEJAY_* environment variables).
import * as pulumi from "@pulumi/pulumi";
import { BluejayClient, type Community, type CommunityList, type ListCommunitiesOptions } from "./client";
import { resolveClientOptions } from "./config";

export interface LookupOptions {
  /** Override the API key from config or environment. */
  apiKey?: string;
  /** Override the API URL from config or environment. */
  apiUrl?: string;
}

/** Reads one community by id; fails with a 404 `BluejayApiError` naming the id when there is none. */
export async function getCommunity(id: string, options: LookupOptions = {}): Promise<Community> {
  return withClient(options, (client) => client.getCommunity(id));
}

/** Lists communities, optionally only those that hold one digital human. */
export async function listCommunities(
  filter: ListCommunitiesOptions = {},
  options: LookupOptions = {},
): Promise<CommunityList> {
  return withClient(options, (client) => client.listCommunities(filter));
}

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
