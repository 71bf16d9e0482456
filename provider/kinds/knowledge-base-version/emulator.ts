// The emulator's double of Bluejay's knowledge-base versions: the versions double every versioned
// text of an agent shares (emulator/versioned.ts). There is no promote endpoint: production moves by
// adding the `production` label with `override_label`.
import { versionedDouble } from "../../../emulator/versioned";

export const knowledgeBaseVersionDouble = versionedDouble({
  file: "knowledge_base_versions",
  segment: "knowledge-bases",
  idParam: "kb_id",
  text: "kb_text",
  noun: "Knowledge base",
  promote: false,
});
