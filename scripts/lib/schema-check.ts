// Checks a Pulumi package schema: binds it with Pulumi's own binder and generates its Node.js SDK
// (tools/pulumi-schema-check, run through scripts/schema-check.sh, which builds it when needed),
// then type-checks that SDK with this repo's TypeScript and @pulumi/pulumi.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

export interface SchemaDiagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
}

export interface SchemaCheck {
  /** 0: no diagnostics; 1: diagnostics (no SDK generated); 2: the tool failed. */
  status: number | null;
  diagnostics: SchemaDiagnostic[];
  /** The build's and the tool's messages. */
  stderr: string;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to the end, asynchronously (a first build of the tool takes minutes). */
function run(command: string, args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Binds `schemaPath`; with `nodejsOut`, also generates the Node.js SDK there when the schema has no
 * diagnostics. Builds the tool first if no build of its current sources is cached.
 */
export async function checkSchema(
  schemaPath: string,
  options: { nodejsOut?: string } = {},
): Promise<SchemaCheck> {
  const args = [path.join(root, "scripts", "schema-check.sh"), "-json"];
  if (options.nodejsOut !== undefined) args.push("-nodejs", options.nodejsOut);
  args.push(schemaPath);
  const result = await run("bash", args, root);
  // Diagnostics come as a JSON array on stdout; a failed build or tool prints none.
  const diagnostics =
    result.stdout.trim() === "" ? [] : ((JSON.parse(result.stdout) as SchemaDiagnostic[] | null) ?? []);
  return { status: result.status, diagnostics, stderr: result.stderr };
}

/**
 * Type-checks the TypeScript in `sdkDir` (a generated SDK, plus any file put beside it) with the
 * generated tsconfig.json, resolving `@pulumi/pulumi` and `@types/node` from this repo's
 * node_modules: the SDK is checked against the SDK version this project is built with, with no
 * install in `sdkDir`.
 */
export async function typecheckSdk(sdkDir: string): Promise<RunResult> {
  const modules = path.join(root, "node_modules");
  const tsconfig = {
    extends: "./tsconfig.json",
    compilerOptions: {
      noEmit: true,
      typeRoots: [path.join(modules, "@types")],
      paths: {
        "@pulumi/pulumi": [path.join(modules, "@pulumi", "pulumi")],
        "@pulumi/pulumi/*": [path.join(modules, "@pulumi", "pulumi", "*")],
      },
    },
    // Every .ts file: the generated ones (the generated tsconfig lists them) and any added beside.
    include: ["**/*.ts"],
    exclude: ["node_modules", "bin"],
  };
  const checkConfig = path.join(sdkDir, "tsconfig.check.json");
  fs.writeFileSync(checkConfig, `${JSON.stringify(tsconfig, null, 2)}\n`);
  return run(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", checkConfig, "--pretty", "false"],
    sdkDir,
  );
}
