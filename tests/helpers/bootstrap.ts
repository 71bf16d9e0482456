// examples/bootstrap as the end-to-end suites count it: what it declares of each kind, how many
// resources Pulumi reports, and the emulator's counts once it is up. One home, so a kind added to the
// example (or to the registry) changes one place.
import type { BluejayEmulator, EmulatorCounts } from "../../emulator";
import { KINDS } from "../../provider/kinds/registry";

/** What examples/bootstrap declares of each kind, by kind name. */
export const BOOTSTRAP_DECLARES: Readonly<Record<string, number>> = {
  Folder: 1,
  Agent: 1,
  Simulation: 1,
  DigitalHuman: 6,
  Community: 2,
  CustomMetric: 2,
  CustomerTrait: 2,
  CustomerPersona: 1,
  Workflow: 1,
  Label: 1,
  PromptVersion: 1,
  KnowledgeBaseVersion: 1,
  Schedule: 1,
  Alert: 1,
};

/** Its resources, and the stack itself: what Pulumi's summary counts for one stack of it. */
export const BOOTSTRAP_RESOURCES = Object.values(BOOTSTRAP_DECLARES).reduce((a, b) => a + b, 0) + 1;

/** The emulator's counts with `stacks` stacks of the example up (0: empty). */
export function bootstrapCounts(stacks = 1): EmulatorCounts {
  return Object.fromEntries(
    KINDS.map((kind) => [kind.api.plural, (BOOTSTRAP_DECLARES[kind.name] ?? 0) * stacks]),
  );
}

/** Every record the emulator holds, by kind, sorted by id: for before/after comparisons. */
export function allRecords(emulator: BluejayEmulator): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(
    KINDS.map((kind) => [
      kind.api.plural,
      emulator.records(kind.api.plural).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    ]),
  );
}

/**
 * Whose each record is, by the name examples/bootstrap prefixes with `[<stack>] `: its own name or
 * title, or, for a record that lives under an agent or a simulation (a trait, a label, a version, a
 * schedule), its parent's.
 */
export function labels(records: Record<string, Record<string, unknown>[]>): string[] {
  return Object.values(records)
    .flat()
    .map((record) => ownerOf(record, records));
}

/** The records of each kind that belong to the stack whose names start with `prefix`. */
export function ownedBy(
  records: Record<string, Record<string, unknown>[]>,
  prefix: string,
): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(
    Object.entries(records).map(([kind, list]) => [
      kind,
      list.filter((record) => ownerOf(record, records).startsWith(prefix)),
    ]),
  );
}

function ownerOf(
  record: Record<string, unknown>,
  records: Record<string, Record<string, unknown>[]>,
): string {
  const named = (plural: string, id: unknown) =>
    (records[plural] ?? []).find((r) => String(r.id) === String(id))?.name;
  const parent =
    record.agent_id !== undefined && record.agent_id !== null
      ? named("agents", record.agent_id)
      : record.simulation_id !== undefined && record.simulation_id !== null
        ? named("simulations", record.simulation_id)
        : undefined;
  return String(parent ?? record.name ?? record.title);
}
