// A local Pulumi stack against the Bluejay emulator: no account, no network. One place owns the
// environment every such stack runs in (the demo, the benchmark and the end-to-end tests): the
// Pulumi CLI's folder first on PATH, a file backend and PULUMI_HOME in a folder of the caller's
// choosing, a passphrase for secrets, no update check, no plugin downloads, and no type checking of
// the program (that is `npm run typecheck`'s job).
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, type ConfigMap, type Stack } from "@pulumi/pulumi/automation";
import { pulumiBinDir } from "../pulumi-cli";

export interface LocalStackEnvOptions {
  /** The folder holding `pulumi` (and the plugins beside it). */
  binDir: string;
  /** The file backend's folder: state, history, backups. */
  stateDir: string;
  /** PULUMI_CONFIG_PASSPHRASE: encrypts the stack's secrets. */
  passphrase: string;
  /** PULUMI_HOME; default `<stateDir>/home`, so no run touches the user's ~/.pulumi. */
  pulumiHome?: string;
  /** The PATH to put `binDir` in front of; default this process's PATH. */
  basePath?: string;
}

/** `file://` URL of a folder, as the Pulumi CLI reads it (`file:///abs/path`, also on Windows). */
export function fileBackendUrl(dir: string): string {
  const slashed = path.resolve(dir).split(path.sep).join("/");
  return `file://${slashed.startsWith("/") ? "" : "/"}${slashed}`;
}

/**
 * The variables a local stack's CLI runs with, to lay over `process.env` (the Automation API's
 * `envVars` do exactly that; for a CLI started by hand use {@link cliProcessEnv}).
 */
export function localStackEnv(options: LocalStackEnvOptions): Record<string, string> {
  const basePath = options.basePath ?? process.env.PATH ?? "";
  return {
    PATH: [options.binDir, basePath].filter((p) => p !== "").join(path.delimiter),
    PULUMI_HOME: options.pulumiHome ?? path.join(options.stateDir, "home"),
    PULUMI_BACKEND_URL: fileBackendUrl(options.stateDir),
    PULUMI_CONFIG_PASSPHRASE: options.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
  };
}

/** The environment for starting the CLI directly (`spawn`, `execFile`): this process's, plus `envVars`. */
export function cliProcessEnv(envVars: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...envVars };
}

/** `bluejay:apiUrl` and `bluejay:apiKey` (a secret), as the Automation API sets config. */
export function bluejayConfig(apiUrl: string, apiKey: string): ConfigMap {
  return {
    "bluejay:apiUrl": { value: apiUrl },
    "bluejay:apiKey": { value: apiKey, secret: true },
  };
}

export interface LocalBackendOptions {
  stateDir: string;
  passphrase: string;
  /** Default: {@link pulumiBinDir} (PULUMI_BLUEJAY_BIN, or what scripts/install-pulumi.sh finds). */
  binDir?: string;
  /** Variables laid over the standard ones, e.g. a test's knobs. */
  extraEnv?: Record<string, string>;
}

/** A file backend in a folder, with the CLI and the environment to reach it. */
export interface LocalBackend {
  binDir: string;
  stateDir: string;
  /** The path of the `pulumi` executable. */
  pulumiPath: string;
  /** To pass as the Automation API's `envVars`. */
  envVars: Record<string, string>;
  /** The CLI for the Automation API (its version check is skipped: the build is ours). */
  pulumiCommand: PulumiCommand;
}

/** Creates the backend folder if needed and finds the CLI. */
export async function localBackend(options: LocalBackendOptions): Promise<LocalBackend> {
  const binDir = options.binDir ?? pulumiBinDir();
  fs.mkdirSync(options.stateDir, { recursive: true });
  const envVars = {
    ...localStackEnv({ binDir, stateDir: options.stateDir, passphrase: options.passphrase }),
    ...options.extraEnv,
  };
  // The Automation API runs `<root>/bin/pulumi`.
  if (path.basename(binDir) !== "bin") {
    throw new Error(`The Pulumi CLI must be in a folder named bin for the Automation API; ${binDir} is not.`);
  }
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir), skipVersionCheck: true });
  return {
    binDir,
    stateDir: options.stateDir,
    pulumiPath: path.join(binDir, process.platform === "win32" ? "pulumi.exe" : "pulumi"),
    envVars,
    pulumiCommand,
  };
}

export interface OpenStackOptions {
  stackName: string;
  /** The project folder (its Pulumi.yaml); the stack's settings file `Pulumi.<stack>.yaml` goes here. */
  workDir: string;
  /** Sets `bluejay:apiUrl` and the secret `bluejay:apiKey`. */
  bluejay?: { apiUrl: string; apiKey: string };
  /** Any other config, set in the same call. */
  config?: ConfigMap;
}

/** Creates or selects a stack of the program in `workDir` on `backend` and sets its config. */
export async function openStack(backend: LocalBackend, options: OpenStackOptions): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName, workDir: options.workDir },
    { envVars: backend.envVars, pulumiCommand: backend.pulumiCommand },
  );
  const config: ConfigMap = {
    ...(options.bluejay ? bluejayConfig(options.bluejay.apiUrl, options.bluejay.apiKey) : {}),
    ...options.config,
  };
  if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  return stack;
}
