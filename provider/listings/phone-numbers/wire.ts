// Bluejay's phone numbers on the wire (snake_case), as its OpenAPI description gives them:
// `GET /v1/phone-numbers` answers the organization's numbers as a bare array of `PhoneNumberResponse`.
// Adding one (`POST /v1/phone-numbers/add`) buys a number, and releasing one gives it up: neither is
// something a declaration should do, so this package only reads them.
import { z } from "zod";
import { DateTimeSchema, UuidSchema } from "../../client/wire";

/** A calendar date, `YYYY-MM-DD` (a `date` in the document). */
export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

/** `PhoneNumberResponse`. */
export const WirePhoneNumberSchema = z.object({
  id: z.number().int(),
  created_at: DateTimeSchema,
  /** As text, e.g. `+15550100101`. */
  phone_number: z.string(),
  purchase_date: DateSchema,
  /** In cents (the smallest unit of the currency). */
  price: z.number().int(),
  organization_id: UuidSchema,
});
export type WirePhoneNumber = z.infer<typeof WirePhoneNumberSchema>;

/** The answer of `GET /v1/phone-numbers`: a bare array. */
export const WirePhoneNumberListSchema = z.array(WirePhoneNumberSchema);
