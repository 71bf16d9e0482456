// What the provider process does with each call a serialized stub (stub.ts) hands it: route it by its
// arguments to the lifecycle of the stub's kind, on one client per settings. It is given the kinds it
// serves (provider/runtime.ts, the package's `pulumi-bluejay/runtime`, gives it the registry); stubs
// written by 0.1.0 name no kind and are Communities.
import type * as pulumi from "@pulumi/pulumi";
import { BluejayClient } from "../client/client";
import { BluejayConfigError, asError } from "../client/errors";
import { resolveClientOptions, type ConfigSource } from "../config";
import { BluejayRoutingError } from "./errors";
import type { AnyResourceKind } from "./kind";
import { ResourceLifecycle } from "./lifecycle";
import { engineWarning } from "./notice";

type Props = Record<string, unknown>;

/**
 * A provider call, told apart by its arguments exactly as Pulumi's dynamic-provider host makes it
 * (`@pulumi/pulumi/cmd/dynamic-provider`): `configure(request)`, `create(inputs)`,
 * `check(olds, news)`, `read(id, props)`, `diff(id, olds, news)`, and from the stub
 * `("update", id, olds, news)` and `("delete", id, props)`. Any other shape is refused.
 */
export type ProviderCall =
  | { method: "configure"; request: pulumi.dynamic.ConfigureRequest }
  | { method: "create"; inputs: Props }
  | { method: "check"; olds: Props; news: Props }
  | { method: "read"; id: string; props: Props }
  | { method: "diff"; id: string; olds: Props; news: Props }
  | { method: "update"; id: string; olds: Props; news: Props }
  | { method: "delete"; id: string; props: Props };

/** The argument types of each call, as `route` expects them: a test holds these against the host. */
export const CALL_SHAPES: Readonly<Record<ProviderCall["method"], readonly string[]>> = {
  configure: ["configure-request"],
  create: ["object"],
  check: ["object", "object"],
  read: ["string", "object"],
  diff: ["string", "object", "object"],
  update: ['"update"', "string", "object", "object"],
  delete: ['"delete"', "string", "object"],
};

export function route(args: readonly unknown[], kind = "Community"): ProviderCall {
  const shape = args.map(typeOf);
  const is = (expected: readonly string[]) =>
    expected.length === shape.length && expected.every((type, i) => type === shape[i]);
  const [a, b, c, d] = args as [unknown, unknown, unknown, unknown];
  if (is(CALL_SHAPES.update))
    return { method: "update", id: b as string, olds: c as Props, news: d as Props };
  if (is(CALL_SHAPES.delete)) return { method: "delete", id: b as string, props: c as Props };
  if (is(CALL_SHAPES.configure))
    return { method: "configure", request: a as pulumi.dynamic.ConfigureRequest };
  if (is(CALL_SHAPES.create)) return { method: "create", inputs: a as Props };
  if (is(CALL_SHAPES.check)) return { method: "check", olds: a as Props, news: b as Props };
  if (is(CALL_SHAPES.read)) return { method: "read", id: a as string, props: b as Props };
  if (is(CALL_SHAPES.diff)) return { method: "diff", id: a as string, olds: b as Props, news: c as Props };
  throw new BluejayRoutingError(kind, shape);
}

/** The type of one argument, as `CALL_SHAPES` names them. */
function typeOf(value: unknown): string {
  if (value === "update" || value === "delete") return `"${value}"`;
  if (typeof value === "string") return "string";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value !== "object") return typeof value;
  const config = (value as { config?: { get?: unknown } }).config;
  return typeof config?.get === "function" ? "configure-request" : "object";
}

/**
 * What a person is told, once per run, when a program declares (or a refresh reads) a kind Bluejay
 * cannot read back; undefined when every kind can be.
 */
export function unreadWarning(kinds: readonly AnyResourceKind[]): string | undefined {
  const names = kinds.filter((kind) => kind.api.read === undefined).map((kind) => kind.name);
  if (names.length === 0) return undefined;
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return (
    `Bluejay offers no way to read back ${listed} resources, so \`pulumi refresh\` and \`pulumi preview\` ` +
    "cannot see a change made to one outside Pulumi: state keeps what Pulumi last sent. Change them only " +
    "through Pulumi. To bring one changed in Bluejay back to this program's values, re-adopt it: " +
    "`pulumi state delete <urn>`, then `pulumi up` with its adoptId set to its id."
  );
}

/** The provider process's state: the settings `configure` gave, and one client per distinct settings. */
export class Runtime {
  private config: ConfigSource | undefined;
  /** One client per distinct settings, shared by every kind, never closed under a request in flight. */
  private readonly clients = new Map<string, BluejayClient>();
  private readonly lifecycles = new Map<string, ResourceLifecycle>();
  /** The client for the settings `configure` gave last, resolved once per `configure`, not per call. */
  private current: { config: ConfigSource | undefined; client: BluejayClient } | undefined;

  /** Whether this process has said that some kinds cannot be read back: once per run, not per resource. */
  private unreadTold = false;

  /** `warn` shows a warning in the CLI's output (by default through the engine, see notice.ts). */
  constructor(
    private readonly kinds: readonly AnyResourceKind[],
    private readonly warn: (message: string) => Promise<void> = engineWarning,
  ) {}

  /** The kind a stub or a type in state names. */
  kindNamed(name: string): AnyResourceKind {
    const kind = this.kinds.find((k) => k.name === name);
    if (!kind) {
      throw new BluejayConfigError(
        "pulumi-bluejay",
        `This version of pulumi-bluejay has no ${name} resource; the state was written by a newer version. Install that version.`,
      );
    }
    return kind;
  }

  /**
   * Called once per distinct stub text with the stack's config (`bluejay:apiKey`, `bluejay:apiUrl`, …):
   * so once per resource kind, and again for stubs of another package version in the same state.
   * It only records the settings: requests already under way finish on the client they started on.
   */
  configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = request.config;
    return Promise.resolve();
  }

  /** Runs one call from a stub of the given kind; every failure, routing included, is a rejection. */
  dispatch(args: readonly unknown[], kind = "Community"): Promise<unknown> {
    try {
      return this.run(args, kind);
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  /** Warns, the first time in this process, when `kind` is one Bluejay cannot read back. */
  private async tellUnread(kind: string): Promise<void> {
    if (this.unreadTold || this.kindNamed(kind).api.read !== undefined) return;
    this.unreadTold = true;
    const warning = unreadWarning(this.kinds);
    if (warning) await this.warn(warning);
  }

  private client(): BluejayClient {
    const { config } = this;
    if (this.current && this.current.config === config) return this.current.client;
    const options = resolveClientOptions(config);
    const key = JSON.stringify(options);
    let found = this.clients.get(key);
    if (!found) this.clients.set(key, (found = new BluejayClient(options)));
    this.current = { config, client: found };
    return found;
  }

  private lifecycle(kind: string): ResourceLifecycle {
    let found = this.lifecycles.get(kind);
    if (!found)
      this.lifecycles.set(
        kind,
        (found = new ResourceLifecycle(this.kindNamed(kind), () => this.client(), this.warn)),
      );
    return found;
  }

  private async run(args: readonly unknown[], kind: string): Promise<unknown> {
    const call = route(args, kind);
    if (call.method === "configure") return this.configure(call.request);
    const target = this.lifecycle(kind);
    // A program declaring one (check) or a refresh reading one: awaited, so it is shown before the run ends.
    if (call.method === "check" || call.method === "read") await this.tellUnread(kind);
    switch (call.method) {
      case "create":
        return target.create(call.inputs);
      case "check":
        return target.check(call.olds, call.news);
      case "read":
        return target.read(call.id, call.props);
      case "diff":
        return target.diff(call.id, call.olds, call.news);
      case "update":
        return target.update(call.id, call.olds, call.news);
      case "delete":
        return target.delete(call.id, call.props);
    }
  }
}
