// What changed between a community's recorded outputs and its new inputs. Every input updates in
// place except adoptId pointing at a different community, which can only mean a different resource.
import { isUnknown, type InputName } from "./inputs";

export interface CommunityChanges {
  /** Inputs whose change is sent to Bluejay with one PUT. */
  updates: InputName[];
  /** Inputs whose change needs a new resource. */
  replaces: InputName[];
}

/** Outputs recorded in state (the `olds` Pulumi gives `diff` and `update`). */
type Recorded = Record<string, unknown>;

export function diffCommunity(id: string, olds: Recorded, news: Recorded): CommunityChanges {
  const updates: InputName[] = [];
  if (isUnknown(news.title) || news.title !== olds.title) updates.push("title");
  if (isUnknown(news.description) || textOf(news.description) !== textOf(olds.description))
    updates.push("description");
  if (!sameIdSet(olds.digitalHumanIds, news.digitalHumanIds)) updates.push("digitalHumanIds");
  const replaces: InputName[] = [];
  // adoptId only matters at creation; removing it afterwards, or naming the community already held, is no change.
  if (news.adoptId !== undefined && news.adoptId !== null && news.adoptId !== id) replaces.push("adoptId");
  return { updates, replaces };
}

/** Bluejay cannot store "no description" once one was set, so absent, null and "" all mean none. */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The digital humans a community holds form a set: order and repeats do not matter. */
export function sameIdSet(olds: unknown, news: unknown): boolean {
  const a = idList(olds);
  const b = idList(news);
  if (a === undefined || b === undefined) return false;
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
}

/** The ids as a list (absent means none); undefined when any of them is not yet known. */
function idList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return [];
  if (isUnknown(value) || !Array.isArray(value)) return undefined;
  return value.some(isUnknown) ? undefined : value;
}
