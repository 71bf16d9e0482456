// Client options: where the key may be sent and how options are checked.
import { BluejayClient, BluejayConfigError } from "../../../provider/client";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { thrownBy } from "../../helpers/errors";

const fx = useEmulator();

describe("client configuration", () => {
  test("plain http to a non-loopback host is refused with BluejayConfigError on baseUrl", () => {
    const error = thrownBy(
      () => new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: "http://example.invalid" }),
      BluejayConfigError,
    );

    expect(error.setting).toBe("baseUrl");
    expect(error.message).toContain(
      "Refusing to send the Bluejay API key over plain http to example.invalid",
    );
    expect(error.message).toContain("bluejay:allowInsecureHttp");
  });

  test("plain http to a non-loopback host is allowed with allowInsecureHttp: true", () => {
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: "http://example.invalid",
      allowInsecureHttp: true,
    });
    client.close();
  });

  test.each([
    "http://localhost:1",
    "http://127.0.0.1:1",
    "http://127.8.9.10",
    "http://[::1]:8080",
    "https://example.invalid",
  ])("%s is accepted without allowInsecureHttp", (baseUrl) => {
    const client = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl });
    client.close();
  });

  test("loopback http (the emulator) works end to end", async () => {
    expect(fx.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fx.client().listCommunities()).resolves.toEqual({ communities: [], totalCount: 0 });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["an empty apiKey", { apiKey: "" }, "apiKey"],
    ["a relative baseUrl", { apiKey: TEST_API_KEY, baseUrl: "/v1" }, "baseUrl"],
    ["an ftp baseUrl", { apiKey: TEST_API_KEY, baseUrl: "ftp://example.com" }, "baseUrl"],
    ["a negative maxRetries", { apiKey: TEST_API_KEY, maxRetries: -1 }, "maxRetries"],
    ["an unknown option", { apiKey: TEST_API_KEY, retries: 3 }, "options"],
  ])("%s is rejected with BluejayConfigError naming the setting", (_case, options, setting) => {
    const error = thrownBy(
      () => new BluejayClient(options as unknown as ConstructorParameters<typeof BluejayClient>[0]),
      BluejayConfigError,
    );
    expect(error.setting).toBe(setting);
  });
});
