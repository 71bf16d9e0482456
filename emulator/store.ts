// The emulator's data: one in-memory store per kind of record, optionally persisted together to one
// JSON file after every write. The file keeps the original `{communities: [...]}` layout and adds a
// key per other kind (`agents`, `simulations`, `digital_humans`, `custom_metrics`) and the integer id
// counters (`next_ids`) beside it, each only once it has something to keep, so a file written by an
// older emulator is read as is and a communities-only file looks exactly as it did.
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** A community exactly as Bluejay returns it (snake_case). */
export interface CommunityRecord {
  id: string;
  title: string;
  description: string | null;
  created_at: string;
  digital_human_ids: number[];
}

export interface NewCommunity {
  title: string;
  description?: string | null;
  digital_human_ids?: number[] | null;
}

export interface CommunityPatch {
  title?: string | null;
  description?: string | null;
  digital_human_ids?: number[] | null;
}

interface Persisted {
  key: string;
  /** Written even when empty (the original file layout). */
  alwaysWritten: boolean;
  rows(): unknown[];
  nextId?(): number;
  /** True once an integer id has been handed out (so the counter must be kept). */
  counterUsed?(): boolean;
}

/** The data file shared by every store, read once at start and rewritten after every write. */
export class Database {
  private readonly saved: Record<string, unknown> = {};
  private readonly stores: Persisted[] = [];

  constructor(readonly dataFile?: string) {
    if (dataFile && fs.existsSync(dataFile)) {
      const parsed: unknown = JSON.parse(fs.readFileSync(dataFile, "utf8"));
      if (typeof parsed === "object" && parsed !== null) Object.assign(this.saved, parsed);
    }
  }

  /** The rows the file held for `key` when the emulator started. */
  loaded(key: string): unknown[] {
    const rows = this.saved[key];
    return Array.isArray(rows) ? rows : [];
  }

  /** The saved next integer id for `key`, if the file kept one. */
  loadedNextId(key: string): number | undefined {
    const ids = this.saved.next_ids;
    if (typeof ids !== "object" || ids === null) return undefined;
    const value: unknown = (ids as Record<string, unknown>)[key];
    return typeof value === "number" && Number.isInteger(value) ? value : undefined;
  }

  register(store: Persisted): void {
    this.stores.push(store);
  }

  save(): void {
    if (!this.dataFile) return;
    const data: Record<string, unknown> = {};
    const nextIds: Record<string, number> = {};
    for (const store of this.stores) {
      const rows = store.rows();
      if (store.alwaysWritten || rows.length > 0) data[store.key] = rows;
      if (store.nextId && store.counterUsed?.()) nextIds[store.key] = store.nextId();
    }
    if (Object.keys(nextIds).length > 0) data.next_ids = nextIds;
    fs.mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const temp = `${this.dataFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data, null, 2));
    fs.renameSync(temp, this.dataFile);
  }
}

/** Records of one kind, keyed by id, in creation order. Every read hands out a copy. */
export class RecordStore<R extends { id: string | number }> {
  protected readonly records = new Map<R["id"], R>();

  constructor(
    protected readonly db: Database,
    readonly key: string,
    alwaysWritten = false,
  ) {
    // The file is the emulator's own; its rows are trusted to have the shape it wrote.
    for (const row of db.loaded(key) as R[]) this.records.set(row.id, row);
    db.register({ key, alwaysWritten, rows: () => [...this.records.values()], ...this.counter() });
  }

  /** Hook for stores with integer ids. */
  protected counter(): Pick<Persisted, "nextId" | "counterUsed"> {
    return {};
  }

  get size(): number {
    return this.records.size;
  }

  all(filter?: (record: R) => boolean): R[] {
    const all = [...this.records.values()];
    return (filter ? all.filter(filter) : all).map((r) => structuredClone(r));
  }

  get(id: R["id"]): R | undefined {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }

  has(id: R["id"]): boolean {
    return this.records.has(id);
  }

  /** Adds a new record (or replaces one with the same id) and saves. */
  insert(record: R): R {
    this.records.set(record.id, structuredClone(record));
    this.db.save();
    return structuredClone(record);
  }

  /** Puts a record in as given: for tests that change Bluejay behind Pulumi's back. */
  put(record: R): void {
    this.insert(record);
  }

  /** Changes a stored record in place and saves; undefined when there is none with that id. */
  modify(id: R["id"], change: (record: R) => void): R | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    change(record);
    this.db.save();
    return structuredClone(record);
  }

  /** Changes every record `change` reports as changed, then saves once. */
  modifyAll(change: (record: R) => boolean): void {
    let changed = false;
    for (const record of this.records.values()) changed = change(record) || changed;
    if (changed) this.db.save();
  }

  delete(id: R["id"]): R | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    this.records.delete(id);
    this.db.save();
    return record;
  }

  clear(): void {
    this.records.clear();
    this.resetCounter();
    this.db.save();
  }

  protected resetCounter(): void {}
}

/** Records with integer ids handed out by a counter (1, 2, 3, ...; never reused). */
export class IntIdStore<R extends { id: number }> extends RecordStore<R> {
  private next = 1;

  constructor(db: Database, key: string) {
    super(db, key);
    const highest = Math.max(0, ...[...this.records.keys()]);
    this.next = Math.max(db.loadedNextId(key) ?? 1, highest + 1);
  }

  protected override counter(): Pick<Persisted, "nextId" | "counterUsed"> {
    return { nextId: () => this.next, counterUsed: () => this.next > 1 };
  }

  /** Takes the next id (saved with the next write). */
  takeId(): number {
    return this.next++;
  }

  /** Puts a record in as given; the counter moves past its id, so a later create cannot collide with it. */
  override put(record: R): void {
    this.next = Math.max(this.next, record.id + 1);
    super.put(record);
  }

  protected override resetCounter(): void {
    this.next = 1;
  }
}

export class CommunityStore extends RecordStore<CommunityRecord> {
  /** A store of its own (optionally on `dataFile`), or one sharing the emulator's database. */
  constructor(source?: string | Database) {
    super(source instanceof Database ? source : new Database(source), "communities", true);
  }

  list(digitalHumanId?: number): CommunityRecord[] {
    return this.all(
      digitalHumanId === undefined ? undefined : (c) => c.digital_human_ids.includes(digitalHumanId),
    );
  }

  create(input: NewCommunity, now: Date = new Date()): CommunityRecord {
    return this.insert({
      id: randomUUID(),
      title: input.title,
      description: input.description ?? null,
      created_at: now.toISOString(),
      digital_human_ids: unique(input.digital_human_ids ?? []),
    });
  }

  /** Applies a patch the way Bluejay does: null or absent fields are left as they are. */
  update(id: string, patch: CommunityPatch): CommunityRecord | undefined {
    return this.modify(id, (record) => {
      if (patch.title !== undefined && patch.title !== null) record.title = patch.title;
      if (patch.description !== undefined && patch.description !== null)
        record.description = patch.description;
      if (patch.digital_human_ids !== undefined && patch.digital_human_ids !== null) {
        record.digital_human_ids = unique(patch.digital_human_ids);
      }
    });
  }

  addDigitalHumans(id: string, ids: number[]): CommunityRecord | undefined {
    return this.modify(id, (record) => {
      record.digital_human_ids = unique([...record.digital_human_ids, ...ids]);
    });
  }
}

export function unique<T>(ids: T[]): T[] {
  return [...new Set(ids)];
}
