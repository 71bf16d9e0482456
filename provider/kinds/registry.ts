// Every Bluejay kind this package manages, in the order a program usually declares them. The client,
// the runtime, recovery, the emulator, the reference pages and the package schema are built from this
// list: a new kind is a folder beside these and one line here.
import { agentKind } from "./agent/kind";
import { communityKind } from "./community/kind";
import { customMetricKind } from "./custom-metric/kind";
import { customerPersonaKind } from "./customer-persona/kind";
import { customerTraitKind } from "./customer-trait/kind";
import { scheduleKind } from "./schedule/kind";
import { alertKind } from "./alert/kind";
import { digitalHumanKind } from "./digital-human/kind";
import { folderKind } from "./folder/kind";
import { knowledgeBaseVersionKind } from "./knowledge-base-version/kind";
import { labelKind } from "./label/kind";
import { promptVersionKind } from "./prompt-version/kind";
import { simulationKind } from "./simulation/kind";
import { workflowKind } from "./workflow/kind";

export const KINDS = [
  folderKind,
  agentKind,
  simulationKind,
  digitalHumanKind,
  communityKind,
  customMetricKind,
  customerTraitKind,
  customerPersonaKind,
  workflowKind,
  scheduleKind,
  alertKind,
  labelKind,
  promptVersionKind,
  knowledgeBaseVersionKind,
] as const;

export type Kinds = typeof KINDS;
