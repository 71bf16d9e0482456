import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

/**
 * A create request may or may not have been processed (the connection dropped or timed out after
 * it was sent) and Bluejay's list of communities did not settle which.
 */
export class BluejayAmbiguousCreateError extends BluejayRequestFailure {
  override name = "BluejayAmbiguousCreateError";
  /** Communities that match what was sent and may be the one this request created. */
  readonly candidateIds: readonly string[];

  constructor(request: RequestContext, candidateIds: string[], options?: { cause?: unknown }) {
    const which =
      candidateIds.length > 0
        ? `Possible duplicates: ${candidateIds.join(", ")}. Keep one (adopt it with the adoptId input) and delete the others in Bluejay.`
        : "Check Bluejay for a community with this title before running again.";
    super(
      `The outcome of ${request.method} ${request.path} is unknown: the request was sent but no answer came back, ` +
        `and Bluejay's community list does not show exactly one match. ${which}`,
      request,
      options,
    );
    this.candidateIds = candidateIds;
  }
}
