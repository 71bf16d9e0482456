// What each Pulumi lifecycle call does against Bluejay, for any resource kind. It runs in the
// dynamic-provider process (reached through the small serialized stub, see stub.ts) and in tests.
import { z } from "zod";
import type { BluejayClient } from "../client/client";
import { BluejayAmbiguousCreateError, BluejayApiError, BluejayInputError, asError } from "../client/errors";
import { errorMap } from "../client/validate";
import { BoundKind } from "./bound";
import { checkInputs, formatPath, type CheckOutcome, type CheckSpec } from "./check";
import { BluejayAdoptionError, BluejayPartialCreateError } from "./errors";
import { differs, matchesDeclared, sentValue, type FieldSpec } from "./fields";
import type { AnyResourceKind, Outputs } from "./kind";

type Props = Record<string, unknown>;

/** Inputs parsed once at the boundary: the kind's typed inputs, and adoptId apart from them. */
interface Declared {
  inputs: Record<string, unknown>;
  adoptId?: string | number;
}

/** Pulumi's result types, with outputs typed (Pulumi's own declare them `any`). */
export interface Created {
  id: string;
  outs: Outputs;
}
export type ReadResult =
  { id: ""; props?: undefined; inputs?: undefined } | { id: string; props: Outputs; inputs: Props };
export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface Updated {
  outs: Outputs;
}

/** The changes `diff` found, by input name. */
export interface Changes {
  /** Inputs whose change is sent to Bluejay in one update request. */
  updates: string[];
  /** Inputs whose change needs a new resource. */
  replaces: string[];
}

/**
 * Resources this process created or adopted: a lost create never takes one of these, so two identical
 * declarations whose answers were both lost end as two resources, not one resource in state twice.
 */
const claimed = new Set<string>();
/** A create whose outcome stays unknown is sent again at most this many times after reconciling. */
const MAX_RECONCILED_RETRIES = 2;

export class ResourceLifecycle {
  private readonly checkSpec: CheckSpec;
  private readonly declaredSchema: z.ZodObject<z.ZodRawShape, "strict">;

  /** `client` is called only when a call needs Bluejay, so `check` and `diff` work without a key. */
  constructor(
    private readonly kind: AnyResourceKind,
    private readonly client: () => BluejayClient,
  ) {
    this.declaredSchema = kind.inputs.extend({ adoptId: kind.api.id.optional() }).strict();
    const secrets = new Set(
      Object.entries(kind.fields as Record<string, FieldSpec>)
        .filter(([, spec]) => spec.secret)
        .map(([name]) => name),
    );
    this.checkSpec = { kind: kind.name, schema: this.declaredSchema, hints: kind.hints, secrets };
  }

  check(_olds: Props, news: Props): Promise<CheckOutcome> {
    return Promise.resolve(checkInputs(this.checkSpec, news));
  }

  diff(id: string, olds: Props, news: Props): Promise<DiffOutcome> {
    const { updates, replaces } = this.changes(id, olds, news);
    return Promise.resolve({
      changes: updates.length + replaces.length > 0,
      replaces,
      deleteBeforeReplace: false,
    });
  }

  /** Exactly which inputs changed; Pulumi's dynamic-provider protocol only carries `replaces` of it. */
  changes(id: string, olds: Props, news: Props): Changes {
    const updates: string[] = [];
    const replaces: string[] = [];
    for (const [name, spec] of this.fields()) {
      if (differs(spec, olds[name], news[name])) (spec.replaces ? replaces : updates).push(name);
    }
    // adoptId matters only at creation: removing it later, or naming the resource already held, is no change.
    const adoptId = news.adoptId;
    if ((typeof adoptId === "string" || typeof adoptId === "number") && String(adoptId) !== id) {
      replaces.push("adoptId");
    }
    return { updates, replaces };
  }

  async create(props: Props): Promise<Created> {
    const { inputs, adoptId } = this.parse(props, "create");
    if (adoptId === undefined) {
      const entity: unknown = await this.createNew(inputs);
      return { id: this.bound().id(entity), outs: this.record(entity, inputs) };
    }
    return this.adopt(String(adoptId), inputs, adoptId);
  }

  async read(id: string, props: Props): Promise<ReadResult> {
    let entity: unknown;
    try {
      entity = await this.bound().get(id);
    } catch (error) {
      // Deleted outside Pulumi: an empty id tells the engine the resource is gone.
      if (isNotFound(error)) return { id: "" };
      throw error;
    }
    const outs = this.withAdoptId(this.record(entity, props), props.adoptId);
    // Secret inputs are not handed back: the engine keeps the encrypted ones it already has.
    const inputs: Props = {};
    for (const [name, spec] of this.fields()) {
      const value = outs[name];
      if (!spec.secret && value !== undefined && value !== null && value !== "") inputs[name] = value;
    }
    if (outs.adoptId !== undefined) inputs.adoptId = outs.adoptId;
    return { id: this.bound().id(entity), props: outs, inputs };
  }

  async update(id: string, olds: Props, news: Props): Promise<Updated> {
    const { inputs, adoptId } = this.parse(news, "update");
    const patch = this.patch(olds, inputs);
    if (Object.keys(patch).length === 0) return { outs: this.withAdoptId(stripProvider(olds), adoptId) };
    const entity: unknown = await this.bound().update(id, patch, olds);
    return { outs: this.withAdoptId(this.record(entity, { ...olds, ...patch }), adoptId) };
  }

  async delete(id: string, _props: Props): Promise<void> {
    try {
      await this.bound().remove(id);
    } catch (error) {
      // Already gone is what delete wants.
      if (!isNotFound(error)) throw error;
    }
  }

  /** Takes over an existing resource, then makes it match the declaration. */
  private async adopt(id: string, inputs: Props, adoptId: string | number): Promise<Created> {
    let existing: unknown;
    try {
      existing = this.claim(await this.bound().get(id));
    } catch (error) {
      if (isNotFound(error)) throw new BluejayAdoptionError(this.kind.name, id, error);
      throw error;
    }
    const current = this.withAdoptId(this.record(existing, {}), adoptId);
    const patch = this.patch(current, inputs);
    if (Object.keys(patch).length === 0) return { id: this.bound().id(existing), outs: current };
    try {
      const updated: unknown = await this.bound().update(id, patch, current);
      return { id: this.bound().id(updated), outs: this.withAdoptId(this.record(updated, patch), adoptId) };
    } catch (error) {
      throw new BluejayPartialCreateError(this.kind.name, id, current, asError(error));
    }
  }

  /**
   * Bluejay has no idempotency key, so when a create's answer is lost the resource is looked for
   * instead of blindly posting twice: the single candidate matching what was sent is adopted.
   */
  private createNew(inputs: Props): Promise<unknown> {
    return this.client().withinBudget(() => this.createOrFind(inputs));
  }

  private async createOrFind(inputs: Props): Promise<unknown> {
    for (let reconciled = 0; ; reconciled++) {
      try {
        return this.claim(await this.bound().create(inputs));
      } catch (error) {
        if (!(error instanceof BluejayAmbiguousCreateError)) throw error;
        let candidates: unknown[] | undefined;
        try {
          candidates = await this.candidates(inputs, error.sentAt);
        } catch (listError) {
          const why = `its answer was lost and listing ${this.kind.name} resources failed too (${asError(listError).message})`;
          throw error.settled(why, [], listError);
        }
        // Bluejay offers no way to look: the person is asked to.
        if (candidates === undefined) throw error;
        // Identical candidates made since the request was sent are interchangeable: the earliest is taken.
        if (candidates.length > 0) return this.claim(candidates[0]);
        if (reconciled >= MAX_RECONCILED_RETRIES) {
          throw error.settled(`no answer came back in ${reconciled + 1} tries`, []);
        }
        // Nothing appeared: the request was not processed, so sending it again cannot duplicate.
      }
    }
  }

  private claim(entity: unknown): unknown {
    claimed.add(`${this.kind.name}:${this.bound().id(entity)}`);
    return entity;
  }

  /** The kind on the current client. */
  private bound(): BoundKind {
    return new BoundKind(this.kind, this.client());
  }

  private fields(): [string, FieldSpec][] {
    return Object.entries(this.kind.fields as Record<string, FieldSpec>);
  }

  /**
   * Resources that match what was sent, were created after it was sent (on Bluejay's clock, from
   * its `Date` header), and no other create of this process has taken; earliest first. A look-alike
   * made before the request is never a candidate.
   */
  private async candidates(inputs: Props, sentAt: number): Promise<unknown[] | undefined> {
    const client = this.client();
    const bound = this.bound();
    const all = await bound.lookFor();
    if (all === undefined) return undefined;
    // The list's own answer told the skew. `Date` has whole seconds and arrives after it was stamped,
    // so the estimate errs early (by under a second): never late enough to miss what was sent.
    const sentOnServerClock = sentAt + (client.serverClockSkewMs ?? 0);
    return all
      .map((entity) => ({ entity, outs: bound.outputs(entity) }))
      .filter(
        ({ entity, outs }) =>
          !claimed.has(`${this.kind.name}:${bound.id(entity)}`) &&
          matchesDeclared(this.kind.fields, outs, inputs),
      )
      .map(({ entity, outs }) => ({
        entity,
        createdAt: typeof outs.createdAt === "string" ? Date.parse(outs.createdAt) : Number.NaN,
      }))
      .filter(({ createdAt }) => createdAt >= sentOnServerClock)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(({ entity }) => entity);
  }

  /** The update body that brings `current` to `declared`: only changed inputs, removed ones cleared. */
  private patch(current: Props, declared: Props): Record<string, unknown> {
    const patch: Record<string, unknown> = {};
    for (const [name, spec] of this.fields()) {
      if (differs(spec, current[name], declared[name])) patch[name] = sentValue(spec, declared[name]);
    }
    return patch;
  }

  /** Parses inputs Pulumi hands to create or update (they passed `check`, so a failure is a bug). */
  private parse(props: Props, operation: string): Declared {
    const candidate: Props = {};
    for (const [key, value] of Object.entries(props)) {
      if (key !== "__provider" && value !== undefined && value !== null) candidate[key] = value;
    }
    const result = this.declaredSchema.safeParse(candidate, { errorMap });
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${formatPath(i.path) || "inputs"} ${i.message}`);
      throw new BluejayInputError(`${this.kind.name} ${operation}`, problems);
    }
    const { adoptId, ...inputs }: Record<string, unknown> = result.data;
    if (adoptId === undefined) return { inputs };
    return { inputs, adoptId: this.kind.api.id.parse(adoptId) as string | number };
  }

  /** The entity as recorded in state; inputs Bluejay never returns keep the value last sent (`carried`). */
  private record(entity: unknown, carried: Props): Outputs {
    const outs = this.bound().outputs(entity);
    for (const [name, spec] of this.fields()) {
      const value = carried[name];
      if (spec.writeOnly && value !== undefined && value !== null) outs[name] = value;
    }
    return outs;
  }

  private withAdoptId(outs: Outputs, adoptId: unknown): Outputs {
    if (typeof adoptId !== "string" && typeof adoptId !== "number") {
      const { adoptId: _dropped, ...rest } = outs;
      return rest;
    }
    return { ...outs, adoptId };
  }
}

function stripProvider(props: Props): Outputs {
  const { __provider: _dropped, ...rest } = props;
  return rest;
}

function isNotFound(error: unknown): error is BluejayApiError {
  return error instanceof BluejayApiError && error.status === 404;
}
