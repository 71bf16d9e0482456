// The errors `runSimulations` and `pulumi-bluejay test` raise themselves (Bluejay's answers keep the
// client's errors: BluejayApiError, BluejayNetworkError, …). Each says what to do next.
import { BluejayError } from "../client/errors";

/** An option of the test run is wrong or cannot apply: nothing was queued because of it. */
export class BluejayTestConfigError extends BluejayError {
  override name = "BluejayTestConfigError";
  /** The option at fault, as the command names it: `--min-pass-rate`, `--stack`, `--phone-number`. */
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
}

/** `pulumi stack export` (or `pulumi config`) failed: the stack's simulations could not be read. */
export class BluejayStackError extends BluejayError {
  override name = "BluejayStackError";
  /** The stack's name (`stack` is Error's own). */
  readonly stackName: string;
  /** The folder the Pulumi CLI ran in. */
  readonly cwd: string;
  /** What the Pulumi CLI printed on stderr (its last lines). */
  readonly stderr: string;

  constructor(stack: string, cwd: string, what: string, stderr: string, options?: { cause?: unknown }) {
    // Its last words, or (when it printed none: not found, killed) how it failed.
    const failure = (options?.cause as { message?: unknown } | undefined)?.message;
    const cause = typeof failure === "string" ? failure.split("\n")[0]! : "";
    const words = stderr.trim() === "" ? cause.trim() : stderr.trim().split("\n").slice(-3).join(" ");
    const said = words === "" ? "" : `: ${words}`;
    super(
      `Could not read stack ${stack} (${what} in ${cwd})${said}. Check that the Pulumi CLI is on PATH, that ` +
        "--cwd is the project's folder, that the stack exists (`pulumi stack ls`), and that you are logged in to " +
        "its backend (PULUMI_BACKEND_URL, PULUMI_ACCESS_TOKEN).",
      options,
    );
    this.stackName = stack;
    this.cwd = cwd;
    this.stderr = stderr;
  }
}

/** A queue's answer was lost and Bluejay holds more than one run it may have made. */
export class BluejayAmbiguousRunError extends BluejayError {
  override name = "BluejayAmbiguousRunError";
  readonly simulationId: number;
  /** The runs that may be the one the lost request queued. */
  readonly candidateRunIds: readonly number[];

  constructor(simulationId: number, candidateRunIds: number[], options?: { cause?: unknown }) {
    super(
      `The answer to queueing a run of simulation ${simulationId} was lost, and Bluejay shows several new runs of it ` +
        `(${candidateRunIds.join(", ")}); any of them may be the one. Judge them with ` +
        `\`npx pulumi-bluejay test ${candidateRunIds.map((id) => `--run ${id}`).join(" ")}\`.`,
      options,
    );
    this.simulationId = simulationId;
    this.candidateRunIds = candidateRunIds;
  }
}
