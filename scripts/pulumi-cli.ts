// Where the Pulumi CLI is, for the demo, the benchmark and the tests: PULUMI_BLUEJAY_BIN when set,
// else whatever scripts/install-pulumi.sh finds or builds (it prints the folder as its last line).
import { execFileSync } from "child_process";
import * as path from "path";

let cached: string | undefined;

export function pulumiBinDir(): string {
  cached ??=
    process.env.PULUMI_BLUEJAY_BIN ??
    execFileSync("bash", [path.resolve(__dirname, "install-pulumi.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .at(-1)!;
  return cached;
}
