// Files made from the kinds' descriptions are committed, so a reader (and Pulumi's tooling) finds
// them without running anything: each must be exactly what its generator makes today.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { packageSchema } from "../../scripts/lib/package-schema";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

describe("generated files are fresh", () => {
  test("docs/reference holds one page per kind, each exactly what `npm run docs` writes", () => {
    // Its own process: Prettier, which formats the pages, loads its parsers in a way jest cannot.
    const check = spawnSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/docs.ts", "--check"],
      { cwd: root, encoding: "utf8" },
    );
    expect([check.status, check.stderr]).toEqual([0, ""]);
  });

  test("schema.json is exactly what `npm run schema` writes", () => {
    const manifest = JSON.parse(read("package.json")) as { version: string; description: string };
    expect(JSON.parse(read("schema.json"))).toEqual(packageSchema(manifest));
  });
});
