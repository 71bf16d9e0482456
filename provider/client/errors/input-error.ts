import { BluejayError } from "./bluejay-error";

/** A caller passed a value that cannot be sent to Bluejay; nothing was sent. */
export class BluejayInputError extends BluejayError {
  override name = "BluejayInputError";
  /** What was called, e.g. `createCommunity`. */
  readonly operation: string;
  /** `field: problem` strings naming each bad field. */
  readonly problems: readonly string[];

  /** `outcome` says what did not happen: by default nothing was sent (a check that read Bluejay first says so). */
  constructor(operation: string, problems: string[], outcome = "Nothing was sent to Bluejay.") {
    super(`Invalid arguments to ${operation}: ${problems.join("; ")}. ${outcome}`);
    this.operation = operation;
    this.problems = problems;
  }
}
