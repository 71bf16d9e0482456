// The first hour of a user outside a clone: the package as npm packs it, installed into a new
// project in a temp folder (no path back to this repo), its emulator started with `npx`, and a
// TypeScript Pulumi program using four kinds of resource run with the real `pulumi` CLI:
// `up` creates them, `up` again changes nothing, `npx pulumi-bluejay test` runs the stack's
// simulation, `destroy` leaves the emulator empty.
//
// npm installs from the cache the repo's `npm ci` filled (`--offline`), and only when that cannot
// resolve everything (a cache without the packages' metadata) from the registry.
import { execFile, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BluejayApiError, BluejayClient } from "../../provider/client";
import { localStackEnv } from "../../scripts/lib/local-stack";
import { killTree, waitUntilGone } from "../../scripts/lib/process-tree";
import { expectFreshDist } from "../../scripts/lib/dist";
import { orderedSteps } from "../helpers/steps";

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, "../..");
const API_KEY = "bj-package-key-7c41e9d2";
/** What the program's own secret comes to in the stack `dev`. */
const PASSWORD = "ws-dev-a7f3c9";
/** Lifecycle scripts npm runs when it installs a package: a published package must have none. */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"];
/** The four resources and the stack: what Pulumi's summary counts. */
const RESOURCES = 5;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Agent, Community, DigitalHuman, Simulation } from "pulumi-bluejay";

const config = new pulumi.Config();

const agent = new Agent("support-bot", {
  name: "Support bot",
  systemPrompt: "You are the support line of Acme.",
  knowledgeBase: config.get("knowledgeBase") ?? "Refunds take 5 days.",
  goals: ["Resolve billing questions"],
  websocketUrl: "wss://agents.example/support",
  // A secret the program makes itself: it must stay encrypted in state.
  websocketPassword: pulumi.secret(\`ws-\${pulumi.getStack()}-a7f3c9\`),
});

const sim = new Simulation("nightly", { agentId: agent.agentId, name: "Nightly regression" });

const angry = new DigitalHuman("angry", {
  phoneNumber: "+15550100101",
  intent: "Disputes a double charge on their bill",
  successCriteria: "The agent offers a refund",
  simulationIds: [sim.simulationId],
});

const support = new Community("support", {
  title: "Support line callers",
  digitalHumanIds: [angry.digitalHumanId],
});

export const agentId = agent.agentId;
export const simulationId = sim.simulationId;
export const digitalHumanId = angry.digitalHumanId;
export const communityId = support.id;
`;

/** What `pulumi new typescript` writes. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

const PULUMI_YAML = `name: bluejay-outside
description: A user's own project using pulumi-bluejay from its packed tarball
runtime:
  name: nodejs
  options:
    typescript: true
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The version of a package in this repo's node_modules: its tarball is in the npm cache. */
const installedVersion = (name: string): string =>
  (
    JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;

/**
 * This process's environment as a user's shell would have it: without what an enclosing `npm test`
 * sets about this repo (its package, its folder), which would point a nested npm back at it.
 */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_/.test(key) || key === "npm_config_local_prefix" || key === "INIT_CWD")
      continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extra,
  };
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeout = 150_000,
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, timeout, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function expectSuccess(what: string, result: Run): void {
  if (result.code !== 0) {
    throw new Error(
      `${what} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
}

/** The lines of Pulumi's closing `Resources:` summary (the update's, after the preview's), e.g. ["+ 5 created"]. */
function resourceSummary(stdout: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.map((line) => line.trim()).lastIndexOf("Resources:");
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.trim() === "");
  return rest.slice(0, end < 0 ? undefined : end).map((line) => line.trim());
}

/** Resolves with the first line `child` prints on stdout; rejects if it exits or stays silent. */
function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => fail(`printed no line within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`the emulator ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
    };
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf("\n");
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline).trim());
      }
    });
    child.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before printing a line`));
  });
}

describe("pulumi-bluejay installed from its tarball into a project outside the clone", () => {
  let workDir: string;
  let appDir: string;
  let tarball: string;
  let emulator: ChildProcess | undefined;
  let emulatorUrl: string;
  let client: BluejayClient;
  let pulumiEnv: NodeJS.ProcessEnv;
  let pulumiPath: string;
  let outputs: { agentId: number; simulationId: number; digitalHumanId: number; communityId: string };
  /** Everything the CLI printed, to search for secrets. */
  const output: string[] = [];

  // The steps run in order, each from where the one before ended; once one fails, the later ones
  // fail at once naming it.
  const step = orderedSteps();

  const pulumi = async (args: string[]): Promise<Run> => {
    const result = await run(
      pulumiPath,
      [...args, "--non-interactive", "--color", "never"],
      appDir,
      pulumiEnv,
    );
    output.push(result.stdout, result.stderr);
    expectSuccess(`pulumi ${args.join(" ")}`, result);
    expect(result.stdout + result.stderr).not.toContain(API_KEY);
    return result;
  };

  beforeAll(() => {
    // The tarball is made of dist/, which the e2e setup built from the current sources.
    expectFreshDist();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-bluejay-package-"));
    appDir = path.join(workDir, "app");
    fs.mkdirSync(appDir);
    const binDir = process.env.PULUMI_BLUEJAY_BIN;
    if (!binDir) throw new Error("PULUMI_BLUEJAY_BIN is not set: the e2e global setup sets it");
    pulumiPath = path.join(binDir, process.platform === "win32" ? "pulumi.exe" : "pulumi");
    pulumiEnv = userEnv(
      localStackEnv({ binDir, stateDir: path.join(workDir, "state"), passphrase: "package-test" }),
    );
  });

  afterAll(async () => {
    client?.close();
    if (emulator?.pid !== undefined) {
      await waitUntilGone(killTree(emulator.pid)).catch(() => undefined);
    }
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  step("npm pack makes a tarball with no install-time lifecycle script", async () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    // Built when packed, never when installed.
    expect(scripts.prepack).toBe("npm run build");
    expect(INSTALL_SCRIPTS.filter((s) => s in scripts)).toEqual([]);

    // --ignore-scripts: prepack's build would replace dist/ under the suites running beside this one;
    // dist/ is proven fresh instead.
    const packed = await run(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", workDir],
      repoRoot,
      userEnv(),
      60_000,
    );
    expectSuccess("npm pack", packed);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    tarball = path.join(workDir, path.basename(filename));
    expect(fs.existsSync(tarball)).toBe(true);
  });

  step(
    "npm install of the tarball in a new project prints no lifecycle-script warning for it",
    async () => {
      fs.writeFileSync(
        path.join(appDir, "package.json"),
        `${JSON.stringify({ name: "bluejay-outside", version: "1.0.0", private: true, main: "index.ts" }, null, 2)}\n`,
      );
      fs.writeFileSync(path.join(appDir, "Pulumi.yaml"), PULUMI_YAML);
      fs.writeFileSync(path.join(appDir, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
      fs.writeFileSync(path.join(appDir, "index.ts"), PROGRAM);

      const packages = [
        tarball,
        ...["@pulumi/pulumi", "typescript", "ts-node", "@types/node"].map(
          (n) => `${n}@${installedVersion(n)}`,
        ),
      ];
      let install = await run("npm", ["install", "--offline", ...packages], appDir, userEnv());
      if (install.code !== 0) {
        // The cache holds the tarballs `npm ci` fetched, not necessarily the metadata to resolve with.
        console.log(`npm install --offline failed (${install.stderr.split("\n")[0]}); installing online`);
        install = await run("npm", ["install", "--prefer-offline", ...packages], appDir, userEnv());
      }
      expectSuccess("npm install", install);
      const warnings = `${install.stdout}\n${install.stderr}`
        .split("\n")
        .filter((line) => /\bwarn/i.test(line) && line.includes("pulumi-bluejay"));
      expect(warnings).toEqual([]);

      // What the program resolves is the installed tarball, not this repo.
      const resolved = require.resolve("pulumi-bluejay", { paths: [appDir] });
      expect(resolved).toBe(
        fs.realpathSync(path.join(appDir, "node_modules/pulumi-bluejay/dist/provider/index.js")),
      );
      const installed = JSON.parse(
        fs.readFileSync(path.join(appDir, "node_modules/pulumi-bluejay/package.json"), "utf8"),
      ) as { scripts?: Record<string, string> };
      expect(INSTALL_SCRIPTS.filter((s) => s in (installed.scripts ?? {}))).toEqual([]);
    },
    330_000,
  );

  step("the program type-checks against the installed package's types", async () => {
    expectSuccess(
      "npx tsc --noEmit",
      await run("npx", ["--yes=false", "tsc", "--noEmit"], appDir, userEnv()),
    );
  });

  step("npx pulumi-bluejay-emulator --port 0 prints its URL on its first line", async () => {
    emulator = spawn("npx", ["--yes=false", "pulumi-bluejay-emulator", "--port", "0"], {
      cwd: appDir,
      env: userEnv({ BLUEJAY_API_KEY: API_KEY }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const line = await firstLine(emulator, 30_000);
    const url = /^Bluejay emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
    if (!url) throw new Error(`unexpected first line: ${line}`);
    emulatorUrl = url;
    client = new BluejayClient({ apiKey: API_KEY, baseUrl: emulatorUrl });
    expect(await client.agents.list()).toEqual([]);
  });

  step(
    "pulumi up creates the agent, its simulation, a digital human in it and a community of it",
    async () => {
      await pulumi(["stack", "init", "dev"]);
      await pulumi(["config", "set", "bluejay:apiUrl", emulatorUrl]);
      await pulumi(["config", "set", "--secret", "bluejay:apiKey", API_KEY]);
      const up = await pulumi(["up", "--yes"]);
      expect(resourceSummary(up.stdout)).toEqual([`+ ${RESOURCES} created`]);

      outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as typeof outputs;
      const agents = await client.agents.list();
      expect(agents.map((a) => [a.agentId, a.name])).toEqual([[outputs.agentId, "Support bot"]]);
      const simulations = await client.simulations.list();
      expect(simulations.map((s) => s.simulationId)).toEqual([outputs.simulationId]);
      expect((await client.simulations.get(outputs.simulationId)).agentId).toBe(outputs.agentId);
      const human = await client.digitalHumans.get(outputs.digitalHumanId);
      expect(human.simulationIds).toEqual([outputs.simulationId]);
      const { communities } = await client.listCommunities();
      expect(communities.map((c) => [c.id, c.title, c.digitalHumanIds])).toEqual([
        [outputs.communityId, "Support line callers", [outputs.digitalHumanId]],
      ]);
    },
  );

  step("pulumi up again changes nothing", async () => {
    const up = await pulumi(["up", "--yes"]);
    expect(resourceSummary(up.stdout)).toEqual([`${RESOURCES} unchanged`]);
  });

  step(
    "npx pulumi-bluejay test --stack dev: the installed bin runs the stack's simulation and exits 0",
    async () => {
      // The key comes from the stack's config, decrypted with the stack's passphrase: not from the environment.
      const env = { ...pulumiEnv };
      delete env.BLUEJAY_API_KEY;
      const ran = await run(
        "npx",
        ["--yes=false", "pulumi-bluejay", "test", "--stack", "dev", "--poll-interval", "100ms"],
        appDir,
        env,
      );
      output.push(ran.stdout, ran.stderr);
      expectSuccess("npx pulumi-bluejay test", ran);
      expect(ran.stdout.trimEnd().split("\n").at(-1)).toBe(
        "Gate passed: 1 of 1 calls passed (100%; --min-pass-rate 100%).",
      );
      expect(ran.stdout + ran.stderr).not.toContain(API_KEY);
    },
  );

  step("the password the program made is encrypted in state and shown nowhere", async () => {
    const exported = (await pulumi(["stack", "export"])).stdout;
    expect(exported).not.toContain(PASSWORD);
    expect(exported).toContain("ciphertext");
    expect(output.join("\n")).not.toContain(PASSWORD);
  });

  step("a change to the agent: pulumi up updates it alone", async () => {
    await pulumi(["config", "set", "knowledgeBase", "Refunds take 3 days."]);
    // Preview cannot know the agent's id output until the update runs, so it also shows what refers
    // to the agent as changing (see the README); the up itself touches the agent alone.
    const preview = await pulumi(["preview"]);
    expect(preview.stdout).toContain("support-bot");
    const up = await pulumi(["up", "--yes"]);
    expect(resourceSummary(up.stdout)).toEqual(["~ 1 updated", `${RESOURCES - 1} unchanged`]);
    expect((await client.agents.get(outputs.agentId)).knowledgeBase).toBe("Refunds take 3 days.");
  });

  step("refresh shows a change made in Bluejay, and the next up puts it back", async () => {
    await client.updateCommunity(outputs.communityId, { title: "Edited in Bluejay" });
    const refresh = await pulumi(["refresh", "--yes"]);
    expect(resourceSummary(refresh.stdout)).toEqual(["~ 1 updated", `${RESOURCES - 1} unchanged`]);
    await pulumi(["up", "--yes"]);
    expect((await client.getCommunity(outputs.communityId)).title).toBe("Support line callers");
  });

  step("pulumi destroy deletes everything: the emulator holds nothing", async () => {
    const destroy = await pulumi(["destroy", "--yes"]);
    expect(resourceSummary(destroy.stdout)).toEqual([`- ${RESOURCES} deleted`]);
    expect(await client.agents.list()).toEqual([]);
    expect(await client.simulations.list()).toEqual([]);
    expect((await client.listCommunities()).communities).toEqual([]);
    // Digital humans cannot be listed all at once: the one the program made is gone.
    const gone = await client.digitalHumans.get(outputs.digitalHumanId).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(BluejayApiError);
    expect((gone as BluejayApiError).status).toBe(404);
  });
});
