// A kind bound to a client: what the lifecycle and recovery do with a kind, in the kind's terms. Pulumi
// ids are text; Bluejay's are UUIDs or whole numbers: the conversion lives here, once.
import { BluejayApiError, BluejayInputError } from "../client/errors";
import type { BluejayClient } from "../client/client";
import type { KindOperations } from "../client/operations";
import { BluejayDeleteRefusedError } from "./errors";
import { pick } from "./describe";
import type { AnyResourceKind, Outputs } from "./kind";

type AnyOperations = KindOperations<string | number, unknown, unknown, unknown, unknown, unknown>;

export class BoundKind {
  readonly ops: AnyOperations;
  /** The outputs picked from an entity: the inputs, and what Bluejay adds. */
  readonly outputNames: readonly string[];
  /** Whether Bluejay can hand every one of this kind from few requests (see `readAll`). */
  readonly listsWhole: boolean;

  constructor(
    readonly kind: AnyResourceKind,
    private readonly client: BluejayClient,
  ) {
    this.ops = client.operationsFor(kind.api) as AnyOperations;
    this.outputNames = [...Object.keys(kind.inputs.shape as object), ...Object.keys(kind.outputs)];
    const list = kind.api.list;
    this.listsWhole =
      kind.readAll !== undefined ||
      (list?.whole === true && !kind.api.scope && list.filter.safeParse({}).success);
  }

  /** How far Bluejay's clock is ahead of this machine's, as its latest answer told. */
  get skewMs(): number | undefined {
    return this.client.serverClockSkewMs;
  }

  /** Bluejay's id for a Pulumi id: a whole number where the kind's ids are numbers. */
  apiId(id: string): string | number {
    return this.kind.api.id.safeParse(id).success ? id : Number(id);
  }

  /** Pulumi's id for an entity: Bluejay's id as text. */
  id(entity: unknown): string {
    return String(this.kind.api.idOf(entity));
  }

  /** The entity as recorded in state (write-only inputs aside: see the lifecycle's `record`). */
  outputs(entity: unknown): Outputs {
    return this.kind.outputsOf ? this.kind.outputsOf(entity) : pick(entity as object, this.outputNames);
  }

  async create(inputs: Record<string, unknown>): Promise<unknown> {
    await this.verify("create", inputs, undefined);
    return this.kind.create ? this.kind.create(this.ops as never, inputs) : this.ops.create(inputs);
  }

  /** Reads it; `props` (what state or the declaration holds) names a scoped kind's parent. */
  get(id: string, props: Record<string, unknown> = {}): Promise<unknown> {
    return this.ops.get(this.apiId(id), this.scope(props));
  }

  /** A scoped kind's parent, as state or the declaration holds it. */
  scope(props: Record<string, unknown>): string | number | undefined {
    const field = this.kind.api.scope?.field;
    const value = field === undefined ? undefined : props[field];
    return typeof value === "string" || typeof value === "number" ? value : undefined;
  }

  /** Whether Bluejay can read this kind back (some kinds only Pulumi's state knows). */
  get readable(): boolean {
    return this.kind.api.read !== undefined;
  }

  async update(id: string, patch: Record<string, unknown>, recorded: Outputs): Promise<unknown> {
    await this.verify("update", patch, recorded);
    return this.kind.update
      ? this.kind.update(this.ops as never, id, patch, recorded)
      : this.ops.update(this.apiId(id), patch, this.scope(recorded));
  }

  /**
   * What the kind must see hold in Bluejay before it writes (`verify`): any problem stops the write
   * with a `BluejayInputError` naming the input and the fix.
   */
  private async verify(operation: string, sent: Record<string, unknown>, recorded: Outputs | undefined) {
    if (!this.kind.verify) return;
    const problems = await this.kind.verify((api) => this.client.operationsFor(api), sent, recorded);
    if (problems.length > 0) {
      throw new BluejayInputError(
        `${this.kind.name} ${operation}`,
        problems,
        "Bluejay was read, and nothing was written to it.",
      );
    }
  }

  /** Why the object `id` names may not be adopted as declared, where the kind can tell; else undefined. */
  adoptable(id: string, inputs: Record<string, unknown>): Promise<string | undefined> {
    return this.kind.adoptable
      ? this.kind.adoptable(this.ops as never, id, inputs)
      : Promise.resolve(undefined);
  }

  /** Deletes it; a delete Bluejay refuses for a reason the kind knows says why and what to do. */
  async remove(id: string, props: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.ops.delete(this.apiId(id), this.scope(props));
    } catch (error) {
      const refusal =
        error instanceof BluejayApiError
          ? this.kind.deleteRefusals?.find(
              (r) =>
                r.status === error.status && (r.detail === undefined || r.detail.test(error.detail ?? "")),
            )
          : undefined;
      if (refusal && error instanceof BluejayApiError) {
        throw new BluejayDeleteRefusedError(this.kind.name, id, refusal, error);
      }
      throw error;
    }
  }

  /** For a resource Bluejay keeps on delete: undoes what it put on it; says what, for the warning. */
  release(id: string, recorded: Outputs): Promise<string | undefined> {
    return this.kind.release
      ? this.kind.release(this.ops as never, id, recorded)
      : Promise.resolve(undefined);
  }

  /**
   * Every one Bluejay holds, each as a read by id answers it: the kind's own way, or its whole list.
   * Only where `listsWhole`.
   */
  readAll(): Promise<unknown[]> {
    if (this.kind.readAll) return this.kind.readAll(this.ops as never, this.client);
    return this.ops.list({});
  }

  /**
   * Where a create of these inputs may be found, as whole entities: the kind's own way of looking, or
   * every resource of the kind where Bluejay lists them whole; undefined where it cannot be looked for.
   */
  async lookFor(inputs: Record<string, unknown>): Promise<unknown[] | undefined> {
    if (this.kind.lookFor) return this.kind.lookFor(this.ops as never, inputs);
    const list = this.kind.api.list;
    if (!list || !list.filter.safeParse({}).success) return undefined;
    return this.ops.list({});
  }
}
