// The command line (`pulumi-bluejay-emulator`), run as a user runs it: the built `dist/emulator/cli.js`,
// which the unit setup builds from the current sources and each test proves fresh.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expectFreshDist } from "../../../scripts/lib/dist";
import { TEST_API_KEY } from "../../helpers/emulator";
import { request, type CallOptions, type Reply } from "./http";

const ROOT = path.resolve(__dirname, "../../..");
const CLI = path.join(ROOT, "dist", "emulator", "cli.js");

/** A request to a CLI-started emulator at `base`. */
function call(method: string, urlPath: string, options: CallOptions & { base: string }): Promise<Reply> {
  return request(options.base, method, urlPath, options);
}

describe("command line", () => {
  beforeAll(expectFreshDist);
  // Cleaned up after all tests (not after each), so the concurrent tests below do not kill each other's.
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    return child;
  }

  function envWithout(...names: string[]): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const name of names) delete env[name];
    return env;
  }

  const withKey = (): NodeJS.ProcessEnv => ({
    ...envWithout("BLUEJAY_API_KEY"),
    BLUEJAY_API_KEY: TEST_API_KEY,
  });

  function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let buffered = "";
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const newline = buffered.indexOf("\n");
        if (newline >= 0) resolve(buffered.slice(0, newline));
      });
      child.once("exit", (code) =>
        reject(new Error(`emulator exited with ${code} before printing: ${stderr}`)),
      );
    });
  }

  function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string; stdout: string }> {
    return new Promise((resolve) => {
      let stderr = "";
      let stdout = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.once("close", (code) => resolve({ code, stderr, stdout }));
    });
  }

  async function started(args: string[]): Promise<{ child: ChildProcess; url: string }> {
    const child = run(["--port", "0", ...args], withKey());
    const url = (await firstLine(child)).replace("Bluejay emulator listening on ", "");
    return { child, url };
  }

  async function stop(child: ChildProcess): Promise<number | null> {
    const done = exited(child);
    child.kill("SIGTERM");
    return (await done).code;
  }

  test("`pulumi-bluejay-emulator --port 0` (dist/emulator/cli.js) with BLUEJAY_API_KEY prints its URL, serves that key, and exits 0 on SIGTERM", async () => {
    expect(fs.existsSync(CLI)).toBe(true);
    const child = run(["--port", "0"], withKey());

    const line = await firstLine(child);
    const match = /^Bluejay emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match).not.toBeNull();
    const url = match![1]!;
    expect(Number(match![2])).toBeGreaterThan(0);

    expect(await call("GET", "/v1/communities", { base: url })).toMatchObject({
      status: 200,
      body: { communities: [], total_count: 0 },
    });
    expect((await call("GET", "/v1/communities", { base: url, key: "other" })).status).toBe(401);

    const done = exited(child);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });

  test("--api-key keys are accepted instead of BLUEJAY_API_KEY", async () => {
    const child = run(["--port", "0", "--api-key", "k1", "--api-key", "k2"], envWithout("BLUEJAY_API_KEY"));

    const url = (await firstLine(child)).replace("Bluejay emulator listening on ", "");

    expect((await call("GET", "/v1/communities", { base: url, key: "k2" })).status).toBe(200);
    expect((await call("GET", "/v1/communities", { base: url, key: TEST_API_KEY })).status).toBe(401);
    const done = exited(child);
    child.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });

  test("without any key the CLI exits with code 2 and a message naming BLUEJAY_API_KEY", async () => {
    const child = run(["--port", "0"], envWithout("BLUEJAY_API_KEY"));

    const { code, stderr, stdout } = await exited(child);

    expect(code).toBe(2);
    expect(stderr).toContain("BLUEJAY_API_KEY");
    expect(stderr).toContain("No API key to accept");
    expect(stdout).toBe("");
  });

  test.concurrent.each([
    [["--port", "70000"], "--port"],
    [["--port", "0", "--chaos", "2"], "--chaos"],
    [["--port", "0", "--rate-limit", "0"], "--rate-limit"],
    [["--port", "0", "--rate-limit", "fast"], "--rate-limit"],
    [["--port", "0", "--rate-limit-burst", "3"], "--rate-limit-burst"],
    [["--port", "0", "--clock-offset-ms", "soon"], "--clock-offset-ms"],
    [["--port", "0", "--latency-ms", "-5"], "--latency-ms"],
    [["--port", "0", "--latency-ms", "slow"], "--latency-ms"],
    [["--port", "0", "--latency-ms", "10", "--latency-jitter-ms", "-1"], "--latency-jitter-ms"],
    [["--port", "0", "--latency-jitter-ms", "10"], "--latency-jitter-ms"],
    [["--port", "0", "--no-such-flag"], "--no-such-flag"],
    [["--port", "0", "--run-outcome", "{not json"], "--run-outcome"],
    [["--port", "0", "--run-outcome", '{"polls": 0}'], "--run-outcome"],
  ])("bad arguments %j exit with code 2 naming %s", async (args, flag) => {
    const child = run(args, withKey());

    const { code, stderr } = await exited(child);

    expect(code).toBe(2);
    expect(stderr).toContain(flag);
  });

  test("--help prints the usage of `npx pulumi-bluejay-emulator`, listing every option, and exits 0", async () => {
    const { code, stdout } = await exited(run(["--help"], withKey()));

    expect(code).toBe(0);
    expect(stdout).toContain("Usage: npx pulumi-bluejay-emulator [--port N]");
    for (const option of [
      "--port",
      "--host",
      "--api-key",
      "--data-file",
      "--chaos",
      "--seed",
      "--rate-limit",
      "--rate-limit-burst",
      "--clock-offset-ms",
      "--run-outcome",
      "--latency-ms",
      "--latency-jitter-ms",
      "--help",
    ]) {
      expect(stdout).toMatch(new RegExp(`^ {2}(-h, )?${option} `, "m"));
    }
  });

  test("--rate-limit 1 limits requests: X-RateLimit-Limit 1 on answers, and a second request at once gets 429", async () => {
    const { child, url } = await started(["--rate-limit", "1"]);

    const first = await call("GET", "/v1/communities", { base: url });
    const second = await call("GET", "/v1/communities", { base: url });

    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("1");
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await stop(child)).toBe(0);
  });

  test("--rate-limit-burst sets the bucket size reported in X-RateLimit-Limit", async () => {
    const { child, url } = await started(["--rate-limit", "1", "--rate-limit-burst", "5"]);

    const reply = await call("GET", "/v1/communities", { base: url });

    expect(reply.headers.get("x-ratelimit-limit")).toBe("5");
    expect(reply.headers.get("x-ratelimit-remaining")).toBe("4");
    expect(await stop(child)).toBe(0);
  });

  test("--latency-ms 60 --latency-jitter-ms 5 holds every answer back at least 55 ms", async () => {
    const { child, url } = await started(["--latency-ms", "60", "--latency-jitter-ms", "5"]);

    for (let i = 0; i < 3; i++) {
      const sent = performance.now();
      const reply = await call("GET", "/v1/communities", { base: url });
      expect(reply.status).toBe(200);
      // A lower bound only: a slow machine makes it longer, never shorter.
      expect(performance.now() - sent).toBeGreaterThanOrEqual(54);
    }
    expect(await stop(child)).toBe(0);
  });

  test.each([
    [["--clock-offset-ms", "86400000"], 86_400_000],
    [["--clock-offset-ms=-86400000"], -86_400_000],
  ])("%j shifts the Date header and created_at by that many milliseconds", async (args, offset) => {
    const { child, url } = await started(args);

    const before = Date.now();
    const reply = await call("POST", "/v1/create-community", { base: url, body: { title: "skewed" } });
    const after = Date.now();

    const date = Date.parse(reply.headers.get("date")!);
    expect(date).toBeGreaterThanOrEqual(Math.floor((before + offset) / 1000) * 1000);
    expect(date).toBeLessThanOrEqual(after + offset);
    const createdAt = Date.parse((reply.body as { created_at: string }).created_at);
    expect(createdAt).toBeGreaterThanOrEqual(before + offset);
    expect(createdAt).toBeLessThanOrEqual(after + offset);
    expect(await stop(child)).toBe(0);
  });

  test("--run-outcome sets how every queued run ends: here each call fails at the first poll", async () => {
    const { child, url } = await started(["--run-outcome", '{"polls": 1, "failRate": 1}']);
    const base = { base: url };
    const agent = await call("POST", "/v1/add-agent", {
      ...base,
      body: { name: "A", system_prompt: "p", knowledge_base: "k", goals: [] },
    });
    const simulation = await call("POST", "/v1/create-simulation", {
      ...base,
      body: { agent_id: String((agent.body as { agent_id: number }).agent_id) },
    });
    const simulationId = (simulation.body as { simulation_id: number }).simulation_id;
    await call("POST", "/v1/create-digital-human", {
      ...base,
      body: { digital_human: { phone_number: "+1555" }, simulation_ids: [simulationId] },
    });

    await call("POST", "/v1/queue-simulation-run", {
      ...base,
      body: { simulation_id: String(simulationId) },
    });
    const runs = await call("GET", `/v1/get-simulation-runs/${simulationId}`, base);

    expect((runs.body as { simulation_runs: unknown[] }).simulation_runs).toEqual([
      expect.objectContaining({ status: "COMPLETED", tests_failed: 1, tests_passed: 0 }),
    ]);
    expect(await stop(child)).toBe(0);
  });

  test("--data-file keeps records across two CLI runs on the same file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-cli-"));
    const dataFile = path.join(dir, "bluejay.json");
    try {
      const first = await started(["--data-file", dataFile]);
      const agent = await call("POST", "/v1/add-agent", {
        base: first.url,
        body: { name: "kept", system_prompt: "p", knowledge_base: "k", goals: [] },
      });
      expect(await stop(first.child)).toBe(0);

      const second = await started(["--data-file", dataFile]);
      const id = (agent.body as { agent_id: number }).agent_id;
      expect(await call("GET", `/v1/agents/${id}`, { base: second.url })).toMatchObject({
        status: 200,
        body: { id, name: "kept" },
      });
      expect(await stop(second.child)).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
