// zod schemas for Bluejay's Digital Humans operations (snake_case), as its OpenAPI description gives
// them: `POST /v1/create-digital-human`, `GET|DELETE /v1/digital-human/{digital_human_id}`,
// `PUT /v1/update-digital-human/{digital_human_id}` and
// `GET /v1/digital-humans-by-simulation/{simulation_id}`.
//
// The traps: create takes a *wrapped* body `{digital_human: {...}, simulation_ids}` and create, get and
// update answer a wrapper `{digital_human: {id, ...}, simulation_ids}`, but update takes a *flat* body
// (with `simulation_ids` beside the fields) and delete answers the *flat* data; `phone_number` is
// required on create but nullable in answers; the voice enums (`background_noise`, `voice_speed`,
// `audio_quality`, `fluency`, `verbosity`) come back as plain strings; `interruptions` comes back as a
// free-form object; `num_runs`, `always_on_mode` and `always_on_active` are accepted but never
// returned. Nested request objects are strict; their response counterparts (`.strip()`) are not.
import { z } from "zod";
import { DateTimeSchema, FreeObjectSchema, updatable } from "../../client/wire";

/** `LanguageType`. */
export const LANGUAGE_TYPES = [
  "en",
  "es",
  "pt",
  "ja",
  "tr",
  "hi",
  "ar",
  "ru",
  "zh",
  "ml",
  "fr",
  "yue",
  "vi",
  "de",
] as const;
export const LanguageTypeSchema = z.enum(LANGUAGE_TYPES);

/** `AccentType`. */
export const ACCENT_TYPES = [
  "multilingual",
  "american",
  "american2",
  "southern",
  "italian",
  "indian",
  "british",
  "australian",
  "mexican",
  "spanish",
  "portuguese",
  "french",
  "turkish",
  "japanese",
  "hindi",
  "arabic",
  "russian",
  "chinese",
  "german",
] as const;
export const AccentTypeSchema = z.enum(ACCENT_TYPES);

/** `GenderType`. */
export const GENDER_TYPES = ["male", "female"] as const;
export const GenderTypeSchema = z.enum(GENDER_TYPES);

/** `BackgroundNoiseType`. */
export const BACKGROUND_NOISE_TYPES = ["none", "office", "talking", "traffic", "cafe", "park", "tv"] as const;
export const BackgroundNoiseTypeSchema = z.enum(BACKGROUND_NOISE_TYPES);

/** `VoiceSpeedType`. */
export const VOICE_SPEED_TYPES = ["slowest", "slow", "normal", "fast", "fastest"] as const;
export const VoiceSpeedTypeSchema = z.enum(VOICE_SPEED_TYPES);

/** `AudioQualityType`. */
export const AUDIO_QUALITY_TYPES = ["high", "medium", "low", "horrible"] as const;
export const AudioQualityTypeSchema = z.enum(AUDIO_QUALITY_TYPES);

/** `FluencyType`. */
export const FLUENCY_TYPES = ["beginner", "intermediate", "native"] as const;
export const FluencyTypeSchema = z.enum(FLUENCY_TYPES);

/** `VerbosityType`. */
export const VERBOSITY_TYPES = ["low", "medium", "high"] as const;
export const VerbosityTypeSchema = z.enum(VERBOSITY_TYPES);

/** `TraitDataType`. */
export const TRAIT_DATA_TYPES = ["BOOLEAN", "STRING", "DATE", "NUMBER"] as const;
export const TraitDataTypeSchema = z.enum(TRAIT_DATA_TYPES);

/** `MatchType` (of a scripted response). */
export const MATCH_TYPES = ["exact", "context"] as const;
export const MatchTypeSchema = z.enum(MATCH_TYPES);

/** `src__models__digital_humans__enums__ResponseType` (of a scripted response). */
export const SCRIPTED_RESPONSE_TYPES = ["phrase", "silence", "dtmf"] as const;
export const ScriptedResponseTypeSchema = z.enum(SCRIPTED_RESPONSE_TYPES);

/** `OccurrenceMode` (of a scripted response). */
export const OCCURRENCE_MODES = ["always", "first_n"] as const;
export const OccurrenceModeSchema = z.enum(OCCURRENCE_MODES);

/** The levels of `SimpleInterruptionConfig.type`. */
export const SIMPLE_INTERRUPTION_LEVELS = ["none", "low", "medium", "high"] as const;

/** The inline enum of `SpeaksFirstConfig.mode`. */
export const SPEAKS_FIRST_MODES = ["custom", "ai_generated"] as const;

const integerIds = z.array(z.number().int());

/** `ExpectedToolCall`. */
export const WireExpectedToolCallSchema = z
  .object({
    name: z.string(),
    parameters: FreeObjectSchema.nullable().optional(),
    /** Any JSON value. */
    output: z.unknown().optional(),
  })
  .strict();
export type WireExpectedToolCall = z.infer<typeof WireExpectedToolCallSchema>;

/** `Trait`. */
export const WireTraitSchema = z
  .object({
    trait_name: z.string(),
    trait_data_type: TraitDataTypeSchema,
    /** Any JSON value; required (null is a value). */
    value: z.unknown().refine((v) => v !== undefined, { message: "Required" }),
    /** Default false. */
    is_sip_header: z.boolean().optional(),
  })
  .strict();
export type WireTrait = z.infer<typeof WireTraitSchema>;

/** `ScriptedResponse`. */
export const WireScriptedResponseSchema = z
  .object({
    match_type: MatchTypeSchema,
    match_phrase: z.string(),
    response_type: ScriptedResponseTypeSchema,
    response_value: z.string().nullable().optional(),
    occurrence_mode: OccurrenceModeSchema,
    occurrence_n: z.number().int().positive().nullable().optional(),
    silence_duration: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type WireScriptedResponse = z.infer<typeof WireScriptedResponseSchema>;

/** `SpeaksFirstConfig`. */
export const WireSpeaksFirstConfigSchema = z
  .object({
    speaks_first: z.boolean(),
    mode: z.enum(SPEAKS_FIRST_MODES).nullable().optional(),
    message: z.string().nullable().optional(),
  })
  .strict();
export type WireSpeaksFirstConfig = z.infer<typeof WireSpeaksFirstConfigSchema>;

/** `KeywordResponse`. */
export const WireKeywordResponseSchema = z
  .object({
    keyword: z.string(),
    response: z.string(),
    /** Default 1.0. */
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();
export type WireKeywordResponse = z.infer<typeof WireKeywordResponseSchema>;

/** `SimpleInterruptionConfig`. */
export const WireSimpleInterruptionConfigSchema = z
  .object({ type: z.enum(SIMPLE_INTERRUPTION_LEVELS) })
  .strict();
/** `KeywordsInterruptionConfig`. */
export const WireKeywordsInterruptionConfigSchema = z
  .object({ type: z.literal("keywords"), keyword_responses: z.array(WireKeywordResponseSchema) })
  .strict();
/** `ContextualInterruptionConfig`. */
export const WireContextualInterruptionConfigSchema = z
  .object({ type: z.literal("contextual"), contextual_prompt: z.string() })
  .strict();
/** The `interruptions` of a request: one of the three configs. */
export const WireInterruptionsSchema = z.union([
  WireSimpleInterruptionConfigSchema,
  WireKeywordsInterruptionConfigSchema,
  WireContextualInterruptionConfigSchema,
]);
export type WireInterruptions = z.infer<typeof WireInterruptionsSchema>;

/** `DigitalHumanRequestData`: the digital human inside a create body (no id, no created_at). */
export const WireDigitalHumanDataSchema = z
  .object({
    /** Default "". */
    intent: z.string().optional(),
    /** Default "". */
    success_criteria: z.string().optional(),
    name: z.string().nullable().optional(),
    tag: z.string().nullable().optional(),
    /** Default "en". */
    language: LanguageTypeSchema.nullable().optional(),
    accent: AccentTypeSchema.nullable().optional(),
    gender: GenderTypeSchema.nullable().optional(),
    /** Default "none". */
    background_noise: BackgroundNoiseTypeSchema.nullable().optional(),
    /** Default "normal". */
    voice_speed: VoiceSpeedTypeSchema.nullable().optional(),
    /** Default "high". */
    audio_quality: AudioQualityTypeSchema.nullable().optional(),
    /** Default "native". */
    fluency: FluencyTypeSchema.nullable().optional(),
    /** Default "medium". */
    verbosity: VerbosityTypeSchema.nullable().optional(),
    /** Required on create (nullable in answers). */
    phone_number: z.string(),
    outbound_text_number: z.string().nullable().optional(),
    /** Default 0.8, in [0, 1]. */
    background_noise_volume: z.number().min(0).max(1).nullable().optional(),
    expected_tool_calls: z.array(WireExpectedToolCallSchema).nullable().optional(),
    /** Default true. */
    allow_end_call_tool: z.boolean().nullable().optional(),
    /** Default 1.5. */
    endpointing_delay: z.number().nullable().optional(),
    /** Default 0.7, in [0, 2]. */
    creativity: z.number().min(0).max(2).nullable().optional(),
    hangup_phrases: z.array(z.string()).nullable().optional(),
    hangup_instructions: z.string().nullable().optional(),
    /** Default false; not nullable. */
    allow_silence_tool: z.boolean().optional(),
    /** Default "default"; not nullable. */
    silence_tool_instructions: z.string().optional(),
    /** At least 15 (seconds). */
    silence_timeout: z.number().int().min(15).nullable().optional(),
    role_description: z.string().nullable().optional(),
    traits: z.array(WireTraitSchema).nullable().optional(),
    interruptions: WireInterruptionsSchema.nullable().optional(),
    scripted_responses: z.array(WireScriptedResponseSchema).nullable().optional(),
    speaks_first_config: WireSpeaksFirstConfigSchema.nullable().optional(),
    original_transcript: z.string().nullable().optional(),
    formatted_transcript: z.array(z.record(z.string())).nullable().optional(),
    enriched_playback: z.array(FreeObjectSchema).nullable().optional(),
    /** Default false. Never returned. */
    always_on_mode: z.boolean().nullable().optional(),
    /** Never returned. */
    always_on_active: z.boolean().nullable().optional(),
    /** Default 1; at least 1. Never returned. */
    num_runs: z.number().int().min(1).nullable().optional(),
    livekit_metadata: FreeObjectSchema.nullable().optional(),
  })
  .strict();
export type WireDigitalHumanData = z.infer<typeof WireDigitalHumanDataSchema>;

/** `CreateDigitalHumanRequest` (the body of `POST /v1/create-digital-human`): the data is wrapped. */
export const WireCreateDigitalHumanSchema = z
  .object({
    simulation_ids: integerIds.nullable().optional(),
    /** Deprecated: use `simulation_ids`. */
    simulation_id: z.number().int().nullable().optional(),
    digital_human: WireDigitalHumanDataSchema,
  })
  .strict();
export type WireCreateDigitalHuman = z.infer<typeof WireCreateDigitalHumanSchema>;

/** `DigitalHumanResponseData`: the flat data (what `DELETE /v1/digital-human/{id}` answers). */
export const WireDigitalHumanSchema = z.object({
  id: z.number().int().nullable().optional(),
  intent: z.string(),
  success_criteria: z.string(),
  tag: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  language: LanguageTypeSchema.nullable().optional(),
  accent: AccentTypeSchema.nullable().optional(),
  gender: GenderTypeSchema.nullable().optional(),
  /** Plain strings in answers (enums in requests). */
  background_noise: z.string().nullable().optional(),
  voice_speed: z.string().nullable().optional(),
  audio_quality: z.string().nullable().optional(),
  fluency: z.string().nullable().optional(),
  verbosity: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  outbound_text_number: z.string().nullable().optional(),
  websocket_url: z.string().nullable().optional(),
  background_noise_volume: z.number().nullable().optional(),
  expected_tool_calls: z.array(WireExpectedToolCallSchema.strip()).nullable().optional(),
  allow_end_call_tool: z.boolean().nullable().optional(),
  endpointing_delay: z.number().nullable().optional(),
  creativity: z.number().nullable().optional(),
  hangup_phrases: z.array(z.string()).nullable().optional(),
  hangup_instructions: z.string().nullable().optional(),
  allow_silence_tool: z.boolean().nullable().optional(),
  silence_tool_instructions: z.string().nullable().optional(),
  silence_timeout: z.number().int().nullable().optional(),
  role_description: z.string().nullable().optional(),
  created_at: DateTimeSchema.nullable().optional(),
  traits: z.array(WireTraitSchema.strip()).nullable().optional(),
  /** Free-form in answers (one of three configs in requests). */
  interruptions: FreeObjectSchema.nullable().optional(),
  scripted_responses: z.array(WireScriptedResponseSchema.strip()).nullable().optional(),
  speaks_first_config: WireSpeaksFirstConfigSchema.strip().nullable().optional(),
  original_transcript: z.string().nullable().optional(),
  formatted_transcript: z.array(z.record(z.string())).nullable().optional(),
  enriched_playback: z.array(FreeObjectSchema).nullable().optional(),
  livekit_metadata: FreeObjectSchema.nullable().optional(),
});
export type WireDigitalHuman = z.infer<typeof WireDigitalHumanSchema>;

/**
 * `src__models__digital_humans__digital_human_response__DigitalHumanResponse`: the wrapper that create,
 * get and update answer.
 */
export const WireDigitalHumanResponseSchema = z.object({
  digital_human: WireDigitalHumanSchema,
  simulation_ids: integerIds.nullable().optional(),
  /** Deprecated: use `simulation_ids`. */
  simulation_id: z.number().int().nullable().optional(),
});
export type WireDigitalHumanResponse = z.infer<typeof WireDigitalHumanResponseSchema>;

/**
 * `UpdateDigitalHumanRequest` (the body of `PUT /v1/update-digital-human/{id}`): flat, every field
 * optional. `simulation_ids`, `traits`, `interruptions`, `scripted_responses`, `speaks_first_config` and
 * `livekit_metadata` replace the stored value wholesale when given.
 */
export const WireUpdateDigitalHumanSchema = z
  .object({
    ...updatable(WireDigitalHumanDataSchema.shape),
    simulation_ids: integerIds.nullable().optional(),
    /** Default false. */
    override_conflict: z.boolean().nullable().optional(),
  })
  .strict();
export type WireUpdateDigitalHuman = z.infer<typeof WireUpdateDigitalHumanSchema>;

/** `DigitalHumansListResponse` (what `GET /v1/digital-humans-by-simulation/{id}` answers). */
export const WireDigitalHumanListSchema = z.object({
  digital_humans: z.array(WireDigitalHumanSchema),
  total: z.number().int().nonnegative(),
  simulation_id: z.number().int(),
});
export type WireDigitalHumanList = z.infer<typeof WireDigitalHumanListSchema>;
