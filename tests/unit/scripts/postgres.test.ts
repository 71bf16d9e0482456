// scripts/lib/postgres.ts without a server: how it finds PostgreSQL, and what it says when it cannot.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findPostgresBinDir, freePort } from "../../../scripts/lib/postgres";

describe("findPostgresBinDir", () => {
  let root: string;
  const saved = process.env.PG_BIN;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-pg-root-"));
    delete process.env.PG_BIN;
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    if (saved === undefined) delete process.env.PG_BIN;
    else process.env.PG_BIN = saved;
  });
  const install = (version: string) => {
    fs.mkdirSync(path.join(root, version, "bin"), { recursive: true });
    fs.writeFileSync(path.join(root, version, "bin", "initdb"), "");
  };

  test("picks the newest installed version's bin folder", () => {
    install("13");
    install("15");
    fs.mkdirSync(path.join(root, "16")); // no binaries: not an install
    expect(findPostgresBinDir(root)).toBe(path.join(root, "15", "bin"));
  });

  test("without binaries, fails saying which package installs them and that .ci/run does", () => {
    expect(() => findPostgresBinDir(path.join(root, "missing"))).toThrow(/postgresql.*\.ci\/run/s);
  });
});

test("freePort gives a port that can be listened on", async () => {
  const port = await freePort();
  expect(port).toBeGreaterThan(0);
  expect(port).toBeLessThan(65536);
});
