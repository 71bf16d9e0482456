// When to try a request again, and how long to wait first. Pure functions: the transport feeds
// them what happened and they answer; tests drive them through the emulator's fault injection.

/** What one attempt ended with, as far as retrying cares. */
export type AttemptOutcome =
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** No HTTP answer. `sent` is false only when the request provably never left (connection refused, DNS). */
  | { kind: "network"; code: string; sent: boolean }
  /** An answer that is not what the API promises (not JSON, wrong shape, too large): not transient. */
  | { kind: "invalid-response" };

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Statuses that mean the server did not process the request, so even a POST may be repeated. */
const NOT_PROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export type RetryVerdict = "retry" | "fail" | "ambiguous";

/**
 * An idempotent request (GET, PUT, DELETE, an update sent as POST) may be retried after any transient
 * failure. A create has no idempotency key in Bluejay, so it is retried only when it provably was not
 * processed; when it may have been processed the caller must reconcile ("ambiguous").
 */
export function classify(idempotent: boolean, outcome: AttemptOutcome): RetryVerdict {
  // A POST may have created the community even though its answer is unreadable: reconcile.
  if (outcome.kind === "invalid-response") return idempotent ? "fail" : "ambiguous";
  if (outcome.kind === "status") {
    if (!RETRYABLE_STATUSES.has(outcome.status) && outcome.status < 500) return "fail";
    if (idempotent) return RETRYABLE_STATUSES.has(outcome.status) ? "retry" : "fail";
    if (NOT_PROCESSED_STATUSES.has(outcome.status)) return "retry";
    return "ambiguous";
  }
  if (idempotent || !outcome.sent) return "retry";
  return "ambiguous";
}

export interface BackoffSettings {
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
}

/** Exponential backoff with full jitter. (`Retry-After` is the rate limiter's, for every call at once.) */
export function backoffDelayMs(
  retryNumber: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(settings.maxRetryDelayMs, settings.retryBaseDelayMs * 2 ** retryNumber);
  return Math.round(ceiling * random());
}

/** `Retry-After` as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
