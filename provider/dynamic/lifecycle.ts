// What each Pulumi lifecycle call does against Bluejay, for any resource kind. It runs in the
// dynamic-provider process (reached through the small serialized stub, see stub.ts) and in tests.
import { engineWarning } from "./notice";
import { z } from "zod";
import type { BluejayClient } from "../client/client";
import { BluejayAmbiguousCreateError, BluejayApiError, BluejayInputError, asError } from "../client/errors";
import { deadline } from "../client/budget";
import { errorMap } from "../client/validate";
import { BoundKind } from "./bound";
import { coalescerOf } from "./coalesce";
import { checkInputs, formatPath, type CheckOutcome, type CheckSpec } from "./check";
import { BluejayAdoptionError, BluejayDeleteRefusedError, BluejayPartialCreateError } from "./errors";
import { differs, sentValue, type FieldSpec } from "./fields";
import { findCreated, type Candidate } from "./find";
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
/**
 * The output that names the inputs the program declared: `read` hands back Bluejay's values for those
 * alone, so a refresh never turns a default Bluejay filled in into a declared input.
 */
export const DECLARED = "__declared";
/** Between two looks for what a lost create made: from this, doubling, up to the last. */
const LOOK_DELAYS_MS = { first: 250, last: 4000 };
/** A lost create is sent at most this many times in all, each followed by its settle window. */
const MAX_SENDS = 3;

/**
 * Where a warning goes: the provider process's stderr, which the Pulumi CLI shows under the stack's
 * diagnostics (a dynamic provider has no other channel to the engine).
 */
export const warnOnStderr = (message: string): void => void process.stderr.write(`warning: ${message}\n`);

export class ResourceLifecycle {
  private readonly checkSpec: CheckSpec;
  private readonly declaredSchema: z.ZodType<Record<string, unknown>>;
  private boundTo: { client: BluejayClient; bound: BoundKind } | undefined;

  /** `client` is called only when a call needs Bluejay, so `check` and `diff` work without a key. */
  constructor(
    private readonly kind: AnyResourceKind,
    private readonly client: () => BluejayClient,
    /** Where a warning goes (what Bluejay kept when a delete could not remove it): see notice.ts. */
    private readonly warn: (message: string) => Promise<void> = engineWarning,
  ) {
    this.declaredSchema = kind.inputs.extend({ adoptId: kind.api.id.optional() }).strict();
    this.checkSpec = {
      kind: kind.name,
      schema: this.declaredSchema,
      hints: kind.hints,
      ...(kind.rules ? { rules: kind.rules } : {}),
    };
  }

  check(olds: Props, news: Props): Promise<CheckOutcome> {
    return Promise.resolve(checkInputs(this.checkSpec, news, olds));
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
    if (adoptId !== undefined) return this.adopt(String(adoptId), inputs, adoptId);
    const entity: unknown = await this.createNew(inputs);
    return { id: this.bound().id(entity), outs: this.state(entity, inputs, inputs, undefined) };
  }

  async read(id: string, props: Props): Promise<ReadResult> {
    // Bluejay offers no read of this kind: state keeps what was last sent, and refresh sees no drift
    // (nor needs a client).
    if (!this.kind.api.read) return this.unread(id, props);
    const bound = this.bound();
    let entity: unknown;
    try {
      entity = (await this.listed(bound, id, props)) ?? (await bound.get(id, props));
    } catch (error) {
      // Deleted outside Pulumi: an empty id tells the engine the resource is gone.
      if (isNotFound(error)) return { id: "" };
      throw error;
    }
    const declared = this.declaredIn(props);
    const outs = this.state(entity, props, declared, props.adoptId);
    // The inputs later diffs start from: Bluejay's values of what the program declared, nothing it
    // defaulted. Secret ones too: the engine marks them secret again from the inputs it had.
    const inputs: Props = {};
    for (const name of outs[DECLARED] as string[]) {
      const value = outs[name];
      if (value !== undefined && value !== null && value !== "") inputs[name] = value;
    }
    if (outs.adoptId !== undefined) inputs.adoptId = outs.adoptId;
    return { id: this.bound().id(entity), props: outs, inputs };
  }

  async update(id: string, olds: Props, news: Props): Promise<Updated> {
    const { inputs, adoptId } = this.parse(news, "update");
    const patch = this.patch(olds, inputs);
    if (Object.keys(patch).length === 0) {
      return {
        outs: this.withAdoptId({ ...stripProvider(olds), [DECLARED]: declaredNames(inputs) }, adoptId),
      };
    }
    let entity: unknown;
    try {
      entity = await this.bound().update(id, patch, olds);
    } catch (error) {
      // Refresh keeps an unread kind in state even once it is gone: it cannot be the way out.
      if (isNotFound(error) && !this.bound().readable) throw error.withNotFoundAdvice(this.goneAdvice());
      throw error;
    }
    return { outs: this.state(entity, { ...olds, ...patch }, inputs, adoptId) };
  }

  async delete(id: string, props: Props): Promise<void> {
    try {
      await this.bound().remove(id, props);
    } catch (error) {
      // Already gone is what delete wants.
      if (isNotFound(error)) return;
      // Bluejay keeps it whatever the program does: the destroy goes on, and the warning says so.
      if (error instanceof BluejayDeleteRefusedError && error.refusal.kept) {
        const released = await this.bound().release(id, props);
        await this.warn(error.keptWarning(`${this.kind.name} ${id}`, released));
        return;
      }
      throw error;
    }
  }

  /**
   * Takes over an existing resource, then makes it match the declaration: only what updates in
   * place is sent. What only a replace could change is recorded as Bluejay holds it (the next preview
   * shows the replace), or, where Bluejay does not say, as declared.
   */
  private async adopt(id: string, inputs: Props, adoptId: string | number): Promise<Created> {
    if (!this.bound().readable) return this.adoptUnread(id, inputs, adoptId);
    let existing: unknown;
    try {
      existing = this.claim(await this.bound().get(id, inputs));
    } catch (error) {
      if (isNotFound(error)) throw new BluejayAdoptionError(this.kind.name, id, error);
      throw error;
    }
    const mismatch = await this.bound().adoptable(id, inputs);
    if (mismatch !== undefined) throw new BluejayAdoptionError(this.kind.name, id, mismatch);
    const current = this.state(existing, replacesOnly(this.fields(), inputs), inputs, adoptId);
    const patch = this.patch(current, inputs, { inPlaceOnly: true });
    if (Object.keys(patch).length === 0) return { id: this.bound().id(existing), outs: current };
    try {
      const updated: unknown = await this.bound().update(id, patch, current);
      return {
        id: this.bound().id(updated),
        outs: this.state(updated, { ...current, ...patch }, inputs, adoptId),
      };
    } catch (error) {
      throw new BluejayPartialCreateError(
        this.kind.name,
        id,
        current,
        asError(error),
        "updating it to the declaration",
      );
    }
  }

  /**
   * The entity from the kind's list, when reads come together and the list can answer this one
   * exactly (see coalesce.ts); undefined: read it by id.
   */
  private listed(bound: BoundKind, id: string, props: Props): Promise<unknown> {
    const client = this.client();
    if (!client.coalesceReads || !bound.listsWhole) return Promise.resolve(undefined);
    return coalescerOf(client).read(bound, id, props);
  }

  /** A kind Bluejay cannot read back: what state holds stands, and the declared inputs stay the inputs. */
  private unread(id: string, props: Props): ReadResult {
    const outs: Outputs = { ...stripProvider(props), [DECLARED]: this.declaredIn(props) };
    const inputs: Props = {};
    for (const name of outs[DECLARED] as string[]) if (!isAbsent(outs[name])) inputs[name] = outs[name];
    if (outs.adoptId !== undefined) inputs.adoptId = outs.adoptId;
    return { id, props: outs, inputs };
  }

  /**
   * Adopting a kind Bluejay cannot read back: nothing tells what differs, so its update is sent with
   * every input that updates in place, as declared or, left out, as what clears it (an id that names
   * nothing fails there), and the answer is recorded.
   */
  private async adoptUnread(id: string, inputs: Props, adoptId: string | number): Promise<Created> {
    const patch: Record<string, unknown> = {};
    for (const [name, spec] of this.fields()) {
      const value = spec.replaces ? undefined : sentValue(spec, inputs[name]);
      if (value !== undefined) patch[name] = value;
    }
    let updated: unknown;
    try {
      updated = this.claim(await this.bound().update(id, patch, inputs));
    } catch (error) {
      const shownBy = "Bluejay's dashboard shows them: Bluejay offers no lookup of them";
      if (isNotFound(error)) throw new BluejayAdoptionError(this.kind.name, id, error, shownBy);
      throw error;
    }
    return { id, outs: this.state(updated, inputs, inputs, adoptId) };
  }

  /**
   * Creates it; when the create's answer is lost (Bluejay has no idempotency key), looks for what it
   * made over the settle window before sending it again, at most twice more. A create that went only
   * part of the way is recorded as far as it got.
   */
  private createNew(inputs: Props): Promise<unknown> {
    return this.client().withinBudget(async () => {
      let firstSentAt: number | undefined;
      for (let sends = 1; ; sends++) {
        try {
          return this.claim(await this.bound().create(inputs));
        } catch (error) {
          if (error instanceof BluejayPartialCreateError) throw this.recordedPartially(error, inputs);
          if (!(error instanceof BluejayAmbiguousCreateError)) throw error;
          // Any of the sends may be the one Bluejay committed: look for what was made since the first.
          firstSentAt ??= error.sentAt;
          const settled = await this.settle(error, inputs, firstSentAt);
          if (settled.found !== undefined) return this.finish(this.claim(settled.found), inputs);
          if (sends >= MAX_SENDS || !settled.wholeWindow) throw this.notMade(error, settled, sends);
        }
      }
    });
  }

  /**
   * What a lost create made, once found, brought to what only requests after the create set (its
   * labels): the create's own follow-ups never ran.
   */
  private async finish(found: unknown, inputs: Props): Promise<unknown> {
    const bound = this.bound();
    const current = bound.outputs(found);
    const patch: Record<string, unknown> = {};
    for (const [name, spec] of this.fields()) {
      if (spec.afterCreate && differs(spec, current[name], inputs[name])) {
        patch[name] = sentValue(spec, inputs[name]);
      }
    }
    if (Object.keys(patch).length === 0) return found;
    const id = bound.id(found);
    try {
      return await bound.update(id, patch, current);
    } catch (error) {
      const properties = this.state(found, inputs, inputs, undefined);
      throw new BluejayPartialCreateError(
        this.kind.name,
        id,
        properties,
        asError(error),
        "its follow-up requests",
      );
    }
  }

  /**
   * Looks for what a lost create made, again and again with growing pauses, over the settle window
   * (`bluejay:lostCreateWindowMs`, within the call's budget): Bluejay may commit it after the answer
   * was lost (a gateway's 504 while the backend works on), so it is never sent again before the
   * window has passed with nothing found.
   */
  private async settle(
    lost: BluejayAmbiguousCreateError,
    inputs: Props,
    since: number,
  ): Promise<{ found?: unknown; looks: number; wholeWindow: boolean; sinceSentMs: number }> {
    const client = this.client();
    const wanted = Date.now() + client.lostCreateWindowMs;
    const sinceSentMs = () => Date.now() - lost.sentAt;
    const ends = deadline(client.lostCreateWindowMs);
    const bound = this.bound();
    for (let pause = LOOK_DELAYS_MS.first, looks = 1; ; looks++) {
      let found: Candidate[] | undefined;
      try {
        // The look's own answers tell the skew. `Date` has whole seconds and arrives after it was
        // stamped, so the estimate errs early (by under a second): never late enough to miss it.
        found = await findCreated(
          bound,
          inputs,
          (skew) => ({ after: since + skew }),
          (id) => claimed.has(`${this.kind.name}:${id}`),
        );
      } catch (listError) {
        const why = `its answer was lost and looking for it failed too (${asError(listError).message})`;
        throw lost.settled(why, [], listError);
      }
      // Bluejay offers no way to look: the person is asked to, and told why nothing looked.
      if (found === undefined) throw lost.settled(`${lost.why}, and ${this.noLook()}`, []);
      // Identical candidates made since the request was sent are interchangeable: the earliest is taken.
      if (found.length > 0)
        return { found: found[0]!.entity, looks, wholeWindow: true, sinceSentMs: sinceSentMs() };
      // The call's budget may end the window early: then there is no time to send it again.
      if (Date.now() + pause >= ends)
        return { looks, wholeWindow: ends >= wanted, sinceSentMs: sinceSentMs() };
      await sleep(pause);
      pause = Math.min(pause * 2, LOOK_DELAYS_MS.last);
    }
  }

  /** Nothing appeared after the last send's window: what is known, and how to settle it. */
  private notMade(
    lost: BluejayAmbiguousCreateError,
    { looks, sinceSentMs }: { looks: number; sinceSentMs: number },
    sends: number,
  ): BluejayAmbiguousCreateError {
    const seconds = sinceSentMs < 10_000 ? (sinceSentMs / 1000).toFixed(1) : Math.round(sinceSentMs / 1000);
    const times = sends === 1 ? "" : ` each of the ${sends} times it was sent`;
    return lost.settled(
      `its answer was lost${times}, and nothing matching it appeared in ${looks} looks over ${seconds} s after it was last sent, so it was most likely not made`,
      [],
    );
  }

  /**
   * A create that went part of the way: recorded as Bluejay holds it (what the create sent, where
   * Bluejay did not answer it), so the next `up` finishes it in place instead of replacing it.
   */
  private recordedPartially(error: BluejayPartialCreateError, inputs: Props): BluejayPartialCreateError {
    const properties = this.state(error.properties, inputs, inputs, undefined);
    return new BluejayPartialCreateError(
      this.kind.name,
      error.id,
      properties,
      asError(error.cause),
      error.step,
    );
  }

  /** Why a lost create of this kind could not be looked for. */
  private noLook(): string {
    const { noun } = this.kind.api;
    return this.kind.api.list
      ? `Bluejay cannot list ${noun}s declared like this one, so it could not be looked for`
      : `Bluejay offers no list of ${noun}s, so it could not be looked for`;
  }

  /** What to do about a resource of a kind Bluejay cannot read back, once it is gone from Bluejay. */
  private goneAdvice(): string {
    const noun = this.kind.api.noun;
    return (
      `Bluejay offers no read of ${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}, so \`pulumi refresh\` cannot notice it is gone: ` +
      "remove it from state with `pulumi state delete <urn>` (`pulumi stack --show-urns` lists them), " +
      "then `pulumi up` creates it again."
    );
  }

  private claim(entity: unknown): unknown {
    claimed.add(`${this.kind.name}:${this.bound().id(entity)}`);
    return entity;
  }

  /** The kind on the current client (made once per client: making it reads the kind's whole shape). */
  private bound(): BoundKind {
    const client = this.client();
    if (this.boundTo?.client !== client) this.boundTo = { client, bound: new BoundKind(this.kind, client) };
    return this.boundTo.bound;
  }

  private fields(): [string, FieldSpec][] {
    return Object.entries(this.kind.fields as Record<string, FieldSpec>);
  }

  /**
   * The update body that brings `current` to `declared`: only changed inputs, removed ones cleared.
   * `inPlaceOnly` leaves out what only a replace can change (adoption sends none of it).
   */
  private patch(current: Props, declared: Props, { inPlaceOnly = false } = {}): Record<string, unknown> {
    const patch: Record<string, unknown> = {};
    for (const [name, spec] of this.fields()) {
      if (inPlaceOnly && spec.replaces) continue;
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

  /**
   * The entity as recorded in state: its outputs; a write-only input Bluejay did not answer keeps the
   * value last sent (`carried`); which inputs were declared; and adoptId.
   */
  private state(
    entity: unknown,
    carried: Props,
    declared: Props | readonly string[],
    adoptId: unknown,
  ): Outputs {
    const outs = this.bound().outputs(entity);
    for (const [name, spec] of this.fields()) {
      const value = carried[name];
      if (spec.writeOnly && isAbsent(outs[name]) && !isAbsent(value)) outs[name] = value;
    }
    outs[DECLARED] = isNameList(declared) ? [...declared] : declaredNames(declared);
    return this.withAdoptId(outs, adoptId);
  }

  /**
   * The inputs the program declared, as recorded in state. State written before they were recorded
   * (0.1.0, and earlier versions of this one) is read for them: every input it holds but those equal
   * to what Bluejay fills in when nothing is given.
   */
  private declaredIn(props: Props): string[] {
    const recorded = props[DECLARED];
    if (Array.isArray(recorded) && recorded.every((n) => typeof n === "string")) return recorded;
    return this.fields()
      .filter(([name, spec]) => {
        const value = props[name];
        if (isAbsent(value) || value === "") return false;
        return spec.cleared === undefined || differs(spec, spec.cleared, value);
      })
      .map(([name]) => name);
  }

  private withAdoptId(outs: Outputs, adoptId: unknown): Outputs {
    if (typeof adoptId !== "string" && typeof adoptId !== "number") {
      const { adoptId: _dropped, ...rest } = outs;
      return rest;
    }
    return { ...outs, adoptId };
  }
}

function isNameList(value: Props | readonly string[]): value is readonly string[] {
  return Array.isArray(value);
}

/** The input names of parsed inputs, in a stable order. */
function declaredNames(inputs: Props): string[] {
  return Object.keys(inputs).sort();
}

/**
 * Inputs only a replace can change, as declared: what adoption and a partial create record when
 * Bluejay does not say (a write-only one), so that the next preview does not replace what was just made.
 */
function replacesOnly(fields: [string, FieldSpec][], inputs: Props): Props {
  const out: Props = {};
  for (const [name, spec] of fields) if (spec.replaces && spec.writeOnly) out[name] = inputs[name];
  return out;
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stripProvider(props: Props): Outputs {
  const { __provider: _dropped, ...rest } = props;
  return rest;
}

function isNotFound(error: unknown): error is BluejayApiError {
  return error instanceof BluejayApiError && error.status === 404;
}
