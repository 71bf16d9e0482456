// What a listing is for the shared machinery: a collection Bluejay lists that this package reads but
// does not manage (phone numbers: adding one buys it, so there is no resource). Each is one
// description, in one folder (provider/listings/<listing>/): the client's `client.<plural>.list()`,
// the lookups, the package schema's function and the emulator's kind-less double are built from it.
import type { z } from "zod";
import type { AnyListingSpec, ListingSpec } from "../client/operations";
import type { EmulatedKind } from "../../emulator/kit";

export interface Listing<Api extends AnyListingSpec = AnyListingSpec> {
  /** The list behind it. */
  readonly api: Api;
  /** The wire shape of one item (snake_case): the package schema describes its fields from it. */
  readonly item: z.ZodObject<z.ZodRawShape>;
  /** The lookup's name, e.g. `getPhoneNumbers` (with a `…Output` form). */
  readonly lookup: string;
  /** What the lookup answers, in a sentence: its schema description. */
  readonly summary: string;
  /** One description per item field, by its camelCase name. */
  readonly fields: Readonly<Record<string, string>>;
  /** Its double in the emulator (a list of records, served as Bluejay's OpenAPI describes). */
  readonly emulator: EmulatedKind;
}

/** A listing with its types forgotten. */
export type AnyListing = Listing;

/** Checks a listing's description where it is written (its plural kept as a literal, for the client's type). */
export function defineListing<Filter, Item, Plural extends string>(
  listing: Listing<ListingSpec<Filter, Item, Plural>>,
): Listing<ListingSpec<Filter, Item, Plural>> {
  return listing;
}
