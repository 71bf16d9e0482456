// PromptVersion: one version of an agent's prompt. Bluejay numbers an agent's prompt versions, never
// changes one, and marks them with labels: its own `latest` (the newest) and `production` (moved by
// promoting), and any of yours. The shape is the one every versioned text of an agent shares
// (provider/dynamic/versioned.ts); this says what is a prompt's.
import type { z } from "zod";
import { versionedKind, type Version } from "../../dynamic/versioned";
import { promptVersionDouble } from "./emulator";
import { WireCreatePromptVersionSchema, WirePromptSchema } from "./wire";

export const { api: promptVersionApi, kind: promptVersionKind } = versionedKind({
  name: "PromptVersion",
  noun: "prompt version",
  plural: "promptVersions",
  segment: "prompts",
  idParam: "prompt_id",
  text: "prompt_text",
  wire: { create: WireCreatePromptVersionSchema, version: WirePromptSchema },
  promotion: "promote",
  docs: {
    summary:
      "One version of an agent's prompt: a text Bluejay numbers and never changes, marked by labels of your own (a stack's name, say) and, once promoted, the agent's production prompt.",
    text: "The prompt. A change replaces the version: a new one is made, then this one deleted.",
    production:
      "`true` promotes it to the agent's production prompt (`POST …/prompts/promote`), when it is made or later, and again if another version was promoted since (a refresh shows it). `false`, or removing it, changes nothing: Bluejay cannot demote, so it stays production until another version is promoted.",
    fix: "Promote another version (`production: true` on another PromptVersion), then it can be deleted.",
    notes: [
      "Bluejay never changes a prompt version: a new `promptText`, `commitMessage`, `metadata` or agent makes a new version, then deletes this one (so the agent is never left without one).",
      "`labels` change in place through Bluejay's label deltas on the version's number: the dropped labels are removed (`DELETE …/versions/{version}/labels`), the new ones added (`POST`, with `override_label`, so a label another version holds moves here). A remove never goes out with no label named: Bluejay reads that as every label.",
      "The labels and the promotion follow the create, as requests of their own. A create whose answer was lost is found among the agent's newest unlabelled versions with the same text (Bluejay records no creation time of a version), then labelled and promoted.",
      "Destroying the production version, or an agent's only prompt version: Bluejay refuses (400), so the destroy goes on without it. Its labels are taken off, it leaves the stack, and a warning names it and says why Bluejay kept it. A stack that holds the agent as well deletes the agent next, and the version with it: nothing is left behind.",
      "`production` and `latest` are Bluejay's labels: a `labels` entry naming either is refused at preview.",
    ],
    example: `import * as pulumi from "@pulumi/pulumi";
import { PromptVersion } from "pulumi-bluejay";

const prompt = new PromptVersion("prompt", {
  agentId: 1234, // or agent.agentId, from an Agent in the same program
  promptText: "You are the support line of Acme. Keep answers short.",
  commitMessage: "Shorter answers",
  labels: [pulumi.getStack()],
});

export const promptId = prompt.id; // a UUID: a Simulation's promptId
export const promptNumber = prompt.version;`,
  },
  emulator: promptVersionDouble,
});

/** A prompt version as this package returns it. */
export type PromptVersion = Version<"prompt_text">;
export type PromptVersionInputs = z.input<typeof promptVersionKind.inputs>;
export type CreatePromptVersionInput = z.input<typeof promptVersionApi.create.input>;
