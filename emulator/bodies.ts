// The request bodies Bluejay's OpenAPI description declares, as validation specs: each field's type,
// whether it is required or nullable, and the default pydantic fills in when it is absent.
import {
  ACCENT_TYPES,
  AGENT_MODES,
  AGENT_TYPES,
  AUDIO_QUALITY_TYPES,
  BACKGROUND_NOISE_TYPES,
  CONNECTION_TYPES,
  CUSTOM_METRIC_RESPONSE_TYPES,
  EVAL_ROUTES,
  FLUENCY_TYPES,
  GENDER_TYPES,
  LANGUAGE_TYPES,
  MATCH_TYPES,
  OCCURRENCE_MODES,
  SCRIPTED_RESPONSE_TYPES,
  SIMPLE_INTERRUPTION_LEVELS,
  TRAIT_DATA_TYPES,
  VERBOSITY_TYPES,
  VOICE_SPEED_TYPES,
} from "../provider/client/schemas";
import {
  anyValue,
  bool,
  dict,
  enumOf,
  int,
  list,
  literal,
  model,
  num,
  optional,
  required,
  requiredNullable,
  str,
  union,
  uuid,
  withDefault,
  type ModelValue,
} from "./validation";

// ---- communities ----

/** `CreateCommunityRequest`. */
export const CREATE_COMMUNITY = model("CreateCommunityRequest", {
  title: required(str()),
  description: optional(str()),
  digital_human_ids: optional(list(int())),
});
/** `UpdateCommunityRequest`. */
export const UPDATE_COMMUNITY = model("UpdateCommunityRequest", {
  title: optional(str()),
  description: optional(str()),
  digital_human_ids: optional(list(int())),
});
/** `AddToCommunityRequest`. */
export const ADD_TO_COMMUNITY = model("AddToCommunityRequest", {
  digital_human_ids: required(list(int())),
});

// ---- agents ----
// Fields are listed in the OpenAPI description's order: pydantic reports errors in that order.

const optionalStr = () => optional(str());

/** `AgentRequest`. */
export const CREATE_AGENT = model("AgentRequest", {
  name: required(str()),
  system_prompt: required(str()),
  knowledge_base: required(str()),
  phone_number: optionalStr(),
  goals: required(list(str())),
  type: withDefault(enumOf(AGENT_TYPES), "INBOUND", true),
  connection_type: optional(enumOf(CONNECTION_TYPES)),
  mode: withDefault(enumOf(AGENT_MODES), "VOICE", true),
  keyterms: optional(list(str())),
  external_agent_id: optionalStr(),
  folder: optionalStr(),
  websocket_url: optionalStr(),
  websocket_username: optionalStr(),
  websocket_password: optionalStr(),
  sip_uri: optionalStr(),
  sip_username: optionalStr(),
  sip_password: optionalStr(),
  custom_sip_headers: optional(dict(str())),
  redact_pii: withDefault(bool(), false, true),
  livekit_agent_name: optionalStr(),
  livekit_metadata: optional(dict(anyValue())),
  pipecat_agent_name: optionalStr(),
  pipecat_agent_configuration: optional(dict(anyValue())),
  pipecat_room_properties: optional(dict(anyValue())),
  http_webhook: optionalStr(),
  voice_provider: optionalStr(),
  provider_id: optionalStr(),
  enable_outbound_call_auto_start: optional(bool()),
});
export type CreateAgentBody = ModelValue<typeof CREATE_AGENT.fields>;

/** `AgentUpdateRequest`: the id is a required (nullable) *string*; the rest is optional. */
export const UPDATE_AGENT = model("AgentUpdateRequest", {
  agent_id: requiredNullable(str()),
  external_agent_id: optionalStr(),
  name: optionalStr(),
  system_prompt: optionalStr(),
  knowledge_base: optionalStr(),
  phone_number: optionalStr(),
  goals: optional(list(str())),
  type: optional(enumOf(AGENT_TYPES)),
  connection_type: optional(enumOf(CONNECTION_TYPES)),
  mode: optional(enumOf(AGENT_MODES)),
  keyterms: optional(list(str())),
  folder: optionalStr(),
  websocket_url: optionalStr(),
  websocket_username: optionalStr(),
  websocket_password: optionalStr(),
  sip_uri: optionalStr(),
  sip_username: optionalStr(),
  sip_password: optionalStr(),
  custom_sip_headers: optional(dict(str())),
  redact_pii: optional(bool()),
  livekit_agent_name: optionalStr(),
  livekit_metadata: optional(dict(anyValue())),
  pipecat_agent_name: optionalStr(),
  pipecat_agent_configuration: optional(dict(anyValue())),
  pipecat_room_properties: optional(dict(anyValue())),
  http_webhook: optionalStr(),
  voice_provider: optionalStr(),
  provider_id: optionalStr(),
  enable_outbound_call_auto_start: optional(bool()),
});
export type UpdateAgentBody = ModelValue<typeof UPDATE_AGENT.fields>;

// ---- simulations ----

/** `DigitalHumansSettings`. */
const DIGITAL_HUMANS_SETTINGS = model("DigitalHumansSettings", {
  default_name: withDefault(str(), "random", true),
  default_caller_number: withDefault(str(), "random", true),
  default_language: withDefault(str(), "random", true),
  default_background_noise: withDefault(str(), "none", true),
  first_message: withDefault(str(), "ai_generated", true),
  num_runs: withDefault(int({ ge: 1 }), 1, true),
});

const maxConcurrent = int({ gt: 0, le: 500 });
const threshold = int({ ge: 0, le: 100 });

/** `SimulationRequest`: `agent_id` is a *string*. */
export const CREATE_SIMULATION = model("SimulationRequest", {
  agent_id: required(str()),
  name: optional(str()),
  description: optional(str()),
  prompt_id: optional(uuid()),
  knowledge_base_id: optional(uuid()),
  sequential_calling: withDefault(bool(), false, true),
  max_concurrent: optional(maxConcurrent),
  hangup_on_transfer: withDefault(bool(), false, true),
  max_call_duration: withDefault(int(), 10, true),
  max_call_duration_units: withDefault(literal("minutes", "seconds"), "minutes", true),
  ringing_timeout: withDefault(int(), 300, true),
  digital_humans_settings: optional(DIGITAL_HUMANS_SETTINGS),
  selected_custom_metrics: optional(list(uuid())),
  custom_metrics_failing_threshold: optional(threshold),
  custom_metrics_passing_threshold: optional(threshold),
  always_on: withDefault(bool(), false, true),
});
export type CreateSimulationBody = ModelValue<typeof CREATE_SIMULATION.fields>;

/** `src__api__simulations__UpdateSimulationRequest`: every field optional. */
export const UPDATE_SIMULATION = model("UpdateSimulationRequest", {
  name: optional(str()),
  description: optional(str()),
  prompt_id: optional(uuid()),
  knowledge_base_id: optional(uuid()),
  max_concurrent: optional(maxConcurrent),
  hangup_on_transfer: optional(bool()),
  max_call_duration: optional(int()),
  max_call_duration_units: optional(literal("minutes", "seconds")),
  max_turns: optional(int()),
  ringing_timeout: optional(int()),
  digital_humans_settings: optional(dict(anyValue())),
  selected_custom_metrics: optional(list(uuid())),
  custom_metrics_failing_threshold: optional(threshold),
  custom_metrics_passing_threshold: optional(threshold),
  tags: optional(list(str())),
  pinned: optional(bool()),
});
export type UpdateSimulationBody = ModelValue<typeof UPDATE_SIMULATION.fields>;

// ---- digital humans ----

/** `ExpectedToolCall`. */
const EXPECTED_TOOL_CALL = model("ExpectedToolCall", {
  name: required(str()),
  parameters: withDefault(dict(anyValue()), null, true),
  output: withDefault(anyValue(), null),
});

/** `Trait`. */
const TRAIT = model("Trait", {
  trait_name: required(str()),
  trait_data_type: required(enumOf(TRAIT_DATA_TYPES)),
  value: required(anyValue()),
  is_sip_header: withDefault(bool(), false),
});

/** `ScriptedResponse`. */
const SCRIPTED_RESPONSE = model("ScriptedResponse", {
  match_type: required(enumOf(MATCH_TYPES)),
  match_phrase: required(str()),
  response_type: required(enumOf(SCRIPTED_RESPONSE_TYPES)),
  response_value: withDefault(str(), null, true),
  occurrence_mode: required(enumOf(OCCURRENCE_MODES)),
  occurrence_n: withDefault(int({ gt: 0 }), null, true),
  silence_duration: withDefault(int({ gt: 0 }), null, true),
});

/** `SpeaksFirstConfig`. */
const SPEAKS_FIRST_CONFIG = model("SpeaksFirstConfig", {
  speaks_first: required(bool()),
  mode: withDefault(literal("custom", "ai_generated"), null, true),
  message: withDefault(str(), null, true),
});

/** `SimpleInterruptionConfig | KeywordsInterruptionConfig | ContextualInterruptionConfig`. */
const INTERRUPTIONS = union({
  SimpleInterruptionConfig: model("SimpleInterruptionConfig", {
    type: required(literal(...SIMPLE_INTERRUPTION_LEVELS)),
  }),
  KeywordsInterruptionConfig: model("KeywordsInterruptionConfig", {
    type: required(literal("keywords")),
    keyword_responses: required(
      list(
        model("KeywordResponse", {
          keyword: required(str()),
          response: required(str()),
          probability: withDefault(num({ ge: 0, le: 1 }), 1),
        }),
      ),
    ),
  }),
  ContextualInterruptionConfig: model("ContextualInterruptionConfig", {
    type: required(literal("contextual")),
    contextual_prompt: required(str()),
  }),
});

/** `DigitalHumanRequestData`: `phone_number` is required. */
const DIGITAL_HUMAN_DATA = model("DigitalHumanRequestData", {
  intent: withDefault(str(), ""),
  success_criteria: withDefault(str(), ""),
  name: optionalStr(),
  tag: optionalStr(),
  language: withDefault(enumOf(LANGUAGE_TYPES), "en", true),
  accent: optional(enumOf(ACCENT_TYPES)),
  gender: optional(enumOf(GENDER_TYPES)),
  background_noise: withDefault(enumOf(BACKGROUND_NOISE_TYPES), "none", true),
  voice_speed: withDefault(enumOf(VOICE_SPEED_TYPES), "normal", true),
  audio_quality: withDefault(enumOf(AUDIO_QUALITY_TYPES), "high", true),
  fluency: withDefault(enumOf(FLUENCY_TYPES), "native", true),
  verbosity: withDefault(enumOf(VERBOSITY_TYPES), "medium", true),
  phone_number: required(str()),
  outbound_text_number: optionalStr(),
  background_noise_volume: withDefault(num({ ge: 0, le: 1 }), 0.8, true),
  expected_tool_calls: optional(list(EXPECTED_TOOL_CALL)),
  allow_end_call_tool: withDefault(bool(), true, true),
  endpointing_delay: withDefault(num(), 1.5, true),
  creativity: withDefault(num({ ge: 0, le: 2 }), 0.7, true),
  hangup_phrases: optional(list(str())),
  hangup_instructions: optionalStr(),
  allow_silence_tool: withDefault(bool(), false),
  silence_tool_instructions: withDefault(str(), "default"),
  silence_timeout: optional(int({ ge: 15 })),
  role_description: optionalStr(),
  traits: optional(list(TRAIT)),
  interruptions: optional(INTERRUPTIONS),
  scripted_responses: optional(list(SCRIPTED_RESPONSE)),
  speaks_first_config: optional(SPEAKS_FIRST_CONFIG),
  original_transcript: optionalStr(),
  formatted_transcript: optional(list(dict(str()))),
  enriched_playback: optional(list(dict(anyValue()))),
  always_on_mode: withDefault(bool(), false, true),
  always_on_active: optional(bool()),
  num_runs: withDefault(int({ ge: 1 }), 1, true),
  livekit_metadata: optional(dict(anyValue())),
});
export type DigitalHumanDataBody = ModelValue<typeof DIGITAL_HUMAN_DATA.fields>;

/** `CreateDigitalHumanRequest`: the data is wrapped in `digital_human`. */
export const CREATE_DIGITAL_HUMAN = model("CreateDigitalHumanRequest", {
  simulation_ids: optional(list(int())),
  simulation_id: optional(int()),
  digital_human: required(DIGITAL_HUMAN_DATA),
});
export type CreateDigitalHumanBody = ModelValue<typeof CREATE_DIGITAL_HUMAN.fields>;

/**
 * `UpdateDigitalHumanRequest`: flat; every field optional. The description gives some fields defaults
 * (`language` "en", `creativity` 0.7, ...); the emulator treats an absent field as "leave as is".
 */
export const UPDATE_DIGITAL_HUMAN = model("UpdateDigitalHumanRequest", {
  intent: optionalStr(),
  success_criteria: optionalStr(),
  name: optionalStr(),
  tag: optionalStr(),
  language: optional(enumOf(LANGUAGE_TYPES)),
  accent: optional(enumOf(ACCENT_TYPES)),
  gender: optional(enumOf(GENDER_TYPES)),
  background_noise: optional(enumOf(BACKGROUND_NOISE_TYPES)),
  voice_speed: optional(enumOf(VOICE_SPEED_TYPES)),
  audio_quality: optional(enumOf(AUDIO_QUALITY_TYPES)),
  fluency: optional(enumOf(FLUENCY_TYPES)),
  verbosity: optional(enumOf(VERBOSITY_TYPES)),
  phone_number: optionalStr(),
  outbound_text_number: optionalStr(),
  background_noise_volume: optional(num({ ge: 0, le: 1 })),
  expected_tool_calls: optional(list(EXPECTED_TOOL_CALL)),
  allow_end_call_tool: optional(bool()),
  endpointing_delay: optional(num()),
  creativity: optional(num({ ge: 0, le: 2 })),
  hangup_phrases: optional(list(str())),
  hangup_instructions: optionalStr(),
  allow_silence_tool: optional(bool()),
  silence_tool_instructions: optionalStr(),
  silence_timeout: optional(int({ ge: 15 })),
  simulation_ids: optional(list(int())),
  traits: optional(list(TRAIT)),
  interruptions: optional(INTERRUPTIONS),
  scripted_responses: optional(list(SCRIPTED_RESPONSE)),
  role_description: optionalStr(),
  speaks_first_config: optional(SPEAKS_FIRST_CONFIG),
  original_transcript: optionalStr(),
  formatted_transcript: optional(list(dict(str()))),
  enriched_playback: optional(list(dict(anyValue()))),
  num_runs: optional(int({ ge: 1 })),
  livekit_metadata: optional(dict(anyValue())),
  always_on_mode: optional(bool()),
  always_on_active: optional(bool()),
  override_conflict: withDefault(bool(), false, true),
});
export type UpdateDigitalHumanBody = ModelValue<typeof UPDATE_DIGITAL_HUMAN.fields>;

// ---- custom metrics ----

/** `CreateCustomMetricRequest`. */
export const CREATE_CUSTOM_METRIC = model("CreateCustomMetricRequest", {
  agent_id: optional(int()),
  agent_ids: optional(list(int())),
  name: required(str()),
  description: required(str()),
  response_type: required(enumOf(CUSTOM_METRIC_RESPONSE_TYPES)),
  min_value: optional(num()),
  max_value: optional(num()),
  category: optionalStr(),
  tags: optional(list(str())),
  scoring_guidance: optionalStr(),
  eval_route: withDefault(enumOf(EVAL_ROUTES), "AUTO", true),
  model: optionalStr(),
  audio_model: optionalStr(),
  temperature: optional(num()),
  enum_options: optional(list(str())),
  allow_not_applicable: withDefault(bool(), false),
});
export type CreateCustomMetricBody = ModelValue<typeof CREATE_CUSTOM_METRIC.fields>;

/**
 * `UpdateCustomMetricRequest`. The description declares `eval_route` with the default "AUTO"; the
 * emulator treats an absent `eval_route` as "leave as is", like every other absent field.
 */
export const UPDATE_CUSTOM_METRIC = model("UpdateCustomMetricRequest", {
  name: optionalStr(),
  description: optionalStr(),
  response_type: optional(enumOf(CUSTOM_METRIC_RESPONSE_TYPES)),
  agent_ids: optional(list(int())),
  min_value: optional(num()),
  max_value: optional(num()),
  category: optionalStr(),
  tags: optional(list(str())),
  scoring_guidance: optionalStr(),
  eval_route: optional(enumOf(EVAL_ROUTES)),
  model: optionalStr(),
  audio_model: optionalStr(),
  temperature: optional(num()),
  enum_options: optional(list(str())),
  allow_not_applicable: optional(bool()),
});
export type UpdateCustomMetricBody = ModelValue<typeof UPDATE_CUSTOM_METRIC.fields>;
