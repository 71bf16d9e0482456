// scripts/lib/local-stack.ts: the environment of a local stack against the emulator. No Pulumi CLI
// is needed: the bin dir is passed explicitly (a stand-in `pulumi` that only prints its version).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  bluejayConfig,
  cliProcessEnv,
  fileBackendUrl,
  localBackend,
  localStackEnv,
} from "../../../scripts/lib/local-stack";

describe("localStackEnv", () => {
  test("puts the CLI first on PATH, keeps state and home in the state folder, and turns off the network", () => {
    expect(
      localStackEnv({
        binDir: "/opt/pulumi/bin",
        stateDir: "/tmp/bluejay-state",
        passphrase: "s3cret",
        basePath: `/usr/bin${path.delimiter}/bin`,
      }),
    ).toEqual({
      PATH: `/opt/pulumi/bin${path.delimiter}/usr/bin${path.delimiter}/bin`,
      PULUMI_HOME: path.join("/tmp/bluejay-state", "home"),
      PULUMI_BACKEND_URL: "file:///tmp/bluejay-state",
      PULUMI_CONFIG_PASSPHRASE: "s3cret",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    });
  });

  test("takes a PULUMI_HOME of the caller's, and this process's PATH by default", () => {
    const env = localStackEnv({
      binDir: "/opt/pulumi/bin",
      stateDir: "/tmp/s",
      passphrase: "p",
      pulumiHome: "/tmp/home",
    });
    expect(env.PULUMI_HOME).toBe("/tmp/home");
    expect(env.PATH).toBe(`/opt/pulumi/bin${path.delimiter}${process.env.PATH}`);
  });

  test("an empty base PATH leaves just the CLI's folder", () => {
    const env = localStackEnv({
      binDir: "/opt/pulumi/bin",
      stateDir: "/tmp/s",
      passphrase: "p",
      basePath: "",
    });
    expect(env.PATH).toBe("/opt/pulumi/bin");
  });

  test("the backend URL is absolute", () => {
    expect(fileBackendUrl("/var/lib/state")).toBe("file:///var/lib/state");
    expect(fileBackendUrl("relative/state")).toBe(fileBackendUrl(path.resolve("relative/state")));
    expect(fileBackendUrl("relative/state")).toMatch(/^file:\/\/\//);
  });
});

describe("the Bluejay settings and the CLI's process environment", () => {
  test("the API key is set as a secret, the URL as plain config", () => {
    expect(bluejayConfig("http://127.0.0.1:8080", "bj-key")).toEqual({
      "bluejay:apiUrl": { value: "http://127.0.0.1:8080" },
      "bluejay:apiKey": { value: "bj-key", secret: true },
    });
  });

  test("the stack's variables win over this process's", () => {
    const env = cliProcessEnv({ PULUMI_CONFIG_PASSPHRASE: "mine", PATH: "/opt/pulumi/bin" });
    expect(env.PULUMI_CONFIG_PASSPHRASE).toBe("mine");
    expect(env.PATH).toBe("/opt/pulumi/bin");
    expect(env.HOME).toBe(process.env.HOME);
  });
});

(process.platform === "win32" ? describe.skip : describe)("localBackend", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-local-stack-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("creates the state folder and builds its environment around the bin dir it is given", async () => {
    const binDir = path.join(dir, "bin");
    fs.mkdirSync(binDir);
    fs.writeFileSync(path.join(binDir, "pulumi"), "#!/bin/sh\necho v3.248.0\n", { mode: 0o755 });
    const stateDir = path.join(dir, "state");

    const backend = await localBackend({
      stateDir,
      passphrase: "p",
      binDir,
      extraEnv: { PULUMI_DEBUG_PROMISE_LEAKS: "true" },
    });

    expect(fs.statSync(stateDir).isDirectory()).toBe(true);
    expect(backend.binDir).toBe(binDir);
    expect(backend.pulumiPath).toBe(path.join(binDir, "pulumi"));
    expect(backend.envVars).toEqual({
      ...localStackEnv({ binDir, stateDir, passphrase: "p" }),
      PULUMI_DEBUG_PROMISE_LEAKS: "true",
    });
    expect(backend.pulumiCommand.command).toBe(path.join(binDir, "pulumi"));
  });
});
