// The emulator's data: one in-memory store per kind of record, optionally persisted together to one
// JSON file after every write. The file keeps the original `{communities: [...]}` layout and adds a
// key per other kind (each double's `file`: `agents`, `digital_humans`, …) and the whole-number id
// counters (`next_ids`) beside it, each only once it has something to keep, so a file written by an
// older emulator is read as is and a communities-only file looks exactly as it did.
import { randomUUID } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { unique, type Json, type Records, type StoredRecord } from "./kit";

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
  rows(): unknown[];
  nextId?(): number;
  /** True once an integer id has been handed out (so the counter must be kept). */
  counterUsed?(): boolean;
}

/** Written even when empty: 0.1.0's file layout, which 0.1.0 reads back. */
const ALWAYS_WRITTEN = new Set(["communities"]);

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
      if (ALWAYS_WRITTEN.has(store.key) || rows.length > 0) data[store.key] = rows;
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
export class RecordStore<R extends Json = StoredRecord> implements Records<R> {
  private readonly records = new Map<string | number, R>();
  /** The next whole-number id (kinds whose ids are numbers): 1, 2, 3, …; never reused. */
  private next = 1;

  constructor(
    private readonly db: Database,
    readonly key: string,
    private readonly ids: "uuid" | "integer",
  ) {
    // The file is the emulator's own; its rows are trusted to have the shape it wrote.
    for (const row of db.loaded(key) as R[]) this.records.set(row.id as string | number, row);
    if (ids === "integer") {
      const highest = Math.max(0, ...[...this.records.keys()].map(Number));
      this.next = Math.max(db.loadedNextId(key) ?? 1, highest + 1);
    }
    db.register({
      key,
      rows: () => [...this.records.values()],
      ...(ids === "integer" ? { nextId: () => this.next, counterUsed: () => this.next > 1 } : {}),
    });
  }

  get size(): number {
    return this.records.size;
  }

  all(filter?: (record: R) => boolean): R[] {
    const all = [...this.records.values()];
    return (filter ? all.filter(filter) : all).map((r) => structuredClone(r));
  }

  get(id: string | number): R | undefined {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }

  has(id: string | number): boolean {
    return this.records.has(id);
  }

  add(record: Omit<R, "id">): R {
    const id = this.ids === "integer" ? this.next++ : randomUUID();
    return this.put({ ...record, id } as unknown as R);
  }

  /**
   * Puts a record in as given (or replaces the one with its id) and saves: for tests that change
   * Bluejay behind Pulumi's back. A whole-number id moves the counter past it, so no create collides.
   */
  put(record: R): R {
    const id = record.id as string | number;
    if (this.ids === "integer" && typeof id === "number") this.next = Math.max(this.next, id + 1);
    this.records.set(id, structuredClone(record));
    this.db.save();
    return structuredClone(record);
  }

  modify(id: string | number, change: (record: R) => void): R | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    change(record);
    this.db.save();
    return structuredClone(record);
  }

  modifyAll(change: (record: R) => boolean): void {
    let changed = false;
    for (const record of this.records.values()) changed = change(record) || changed;
    if (changed) this.db.save();
  }

  delete(id: string | number): R | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    this.records.delete(id);
    this.db.save();
    return record;
  }

  /** Forgets every record, and the id counter. */
  clear(): void {
    this.records.clear();
    this.next = 1;
    this.db.save();
  }
}

/** 0.1.0's community store (`emulator.store`), kept for tests written against it: the communities' records. */
export class CommunityStore {
  constructor(private readonly records: RecordStore<CommunityRecord & Json>) {}

  get size(): number {
    return this.records.size;
  }

  list(digitalHumanId?: number): CommunityRecord[] {
    return this.records.all(
      digitalHumanId === undefined ? undefined : (c) => c.digital_human_ids.includes(digitalHumanId),
    );
  }

  get(id: string): CommunityRecord | undefined {
    return this.records.get(id);
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  delete(id: string): CommunityRecord | undefined {
    return this.records.delete(id);
  }

  create(input: NewCommunity, now: Date = new Date()): CommunityRecord {
    return this.records.add({
      title: input.title,
      description: input.description ?? null,
      created_at: now.toISOString(),
      digital_human_ids: unique(input.digital_human_ids ?? []),
    });
  }

  /** Applies a patch the way Bluejay does: null or absent fields are left as they are. */
  update(id: string, patch: CommunityPatch): CommunityRecord | undefined {
    return this.records.modify(id, (record) => {
      if (patch.title !== undefined && patch.title !== null) record.title = patch.title;
      if (patch.description !== undefined && patch.description !== null)
        record.description = patch.description;
      if (patch.digital_human_ids !== undefined && patch.digital_human_ids !== null) {
        record.digital_human_ids = unique(patch.digital_human_ids);
      }
    });
  }

  addDigitalHumans(id: string, ids: number[]): CommunityRecord | undefined {
    return this.records.modify(id, (record) => {
      record.digital_human_ids = unique([...record.digital_human_ids, ...ids]);
    });
  }
}
