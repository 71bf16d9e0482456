// The provider Pulumi stores in state must serialize small, portable and secret-free, and must work
// when the dynamic-provider host evaluates it in a separate process.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { stubFor } from "../../../provider/dynamic/stub";
import { KINDS } from "../../../provider/kinds/registry";
import { expectFreshDist } from "../../../scripts/lib/dist";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const repoRoot = path.resolve(__dirname, "../../..");

/** Serializes the provider exactly as `pulumi.dynamic.Resource` does: `() => provider`. */
async function serializedProvider(kind = "Community"): Promise<string> {
  const provider = stubFor(kind);
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return text;
}

/**
 * Runs the serialized text the way @pulumi/pulumi/cmd/dynamic-provider does: require-from-string
 * with no file name, `.handler()`, `configure` with the host's Config class, then lifecycle calls.
 */
const HOST = `
const sdk = require.resolve("@pulumi/pulumi");
const requireFromString = require(require.resolve("require-from-string", { paths: [sdk] }));
const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config");
const text = require("fs").readFileSync(0, "utf8");
(async () => {
  const provider = requireFromString(text).handler();
  await provider.configure({ config: new Config({ "bluejay:apiKey": process.env.KEY, "bluejay:apiUrl": process.env.URL }, "p") });
  const checked = await provider.check({}, { __provider: text, title: "Serialized", digitalHumanIds: [1, 2] });
  const created = await provider.create(checked.inputs);
  const read = await provider.read(created.id, created.outs);
  const diff = await provider.diff(created.id, created.outs, { title: "Renamed", digitalHumanIds: [2, 1] });
  const updated = await provider.update(created.id, created.outs, { title: "Renamed", digitalHumanIds: [2, 1] });
  await provider.delete(created.id, updated.outs);
  console.log(JSON.stringify({ checked, created, read, diff, updated }));
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

function runHost(
  text: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["-e", HOST],
      { cwd, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ stdout, stderr, code: error ? Number(error.code ?? 1) : 0 }),
    );
    child.stdin!.end(text);
  });
}

describe("serialized provider", () => {
  const fx = useEmulator();
  // The stub runs the built package, as Pulumi's host does.
  beforeAll(expectFreshDist);

  test("is a small stub: under 1.2 KB, no schema, client or SDK code inside", async () => {
    const text = await serializedProvider();
    expect(text.length).toBeLessThan(1200);
    expect(text).toContain('("pulumi-bluejay/runtime")');
    expect(text).not.toMatch(/zod|safeParse|BluejayClient|node-fetch|__pulumi/);
  });

  test("contains no absolute path and no API key, even with a key in the environment", async () => {
    process.env.BLUEJAY_API_KEY = TEST_API_KEY;
    try {
      const text = await serializedProvider();
      expect(text).not.toContain(repoRoot);
      expect(text).not.toContain(process.cwd());
      expect(text).not.toContain(TEST_API_KEY);
    } finally {
      delete process.env.BLUEJAY_API_KEY;
    }
  });

  test("runs the whole lifecycle when evaluated by the dynamic-provider host in another process", async () => {
    const text = await serializedProvider();
    const { stdout, stderr, code } = await runHost(text, repoRoot, {
      KEY: TEST_API_KEY,
      URL: fx.emulator.url,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<
      "checked" | "created" | "read" | "diff" | "updated",
      Record<string, unknown>
    >;
    expect(result.checked).toEqual({
      inputs: { title: "Serialized", digitalHumanIds: [1, 2] },
      failures: [],
    });
    expect(result.read.props).toMatchObject({ title: "Serialized", digitalHumanIds: [1, 2] });
    expect(result.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(result.updated.outs).toMatchObject({ title: "Renamed" });
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      "POST 200",
      "GET 200",
      "PUT 200",
      "DELETE 200",
    ]);
    expect(fx.emulator.communities()).toEqual([]);
  });

  test.each(KINDS.map((kind) => kind.name))(
    "%s's stub names its kind and stays under 1.2 KB in state",
    async (kind) => {
      const text = await serializedProvider(kind);
      expect(text).toContain(`kind: "${kind}"`);
      expect(text.length).toBeLessThanOrEqual(1200);
    },
  );

  test("state written by 0.1.0: its stored provider text (no kind) runs the whole lifecycle on this runtime", async () => {
    const text = fs.readFileSync(path.join(repoRoot, "tests/fixtures/community-provider-0.1.0.js"), "utf8");
    expect(text).not.toContain("kind");

    const { stdout, stderr, code } = await runHost(text, repoRoot, {
      KEY: TEST_API_KEY,
      URL: fx.emulator.url,
    });

    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<"created" | "read" | "diff", Record<string, unknown>>;
    // A refresh of what 0.1.0 created shows no change.
    expect(result.read.props).toEqual(result.created.outs);
    expect(result.read.props).toMatchObject({ title: "Serialized", digitalHumanIds: [1, 2] });
    expect(result.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      "POST 200",
      "GET 200",
      "PUT 200",
      "DELETE 200",
    ]);
  });

  test("reads the key from the host's config, and a wrong key fails without revealing it", async () => {
    const text = await serializedProvider();
    const { stderr, code } = await runHost(text, repoRoot, { KEY: "not-the-key-91b2", URL: fx.emulator.url });
    expect(code).not.toBe(0);
    expect(stderr).toContain("Bluejay refused the API key for POST /v1/create-community (401");
    expect(stderr).not.toContain("not-the-key-91b2");
  });
});
