// KnowledgeBaseVersion: one version of an agent's knowledge base. The prompt versions' shape
// (provider/dynamic/versioned.ts) under `…/knowledge-bases/…`, with no promote endpoint: production
// moves by adding the `production` label (with `override_label`) to the version.
import type { z } from "zod";
import { versionedKind, type Version } from "../../dynamic/versioned";
import { knowledgeBaseVersionDouble } from "./emulator";
import { WireCreateKnowledgeBaseVersionSchema, WireKnowledgeBaseSchema } from "./wire";

export const { api: knowledgeBaseVersionApi, kind: knowledgeBaseVersionKind } = versionedKind({
  name: "KnowledgeBaseVersion",
  noun: "knowledge-base version",
  plural: "knowledgeBaseVersions",
  segment: "knowledge-bases",
  idParam: "kb_id",
  text: "kb_text",
  wire: { create: WireCreateKnowledgeBaseVersionSchema, version: WireKnowledgeBaseSchema },
  promotion: "label",
  docs: {
    summary:
      "One version of an agent's knowledge base: a text Bluejay numbers and never changes, marked by labels of your own and, once it holds the `production` label, the knowledge base the agent is tested with.",
    text: "The knowledge base. A change replaces the version: a new one is made, then this one deleted.",
    production:
      "`true` moves Bluejay's `production` label here (a label delta with `override_label`: knowledge bases have no promote endpoint), when it is made or later, and again if it moved away since (a refresh shows it). `false`, or removing it, changes nothing: production is only ever moved, so it stays here until another version takes it.",
    fix: "Give another version the production label (`production: true` on another KnowledgeBaseVersion), then it can be deleted.",
    notes: [
      "Bluejay never changes a knowledge-base version: a new `kbText`, `commitMessage`, `metadata` or agent makes a new version, then deletes this one (so the agent is never left without one).",
      "`labels` change in place through Bluejay's label deltas on the version's number: the dropped labels are removed (`DELETE …/versions/{version}/labels`), the new ones added (`POST`, with `override_label`, so a label another version holds moves here). A remove never goes out with no label named: Bluejay reads that as every label.",
      "Production has no endpoint of its own here: `production: true` adds the `production` label, in the same request as the new labels.",
      "The labels follow the create, as a request of their own. A create whose answer was lost is found among the agent's newest unlabelled versions with the same text (Bluejay records no creation time of a version), then labelled.",
      "Destroying the production version, or an agent's only knowledge-base version: Bluejay refuses (400), so the destroy goes on without it. Its labels are taken off, it leaves the stack, and a warning names it and says why Bluejay kept it. A stack that holds the agent as well deletes the agent next, and the version with it: nothing is left behind.",
      "`production` and `latest` are Bluejay's labels: a `labels` entry naming either is refused at preview (use `production: true`).",
    ],
    example: `import * as pulumi from "@pulumi/pulumi";
import { KnowledgeBaseVersion } from "pulumi-bluejay";

const knowledge = new KnowledgeBaseVersion("knowledge", {
  agentId: 1234, // or agent.agentId, from an Agent in the same program
  kbText: "Refunds take 5 days. Orders ship within 2 days.",
  commitMessage: "Shipping times",
  labels: [pulumi.getStack()],
});

export const knowledgeBaseId = knowledge.id; // a UUID: a Simulation's knowledgeBaseId`,
  },
  emulator: knowledgeBaseVersionDouble,
});

/** A knowledge-base version as this package returns it. */
export type KnowledgeBaseVersion = Version<"kb_text">;
export type KnowledgeBaseVersionInputs = z.input<typeof knowledgeBaseVersionKind.inputs>;
export type CreateKnowledgeBaseVersionInput = z.input<typeof knowledgeBaseVersionApi.create.input>;
