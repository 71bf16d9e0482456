// scripts/lib/postgres.ts without a server: how it finds PostgreSQL, and what it says when it cannot.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findPostgresBinDir, freePort, startPostgres } from "../../../scripts/lib/postgres";

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

test("a tool that fails says which and what it printed, as a plain error, even on a PATH without sbin", async () => {
  // A stand-in initdb that refuses; psql and postgres are never reached.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-pg-bin-"));
  fs.chmodSync(bin, 0o755);
  fs.writeFileSync(path.join(bin, "initdb"), "#!/bin/sh\necho 'initdb: cannot be run today' >&2\nexit 1\n", {
    mode: 0o755,
  });
  for (const tool of ["postgres", "psql"]) fs.writeFileSync(path.join(bin, tool), "", { mode: 0o755 });
  const saved = process.env.PATH;
  // root runs the server through runuser, which lives in /usr/sbin: a bare PATH must not lose it.
  process.env.PATH = "/usr/bin:/bin";
  try {
    const error = (await startPostgres({ binDir: bin }).catch((e: unknown) => e)) as Error;

    expect(error.message).toMatch(/^(initdb|runuser) failed: /);
    expect(error.message).toContain("initdb: cannot be run today");
    // Test runners pass errors between processes as JSON: this one has no cycle.
    expect(() => JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toThrow();
  } finally {
    process.env.PATH = saved;
    fs.rmSync(bin, { recursive: true, force: true });
  }
});
