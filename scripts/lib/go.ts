// Go, for the end-to-end suites that test or build the project's Go tools: `go` from PATH, else
// /usr/local/go/bin, the same fallback as scripts/install-pulumi.sh and .ci/run.
import * as path from "path";

const FALLBACK = "/usr/local/go/bin";

/** This process's environment with the Go fallback at the end of PATH (a `go` on PATH wins). */
export function goProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = process.env.PATH ?? "";
  return { ...process.env, PATH: [base, FALLBACK].filter((p) => p !== "").join(path.delimiter), ...extra };
}
