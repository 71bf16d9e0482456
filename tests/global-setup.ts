// Runs once before all test files: makes sure a Pulumi CLI exists (building it on a fresh machine
// takes minutes, longer than any single test may) and tells the end-to-end suites where it is.
import { pulumiBinDir } from "../scripts/pulumi-cli";

export default function globalSetup(): void {
  process.env.PULUMI_BLUEJAY_BIN = pulumiBinDir();
}
