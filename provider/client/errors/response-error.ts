import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

/** Bluejay answered 2xx, but the body is not the shape its API description promises. */
export class BluejayResponseError extends BluejayRequestFailure {
  override name = "BluejayResponseError";
  readonly status: number;
  /** The offending fields, as `path: problem` strings (`created_at: Required`). */
  readonly problems: readonly string[];

  constructor(request: RequestContext, status: number, problems: string[], options?: { cause?: unknown }) {
    super(
      `Bluejay's response to ${request.method} ${request.path} (${status}) is not what its API promises: ` +
        `${problems.join("; ")}. Nothing was written to Pulumi state; check bluejay:apiUrl points at Bluejay.`,
      request,
      options,
    );
    this.status = status;
    this.problems = problems;
  }
}
