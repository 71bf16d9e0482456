// zod schemas for Bluejay's Agents operations (snake_case), as its OpenAPI description gives them:
// `POST /v1/add-agent`, `GET /v1/agents/{agent_id}`, `POST /v1/update-agent`, `DELETE /v1/agent/{agent_id}`
// and `GET /v1/all-agents`. Request schemas are strict (an unknown key is a typo); response schemas
// accept extra fields, so Bluejay can add fields without breaking us.
//
// The traps, on purpose modelled as the OpenAPI states them:
// - the agent id is an integer in `AgentResponse.agent_id`, a *string* (nullable, but required) in
//   `AgentUpdateRequest.agent_id`, and a string *or* integer (or null) in `AgentPydantic.id`;
// - the request's `system_prompt` is returned as `agent_description`, and the request's `folder` (a
//   name) as `folder_id` (a UUID);
// - `AgentPydantic` returns the secrets `websocket_password`, `sip_password` and `http_webhook_key`.
import { z } from "zod";
import { DateTimeSchema, FreeObjectSchema, UUID_RE, updatable } from "../../client/wire";

/** `AgentType`. */
export const AGENT_TYPES = ["INBOUND", "OUTBOUND"] as const;
export const AgentTypeSchema = z.enum(AGENT_TYPES);
export type AgentType = z.infer<typeof AgentTypeSchema>;

/** `AgentMode`. */
export const AGENT_MODES = ["VOICE", "TEXT"] as const;
export const AgentModeSchema = z.enum(AGENT_MODES);
export type AgentMode = z.infer<typeof AgentModeSchema>;

/** `ConnectionType`. */
export const CONNECTION_TYPES = [
  "SMS",
  "HTTP_WEBHOOK",
  "PHONE",
  "SIP",
  "WEBSOCKET",
  "LIVEKIT",
  "PIPECAT",
] as const;
export const ConnectionTypeSchema = z.enum(CONNECTION_TYPES);
export type ConnectionType = z.infer<typeof ConnectionTypeSchema>;

/** `AgentRequest` (the body of `POST /v1/add-agent`). */
export const WireCreateAgentSchema = z
  .object({
    name: z.string(),
    system_prompt: z.string(),
    knowledge_base: z.string(),
    phone_number: z.string().nullable().optional(),
    goals: z.array(z.string()),
    /** Default `INBOUND`. */
    type: AgentTypeSchema.nullable().optional(),
    connection_type: ConnectionTypeSchema.nullable().optional(),
    /** Default `VOICE`. */
    mode: AgentModeSchema.nullable().optional(),
    keyterms: z.array(z.string()).nullable().optional(),
    external_agent_id: z.string().nullable().optional(),
    /** A folder *name*; the agent answers `folder_id` (a UUID). */
    folder: z.string().nullable().optional(),
    websocket_url: z.string().nullable().optional(),
    websocket_username: z.string().nullable().optional(),
    websocket_password: z.string().nullable().optional(),
    sip_uri: z.string().nullable().optional(),
    sip_username: z.string().nullable().optional(),
    sip_password: z.string().nullable().optional(),
    custom_sip_headers: z.record(z.string()).nullable().optional(),
    /** Default false. */
    redact_pii: z.boolean().nullable().optional(),
    livekit_agent_name: z.string().nullable().optional(),
    livekit_metadata: FreeObjectSchema.nullable().optional(),
    pipecat_agent_name: z.string().nullable().optional(),
    pipecat_agent_configuration: FreeObjectSchema.nullable().optional(),
    pipecat_room_properties: FreeObjectSchema.nullable().optional(),
    http_webhook: z.string().nullable().optional(),
    voice_provider: z.string().nullable().optional(),
    provider_id: z.string().nullable().optional(),
    enable_outbound_call_auto_start: z.boolean().nullable().optional(),
  })
  .strict();
export type WireCreateAgent = z.infer<typeof WireCreateAgentSchema>;

/** `AgentResponse`: what `POST /v1/add-agent` and `DELETE /v1/agent/{agent_id}` answer. */
export const WireAgentResponseSchema = z.object({
  /** An integer here, unlike `AgentUpdateRequest.agent_id` (string) and `AgentPydantic.id` (either). */
  agent_id: z.number().int(),
  /** Default "200": a status code as a string. */
  status: z.string().optional(),
  /** The webhook signing key, only when `http_webhook` was set. A secret. */
  http_webhook_key: z.string().nullable().optional(),
});
export type WireAgentResponse = z.infer<typeof WireAgentResponseSchema>;

/** `AgentPydantic`: one agent, as `GET /v1/agents/{agent_id}` and `GET /v1/all-agents` answer it. */
export const WireAgentSchema = z.object({
  /** A string *or* an integer (or null), unlike `AgentResponse.agent_id`. */
  id: z.union([z.string(), z.number().int()]).nullable().optional(),
  name: z.string(),
  /** The `system_prompt` the agent was created with. */
  agent_description: z.string(),
  knowledge_base: z.string(),
  organization_id: z.string(),
  goals: z.array(z.string()).nullable().optional(),
  mode: AgentModeSchema,
  type: AgentTypeSchema.nullable().optional(),
  connection_type: ConnectionTypeSchema.nullable().optional(),
  phone_number: z.string().nullable().optional(),
  websocket_url: z.string().nullable().optional(),
  redact_pii: z.boolean().nullable().optional(),
  /** The folder, by UUID (the request names it by `folder`). */
  folder_id: z.string().regex(UUID_RE, "must be a UUID").nullable().optional(),
  created_at: DateTimeSchema.nullable().optional(),
  keyterms: z.array(z.string()).nullable().optional(),
  voice_provider: z.string().nullable().optional(),
  provider_id: z.string().nullable().optional(),
  websocket_username: z.string().nullable().optional(),
  /** A secret. */
  websocket_password: z.string().nullable().optional(),
  external_agent_id: z.string().nullable().optional(),
  sip_uri: z.string().nullable().optional(),
  /** Any JSON values here (the request restricts them to strings). */
  custom_sip_headers: FreeObjectSchema.nullable().optional(),
  sip_username: z.string().nullable().optional(),
  /** A secret. */
  sip_password: z.string().nullable().optional(),
  simulation_notifications: FreeObjectSchema.optional(),
  livekit_agent_name: z.string().nullable().optional(),
  livekit_metadata: FreeObjectSchema.nullable().optional(),
  pipecat_agent_name: z.string().nullable().optional(),
  pipecat_agent_configuration: FreeObjectSchema.nullable().optional(),
  pipecat_room_properties: FreeObjectSchema.nullable().optional(),
  http_webhook: z.string().nullable().optional(),
  /** A secret. */
  http_webhook_key: z.string().nullable().optional(),
  enable_outbound_call_auto_start: z.boolean().nullable().optional(),
});
export type WireAgent = z.infer<typeof WireAgentSchema>;

/** The answer of `GET /v1/all-agents`: a bare array of `AgentPydantic`. */
export const WireAgentListSchema = z.array(WireAgentSchema);
export type WireAgentList = z.infer<typeof WireAgentListSchema>;

const agentUpdateShape = {
  /** Required, nullable, and a *string* (the agent's integer id as text). */
  agent_id: z.string().nullable(),
  ...updatable(WireCreateAgentSchema.shape),
};

/**
 * `AgentUpdateRequest` (the body of `POST /v1/update-agent`): the id travels in the body, as a string;
 * every other field is optional, and null or absent means "leave as is".
 */
export const WireUpdateAgentSchema = z.object(agentUpdateShape).strict();
export type WireUpdateAgent = z.infer<typeof WireUpdateAgentSchema>;

/** `AgentUpdateResponse`: the updated agent in the *request's* shape (`AgentUpdateRequest`). */
export const WireAgentUpdateResponseSchema = z.object({
  agent: z.object(agentUpdateShape),
  status: z.string().optional(),
  /** The webhook signing key, only when the agent has an `http_webhook`. A secret. */
  http_webhook_key: z.string().nullable().optional(),
});
export type WireAgentUpdateResponse = z.infer<typeof WireAgentUpdateResponseSchema>;
