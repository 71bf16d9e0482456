// Phone numbers: the organization's numbers, listed (buying one is not emulated). They are the
// organization's, not what a program makes: counts() and isEmpty() leave them out; reset() forgets them.
import { useEmulator } from "../../helpers/emulator";
import { caller, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);

const NUMBER = {
  id: 12,
  created_at: "2026-01-05T10:00:00Z",
  phone_number: "+15550100101",
  purchase_date: "2026-01-05",
  price: 115,
  organization_id: "0b1ee000-0000-4000-8000-00000000b1e1",
};

describe("phone numbers", () => {
  test("GET /v1/phone-numbers answers the numbers held, as a bare array of PhoneNumberResponse", async () => {
    expect(okBody(await call("GET", "/v1/phone-numbers"))).toEqual([]);
    fx.emulator.stores.phoneNumbers.put(NUMBER);

    expect(okBody(await call("GET", "/v1/phone-numbers"))).toEqual([NUMBER]);
  });

  test("they are left out of counts() and isEmpty(), and reset() forgets them", () => {
    fx.emulator.stores.phoneNumbers.put(NUMBER);

    expect(fx.emulator.isEmpty()).toBe(true);
    expect(fx.emulator.counts()).not.toHaveProperty("phoneNumbers");
    fx.emulator.reset();
    expect(fx.emulator.records("phoneNumbers")).toEqual([]);
  });

  test("adding a number (which buys one) is not served", async () => {
    expect(await call("POST", "/v1/phone-numbers/add", { body: {} })).toMatchObject({ status: 404 });
  });
});
