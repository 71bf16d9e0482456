// The emulator's communities: in memory, optionally persisted to a JSON file after every write.
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

export class CommunityStore {
  private readonly records = new Map<string, CommunityRecord>();

  constructor(private readonly dataFile?: string) {
    if (dataFile && fs.existsSync(dataFile)) {
      const saved = JSON.parse(fs.readFileSync(dataFile, "utf8")) as { communities?: CommunityRecord[] };
      for (const record of saved.communities ?? []) this.records.set(record.id, record);
    }
  }

  list(digitalHumanId?: number): CommunityRecord[] {
    const all = [...this.records.values()];
    const matching =
      digitalHumanId === undefined ? all : all.filter((c) => c.digital_human_ids.includes(digitalHumanId));
    return matching.map(copy);
  }

  get(id: string): CommunityRecord | undefined {
    const record = this.records.get(id);
    return record && copy(record);
  }

  create(input: NewCommunity, now: Date = new Date()): CommunityRecord {
    const record: CommunityRecord = {
      id: randomUUID(),
      title: input.title,
      description: input.description ?? null,
      created_at: now.toISOString(),
      digital_human_ids: unique(input.digital_human_ids ?? []),
    };
    this.records.set(record.id, record);
    this.save();
    return copy(record);
  }

  /** Applies a patch the way Bluejay does: null or absent fields are left as they are. */
  update(id: string, patch: CommunityPatch): CommunityRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    if (patch.title !== undefined && patch.title !== null) record.title = patch.title;
    if (patch.description !== undefined && patch.description !== null) record.description = patch.description;
    if (patch.digital_human_ids !== undefined && patch.digital_human_ids !== null) {
      record.digital_human_ids = unique(patch.digital_human_ids);
    }
    this.save();
    return copy(record);
  }

  addDigitalHumans(id: string, ids: number[]): CommunityRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    record.digital_human_ids = unique([...record.digital_human_ids, ...ids]);
    this.save();
    return copy(record);
  }

  delete(id: string): CommunityRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    this.records.delete(id);
    this.save();
    return record;
  }

  /** Puts a record in as given: for tests that change Bluejay behind Pulumi's back. */
  put(record: CommunityRecord): void {
    this.records.set(record.id, copy(record));
    this.save();
  }

  clear(): void {
    this.records.clear();
    this.save();
  }

  private save(): void {
    if (!this.dataFile) return;
    fs.mkdirSync(path.dirname(this.dataFile), { recursive: true });
    const temp = `${this.dataFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ communities: [...this.records.values()] }, null, 2));
    fs.renameSync(temp, this.dataFile);
  }
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

function copy(record: CommunityRecord): CommunityRecord {
  return { ...record, digital_human_ids: [...record.digital_human_ids] };
}
