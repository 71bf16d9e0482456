// Settings come from stack config first, then the environment; bad values name the setting.
import { resolveClientOptions } from "../../provider/config";
import { BluejayConfigError } from "../../provider/client";

const source = (values: Record<string, unknown>) => ({ get: (key: string) => values[key] });

describe("resolveClientOptions", () => {
  test("reads every setting from stack config", () => {
    const options = resolveClientOptions(
      source({
        "bluejay:apiKey": "k",
        "bluejay:apiUrl": "http://127.0.0.1:9",
        "bluejay:maxRetries": "2",
        "bluejay:requestTimeoutMs": "1500",
        "bluejay:allowInsecureHttp": "true",
      }),
      {},
    );
    expect(options).toEqual({
      apiKey: "k",
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 2,
      requestTimeoutMs: 1500,
      allowInsecureHttp: true,
    });
  });

  test("falls back to BLUEJAY_* environment variables, and config wins over them", () => {
    const env = {
      BLUEJAY_API_KEY: "env-key",
      BLUEJAY_API_URL: "https://bluejay.example",
      BLUEJAY_MAX_RETRIES: "0",
    };
    expect(resolveClientOptions(undefined, env)).toEqual({
      apiKey: "env-key",
      baseUrl: "https://bluejay.example",
      maxRetries: 0,
    });
    expect(resolveClientOptions(source({ "bluejay:apiKey": "config-key" }), env).apiKey).toBe("config-key");
  });

  test("a missing key is one error naming both ways to set it", () => {
    expect(() => resolveClientOptions(source({}), {})).toThrow(
      "No Bluejay API key is set. Set it with `pulumi config set --secret bluejay:apiKey <key>` or the BLUEJAY_API_KEY environment variable.",
    );
  });

  test.each([
    ["bluejay:maxRetries", "many", 'bluejay:maxRetries must be a whole number from 0 to 20 (got "many").'],
    [
      "bluejay:requestTimeoutMs",
      "-5",
      'bluejay:requestTimeoutMs must be milliseconds, from 1 to 600000 (got "-5").',
    ],
    ["bluejay:allowInsecureHttp", "yes", 'bluejay:allowInsecureHttp must be true or false (got "yes").'],
    [
      "bluejay:apiUrl",
      "not a url",
      'bluejay:apiUrl must be an absolute URL such as https://api.getbluejay.ai (got "not a url").',
    ],
  ])("a bad %s names the setting and what it must be", (key, value, message) => {
    const error = (() => {
      try {
        resolveClientOptions(source({ "bluejay:apiKey": "k", [key]: value }), {});
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BluejayConfigError);
    expect((error as BluejayConfigError).setting).toBe(key);
    expect((error as Error).message).toBe(message);
  });

  test("names the environment variable when the bad value came from there", () => {
    expect(() =>
      resolveClientOptions(source({ "bluejay:apiKey": "k" }), { BLUEJAY_MAX_RETRIES: "x" }),
    ).toThrow("BLUEJAY_MAX_RETRIES must be a whole number");
  });
});
