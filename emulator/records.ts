// The records the emulator keeps for agents, simulations, digital humans and custom metrics, how a
// validated request body becomes one (Bluejay's defaults filled in), how an update changes one, and
// the shapes Bluejay answers with (which differ from the stored record in the places the OpenAPI
// description says they do).
import { createHash, randomBytes, randomUUID } from "crypto";
import type {
  AgentMode,
  AgentType,
  ConnectionType,
  CustomMetricResponseType,
  EvalRoute,
  SimulationType,
} from "../provider/client/schemas";
import type {
  CreateAgentBody,
  CreateCustomMetricBody,
  CreateSimulationBody,
  DigitalHumanDataBody,
  UpdateAgentBody,
  UpdateCustomMetricBody,
  UpdateDigitalHumanBody,
  UpdateSimulationBody,
} from "./bodies";
import { unique } from "./store";

/** The organization every emulated record belongs to. */
export const EMULATOR_ORGANIZATION_ID = "0b1ee000-0000-4000-8000-00000000b1e1";

type Json = Record<string, unknown>;

// ---- agents ----

/** An agent as `GET /v1/agents/{id}` answers it (`AgentPydantic`), plus the folder's name. */
export interface AgentRecord {
  id: number;
  name: string;
  /** The `system_prompt` of the request. */
  agent_description: string;
  knowledge_base: string;
  organization_id: string;
  goals: string[] | null;
  mode: AgentMode;
  type: AgentType | null;
  connection_type: ConnectionType | null;
  phone_number: string | null;
  websocket_url: string | null;
  redact_pii: boolean | null;
  folder_id: string | null;
  created_at: string;
  keyterms: string[] | null;
  voice_provider: string | null;
  provider_id: string | null;
  websocket_username: string | null;
  websocket_password: string | null;
  external_agent_id: string | null;
  sip_uri: string | null;
  custom_sip_headers: Record<string, string> | null;
  sip_username: string | null;
  sip_password: string | null;
  simulation_notifications: Json;
  livekit_agent_name: string | null;
  livekit_metadata: Json | null;
  pipecat_agent_name: string | null;
  pipecat_agent_configuration: Json | null;
  pipecat_room_properties: Json | null;
  http_webhook: string | null;
  http_webhook_key: string | null;
  enable_outbound_call_auto_start: boolean | null;
  /** Not in `AgentPydantic` (it answers `folder_id`): the folder name, for the update answer. */
  folder: string | null;
}

/** Fields an agent request and the stored record share by name. */
const AGENT_PLAIN_FIELDS = [
  "name",
  "knowledge_base",
  "goals",
  "type",
  "connection_type",
  "phone_number",
  "keyterms",
  "external_agent_id",
  "websocket_url",
  "websocket_username",
  "websocket_password",
  "sip_uri",
  "sip_username",
  "sip_password",
  "custom_sip_headers",
  "redact_pii",
  "livekit_agent_name",
  "livekit_metadata",
  "pipecat_agent_name",
  "pipecat_agent_configuration",
  "pipecat_room_properties",
  "http_webhook",
  "voice_provider",
  "provider_id",
  "enable_outbound_call_auto_start",
] as const;

export function newAgent(id: number, body: CreateAgentBody, now: Date): AgentRecord {
  const folder = body.folder ?? null;
  return {
    id,
    name: body.name,
    agent_description: body.system_prompt,
    knowledge_base: body.knowledge_base,
    organization_id: EMULATOR_ORGANIZATION_ID,
    goals: body.goals,
    mode: body.mode ?? "VOICE",
    type: body.type,
    connection_type: body.connection_type ?? null,
    phone_number: body.phone_number ?? null,
    websocket_url: body.websocket_url ?? null,
    redact_pii: body.redact_pii,
    folder_id: folder === null ? null : folderId(folder),
    created_at: now.toISOString(),
    keyterms: body.keyterms ?? null,
    voice_provider: body.voice_provider ?? null,
    provider_id: body.provider_id ?? null,
    websocket_username: body.websocket_username ?? null,
    websocket_password: body.websocket_password ?? null,
    external_agent_id: body.external_agent_id ?? null,
    sip_uri: body.sip_uri ?? null,
    custom_sip_headers: body.custom_sip_headers ?? null,
    sip_username: body.sip_username ?? null,
    sip_password: body.sip_password ?? null,
    simulation_notifications: {},
    livekit_agent_name: body.livekit_agent_name ?? null,
    livekit_metadata: body.livekit_metadata ?? null,
    pipecat_agent_name: body.pipecat_agent_name ?? null,
    pipecat_agent_configuration: body.pipecat_agent_configuration ?? null,
    pipecat_room_properties: body.pipecat_room_properties ?? null,
    http_webhook: body.http_webhook ?? null,
    http_webhook_key: body.http_webhook ? webhookKey() : null,
    enable_outbound_call_auto_start: body.enable_outbound_call_auto_start ?? null,
    folder,
  };
}

/** `POST /v1/update-agent`: null or absent fields are left as they are. */
export function updateAgent(agent: AgentRecord, patch: UpdateAgentBody): void {
  for (const name of AGENT_PLAIN_FIELDS) {
    const value = patch[name];
    if (value !== undefined && value !== null) setField(agent, name, value);
  }
  if (patch.mode !== undefined && patch.mode !== null) agent.mode = patch.mode;
  if (patch.system_prompt !== undefined && patch.system_prompt !== null) {
    agent.agent_description = patch.system_prompt;
  }
  if (patch.folder !== undefined && patch.folder !== null) {
    agent.folder = patch.folder;
    agent.folder_id = folderId(patch.folder);
  }
  // A webhook gets a signing key once; changing the URL keeps it.
  if (agent.http_webhook && !agent.http_webhook_key) agent.http_webhook_key = webhookKey();
}

function setField<R, K extends keyof R>(record: R, name: K, value: R[K]): void {
  record[name] = value;
}

/** `AgentPydantic`: the record without the folder name. */
export function agentView(agent: AgentRecord): Omit<AgentRecord, "folder"> {
  const { folder: _folder, ...view } = agent;
  return view;
}

/** The updated agent in the shape of `AgentUpdateRequest` (as `AgentUpdateResponse.agent` has it). */
export function agentUpdateView(agent: AgentRecord): Json {
  const view: Json = { agent_id: String(agent.id), system_prompt: agent.agent_description };
  for (const name of AGENT_PLAIN_FIELDS) view[name] = agent[name];
  view.mode = agent.mode;
  view.folder = agent.folder;
  return view;
}

/** A folder's id: the same name always gives the same UUID. */
function folderId(name: string): string {
  const hex = createHash("sha256").update(`folder:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function webhookKey(): string {
  return `whsec_${randomBytes(24).toString("hex")}`;
}

// ---- simulations ----

/** The create-only fields Bluejay keeps in a simulation's free-form `settings`. */
export interface SimulationSettings {
  prompt_id: string | null;
  knowledge_base_id: string | null;
  sequential_calling: boolean | null;
  hangup_on_transfer: boolean | null;
  max_call_duration: number | null;
  max_call_duration_units: "minutes" | "seconds" | null;
  digital_humans_settings: Json | null;
  selected_custom_metrics: string[] | null;
  custom_metrics_failing_threshold: number | null;
  custom_metrics_passing_threshold: number | null;
}

/** A simulation as `GET /v1/simulation/{id}` answers it (`SimulationPydantic`). */
export interface SimulationRecord {
  id: number;
  agent_id: number;
  name: string;
  created_at: string;
  settings: SimulationSettings;
  type: SimulationType;
  max_concurrent: number | null;
  max_turns: number | null;
  ringing_timeout: number | null;
  tags: string[] | null;
  description: string | null;
  pinned: boolean | null;
  always_on: boolean | null;
}

const SETTINGS_FIELDS = [
  "prompt_id",
  "knowledge_base_id",
  "hangup_on_transfer",
  "max_call_duration",
  "max_call_duration_units",
  "digital_humans_settings",
  "selected_custom_metrics",
  "custom_metrics_failing_threshold",
  "custom_metrics_passing_threshold",
] as const;

export function newSimulation(
  id: number,
  agentId: number,
  body: CreateSimulationBody,
  now: Date,
): SimulationRecord {
  const settings: SimulationSettings = {
    prompt_id: body.prompt_id ?? null,
    knowledge_base_id: body.knowledge_base_id ?? null,
    sequential_calling: body.sequential_calling,
    hangup_on_transfer: body.hangup_on_transfer,
    max_call_duration: body.max_call_duration,
    max_call_duration_units: body.max_call_duration_units,
    digital_humans_settings: body.digital_humans_settings ?? null,
    selected_custom_metrics: body.selected_custom_metrics ?? null,
    custom_metrics_failing_threshold: body.custom_metrics_failing_threshold ?? null,
    custom_metrics_passing_threshold: body.custom_metrics_passing_threshold ?? null,
  };
  const maxConcurrent = body.max_concurrent ?? null;
  return {
    id,
    agent_id: agentId,
    name: body.name ?? "Untitled simulation",
    created_at: now.toISOString(),
    settings,
    type: simulationType(settings.sequential_calling, maxConcurrent),
    max_concurrent: maxConcurrent,
    max_turns: null,
    ringing_timeout: body.ringing_timeout,
    tags: null,
    description: body.description ?? null,
    pinned: false,
    always_on: body.always_on,
  };
}

/**
 * `PUT /v1/simulation/{id}`: "only fields provided in the request body will be updated"; the emulator
 * reads a null like an absent field (left as is). Create-only fields are updated inside `settings`,
 * and `digital_humans_settings` replaces the stored object.
 */
export function updateSimulation(simulation: SimulationRecord, patch: UpdateSimulationBody): void {
  for (const name of SETTINGS_FIELDS) {
    const value = patch[name];
    if (value !== undefined && value !== null) setField(simulation.settings, name, value);
  }
  if (patch.name !== undefined && patch.name !== null) simulation.name = patch.name;
  if (patch.description !== undefined && patch.description !== null)
    simulation.description = patch.description;
  if (patch.max_concurrent !== undefined && patch.max_concurrent !== null) {
    simulation.max_concurrent = patch.max_concurrent;
  }
  if (patch.max_turns !== undefined && patch.max_turns !== null) simulation.max_turns = patch.max_turns;
  if (patch.ringing_timeout !== undefined && patch.ringing_timeout !== null) {
    simulation.ringing_timeout = patch.ringing_timeout;
  }
  if (patch.tags !== undefined && patch.tags !== null) simulation.tags = patch.tags;
  if (patch.pinned !== undefined && patch.pinned !== null) simulation.pinned = patch.pinned;
  simulation.type = simulationType(simulation.settings.sequential_calling, simulation.max_concurrent);
}

function simulationType(sequential: boolean | null, maxConcurrent: number | null): SimulationType {
  if (sequential) return "sequential";
  return maxConcurrent === null ? "parallel" : "max_concurrent";
}

/** `SimulationRes`: the item of a simulations list. */
export function simulationSummary(simulation: SimulationRecord): Json {
  const { id, name, agent_id, created_at, settings } = simulation;
  return { id, name, agent_id, created_at, settings };
}

// ---- digital humans ----

type DigitalHumanData = Omit<
  DigitalHumanDataBody,
  "num_runs" | "always_on_mode" | "always_on_active" | "language" | "accent" | "gender"
>;

/**
 * A digital human: `DigitalHumanResponseData`, its simulations, and the fields Bluejay accepts but never
 * answers (`num_runs`, `always_on_mode`, `always_on_active`).
 */
export interface DigitalHumanRecord {
  id: number;
  intent: string;
  success_criteria: string;
  tag: string | null;
  name: string | null;
  language: DigitalHumanDataBody["language"];
  accent: NonNullable<DigitalHumanDataBody["accent"]> | null;
  gender: NonNullable<DigitalHumanDataBody["gender"]> | null;
  background_noise: string | null;
  voice_speed: string | null;
  audio_quality: string | null;
  fluency: string | null;
  verbosity: string | null;
  phone_number: string | null;
  outbound_text_number: string | null;
  websocket_url: string | null;
  background_noise_volume: number | null;
  expected_tool_calls: NonNullable<DigitalHumanData["expected_tool_calls"]> | null;
  allow_end_call_tool: boolean | null;
  endpointing_delay: number | null;
  creativity: number | null;
  hangup_phrases: string[] | null;
  hangup_instructions: string | null;
  allow_silence_tool: boolean | null;
  silence_tool_instructions: string | null;
  silence_timeout: number | null;
  role_description: string | null;
  created_at: string;
  traits: NonNullable<DigitalHumanData["traits"]> | null;
  interruptions: NonNullable<DigitalHumanData["interruptions"]> | null;
  scripted_responses: NonNullable<DigitalHumanData["scripted_responses"]> | null;
  speaks_first_config: NonNullable<DigitalHumanData["speaks_first_config"]> | null;
  original_transcript: string | null;
  formatted_transcript: Record<string, string>[] | null;
  enriched_playback: Json[] | null;
  livekit_metadata: Json | null;
  simulation_ids: number[];
  num_runs: number | null;
  always_on_mode: boolean | null;
  always_on_active: boolean | null;
}

/** Fields an update may set that are stored under the same name (everything but `simulation_ids`). */
const DIGITAL_HUMAN_UPDATABLE = [
  "intent",
  "success_criteria",
  "name",
  "tag",
  "language",
  "accent",
  "gender",
  "background_noise",
  "voice_speed",
  "audio_quality",
  "fluency",
  "verbosity",
  "phone_number",
  "outbound_text_number",
  "background_noise_volume",
  "expected_tool_calls",
  "allow_end_call_tool",
  "endpointing_delay",
  "creativity",
  "hangup_phrases",
  "hangup_instructions",
  "allow_silence_tool",
  "silence_tool_instructions",
  "silence_timeout",
  "role_description",
  "traits",
  "interruptions",
  "scripted_responses",
  "speaks_first_config",
  "original_transcript",
  "formatted_transcript",
  "enriched_playback",
  "livekit_metadata",
  "num_runs",
  "always_on_mode",
  "always_on_active",
] as const;

export function newDigitalHuman(
  id: number,
  data: DigitalHumanDataBody,
  simulationIds: number[],
  now: Date,
): DigitalHumanRecord {
  return {
    id,
    intent: data.intent,
    success_criteria: data.success_criteria,
    tag: data.tag ?? null,
    name: data.name ?? null,
    language: data.language,
    accent: data.accent ?? null,
    gender: data.gender ?? null,
    background_noise: data.background_noise,
    voice_speed: data.voice_speed,
    audio_quality: data.audio_quality,
    fluency: data.fluency,
    verbosity: data.verbosity,
    phone_number: data.phone_number,
    outbound_text_number: data.outbound_text_number ?? null,
    websocket_url: null,
    background_noise_volume: data.background_noise_volume,
    expected_tool_calls: data.expected_tool_calls ?? null,
    allow_end_call_tool: data.allow_end_call_tool,
    endpointing_delay: data.endpointing_delay,
    creativity: data.creativity,
    hangup_phrases: data.hangup_phrases ?? null,
    hangup_instructions: data.hangup_instructions ?? null,
    allow_silence_tool: data.allow_silence_tool,
    silence_tool_instructions: data.silence_tool_instructions,
    silence_timeout: data.silence_timeout ?? null,
    role_description: data.role_description ?? null,
    created_at: now.toISOString(),
    traits: data.traits ?? null,
    interruptions: data.interruptions ?? null,
    scripted_responses: data.scripted_responses ?? null,
    speaks_first_config: data.speaks_first_config ?? null,
    original_transcript: data.original_transcript ?? null,
    formatted_transcript: data.formatted_transcript ?? null,
    enriched_playback: data.enriched_playback ?? null,
    livekit_metadata: data.livekit_metadata ?? null,
    simulation_ids: unique(simulationIds),
    num_runs: data.num_runs,
    always_on_mode: data.always_on_mode,
    always_on_active: data.always_on_active ?? null,
  };
}

/**
 * `PUT /v1/update-digital-human/{id}`: null or absent fields are left as they are; a list or object
 * that is given replaces the stored one wholesale ("If provided, completely replaces ...").
 */
export function updateDigitalHuman(human: DigitalHumanRecord, patch: UpdateDigitalHumanBody): void {
  for (const name of DIGITAL_HUMAN_UPDATABLE) {
    const value = patch[name];
    if (value !== undefined && value !== null) setField(human, name, value);
  }
  if (patch.simulation_ids !== undefined && patch.simulation_ids !== null) {
    human.simulation_ids = unique(patch.simulation_ids);
  }
}

/** `DigitalHumanResponseData`: the record without its simulations and the never-answered fields. */
export function digitalHumanData(human: DigitalHumanRecord): Json {
  const {
    simulation_ids: _simulations,
    num_runs: _runs,
    always_on_mode: _mode,
    always_on_active: _active,
    ...data
  } = human;
  return data;
}

/** `DigitalHumanResponse`: the data wrapped with its simulations (`simulation_id` is deprecated). */
export function digitalHumanResponse(human: DigitalHumanRecord): Json {
  return {
    digital_human: digitalHumanData(human),
    simulation_ids: [...human.simulation_ids],
    simulation_id: human.simulation_ids[0] ?? null,
  };
}

// ---- custom metrics ----

/** A custom metric as `GET /v1/custom-metric/{id}` answers it (`CustomMetricResponse`). */
export interface CustomMetricRecord {
  id: string;
  name: string;
  description: string;
  response_type: CustomMetricResponseType;
  agent_ids: number[];
  min_value: number | null;
  max_value: number | null;
  category: string | null;
  tags: string[] | null;
  scoring_guidance: string | null;
  created_at: string;
  eval_route: EvalRoute | null;
  model: string | null;
  audio_model: string | null;
  temperature: number | null;
  enum_options: string[] | null;
  allow_not_applicable: boolean;
}

const METRIC_UPDATABLE = [
  "name",
  "description",
  "response_type",
  "min_value",
  "max_value",
  "category",
  "tags",
  "scoring_guidance",
  "eval_route",
  "model",
  "audio_model",
  "temperature",
  "enum_options",
  "allow_not_applicable",
] as const;

/** The agents a create names: `agent_ids` plus the deprecated `agent_id`. */
export function metricAgentIds(body: CreateCustomMetricBody): number[] {
  const ids = [...(body.agent_ids ?? [])];
  if (body.agent_id !== undefined && body.agent_id !== null) ids.push(body.agent_id);
  return unique(ids);
}

export function newCustomMetric(body: CreateCustomMetricBody, now: Date): CustomMetricRecord {
  return {
    id: randomUUID(),
    name: body.name,
    description: body.description,
    response_type: body.response_type,
    agent_ids: metricAgentIds(body),
    min_value: body.min_value ?? null,
    max_value: body.max_value ?? null,
    category: body.category ?? null,
    tags: body.tags ?? null,
    scoring_guidance: body.scoring_guidance ?? null,
    created_at: now.toISOString(),
    eval_route: body.eval_route,
    model: body.model ?? null,
    audio_model: body.audio_model ?? null,
    temperature: body.temperature ?? null,
    enum_options: body.enum_options ?? null,
    allow_not_applicable: body.allow_not_applicable,
  };
}

/** `PUT /v1/update-custom-metric/{id}`: null or absent fields are left as they are; `agent_ids` replaces. */
export function updateCustomMetric(metric: CustomMetricRecord, patch: UpdateCustomMetricBody): void {
  for (const name of METRIC_UPDATABLE) {
    const value = patch[name];
    if (value !== undefined && value !== null) setField(metric, name, value);
  }
  if (patch.agent_ids !== undefined && patch.agent_ids !== null) metric.agent_ids = unique(patch.agent_ids);
}

/** `src__models__custom_metric__CustomMetric`: the database row, as delete answers it. */
export function deletedCustomMetric(metric: CustomMetricRecord): Json {
  const { agent_ids, tags, ...rest } = metric;
  return {
    ...rest,
    agent_id: agent_ids[0] ?? null,
    tags: tags ?? [],
    organization_id: EMULATOR_ORGANIZATION_ID,
  };
}
