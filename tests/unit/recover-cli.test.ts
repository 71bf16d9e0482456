// The `pulumi-bluejay-recover` command as a user runs it (the built bin): its help, its refusal of
// nothing on standard input, and the repaired state written readable by its owner alone.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expectFreshDist } from "../../scripts/lib/dist";
import { TEST_API_KEY, useEmulator } from "../helpers/emulator";

const root = path.resolve(__dirname, "../..");
const bin = path.join(root, "dist", "provider", "recover-cli.js");
const fx = useEmulator();

function recover(args: string[], input = "", env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      BLUEJAY_API_KEY: TEST_API_KEY,
      BLUEJAY_API_URL: fx.emulator.url,
      ...env,
    },
  });
}

describe("pulumi-bluejay-recover", () => {
  beforeAll(() => expectFreshDist());

  test("--help prints the usage, with the steps and the warning about a killed run's providers, and exits 0", () => {
    const run = recover(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npx pulumi-bluejay-recover \[--in FILE\] \[--out FILE\]/);
    expect(run.stdout).toContain("pulumi stack import --file repaired.json");
    expect(run.stdout).toContain("Wait for the killed run's provider processes to end first");
  });

  test("nothing on standard input: says so, with the usage, and exits 2 (not a JSON parse error)", () => {
    const run = recover([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^No exported state on standard input\./);
    expect(run.stderr).not.toContain("JSON");
  });

  test("the repaired state is written readable by its owner alone, and the command says why and how to remove it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-recover-"));
    const out = path.join(dir, "repaired.json");
    try {
      fs.writeFileSync(out, "{}", { mode: 0o644 });
      const state = { deployment: { resources: [] } };
      const run = recover(["--out", out, "--other-stacks", "none"], JSON.stringify(state));
      expect(run.status).toBe(0);
      expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual(state);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
      expect(run.stderr).toContain(
        `Wrote ${out}, readable by you alone: it holds the stack's secrets in plain text. Import it with \`pulumi stack import --file ${out}\`, then delete it (and the export): \`rm ${out}\`.`,
      );
      expect(run.stderr).not.toContain(TEST_API_KEY);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
