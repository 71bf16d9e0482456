// Folder: a named group of agents in Bluejay's dashboard. An agent joins one by name (its `folder`
// input), so `folder: support.name` puts the agent in this folder and orders the two.
import { z } from "zod";
import { camelize, camelSchema, type Camelized } from "../../client/mapping";
import { defineApi, op } from "../../client/operations";
import { UuidSchema } from "../../client/wire";
import { defineKind } from "../../dynamic/kind";
import { nonBlank } from "../../dynamic/rules";
import { folderDouble } from "./emulator";
import {
  WireDeletedFolderSchema,
  WireFolderListSchema,
  WireFolderRequestSchema,
  WireFolderSchema,
} from "./wire";

export const FolderInputSchema = camelSchema(WireFolderRequestSchema);
export type FolderInput = z.input<typeof FolderInputSchema>;

/** A folder as this package returns it. */
export type Folder = Camelized<z.infer<typeof WireFolderSchema>>;

const entity = (wire: z.infer<typeof WireFolderSchema>): Folder => camelize(wire);

export const folderApi = defineApi({
  name: "Folder",
  noun: "folder",
  plural: "folders",
  id: UuidSchema,
  idOf: (folder: Folder) => folder.id,
  idField: "id",
  create: op.create({
    method: "POST",
    path: "/v1/create-folder",
    input: FolderInputSchema,
    wire: WireFolderRequestSchema,
    answer: WireFolderSchema,
    entity,
  }),
  read: op.read({ method: "GET", path: "/v1/folder/{folder_id}", answer: WireFolderSchema, entity }),
  update: op.update({
    method: "PUT",
    path: "/v1/update-folder/{folder_id}",
    input: FolderInputSchema,
    wire: WireFolderRequestSchema,
    answer: WireFolderSchema,
    entity,
  }),
  delete: { method: "DELETE", path: "/v1/folder/{folder_id}", answer: WireDeletedFolderSchema },
  list: op.list({
    filter: z.object({}).strict(),
    request: () => ({ method: "GET", path: "/v1/all-folders" }),
    answer: WireFolderListSchema,
    items: (answer) => answer.map(entity),
    // `FolderResponse`, as the read answers it.
    whole: true,
  }),
});

const inputs = z.object({ name: nonBlank("the folder's name") }).strict();
export type FolderInputs = z.input<typeof inputs>;

export const folderKind = defineKind({
  name: "Folder",
  api: folderApi,
  inputs,
  fields: { name: { compare: "text" } },
  hints: {
    name: 'Set name to a non-empty string, e.g. name: "Support agents".',
    adoptId:
      "Set adoptId to the UUID of an existing Bluejay folder (listFolders() shows them), or leave it out.",
  },
  outputs: {
    createdAt: "When Bluejay created the folder (ISO 8601).",
    organizationId: "The Bluejay organization the folder belongs to.",
  },
  secretOutputs: [],
  docs: {
    summary:
      "A named group of agents in Bluejay's dashboard. An agent joins a folder by name: give the Agent's `folder` input this resource's `name`.",
    inputs: { name: "The folder's name. Required, not blank. A change renames the folder in place." },
    notes: [
      "Agents name their folder (`folder`) rather than give its id, so `folder: folder.name` both files the agent and makes Pulumi create the folder first.",
      "Deleting a folder leaves its agents in no folder: Bluejay does not delete them.",
    ],
    example: `import { Agent, Folder } from "pulumi-bluejay";

const team = new Folder("support", { name: "Support agents" });

new Agent("support-bot", {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: "Refunds take 5 days.",
  goals: [],
  folder: team.name,
});`,
  },
  emulator: folderDouble,
});
