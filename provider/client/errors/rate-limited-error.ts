import { BluejayRequestFailure, type RequestContext } from "./bluejay-error";

export interface RateLimitedDetails {
  /** When the request could have been sent at the earliest (ms since the epoch, this machine's clock). */
  resumesAt: number;
  /** When the pause Bluejay asked for (`Retry-After`, or an allowance used up) ends, if one was in force. */
  pausedUntil: number | undefined;
  /** Whether only the user's own ceiling (`maxRequestsPerSecond`) spaces requests, with no word from Bluejay. */
  ceilingOnly: boolean;
  /** The ceiling, when one is set. */
  maxRequestsPerSecond: number | undefined;
  /** What was left of the call's budget when it gave up (ms). */
  budgetLeftMs: number;
  /** The budget of one call, `totalTimeoutMs` (ms). */
  budgetMs: number;
  /** When it gave up (ms since the epoch); default now. */
  now?: number;
}

/**
 * A request was not sent at all: its turn under the rate limit comes after the call's time budget
 * ends, so sending it would only meet another 429 (or outlast the budget). Nothing reached Bluejay,
 * so even a create may simply be run again.
 */
export class BluejayRateLimitedError extends BluejayRequestFailure {
  override name = "BluejayRateLimitedError";
  /** When the request could have been sent at the earliest (ms since the epoch). */
  readonly resumesAt: number;
  /** Whole seconds from giving up to `resumesAt`. */
  readonly waitSeconds: number;
  /** When Bluejay's pause ends (ms since the epoch), if one was in force. */
  readonly pausedUntil: number | undefined;
  /** The budget of one call (ms), `totalTimeoutMs`. */
  readonly budgetMs: number;
  /** What was left of it (ms). */
  readonly budgetLeftMs: number;

  constructor(request: RequestContext, details: RateLimitedDetails) {
    const now = details.now ?? Date.now();
    const waitSeconds = Math.max(1, Math.ceil((details.resumesAt - now) / 1000));
    const at = new Date(details.resumesAt).toISOString().replace(/\.\d+Z$/, "Z");
    const left = Math.max(0, Math.floor(details.budgetLeftMs / 1000));
    const budget = Math.round(details.budgetMs / 1000);
    const call = `${request.method} ${request.path}`;
    const ceiling =
      details.maxRequestsPerSecond === undefined
        ? ""
        : ` (bluejay:maxRequestsPerSecond is ${details.maxRequestsPerSecond})`;
    const held =
      details.pausedUntil !== undefined
        ? `Bluejay is rate limiting this client: it asked for a pause that ends in ` +
          `${Math.max(1, Math.ceil((details.pausedUntil - now) / 1000))} s`
        : details.ceilingOnly
          ? `Requests to Bluejay are spaced to at most bluejay:maxRequestsPerSecond, ${details.maxRequestsPerSecond} a second`
          : `Bluejay is rate limiting this client: requests are spaced to the pace it allows${ceiling}`;
    const advice = details.ceilingOnly
      ? "Raise bluejay:maxRequestsPerSecond (BLUEJAY_MAX_REQUESTS_PER_SECOND), run fewer operations at once " +
        "(`pulumi up --parallel 4`), or run again."
      : "Run again later, or lower bluejay:maxRequestsPerSecond (BLUEJAY_MAX_REQUESTS_PER_SECOND) so fewer " +
        "requests run into Bluejay's limit.";
    super(
      `${held}, so ${call} could not be sent for ${waitSeconds} s (until ${at}), more than the ${left} s ` +
        `left of this call's ${budget} s budget. Nothing was sent to Bluejay. ${advice} ` +
        "(A program using BluejayClient directly can also raise its totalTimeoutMs option.)",
      request,
    );
    this.resumesAt = details.resumesAt;
    this.waitSeconds = waitSeconds;
    this.pausedUntil = details.pausedUntil;
    this.budgetMs = details.budgetMs;
    this.budgetLeftMs = details.budgetLeftMs;
  }
}
