// Bluejay's Customer Personas operations on the wire (snake_case), as its OpenAPI description gives
// them: `POST /v1/create-customer-persona`, `GET|DELETE /v1/customer-persona/{persona_id}`,
// `PUT /v1/update-customer-persona/{persona_id}` and `GET /v1/customer-personas-by-agent/{agent_id}`.
//
// The traps: the answer (`CustomerPersonaPydantic`) never says which agent a persona belongs to, and
// declares every field nullable, the id too; the update takes no agent; delete answers the persona.
import { z } from "zod";
import { DateTimeSchema, UuidSchema } from "../../client/wire";

/** `CreateCustomerPersonaRequest`: the agent may be left out (null). */
export const WireCreateCustomerPersonaSchema = z
  .object({
    agent_id: z.number().int().nullable().optional(),
    name: z.string(),
    description: z.string(),
    goal: z.string(),
  })
  .strict();

/** `UpdateCustomerPersonaRequest`: every field optional; null leaves it as it is. */
export const WireUpdateCustomerPersonaSchema = z
  .object({
    name: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    goal: z.string().nullable().optional(),
  })
  .strict();

/** `CustomerPersonaPydantic`: what every operation answers (delete too), and the items of a list. No agent. */
export const WireCustomerPersonaSchema = z.object({
  id: UuidSchema.nullable().optional(),
  created_at: DateTimeSchema.nullable().optional(),
  name: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  goal: z.string().nullable().optional(),
  org_id: UuidSchema.nullable().optional(),
});
export type WireCustomerPersona = z.infer<typeof WireCustomerPersonaSchema>;

/** The answer of `GET /v1/customer-personas-by-agent/{agent_id}`: a bare array. */
export const WireCustomerPersonaListSchema = z.array(WireCustomerPersonaSchema);
