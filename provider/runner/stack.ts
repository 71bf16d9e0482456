// A Pulumi stack, read with the Pulumi CLI the way a person would (`pulumi stack export`,
// `pulumi config`): its Simulation resources, and the Bluejay settings its provider uses, so the
// test run talks to the Bluejay the stack's resources live in. The CLI inherits this process's
// environment (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, …).
import { execFile } from "child_process";
import { z } from "zod";
import type { ConfigSource } from "../config";
import { SIMULATION_TYPE } from "../kinds/simulation";
import { BluejayStackError } from "./errors";

/** A Simulation resource of the stack. */
export interface StackSimulation {
  simulationId: number;
  /** Its Pulumi name (from the URN), e.g. `nightly`. */
  resourceName: string;
  /** Its name in Bluejay, as last recorded in state. */
  name?: string;
}

export interface StackContents {
  simulations: StackSimulation[];
  /** The stack's config, for the Bluejay settings; secrets only when they could be decrypted. */
  config: ConfigSource;
}

const ExportSchema = z.object({
  deployment: z.object({
    resources: z
      .array(
        z.object({
          urn: z.string(),
          type: z.string(),
          id: z.string().optional(),
          outputs: z.record(z.unknown()).optional(),
          delete: z.boolean().optional(),
        }),
      )
      .nullable()
      .optional(),
  }),
});

const ConfigSchema = z.record(
  z.object({ value: z.unknown().optional(), secret: z.boolean().optional() }).passthrough(),
);

/** The most a stack export may print: a large stack's state, with room to spare. */
const MAX_OUTPUT = 256 * 1024 * 1024;

function pulumi(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; stdout: string } | { ok: false; stderr: string; error: Error }> {
  return new Promise((resolve) => {
    execFile(
      "pulumi",
      args,
      { cwd, env, maxBuffer: MAX_OUTPUT, encoding: "utf8" },
      (error, stdout, stderr) => {
        resolve(error ? { ok: false, stderr, error } : { ok: true, stdout });
      },
    );
  });
}

/** The Simulation resources of a stack export, in the order the state lists them. */
export function simulationsOf(exported: unknown): StackSimulation[] {
  const state = ExportSchema.parse(exported);
  return (state.deployment.resources ?? [])
    .filter((r) => r.type === SIMULATION_TYPE && !r.delete && r.id !== undefined && /^\d+$/.test(r.id))
    .map((r) => {
      const name = r.outputs?.name;
      return {
        simulationId: Number(r.id),
        resourceName: r.urn.split("::").pop() ?? r.urn,
        ...(typeof name === "string" ? { name } : {}),
      };
    });
}

/** Reads a stack's simulations and config with the Pulumi CLI, in `cwd`, in the environment `env`. */
export async function readStack(
  stack: string,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StackContents> {
  const exported = await pulumi(["stack", "export", "--stack", stack], cwd, env);
  if (!exported.ok) {
    throw new BluejayStackError(stack, cwd, "`pulumi stack export`", exported.stderr, {
      cause: exported.error,
    });
  }
  let simulations: StackSimulation[];
  try {
    simulations = simulationsOf(JSON.parse(exported.stdout));
  } catch (error) {
    throw new BluejayStackError(stack, cwd, "`pulumi stack export` printed no stack state", "", {
      cause: error,
    });
  }
  return { simulations, config: await readConfig(stack, cwd, env) };
}

/**
 * The stack's config. The key is a secret: it is read decrypted when the secrets provider allows
 * (PULUMI_CONFIG_PASSPHRASE, a KMS key, Pulumi Cloud), and kept only in memory; otherwise the
 * settings come from the environment (BLUEJAY_API_KEY, …).
 */
async function readConfig(stack: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ConfigSource> {
  let read = await pulumi(["config", "--json", "--show-secrets", "--stack", stack], cwd, env);
  if (!read.ok) read = await pulumi(["config", "--json", "--stack", stack], cwd, env);
  if (!read.ok) return { get: () => undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.stdout);
  } catch {
    return { get: () => undefined };
  }
  const checked = ConfigSchema.safeParse(parsed);
  const values = checked.success ? checked.data : {};
  return {
    // A secret the CLI could not decrypt comes without its value (or as "[secret]"): not a setting.
    get: (key) => {
      const entry = values[key];
      return entry?.secret && (entry.value === undefined || entry.value === "[secret]")
        ? undefined
        : entry?.value;
    },
  };
}
