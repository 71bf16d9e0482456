// The phone-number lookups and types: what the package exports for this listing.
import { listingLookups } from "../../lookups";
import { phoneNumbersListing, type PhoneNumber } from "./listing";

export type { PhoneNumber } from "./listing";

const lookups = listingLookups<PhoneNumber>(phoneNumbersListing);
/** Lists the phone numbers of the Bluejay organization (read-only: adding one buys a number). */
export const getPhoneNumbers = lookups.get;
/** `getPhoneNumbers` returning an Output, for programs that cannot `await`. */
export const getPhoneNumbersOutput = lookups.getOutput;
