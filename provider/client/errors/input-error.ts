import { BluejayError } from "./bluejay-error";

/** A caller passed a value that cannot be sent to Bluejay; nothing was sent. */
export class BluejayInputError extends BluejayError {
  override name = "BluejayInputError";
  /** What was called, e.g. `createCommunity`. */
  readonly operation: string;
  /** `field: problem` strings naming each bad field. */
  readonly problems: readonly string[];

  constructor(operation: string, problems: string[]) {
    super(`Invalid arguments to ${operation}: ${problems.join("; ")}. Nothing was sent to Bluejay.`);
    this.operation = operation;
    this.problems = problems;
  }
}
