// Bluejay's knowledge-base versions on the wire (snake_case), as its OpenAPI description gives them:
// the prompt versions' shapes (provider/kinds/prompt-version/wire.ts) under
// `/v1/agents/{agent_id}/knowledge-bases/…`, with `kb_text` and `kb_id`, and no promote endpoint.
import { versionWire } from "../../dynamic/versioned";

const wire = versionWire("kb_text");

/** `CreateKnowledgeBaseVersionBody`. */
export const WireCreateKnowledgeBaseVersionSchema = wire.create;
/** `KnowledgeBaseResponse`: what create, read and the list's items answer. */
export const WireKnowledgeBaseSchema = wire.version;
