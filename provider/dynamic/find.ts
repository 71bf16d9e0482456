// "Is this what that create made?": the one place that looks for a resource a create may have made
// when its answer was lost, shared by the lifecycle (a lost create, found within a settle window) and
// by recovery (a create an interrupted run left pending).
import type { BoundKind } from "./bound";
import { matchesDeclared } from "./fields";
import type { Outputs } from "./kind";

export interface Candidate {
  id: string;
  entity: unknown;
  outputs: Outputs;
  /** When Bluejay made it, on Bluejay's clock (ms since the epoch); NaN when it does not say. */
  createdAt: number;
}

export interface Window {
  /** Made at or after this, on Bluejay's clock: a look-alike made before the request is never it. */
  after: number;
  /** Made at or before this, on Bluejay's clock, when known. */
  before?: number;
}

/**
 * The resources of the kind that match every declared input Bluejay returns, were made within the
 * window, and are not excluded (taken by another create, or tracked by a stack); earliest first.
 * Undefined where Bluejay offers no way to look for this kind (or for these inputs). The window is
 * asked for after the look: its answers tell how far Bluejay's clock is from this machine's.
 */
export async function findCreated(
  bound: BoundKind,
  inputs: Record<string, unknown>,
  windowOnBluejaysClock: (skewMs: number) => Window,
  excluded: (id: string) => boolean,
): Promise<Candidate[] | undefined> {
  const found = await bound.lookFor(inputs);
  if (found === undefined) return undefined;
  const window = windowOnBluejaysClock(bound.skewMs ?? 0);
  // A kind Bluejay keeps no creation time for: its look answers only candidates, newest first.
  const untimed = bound.kind.untimed === true;
  const candidates = found
    .map((entity) => {
      const outputs = bound.outputs(entity);
      const createdAt = typeof outputs.createdAt === "string" ? Date.parse(outputs.createdAt) : Number.NaN;
      return { id: bound.id(entity), entity, outputs, createdAt };
    })
    .filter(
      (c) =>
        !excluded(c.id) &&
        matchesDeclared(bound.kind.fields, c.outputs, inputs) &&
        (untimed ||
          (c.createdAt >= window.after && (window.before === undefined || c.createdAt <= window.before))),
    );
  return untimed ? candidates : candidates.sort((a, b) => a.createdAt - b.createdAt);
}
