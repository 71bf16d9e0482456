import { STALE_SETTINGS_HELP } from "./api-error";
import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

/** The request never got an HTTP answer: connection refused or reset, DNS failure, timeout. */
export class BluejayNetworkError extends BluejayRequestFailure {
  override name = "BluejayNetworkError";
  /** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) or `ETIMEDOUT` for our own timeout. */
  readonly code: string;
  /** The origin that could not be reached, e.g. `http://127.0.0.1:8080`. */
  readonly origin: string;

  constructor(
    request: RequestContext,
    origin: string,
    code: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Could not complete ${request.method} ${request.path} at ${origin}: ${reason}. ` +
        `Check that Bluejay is reachable and that bluejay:apiUrl (or BLUEJAY_API_URL) is right. ${STALE_SETTINGS_HELP}`,
      request,
      options,
    );
    this.code = code;
    this.origin = origin;
  }
}
