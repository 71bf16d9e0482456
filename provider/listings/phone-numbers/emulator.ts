// The emulator's double of Bluejay's phone numbers: the organization's numbers, listed. Buying one
// is not emulated (the package never does); a test or a data file puts numbers in the store
// (`emulator.stores.phoneNumbers`, `phone_numbers` in the data file).
import { routes, type EmulatedKind } from "../../../emulator/kit";

export const phoneNumbersDouble: EmulatedKind = {
  file: "phone_numbers",
  ids: "integer",
  routes: [routes.list("GET /v1/phone-numbers")],
};
