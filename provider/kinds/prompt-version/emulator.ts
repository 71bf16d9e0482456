// The emulator's double of Bluejay's prompt versions: the versions double every versioned text of an
// agent shares (emulator/versioned.ts), with Bluejay's promote endpoint.
import { versionedDouble } from "../../../emulator/versioned";

export const promptVersionDouble = versionedDouble({
  file: "prompt_versions",
  segment: "prompts",
  idParam: "prompt_id",
  text: "prompt_text",
  noun: "Prompt",
  promote: true,
});
