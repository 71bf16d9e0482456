// The provider process's entry point: the serialized stub (`stub.ts`) requires this module by the
// package's name, so resources in state always run the installed version of the provider.
import type * as pulumi from "@pulumi/pulumi";
import { resolveClientOptions, type ConfigSource } from "../config";
import { CommunityProviderImpl } from "./provider";

let config: ConfigSource | undefined;
let provider: CommunityProviderImpl | undefined;

function current(): CommunityProviderImpl {
  provider ??= new CommunityProviderImpl(() => resolveClientOptions(config));
  return provider;
}

type Props = Record<string, unknown>;

/** Called once per provider process with the stack's config (`bluejay:apiKey`, `bluejay:apiUrl`, …). */
export async function configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  provider?.close();
  provider = undefined;
  config = request.config;
}

/**
 * Routes a call from the stub. Pulumi's dynamic-provider host calls `configure(request)`,
 * `create(inputs)`, `check(olds, news)`, `read(id, props)` and `diff(id, olds, news)`: their
 * arguments tell them apart. `update` and `delete` arrive with their name as the first argument.
 */
export function dispatch(args: unknown[]): Promise<unknown> {
  const [first, second, third, fourth] = args;
  if (first === "update") return current().update(second as string, third as Props, fourth as Props);
  if (first === "delete") return current().delete(second as string, third as Props);
  if (typeof first === "string") {
    return args.length >= 3
      ? current().diff(first, second as Props, third as Props)
      : current().read(first, second as Props);
  }
  if (args.length >= 2) return current().check(first as Props, second as Props);
  if (isConfigureRequest(first)) return configure(first);
  return current().create(first as Props);
}

function isConfigureRequest(value: unknown): value is pulumi.dynamic.ConfigureRequest {
  const config = (value as { config?: { get?: unknown } } | undefined)?.config;
  return typeof config?.get === "function";
}
