// Every Bluejay resource kind this package manages, by name: the runtime and the recovery tool find
// a kind here from the name its stub or its type in state carries.
import { BluejayConfigError } from "../client";
import type { AnyResourceKind } from "../dynamic/kind";
import { agentKind } from "./agent";
import { communityKind } from "./community";
import { customMetricKind } from "./custom-metric";
import { digitalHumanKind } from "./digital-human";
import { simulationKind } from "./simulation";

export const KINDS: readonly AnyResourceKind[] = [
  agentKind,
  simulationKind,
  digitalHumanKind,
  communityKind,
  customMetricKind,
];

export function kindNamed(name: string): AnyResourceKind {
  const kind = KINDS.find((k) => k.name === name);
  if (!kind) {
    throw new BluejayConfigError(
      "pulumi-bluejay",
      `This version of pulumi-bluejay has no ${name} resource; the state was written by a newer version. Install that version.`,
    );
  }
  return kind;
}
