// Every listing this package reads (collections Bluejay lists that no resource manages). The client,
// the lookups, the emulator and the package schema are built from this list: a new listing is a
// folder beside these and one line here.
import { phoneNumbersListing } from "./phone-numbers/listing";

export const LISTINGS = [phoneNumbersListing] as const;

export type Listings = typeof LISTINGS;
