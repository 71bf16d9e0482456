// Runs once before all test files: makes sure a Pulumi CLI exists (building it on a fresh machine
// takes minutes, longer than any single test may) and tells the end-to-end suites where it is.
import { execFileSync } from "child_process";
import * as path from "path";

export default function globalSetup(): void {
  if (process.env.PULUMI_BLUEJAY_BIN) return;
  const script = path.resolve(__dirname, "../scripts/install-pulumi.sh");
  const output = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  process.env.PULUMI_BLUEJAY_BIN = output.trim().split("\n").at(-1);
}
