import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

/**
 * A create request may or may not have been processed: its answer was lost after it was sent, and
 * Bluejay has no idempotency key. The resource layer looks for what it made (see `settled`); what
 * reaches a person says what was found and what to do. It never names the values that were sent:
 * they may be secrets.
 */
export class BluejayAmbiguousCreateError extends BluejayRequestFailure {
  override name = "BluejayAmbiguousCreateError";
  /** What was being created, e.g. `Community`. */
  readonly kind: string;
  /** When the request was sent (this machine's clock, ms since the epoch). */
  readonly sentAt: number;
  /** Resources that match what was sent and may be the one this request created. */
  readonly candidateIds: readonly string[];
  /** What is known of the outcome, completing "is unknown: …" (never a value that was sent). */
  readonly why: string;

  constructor(
    request: RequestContext,
    kind: string,
    sentAt: number,
    why: string,
    candidateIds: string[] = [],
    options?: { cause?: unknown },
  ) {
    const advice =
      candidateIds.length > 0
        ? `Possible duplicates: ${candidateIds.join(", ")}. Keep one (adopt it with the adoptId input) and delete the others in Bluejay before running again.`
        : `It may exist: look in Bluejay for a ${kind} matching this declaration and adopt it with the adoptId input (or delete it) before running again, or the next run may create a second one.`;
    super(
      `The outcome of ${request.method} ${request.path} for a new ${kind} is unknown: ${why}. ${advice}`,
      request,
      options,
    );
    this.kind = kind;
    this.sentAt = sentAt;
    this.candidateIds = candidateIds;
    this.why = why;
  }

  /** The same create, after looking for what it made: `why` says what was found. */
  settled(why: string, candidateIds: string[], cause: unknown = this.cause): BluejayAmbiguousCreateError {
    const request = { method: this.method, path: this.path };
    return new BluejayAmbiguousCreateError(request, this.kind, this.sentAt, why, candidateIds, { cause });
  }
}
