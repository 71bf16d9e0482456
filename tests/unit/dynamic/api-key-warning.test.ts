// A key configured without `--secret` is warned about, once, by the program that declares resources.
import * as pulumi from "@pulumi/pulumi";
import { plainApiKeyWarning } from "../../../provider/dynamic/resource";

describe("API key in plain text", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}, []));

  test("a key set without --secret gets a warning saying how to set it as a secret", () => {
    pulumi.runtime.setAllConfig({ "bluejay:apiKey": "bj-plain-key" }, []);
    expect(plainApiKeyWarning()).toBe(
      "bluejay:apiKey is set in plain text, so it is stored unencrypted in this stack's settings and state. " +
        "Set it again as a secret: `pulumi config set --secret bluejay:apiKey <key>`.",
    );
  });

  test("a secret key, or none, gets no warning", () => {
    pulumi.runtime.setAllConfig({ "bluejay:apiKey": "bj-secret-key" }, ["bluejay:apiKey"]);
    expect(plainApiKeyWarning()).toBeUndefined();
    pulumi.runtime.setAllConfig({}, []);
    expect(plainApiKeyWarning()).toBeUndefined();
  });
});
