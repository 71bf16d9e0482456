// Stack config reaches a program through our language host (tools/pulumi-language-nodejs) the way
// Pulumi's own host hands it over: a brand-new stack with no config at all, one with an empty
// config, and one with a secret. The Bluejay settings come from the environment (BLUEJAY_API_KEY,
// BLUEJAY_API_URL), so the first two stacks need no config key of any kind. Until the host wrote
// `{}` for an empty config, any `pulumi.Config` read on such a stack threw in the SDK's parseConfig.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, type ConfigMap, type OutputMap, type Stack } from "@pulumi/pulumi/automation";
import { BluejayEmulator } from "../../emulator";
import { goProcessEnv } from "../../scripts/lib/go";
import { cliProcessEnv, localBackend, type LocalBackend } from "../../scripts/lib/local-stack";
import { capture, E2E_API_KEY, readTree, repoRoot, type StoredState } from "./harness";

jest.setTimeout(120_000);

const PROJECT = "bluejay-langhost";
/** The secret the third stack's config holds: it must reach Bluejay, and no output or file. */
const NOTE = "note-3f9a1c77e0b54d2a";

const PULUMI_YAML = `name: ${PROJECT}
runtime:
  name: nodejs
  options:
    typescript: true
main: index.ts
`;

// Reads config the three usual ways; only the stack "secret" requires its secret. It reports what
// the SDK saw: every key, and which ones PULUMI_CONFIG_SECRET_KEYS marks secret (isConfigSecret is
// internal to the SDK's types, but the program runs transpile-only).
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Community } from "pulumi-bluejay";

const project = new pulumi.Config();
const bluejay = new pulumi.Config("bluejay");
const note = pulumi.getStack() === "secret" ? project.requireSecret("note") : undefined;
const runtime = pulumi.runtime as unknown as { isConfigSecret(key: string): boolean };

const community = new Community("callers", {
  title: \`Callers of \${pulumi.getStack()}\`,
  description: note ?? "no note",
});

export const configKeys = Object.keys(pulumi.runtime.allConfig()).sort();
export const secretKeys = configKeys.filter((key) => runtime.isConfigSecret(key));
export const x = project.get("x") ?? "unset";
export const apiKeyInConfig = bluejay.get("apiKey") !== undefined;
export const apiUrlInConfig = bluejay.get("apiUrl") !== undefined;
export const communityId = community.id;
export const noteOut = note ?? "none";
`;

describe("stack config through our language host", () => {
  let emulator: BluejayEmulator;
  let backend: LocalBackend;
  let workDir: string;
  const stacks: Stack[] = [];
  const printed: string[] = [];

  beforeAll(async () => {
    emulator = await BluejayEmulator.start({ apiKeys: [E2E_API_KEY] });
    // Inside the repo, so the program imports pulumi-bluejay by name (the package resolves itself).
    workDir = path.join(repoRoot, ".e2e", `langhost-config-${process.pid}`);
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), PULUMI_YAML);
    fs.writeFileSync(path.join(workDir, "index.ts"), PROGRAM);
    backend = await localBackend({
      stateDir: fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-langhost-state-")),
      passphrase: "langhost-passphrase",
      // The provider reads its settings from the environment when the stack config has none.
      extraEnv: { BLUEJAY_API_KEY: E2E_API_KEY, BLUEJAY_API_URL: emulator.url },
    });
  });
  afterAll(async () => {
    for (const stack of stacks) await stack.destroy({ color: "never" }).catch(() => undefined);
    await emulator?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    if (backend) fs.rmSync(backend.stateDir, { recursive: true, force: true });
  });

  /** `pulumi stack init` only: no config is set (the harness's createE2EStack always sets some). */
  async function newStack(name: string): Promise<{ stack: Stack; settingsFile: string }> {
    const stack = await LocalWorkspace.createStack(
      { stackName: name, workDir },
      { envVars: backend.envVars, pulumiCommand: backend.pulumiCommand },
    );
    stacks.push(stack);
    return { stack, settingsFile: path.join(workDir, `Pulumi.${name}.yaml`) };
  }

  /** Preview then up; returns the outputs as plain values, and which ones are secret. */
  async function previewAndUp(stack: Stack): Promise<{ values: Record<string, unknown>; secret: string[] }> {
    const preview = await stack.preview(capture(printed));
    expect(preview.changeSummary).toEqual({ create: 2 }); // the community and the stack
    const up = await stack.up(capture(printed));
    expect(up.summary.result).toBe("succeeded");
    return plain(up.outputs);
  }

  function plain(outputs: OutputMap): { values: Record<string, unknown>; secret: string[] } {
    const values = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
    const secret = Object.keys(outputs).filter((k) => outputs[k]!.secret);
    return { values, secret };
  }

  /** The stack's outputs as stored: `pulumi stack export` keeps secrets encrypted (the Automation
   * API's exportStack decrypts them). */
  function storedOutputs(stackName: string): Record<string, unknown> {
    const stdout = execFileSync(backend.pulumiPath, ["stack", "export", "--stack", stackName], {
      cwd: workDir,
      env: cliProcessEnv(backend.envVars),
      encoding: "utf8",
    });
    const state = JSON.parse(stdout) as StoredState;
    return state.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.outputs ?? {};
  }

  /** The community the program made, as Bluejay holds it. */
  const stored = (id: unknown) => emulator.communities().find((c) => c.id === id);

  test("a brand-new stack with no config at all (no stack settings file) previews and comes up", async () => {
    const { stack, settingsFile } = await newStack("bare");
    // `stack init` writes only the passphrase's salt; remove even that, as a user's checkout may.
    expect(fs.readFileSync(settingsFile, "utf8")).not.toMatch(/^config:/m);
    fs.rmSync(settingsFile);

    const { values, secret } = await previewAndUp(stack);
    expect(values).toEqual({
      configKeys: [],
      secretKeys: [],
      x: "unset",
      apiKeyInConfig: false,
      apiUrlInConfig: false,
      communityId: expect.any(String),
      noteOut: "none",
    });
    expect(secret).toEqual([]);
    // Created with the key and URL from the environment.
    expect(stored(values.communityId)).toMatchObject({ title: "Callers of bare", description: "no note" });
    // The CLI put the salt back, still with no config.
    expect(await stack.getAllConfig()).toEqual({});
  });

  test("a stack with an empty config previews and comes up", async () => {
    const { stack, settingsFile } = await newStack("empty");
    fs.appendFileSync(settingsFile, "config: {}\n");
    expect(await stack.getAllConfig()).toEqual({});

    const { values } = await previewAndUp(stack);
    expect(values).toMatchObject({ configKeys: [], secretKeys: [], x: "unset", apiKeyInConfig: false });
    expect(stored(values.communityId)).toMatchObject({ title: "Callers of empty" });
  });

  test("a secret read with requireSecret reaches the program decrypted and stays secret", async () => {
    const { stack } = await newStack("secret");
    const config: ConfigMap = {
      [`${PROJECT}:note`]: { value: NOTE, secret: true },
      [`${PROJECT}:x`]: { value: "plain" },
    };
    await stack.setAllConfig(config);

    const { values, secret } = await previewAndUp(stack);
    expect(values).toMatchObject({
      configKeys: [`${PROJECT}:note`, `${PROJECT}:x`],
      secretKeys: [`${PROJECT}:note`],
      x: "plain",
      apiKeyInConfig: false,
      noteOut: NOTE,
    });
    expect(secret).toEqual(["noteOut"]);
    // Decrypted all the way to Bluejay...
    expect(stored(values.communityId)).toMatchObject({ title: "Callers of secret", description: NOTE });
    // ...and in plain text nowhere Pulumi writes: the printed output, the stack settings file, the
    // backend (state, history, backups). The stored output is a ciphertext.
    const everything = [printed.join("\n"), readTree(workDir), readTree(backend.stateDir)].join("\n");
    expect(everything).not.toContain(NOTE);
    expect(storedOutputs("secret").noteOut).toMatchObject({ ciphertext: expect.any(String) });
  });
});

// The host's Go tests (tools/pulumi-language-nodejs/main_test.go): the env it writes for each kind
// of config, read back by the repo's SDK. Run here so `npm test` runs them too.
test("the language host's Go tests pass", () => {
  const run = spawnSync("go", ["test", "-count=1", "./..."], {
    cwd: path.join(repoRoot, "tools", "pulumi-language-nodejs"),
    env: goProcessEnv({ GOFLAGS: "-mod=readonly" }),
    encoding: "utf8",
  });
  expect({ status: run.status, output: `${run.stdout}${run.stderr}`, error: run.error }).toMatchObject({
    status: 0,
  });
});
