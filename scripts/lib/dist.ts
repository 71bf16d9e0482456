// Some tests must run the built package (`dist/`), as Pulumi's dynamic-provider host does: the
// serialized stub requires `pulumi-bluejay/runtime` by name. They must never pass on a stale build,
// so the build is stamped with a hash of the sources it was made from, and checked against it.
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const STAMP = path.join(root, "dist", ".sources.sha256");
/** What `npm run build` compiles, and what shapes how. */
const INPUTS = ["provider", "emulator", "tsconfig.json", "tsconfig.build.json", "package.json"];

function sourcesHash(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (fs.statSync(full).isDirectory()) {
      for (const child of fs.readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  INPUTS.forEach(visit);
  return hash.digest("hex");
}

/** Builds `dist/` unless it was built from exactly the current sources. */
export function ensureFreshDist(): void {
  const current = sourcesHash();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === current) return;
  // From scratch, as `npm run build` does, so a module moved or deleted does not live on in dist/;
  // built aside and swapped in, so a run that is using dist/ meanwhile never finds it half-made.
  const aside = path.join(root, `dist.building-${process.pid}`);
  const tsc = require.resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", aside], {
    cwd: root,
    stdio: "inherit",
  });
  // The bins run by name (`npx pulumi-bluejay` in this repository) as npm runs them: executable.
  const bins = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { bin: Record<string, string> }
  ).bin;
  for (const bin of Object.values(bins)) fs.chmodSync(path.join(aside, path.relative("dist", bin)), 0o755);
  fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
  fs.renameSync(aside, path.join(root, "dist"));
  fs.writeFileSync(STAMP, current);
}

/** Fails the test unless `dist/` was built from the current sources. */
export function expectFreshDist(): void {
  const stamp = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8") : "none";
  if (stamp !== sourcesHash()) {
    throw new Error(
      "dist/ was not built from the current sources: run `npm run build` (or `npm run test:unit`).",
    );
  }
}
