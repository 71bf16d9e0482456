// One HTTP exchange with Bluejay, with retries: builds the request, enforces per-attempt timeouts and
// body limits, turns every failure into a typed error, and validates the body with a zod schema.
import fetch, { type RequestInit, type Response } from "node-fetch";
import type { ZodType, ZodTypeDef } from "zod";
import {
  BluejayApiError,
  BluejayNetworkError,
  BluejayRateLimitedError,
  BluejayRedirectError,
  BluejayResponseError,
  type RequestContext,
  type ResourceRef,
} from "./errors";
import type { NormalizedClientOptions } from "./options";
import { deadline } from "./budget";
import { RateLimiter, resetSecondsFromHeader, type NoTurn } from "./rate-limit";
import { backoffDelayMs, classify, parseRetryAfter, sleep, type AttemptOutcome } from "./retry";
import { DetailBodySchema, ValidationErrorBodySchema, type FieldError } from "./wire";

export interface CallSpec<T> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, already encoded. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  schema: ZodType<T, ZodTypeDef, unknown>;
  /** The resource a path names, so a 404 can say which. */
  resource?: ResourceRef;
  /** Whether sending it twice does no harm; by default every method but POST (Bluejay's update-agent is a POST that is). */
  idempotent?: boolean;
}

/** Thrown by `call` for a POST whose outcome is unknown; the caller decides how to reconcile. */
export class AmbiguousOutcome extends Error {
  override name = "AmbiguousOutcome";
  constructor(readonly failure: Error) {
    super(failure.message, { cause: failure });
  }
}

/** Network error codes that prove the request never reached the server. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
const SNIPPET_LENGTH = 200;

export class Transport {
  /** Attempts made since this transport was created; a figure for benchmarks and tests. */
  attempts = 0;
  /** Writes (every method but GET) started plus writes ended: it moves whenever Bluejay may change. */
  writes = 0;
  /**
   * How far Bluejay's clock is ahead of this machine's (ms), from the `Date` header of the latest
   * answer; `Date` has whole seconds, so this errs low by less than one. Undefined until an answer had one.
   */
  serverClockSkewMs: number | undefined;

  private readonly limiter: RateLimiter;

  constructor(readonly options: NormalizedClientOptions) {
    this.limiter = new RateLimiter(options.maxRequestsPerSecond);
  }

  /** 429s this client has received. */
  get refusals(): number {
    return this.limiter.refusals;
  }

  /** The time one call may take, retries and backoff included. */
  get budgetMs(): number {
    return this.options.totalTimeoutMs;
  }

  async call<T>(spec: CallSpec<T>): Promise<T> {
    if (spec.method === "GET") return this.send(spec);
    this.writes++;
    try {
      return await this.send(spec);
    } finally {
      this.writes++;
    }
  }

  private async send<T>(spec: CallSpec<T>): Promise<T> {
    const request = this.context(spec);
    const ends = deadline(this.options.totalTimeoutMs);
    // A 429 is not a failure of the request, only of its timing: it does not use up a retry.
    // The first request waits its turn; when that comes after the budget it is not sent at all (sending
    // it would only meet another 429), and the call fails saying so. A retry whose turn would come
    // after the budget is not sent either: the call ends with the last answer it received.
    const turn = await this.limiter.acquire(ends);
    if (turn !== true) throw this.rateLimited(request, turn, ends);
    for (let attempt = 1, retry = 0; ; attempt++) {
      const result = await this.attempt(spec, request, ends, attempt);
      if (result.ok) return result.value;
      const verdict = classify(spec.idempotent ?? spec.method !== "POST", result.outcome);
      const refused = result.outcome.kind === "status" && result.outcome.status === 429;
      // The limiter already holds every call back for Retry-After; this call's own backoff is extra.
      const delay = refused ? 0 : backoffDelayMs(retry, this.options);
      if (!refused) retry++;
      const outOfRetries = retry > this.options.maxRetries || Date.now() + delay >= ends;
      if (verdict === "ambiguous") throw new AmbiguousOutcome(result.error);
      if (verdict === "fail" || outOfRetries) throw result.error;
      await sleep(delay);
      if ((await this.limiter.acquire(ends)) !== true) throw result.error;
    }
  }

  close(): void {
    this.options.agent.destroy();
  }

  private rateLimited(request: RequestContext, turn: NoTurn, ends: number): BluejayRateLimitedError {
    const now = Date.now();
    return new BluejayRateLimitedError(request, {
      resumesAt: turn.turnAt,
      pausedUntil: turn.pausedUntil,
      ceilingOnly: turn.heldBy === "ceiling",
      maxRequestsPerSecond: this.options.maxRequestsPerSecond,
      budgetLeftMs: ends - now,
      budgetMs: this.options.totalTimeoutMs,
      now,
    });
  }

  private context(spec: CallSpec<unknown>): RequestContext {
    const query = spec.query ? `?${new URLSearchParams(spec.query).toString()}` : "";
    return { method: spec.method, path: `${spec.path}${query}` };
  }

  private async attempt<T>(
    spec: CallSpec<T>,
    request: RequestContext,
    ends: number,
    attempt: number,
  ): Promise<{ ok: true; value: T } | { ok: false; outcome: AttemptOutcome; error: Error }> {
    this.attempts++;
    const { options } = this;
    const headers: Record<string, string> = {
      "X-API-Key": options.apiKey,
      Accept: "application/json",
      "User-Agent": "pulumi-bluejay",
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";
    const controller = new AbortController();
    const sentAt = Date.now();
    // The timer spans the whole exchange, body included, so a trickling response cannot hang a run,
    // and never outlasts the call's budget.
    const timeoutMs = Math.max(1, Math.min(options.requestTimeoutMs, ends - Date.now()));
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${options.origin}${request.path}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        agent: options.agent,
        // The key goes only where bluejay:apiUrl points: a redirect is reported, never followed.
        redirect: "manual",
        // node-fetch v2 declares its own AbortSignal type; the global one is what it accepts at run time.
        signal: controller.signal as unknown as RequestInit["signal"],
        size: options.maxResponseBytes,
      });
    } catch (error) {
      clearTimeout(timer);
      return this.networkFailure(error, request, timeoutMs);
    }
    try {
      text = await response.text();
    } catch (error) {
      if ((error as { type?: string }).type === "max-size") return this.tooLarge(response, request);
      return this.networkFailure(error, request, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
    if (response.status >= 300 && response.status < 400) {
      const error = new BluejayRedirectError(request, response.status, response.headers.get("location"));
      return { ok: false, outcome: { kind: "status", status: response.status }, error };
    }

    const serverDate = Date.parse(response.headers.get("date") ?? "");
    if (!Number.isNaN(serverDate)) this.serverClockSkewMs = serverDate - Date.now();
    this.limiter.observe({
      status: response.status,
      retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
      limit: numberHeader(response.headers.get("x-ratelimit-limit")),
      remaining: numberHeader(response.headers.get("x-ratelimit-remaining")),
      resetSeconds: resetSecondsFromHeader(
        numberHeader(response.headers.get("x-ratelimit-reset")),
        Number.isNaN(serverDate) ? undefined : serverDate,
      ),
      sentAt,
    });
    const status = response.status;
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) {
      if (!parsed.ok) {
        const error = new BluejayResponseError(request, status, [`body is not JSON (${this.snippet(text)})`]);
        return { ok: false, outcome: { kind: "invalid-response" }, error };
      }
      const checked = spec.schema.safeParse(parsed.value);
      if (!checked.success) {
        const problems = checked.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
        const error = new BluejayResponseError(request, status, problems);
        return { ok: false, outcome: { kind: "invalid-response" }, error };
      }
      return { ok: true, value: checked.data };
    }

    const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
    const error = new BluejayApiError(request, {
      status,
      attempt,
      ...this.errorBody(parsed, text),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...(spec.resource === undefined ? {} : { resource: spec.resource }),
    });
    return {
      ok: false,
      outcome: { kind: "status", status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
      error,
    };
  }

  private errorBody(
    parsed: { ok: true; value: unknown } | { ok: false },
    text: string,
  ): { detail?: string; fieldErrors?: FieldError[] } {
    if (parsed.ok) {
      const validation = ValidationErrorBodySchema.safeParse(parsed.value);
      if (validation.success) {
        return { fieldErrors: validation.data.detail.map((e) => ({ ...e, msg: this.redact(e.msg) })) };
      }
      const detail = DetailBodySchema.safeParse(parsed.value);
      if (detail.success) return { detail: this.redact(detail.data.detail).slice(0, SNIPPET_LENGTH) };
    }
    return text.trim() === "" ? {} : { detail: this.snippet(text) };
  }

  /** A body over the size limit: reported with the status that came with it, and retried if that is transient. */
  private tooLarge(
    response: Response,
    request: RequestContext,
  ): { ok: false; outcome: AttemptOutcome; error: Error } {
    const { status } = response;
    const why = `body is larger than ${this.options.maxResponseBytes} bytes`;
    if (status >= 200 && status < 300) {
      return {
        ok: false,
        outcome: { kind: "invalid-response" },
        error: new BluejayResponseError(request, status, [why]),
      };
    }
    const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
    const error = new BluejayApiError(request, {
      status,
      detail: why,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
    return {
      ok: false,
      outcome: { kind: "status", status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
      error,
    };
  }

  private networkFailure(
    error: unknown,
    request: RequestContext,
    timeoutMs: number,
  ): { ok: false; outcome: AttemptOutcome; error: Error } {
    const e = error as { name?: string; code?: string; message?: string };
    if (e.name === "AbortError") {
      const limit =
        timeoutMs < this.options.requestTimeoutMs
          ? `${timeoutMs} ms (what was left of the call's ${this.options.totalTimeoutMs} ms budget)`
          : `${timeoutMs} ms (bluejay:requestTimeoutMs)`;
      const timeout = new BluejayNetworkError(
        request,
        this.options.origin,
        "ETIMEDOUT",
        `no complete answer within ${limit}`,
        {
          cause: error,
        },
      );
      return { ok: false, outcome: { kind: "network", code: "ETIMEDOUT", sent: true }, error: timeout };
    }
    const code = e.code ?? "ECONNRESET";
    const reason = this.redact(e.message ?? String(error));
    const failure = new BluejayNetworkError(request, this.options.origin, code, reason, { cause: error });
    return { ok: false, outcome: { kind: "network", code, sent: !NEVER_SENT.has(code) }, error: failure };
  }

  private snippet(text: string): string {
    const oneLine = text.replace(/\s+/g, " ").trim();
    const cut = oneLine.length > SNIPPET_LENGTH ? `${oneLine.slice(0, SNIPPET_LENGTH)}…` : oneLine;
    return this.redact(`"${cut}"`);
  }

  /** The server's words go into our messages; a server that echoes the key must not leak it. */
  private redact(text: string): string {
    return text.split(this.options.apiKey).join("[redacted]");
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function numberHeader(value: string | null): number | undefined {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}
