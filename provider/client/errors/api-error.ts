import type { FieldError } from "../wire";
import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

export interface ApiErrorDetails {
  status: number;
  /** FastAPI's `detail` string (401, 403, 404, …), when the body carried one. */
  detail?: string;
  /** FastAPI's list of field errors (422). */
  fieldErrors?: FieldError[];
  /** Seconds from a `Retry-After` header (429, 503). */
  retryAfterSeconds?: number;
  /** Which attempt of the call this answer ended (1 when it was not retried). */
  attempt?: number;
  /** The resource the request's path names, so a 404 can say which. */
  resource?: ResourceRef;
  /** What to do about a 404, when the caller knows better than "refresh" (a lookup does). */
  notFoundAdvice?: string;
}

/** A Bluejay resource named by a request path: `{ kind: "community", id: "3f0c…" }`. */
export interface ResourceRef {
  /** In lower case, as a sentence uses it: `community`, `agent`, `digital human`. */
  kind: string;
  id: string;
}

/** Said wherever a setting may be at fault: refresh and destroy use the settings stored in state. */
export const STALE_SETTINGS_HELP =
  "If you changed it since the last `pulumi up`, `pulumi refresh` and `pulumi destroy` still use the settings " +
  "stored in state: run `pulumi up` first, or add `--run-program`.";

const KEY_HELP =
  "Set a valid key with `pulumi config set --secret bluejay:apiKey <key>` or the BLUEJAY_API_KEY environment variable. " +
  STALE_SETTINGS_HELP;

/** Bluejay answered with an HTTP error status. */
export class BluejayApiError extends BluejayRequestFailure {
  override name = "BluejayApiError";
  readonly status: number;
  readonly detail: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  readonly retryAfterSeconds: number | undefined;
  /** The resource the path names, when the call was about one. */
  readonly resource: ResourceRef | undefined;

  /** The answer's details, for an error that tells the same answer with other advice. */
  private readonly details: ApiErrorDetails;

  constructor(request: RequestContext, details: ApiErrorDetails) {
    super(describe(request, details), request);
    this.details = details;
    this.status = details.status;
    this.detail = details.detail;
    this.fieldErrors = details.fieldErrors ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.resource = details.resource;
  }

  /** The same answer, its 404 advice replaced: a lookup's reader cannot `pulumi refresh` it away. */
  withNotFoundAdvice(advice: string): BluejayApiError {
    return new BluejayApiError(
      { method: this.method, path: this.path },
      { ...this.details, notFoundAdvice: advice },
    );
  }
}

/** `body.title: Field required` — FastAPI's own words, with the location joined by dots. */
export function formatFieldError(error: FieldError): string {
  return `${error.loc.join(".")}: ${error.msg}`;
}

function describe(request: RequestContext, d: ApiErrorDetails): string {
  const call = `${request.method} ${request.path}`;
  const said = d.detail ? `: ${d.detail}` : "";
  const tries = (d.attempt ?? 1) > 1 ? ` in all ${d.attempt} attempts` : "";
  switch (true) {
    case d.status === 422 && (d.fieldErrors?.length ?? 0) > 0:
      return `Bluejay rejected ${call} (422): ${d.fieldErrors!.map(formatFieldError).join("; ")}`;
    case d.status === 401 || d.status === 403:
      return `Bluejay refused the API key for ${call} (${d.status}${said}). ${KEY_HELP}`;
    case d.status === 404 && d.resource !== undefined:
      return (
        `Bluejay has no ${d.resource.kind} with id ${d.resource.id} (${call} returned 404). ` +
        (d.notFoundAdvice ??
          "It may have been deleted outside Pulumi: run `pulumi refresh` to forget it, or check the id.")
      );
    case d.status === 413:
      return `Bluejay refused ${call} as too large (413${said}): a request body may be at most 1 MiB. Shorten the largest input.`;
    case d.status === 429:
      return `Bluejay rate-limited ${call} (429${said})${tries}. Wait and run again, or run fewer operations at once (\`pulumi up --parallel 4\`).`;
    case d.status >= 500:
      return `Bluejay failed to handle ${call} (${d.status}${said})${tries}; it may be having an outage. Try again later.`;
    default:
      return `Bluejay rejected ${call} (${d.status}${said})`;
  }
}
