// Runs once before the end-to-end suites: their programs import `pulumi-bluejay` by name (dist/),
// so it must be built from the current sources; and a Pulumi CLI must exist (building one on a
// fresh machine takes minutes, longer than any single test may). The suites read its folder from
// PULUMI_BLUEJAY_BIN.
import { pulumiBinDir } from "../../scripts/pulumi-cli";
import { ensureFreshDist } from "../../scripts/lib/dist";

export default function globalSetup(): void {
  ensureFreshDist();
  process.env.PULUMI_BLUEJAY_BIN = pulumiBinDir();
}
