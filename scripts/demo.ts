// `npm run demo`: the quick start. Starts the Bluejay emulator, then runs `pulumi up` of the root
// Pulumi.yaml program (examples/basic) against it with a local file backend: no account, no network.
// `npm run demo -- --destroy` tears the demo stack down again.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { BluejayEmulator } from "../emulator";
import { pulumiBinDir } from "./pulumi-cli";

const root = path.resolve(__dirname, "..");
const stateDir = path.join(root, ".pulumi-state");
const STACK = "demo";
const API_KEY = process.env.BLUEJAY_API_KEY ?? "demo-key";

async function main(): Promise<void> {
  const destroy = process.argv.includes("--destroy");
  const binDir = pulumiBinDir();

  // The emulator keeps its communities beside the stack's state, so the two agree run after run.
  fs.mkdirSync(stateDir, { recursive: true });
  const emulator = await BluejayEmulator.start({
    apiKeys: [API_KEY],
    dataFile: path.join(stateDir, "emulator.json"),
  });
  console.log(`Bluejay emulator listening on ${emulator.url}\n`);

  const env = {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  // Asynchronous on purpose: the emulator answers from this process's event loop.
  const pulumi = (args: string[], quiet = false) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn("pulumi", args, { cwd: root, env, stdio: quiet ? "ignore" : "inherit" });
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`pulumi ${args.join(" ")} failed (exit ${code})`)),
      );
    });

  try {
    await pulumi(["stack", "select", "--create", STACK], true);
    await pulumi(["config", "set", "bluejay:apiUrl", emulator.url], true);
    await pulumi(["config", "set", "--secret", "bluejay:apiKey", API_KEY], true);
    await pulumi(destroy ? ["destroy", "--yes", "--skip-preview"] : ["up", "--yes", "--skip-preview"]);
    console.log("\nCommunities in the emulator:");
    console.table(
      emulator.communities().map((c) => ({
        id: c.id,
        title: c.title,
        digital_human_ids: c.digital_human_ids.join(", "),
        created_at: c.created_at,
      })),
    );
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
