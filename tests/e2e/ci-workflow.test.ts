// examples/ci/bluejay-environment.yml, run as GitHub Actions would run its shell steps: each job's
// `run` steps in order, with bash -eo pipefail, the job's working directory, the workflow's and the
// job's `env`, and its `${{ … }}` expressions replaced by test values (the secrets come from this
// process's environment, as a CI's secret store hands them over). Against a local Bluejay emulator
// and a local file backend; `gh` is a stand-in that records its calls; `uses:` steps (checkout, the
// Pulumi CLI's install) and the `npm` install step are the machine's setup, done by the harness;
// publishing the JUnit report is a `uses:` step too, so the test reads the file it would publish.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { XMLParser } from "fast-xml-parser";
import { BluejayEmulator } from "../../emulator";
import { cliProcessEnv, fileBackendUrl, localStackEnv } from "../../scripts/lib/local-stack";
import { pulumiBinDir } from "../../scripts/pulumi-cli";
import { bootstrapCounts } from "../helpers/bootstrap";
import { E2E_API_KEY, repoRoot } from "./harness";

jest.setTimeout(600_000);

const WORKFLOW = path.join(repoRoot, "examples", "ci", "bluejay-environment.yml");
const PR_NUMBER = "4242";
const STACK = `pr-${PR_NUMBER}`;
const PASSPHRASE = "ci-workflow-passphrase";
const WEBSOCKET_PASSWORD = "ws-pass-ci-workflow-8e2d";

interface Step {
  name?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
  run?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Job {
  if?: string;
  env?: Record<string, string>;
  defaults?: { run?: { "working-directory"?: string } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The logical lines of a shell script (`\` continuations joined) that run `pulumi`, in order. */
function pulumiCommands(script: string): string[] {
  return script
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^pulumi\s/.test(line));
}

describe("examples/ci/bluejay-environment.yml", () => {
  const workflow = yaml.load(fs.readFileSync(WORKFLOW, "utf8")) as Workflow;
  let emulator: BluejayEmulator;
  let temp: string;
  let workDir: string;
  let stateDir: string;
  let ghLog: string;
  let baseEnv: Record<string, string>;
  /** Every command line each job's steps ran, for the report. */
  const ran: string[] = [];

  const backendEnv = () => ({
    PULUMI_BACKEND_URL: fileBackendUrl(stateDir),
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
  });

  /** What GitHub would put in place of each `${{ … }}` expression this workflow uses. */
  const expressions = (): Record<string, string> => ({
    "secrets.PULUMI_BACKEND_URL": fileBackendUrl(stateDir),
    "secrets.PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
    // The secret store's values, as CI hands them to the job: from the environment.
    "secrets.BLUEJAY_API_KEY": process.env.BLUEJAY_API_KEY ?? "",
    "secrets.BLUEJAY_WEBSOCKET_PASSWORD": process.env.BLUEJAY_WEBSOCKET_PASSWORD ?? "",
    "vars.BLUEJAY_API_URL || 'https://api.getbluejay.ai'": emulator.url,
    // No variable set: the workflow's default.
    "vars.BLUEJAY_MIN_PASS_RATE || '90%'": "90%",
    "github.event.pull_request.number": PR_NUMBER,
    "github.token": "test-token",
  });
  function substitute(text: string): string {
    const known = expressions();
    return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      const value = known[expression];
      if (value === undefined) throw new Error(`the test has no value for \${{ ${expression} }}`);
      return value;
    });
  }

  /** Runs a script with bash, asynchronously (the emulator answers from this process meanwhile). */
  function bash(
    script: string,
    cwd: string,
    env: Record<string, string>,
  ): Promise<{ status: number; output: string }> {
    return new Promise((resolve, reject) => {
      // GitHub's `shell: bash`: bash --noprofile --norc -eo pipefail {0}.
      const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
        cwd,
        env: cliProcessEnv(env),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ status: code ?? (signal ? 128 : 1), output }));
    });
  }

  /** Runs a job's shell steps in order, stopping at the first that fails (as a job does). */
  async function runJob(name: string): Promise<{ status: number; output: string }> {
    const job = workflow.jobs[name];
    if (!job) throw new Error(`no job ${name}`);
    let output = "";
    for (const step of job.steps) {
      if (step.run === undefined || /^npm\s/.test(step.run.trim())) continue;
      const dir = step["working-directory"] ?? job.defaults?.run?.["working-directory"] ?? ".";
      // The job's checkout of examples/bootstrap is the test's copy of it.
      const cwd = dir === "examples/bootstrap" ? workDir : path.join(repoRoot, dir);
      const env: Record<string, string> = { ...baseEnv };
      for (const layer of [workflow.env, job.env, step.env]) {
        for (const [key, value] of Object.entries(layer ?? {})) env[key] = substitute(String(value));
      }
      const script = substitute(step.run);
      ran.push(`[${name}] ${step.name ?? "(unnamed)"}:\n${script.trimEnd()}`);
      const result = await bash(script, cwd, env);
      output += result.output;
      if (result.status !== 0) return { status: result.status, output };
    }
    return { status: 0, output };
  }
  /** Runs a job that must succeed; fails with the end of what it printed when it does not. */
  async function runJobOk(name: string): Promise<string> {
    const { status, output } = await runJob(name);
    if (status !== 0) throw new Error(`job ${name} exited ${status}:\n${output.slice(-4000)}`);
    return output;
  }

  beforeAll(async () => {
    emulator = await BluejayEmulator.start({ apiKeys: [E2E_API_KEY] });
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-ci-"));
    stateDir = path.join(temp, "state");
    fs.mkdirSync(stateDir);
    workDir = path.join(repoRoot, ".e2e", `ci-workflow-${process.pid}`);
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    for (const file of ["index.ts", "Pulumi.yaml"]) {
      fs.copyFileSync(path.join(repoRoot, "examples", "bootstrap", file), path.join(workDir, file));
    }
    // `gh`: lists one open pull request, and records every call.
    const bin = path.join(temp, "bin");
    fs.mkdirSync(bin);
    ghLog = path.join(temp, "gh.log");
    fs.writeFileSync(
      path.join(bin, "gh"),
      [
        "#!/usr/bin/env bash",
        `printf '%s\\n' "gh $*" >> ${JSON.stringify(ghLog)}`,
        'for a in "$@"; do case "$a" in --body-file) next=1 ;; *) if [ -n "${next:-}" ]; then cat "$a" >> ' +
          `${JSON.stringify(ghLog)}; next=; fi ;; esac; done`,
        `if [ "$1 $2" = "pr list" ]; then echo ${PR_NUMBER}; fi`,
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    const runnerTemp = path.join(temp, "runner-temp");
    fs.mkdirSync(runnerTemp);
    const local = localStackEnv({ binDir: pulumiBinDir(), stateDir, passphrase: PASSPHRASE });
    baseEnv = {
      PATH: [bin, local.PATH].join(path.delimiter),
      PULUMI_HOME: local.PULUMI_HOME!,
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      RUNNER_TEMP: runnerTemp,
      GITHUB_STEP_SUMMARY: path.join(temp, "step-summary.md"),
    };
    // The CI's secret store hands the secrets over as environment variables.
    process.env.BLUEJAY_API_KEY = E2E_API_KEY;
    process.env.BLUEJAY_WEBSOCKET_PASSWORD = WEBSOCKET_PASSWORD;
  });
  afterAll(async () => {
    if (ran.length > 0) console.log(`Workflow steps run:\n\n${ran.join("\n\n")}`);
    delete process.env.BLUEJAY_API_KEY;
    delete process.env.BLUEJAY_WEBSOCKET_PASSWORD;
    // Whatever happened, leave nothing behind.
    if (baseEnv && emulator && !emulator.isEmpty()) {
      await bash(`pulumi destroy --stack ${STACK} --yes --non-interactive`, workDir, {
        ...baseEnv,
        ...backendEnv(),
      });
    }
    await emulator?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  test("its jobs' pulumi commands are the ones a per-PR environment needs, in order", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "schedule", "workflow_dispatch"]);
    const commands = (job: string) =>
      workflow.jobs[job]!.steps.flatMap((s) => (s.run === undefined ? [] : pulumiCommands(s.run))).map((c) =>
        c.split(/\s+--/)[0]!.replace(/\s+".*$/, ""),
      );
    expect(commands("up")).toEqual([
      "pulumi stack select",
      "pulumi config set",
      "pulumi config set",
      "pulumi config set",
      "pulumi config set",
      "pulumi up",
      "pulumi stack output",
    ]);
    expect(commands("drift")).toEqual(["pulumi preview"]);
    // The gate runs after the stack is up, on that stack, and its JUnit report is published even when it fails.
    const up = workflow.jobs.up!.steps;
    const gate = up.findIndex((s) => /npx pulumi-bluejay test --stack "\$STACK"/.test(s.run ?? ""));
    expect(gate).toBeGreaterThan(up.findIndex((s) => /pulumi up /.test(s.run ?? "")));
    expect(up[gate]!.run).toContain("--junit bluejay-junit.xml");
    const published = up
      .slice(gate + 1)
      .filter((s) => JSON.stringify(s.with ?? {}).includes("bluejay-junit.xml"));
    expect(published.length).toBeGreaterThan(0);
    for (const step of published) expect(step.if).toContain("!cancelled()");
    expect(commands("destroy")).toEqual(["pulumi destroy", "pulumi stack rm"]);
    const all = Object.values(workflow.jobs).flatMap((j) =>
      j.steps.flatMap((s) => pulumiCommands(s.run ?? "")),
    );
    expect(all).toContainEqual(expect.stringContaining('--secret bluejay:apiKey "$BLUEJAY_API_KEY"'));
    expect(all).toContainEqual(expect.stringContaining("--expect-no-changes"));
    expect(workflow.env?.BLUEJAY_API_KEY).toBe("${{ secrets.BLUEJAY_API_KEY }}");
  });

  test("up (the gate passes), drift check, drift found, up again (the gate fails the job), destroy: destroy leaves nothing", async () => {
    // Every call of the stack's simulations passes.
    emulator.setRunOutcome({ polls: 1 });
    const up = await runJobOk("up");
    expect(up).toContain("Gate passed: 6 of 6 calls passed (100%; --min-pass-rate 90%).");
    const junit = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "testcase" }).parse(
      fs.readFileSync(path.join(workDir, "bluejay-junit.xml"), "utf8"),
    ) as { testsuites: { testsuite: { testcase: { failure?: unknown }[] } } };
    expect(junit.testsuites.testsuite.testcase).toHaveLength(6);
    expect(junit.testsuites.testsuite.testcase.filter((c) => c.failure)).toEqual([]);
    expect(fs.readFileSync(baseEnv.GITHUB_STEP_SUMMARY!, "utf8")).toContain(
      "## ✅ Bluejay simulations passed",
    );
    expect(emulator.counts()).toEqual(bootstrapCounts());
    const [agent] = emulator.records("agents");
    expect(agent).toMatchObject({ name: `[${STACK}] Support bot`, websocket_password: WEBSOCKET_PASSWORD });
    // The outputs went to the job summary and to a comment on the pull request.
    const summary = fs.readFileSync(baseEnv.GITHUB_STEP_SUMMARY!, "utf8");
    expect(summary).toContain(`Bluejay environment \`${STACK}\``);
    expect(summary).toContain(`"agentId": ${agent!.id}`);
    const gh = fs.readFileSync(ghLog, "utf8");
    expect(gh).toContain(`gh pr comment ${PR_NUMBER} --body-file summary.md`);
    expect(gh).toContain(`"agentId": ${agent!.id}`);

    const clean = await runJobOk("drift");

    // Someone edits the agent in the Bluejay UI: the drift check fails, and names the resource.
    emulator.stores.agents.modify(agent!.id, (a) => void (a.knowledge_base = "Edited in the UI."));
    const drifted = await runJob("drift");
    expect(drifted.status).not.toBe(0);
    expect(drifted.output).toContain("support-bot");

    // The next push (`synchronize`) runs the up job again: it puts the agent back.
    const again = await runJobOk("up");
    expect(emulator.records("agents")[0]!.knowledge_base).toBe("Refunds take 5 days.");
    await runJobOk("drift");

    // A push whose agent fails half its calls: the stack goes up, the gate fails the job (exit 1),
    // and the failing calls are in the JUnit report and the job summary.
    emulator.setRunOutcome({ polls: 1, failRate: 0.5 });
    const failed = await runJob("up");
    expect(failed.status).toBe(1);
    expect(failed.output).toContain("Gate failed: 3 of 6 calls passed (50%), below --min-pass-rate 90%.");
    const cases = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "testcase" }).parse(
      fs.readFileSync(path.join(workDir, "bluejay-junit.xml"), "utf8"),
    ) as { testsuites: { testsuite: { testcase: { failure?: unknown }[] } } };
    expect(cases.testsuites.testsuite.testcase.filter((c) => c.failure)).toHaveLength(3);
    expect(fs.readFileSync(baseEnv.GITHUB_STEP_SUMMARY!, "utf8")).toContain(
      "## ❌ Bluejay simulations failed",
    );

    const destroy = await runJobOk("destroy");
    expect(emulator.isEmpty()).toBe(true);
    // The stack is gone from the backend.
    const ls = spawnSync("pulumi", ["stack", "ls", "--json"], {
      cwd: workDir,
      env: cliProcessEnv({ ...baseEnv, ...backendEnv() }),
      encoding: "utf8",
    });
    expect(ls.status).toBe(0);
    expect(JSON.parse(ls.stdout)).toEqual([]);
    // Nothing any step printed carried a secret.
    const printed = [up, clean, drifted.output, again, failed.output, destroy].join("");
    expect(printed).not.toContain(E2E_API_KEY);
    expect(printed).not.toContain(WEBSOCKET_PASSWORD);
  });
});
