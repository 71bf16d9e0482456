// Bluejay's prompt versions on the wire (snake_case), as its OpenAPI description gives them:
// `POST /v1/agents/{agent_id}/prompts/versions` (`CreatePromptVersionBody`), `GET|DELETE
// /v1/agents/{agent_id}/prompts/{prompt_id}`, `GET /v1/agents/{agent_id}/prompts/versions` (a list, at
// most `limit` long), the label deltas `POST|DELETE …/prompts/versions/{version}/labels`
// (`LabelDeltaRequest` → `LabelListResponse`) and `POST …/prompts/promote?prompt_id=`, all answering
// `PromptResponse`. Knowledge-base versions have the same shapes with `kb_text`: both come from
// `versionWire` (provider/dynamic/versioned.ts).
//
// The traps: `PromptResponse` has no `created_at` and declares its `id` nullable; label deltas name
// the version's number, not its id; a remove whose `labels` is empty or null removes every label.
import { versionWire } from "../../dynamic/versioned";

const wire = versionWire("prompt_text");

/** `CreatePromptVersionBody`. */
export const WireCreatePromptVersionSchema = wire.create;
/** `PromptResponse`: what create, read, promote and the list's items answer. */
export const WirePromptSchema = wire.version;
