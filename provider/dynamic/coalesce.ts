// Many reads of one kind that come together, as a refresh sends them (one per resource, several at
// once, in one provider process), are answered from one read of the kind's list instead of one GET
// each. A read waits a moment for others of its kind; when enough have gathered, the kind's list is
// read once, every page, and answers them all, and any other read of the kind that comes while it is
// fresh. A list is fresh for a few seconds only, and only until this process writes to Bluejay: so
// it answers the reads of one refresh, never a read that must see what was just written. A read the
// list cannot answer exactly (its id is not in it, or it lacks a field the last read recorded) is a
// GET, as is every read when the list fails. What a list holds stays in memory for as long as it is
// fresh, and is never logged.
import type { BluejayClient } from "../client/client";
import type { BoundKind } from "./bound";
import type { Outputs } from "./kind";

/** How long the first read waits for others of its kind before deciding. */
export const GATHER_MS = 25;
/** Fewer reads than this are sent as GETs: a list is worth reading for a crowd, not for one. */
export const MIN_READS = 3;
/** How long a list answers reads after it was asked for, at most. */
export const FRESH_MS = 10_000;

interface Snapshot {
  /** When the list was asked for. */
  asked: number;
  /** The client's write count then: any write since makes it stale. */
  writes: number;
  /** Every entity by Pulumi id; undefined when the list failed. */
  entities: Promise<Map<string, unknown> | undefined>;
}

interface Gathering {
  waiting: ((snapshot: Snapshot | undefined) => void)[];
}

/** The reads of one client, kind by kind. */
export class ReadCoalescer {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly gatherings = new Map<string, Gathering>();
  /** Lists read, and reads they answered: figures for tests and the benchmark. */
  readonly figures = { lists: 0, answered: 0 };

  constructor(
    private readonly client: BluejayClient,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The entity for a read of `id`, from the kind's list, or undefined when the read should be a GET:
   * too few reads came together, the list failed, the id is not in it, or its entity lacks an output
   * that `recorded` (what state holds) has.
   */
  async read(bound: BoundKind, id: string, recorded: Outputs): Promise<unknown> {
    const snapshot = this.fresh(bound.kind.name) ?? (await this.gather(bound));
    const entities = await snapshot?.entities;
    const entity = entities?.get(id);
    if (entity === undefined || lacksRecorded(bound, entity, recorded)) return undefined;
    this.figures.answered++;
    return entity;
  }

  private fresh(kind: string): Snapshot | undefined {
    const snapshot = this.snapshots.get(kind);
    if (!snapshot) return undefined;
    if (snapshot.writes === this.client.writes && this.now() - snapshot.asked < FRESH_MS) return snapshot;
    // Stale: forget what it held.
    this.snapshots.delete(kind);
    return undefined;
  }

  /** Waits GATHER_MS for other reads of the kind; then a list for all of them, or GETs for few. */
  private gather(bound: BoundKind): Promise<Snapshot | undefined> {
    const kind = bound.kind.name;
    return new Promise((resolve) => {
      const gathering = this.gatherings.get(kind);
      if (gathering) {
        gathering.waiting.push(resolve);
        return;
      }
      const started: Gathering = { waiting: [resolve] };
      this.gatherings.set(kind, started);
      setTimeout(() => {
        this.gatherings.delete(kind);
        const snapshot = started.waiting.length >= MIN_READS ? this.list(bound) : undefined;
        for (const waiting of started.waiting) waiting(snapshot);
      }, GATHER_MS);
    });
  }

  private list(bound: BoundKind): Snapshot {
    const snapshot: Snapshot = {
      asked: this.now(),
      writes: this.client.writes,
      entities: bound.readAll().then(
        (entities) => new Map(entities.map((entity) => [bound.id(entity), entity])),
        // A failed list answers nothing: each read goes on to its own GET, which reports its own error.
        () => undefined,
      ),
    };
    this.figures.lists++;
    this.snapshots.set(bound.kind.name, snapshot);
    // Forgotten once stale, even if no read comes to find it so.
    setTimeout(() => {
      if (this.snapshots.get(bound.kind.name) === snapshot) this.snapshots.delete(bound.kind.name);
    }, FRESH_MS).unref();
    return snapshot;
  }
}

/**
 * Whether the list's entity lacks an output that state holds: a list may leave out what a read
 * answers (a secret, say), and only a read can tell whether it is gone.
 */
function lacksRecorded(bound: BoundKind, entity: unknown, recorded: Outputs): boolean {
  const listed = bound.outputs(entity);
  const fields = bound.kind.fields as Record<string, { writeOnly?: boolean }>;
  for (const name of bound.outputNames) {
    if (fields[name]?.writeOnly) continue;
    const held = recorded[name];
    if (held !== undefined && held !== null && (listed[name] === undefined || listed[name] === null))
      return true;
  }
  return false;
}

const coalescers = new WeakMap<BluejayClient, ReadCoalescer>();

/** The coalescer of a client: one per client, so one per provider settings. */
export function coalescerOf(client: BluejayClient): ReadCoalescer {
  let found = coalescers.get(client);
  if (!found) coalescers.set(client, (found = new ReadCoalescer(client)));
  return found;
}
