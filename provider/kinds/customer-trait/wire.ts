// Bluejay's Customer Traits operations on the wire (snake_case), as its OpenAPI description gives
// them: `POST /v1/create-customer-trait`, `GET|DELETE /v1/customer-trait/{trait_id}`,
// `PUT /v1/update-customer-trait/{trait_id}` and `GET /v1/customer-traits?agent_id=`.
//
// The traps: `default_value` is declared as any JSON value, which Bluejay "converts based on
// data_type" (so one that does not convert is refused); the update body has no `agent_id` (a trait
// stays with its agent); delete answers a confirmation, not the trait.
import { z } from "zod";
import { DateTimeSchema } from "../../client/wire";

/** `TraitDataType`. */
export const TRAIT_DATA_TYPES = ["BOOLEAN", "STRING", "DATE", "NUMBER"] as const;
export const TraitDataTypeSchema = z.enum(TRAIT_DATA_TYPES);
export type TraitDataType = z.infer<typeof TraitDataTypeSchema>;

/** `CreateCustomerTraitRequest`. */
export const WireCreateCustomerTraitSchema = z
  .object({
    agent_id: z.number().int(),
    name: z.string(),
    data_type: TraitDataTypeSchema,
    /** Any JSON value (or null); converted by Bluejay to `data_type`. */
    default_value: z.unknown().optional(),
  })
  .strict();

/** `UpdateCustomerTraitRequest`: every field optional; null leaves it as it is. */
export const WireUpdateCustomerTraitSchema = z
  .object({
    name: z.string().nullable().optional(),
    data_type: TraitDataTypeSchema.nullable().optional(),
    default_value: z.unknown().optional(),
  })
  .strict();

/** `CustomerTraitResponse`: what create, get and update answer, and the items of a list. */
export const WireCustomerTraitSchema = z.object({
  /** A UUID in practice (the paths take one), declared as a plain string. */
  id: z.string(),
  agent_id: z.number().int(),
  name: z.string(),
  data_type: TraitDataTypeSchema,
  /** Stored as JSONB: the default converted to `data_type`. */
  default_value: z.unknown().optional(),
  created_at: DateTimeSchema,
});
export type WireCustomerTrait = z.infer<typeof WireCustomerTraitSchema>;

/** `DeleteCustomerTraitResponse`. */
export const WireDeletedCustomerTraitSchema = z.object({
  message: z.string(),
  deleted_trait_id: z.string(),
});

/** `CustomerTraitsListResponse`. */
export const WireCustomerTraitListSchema = z.object({
  traits: z.array(WireCustomerTraitSchema),
  total_count: z.number().int(),
});
