// Phone numbers: the numbers Bluejay's organization owns (what an agent or a digital human may call
// from). Only read: adding one buys a number, so no resource makes them.
import { z } from "zod";
import { camelize, type Camelized } from "../../client/mapping";
import { op } from "../../client/operations";
import { defineListing } from "../listing";
import { phoneNumbersDouble } from "./emulator";
import { WirePhoneNumberListSchema, WirePhoneNumberSchema, type WirePhoneNumber } from "./wire";

/** A phone number as this package returns it. */
export type PhoneNumber = Camelized<WirePhoneNumber>;

export const phoneNumbersListing = defineListing({
  api: {
    name: "PhoneNumber",
    noun: "phone number",
    plural: "phoneNumbers",
    list: op.list({
      filter: z.object({}).strict(),
      request: () => ({ method: "GET", path: "/v1/phone-numbers" }),
      answer: WirePhoneNumberListSchema,
      items: (answer): PhoneNumber[] => answer.map((wire) => camelize(wire)),
    }),
  },
  item: WirePhoneNumberSchema,
  lookup: "getPhoneNumbers",
  summary:
    "Lists the phone numbers of the Bluejay organization. Read-only: adding a number buys one, so no resource makes them.",
  fields: {
    id: "Bluejay's id for the number record (a whole number).",
    createdAt: "When Bluejay recorded the number (ISO 8601).",
    phoneNumber: "The number, as text (E.164, e.g. `+15550100101`).",
    purchaseDate: "When it was bought (`YYYY-MM-DD`).",
    price: "What it cost, in cents.",
    organizationId: "The Bluejay organization that owns it.",
  },
  emulator: phoneNumbersDouble,
});
