// Reading a stack: its Simulation resources from `pulumi stack export`, its Bluejay settings from
// `pulumi config`, with a stand-in `pulumi` on PATH (the real CLI is the end-to-end suite's).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SIMULATION_TYPE } from "../../../provider";
import { BluejayStackError } from "../../../provider/runner/errors";
import { readStack, simulationsOf } from "../../../provider/runner/stack";

const resource = (type: string, id: string | undefined, name: string, more: object = {}) => ({
  urn: `urn:pulumi:dev::proj::${type}::${name}`,
  type,
  ...(id === undefined ? {} : { id }),
  outputs: { name: `${name} in Bluejay` },
  ...more,
});

const EXPORT = {
  version: 3,
  deployment: {
    resources: [
      resource("pulumi:pulumi:Stack", undefined, "proj-dev"),
      resource(SIMULATION_TYPE, "12", "nightly"),
      resource("pulumi-nodejs:dynamic/bluejay:Agent", "3", "bot"),
      resource(SIMULATION_TYPE, "13", "smoke"),
      resource(SIMULATION_TYPE, "14", "old", { delete: true }),
    ],
  },
};

let bin: string;
beforeAll(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-fake-pulumi-"));
  fs.writeFileSync(path.join(bin, "export.json"), JSON.stringify(EXPORT));
  fs.writeFileSync(
    path.join(bin, "pulumi"),
    [
      "#!/usr/bin/env bash",
      // The stand-in knows one stack; its secrets decrypt only with the passphrase.
      'case "$*" in',
      `  "stack export --stack dev") cat ${JSON.stringify(path.join(bin, "export.json"))} ;;`,
      '  "config --json --show-secrets --stack dev")',
      '    if [ "$PULUMI_CONFIG_PASSPHRASE" = "right" ]; then',
      `      echo '{"bluejay:apiKey":{"value":"key-from-config","secret":true},"bluejay:apiUrl":{"value":"http://127.0.0.1:1","secret":false}}'`,
      '    else echo "error: incorrect passphrase" >&2; exit 255; fi ;;',
      `  "config --json --stack dev") echo '{"bluejay:apiKey":{"secret":true},"bluejay:apiUrl":{"value":"http://127.0.0.1:1","secret":false}}' ;;`,
      "  *) echo \"error: no stack named '${4:-}' found\" >&2; exit 255 ;;",
      "esac",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
});
afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

const env = (more: NodeJS.ProcessEnv = {}) => ({
  PATH: `${bin}${path.delimiter}${process.env.PATH}`,
  ...more,
});

describe("reading a stack", () => {
  test("its live Simulation resources, in state order, with their names", () => {
    expect(simulationsOf(EXPORT)).toEqual([
      { simulationId: 12, resourceName: "nightly", name: "nightly in Bluejay" },
      { simulationId: 13, resourceName: "smoke", name: "smoke in Bluejay" },
    ]);
    expect(simulationsOf({ deployment: {} })).toEqual([]);
  });

  test("with the passphrase, the config's secrets are read (the key kept in memory only)", async () => {
    const stack = await readStack("dev", os.tmpdir(), env({ PULUMI_CONFIG_PASSPHRASE: "right" }));

    expect(stack.simulations.map((s) => s.simulationId)).toEqual([12, 13]);
    expect(stack.config.get("bluejay:apiKey")).toBe("key-from-config");
    expect(stack.config.get("bluejay:apiUrl")).toBe("http://127.0.0.1:1");
  });

  test("without it, the plain settings are read and the secret is left to the environment", async () => {
    const stack = await readStack("dev", os.tmpdir(), env({ PULUMI_CONFIG_PASSPHRASE: "wrong" }));

    expect(stack.config.get("bluejay:apiKey")).toBeUndefined();
    expect(stack.config.get("bluejay:apiUrl")).toBe("http://127.0.0.1:1");
  });

  test("an unknown stack is a BluejayStackError with what the CLI said and what to check", async () => {
    const error = await readStack("prod", os.tmpdir(), env()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BluejayStackError);
    expect(error).toMatchObject({ stackName: "prod", stderr: expect.stringContaining("no stack named") });
    expect((error as Error).message).toContain("Could not read stack prod (`pulumi stack export` in");
    expect((error as Error).message).toContain("`pulumi stack ls`");
  });

  test("no Pulumi CLI on PATH is a BluejayStackError too", async () => {
    const error = await readStack("dev", os.tmpdir(), { PATH: bin + "-missing" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BluejayStackError);
    expect((error as Error).message).toContain("Check that the Pulumi CLI is on PATH");
    // It printed nothing, so how it failed is said instead.
    expect((error as Error).message).toContain("spawn pulumi ENOENT");
  });
});
