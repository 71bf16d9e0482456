import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

/**
 * A create request may or may not have been processed (its answer was lost after it was sent) and
 * Bluejay's list of communities did not settle which.
 */
export class BluejayAmbiguousCreateError extends BluejayRequestFailure {
  override name = "BluejayAmbiguousCreateError";
  /** Communities that match what was sent and may be the one this request created. */
  readonly candidateIds: readonly string[];
  /** The title that was sent, to look for in Bluejay. */
  readonly title: string;

  /** `why` completes "The outcome … is unknown: ", e.g. "its answer was lost and 2 communities match it". */
  constructor(
    request: RequestContext,
    title: string,
    candidateIds: string[],
    why: string,
    options?: { cause?: unknown },
  ) {
    const advice =
      candidateIds.length > 0
        ? `Possible duplicates: ${candidateIds.join(", ")}. Keep one (adopt it with the adoptId input) and delete the others in Bluejay before running again.`
        : "It may exist: check Bluejay for a community with this title and adopt it with the adoptId input (or delete it) before running again, or the next run may create a second one.";
    super(
      `The outcome of ${request.method} ${request.path} for the community titled ${JSON.stringify(title)} is unknown: ${why}. ${advice}`,
      request,
      options,
    );
    this.candidateIds = candidateIds;
    this.title = title;
  }
}
