// Every client default lives here, in one normalize step (validated with zod), so the rest of the
// client reads plain, complete settings.
import * as http from "http";
import * as https from "https";
import { z } from "zod";
import { BluejayConfigError } from "./errors";

export const DEFAULT_BASE_URL = "https://api.getbluejay.ai";

export const ClientOptionsSchema = z
  .object({
    /** Bluejay API key, sent as `X-API-Key`. */
    apiKey: z.string({ required_error: "is required" }).min(1, "must not be empty"),
    /** API origin; default `https://api.getbluejay.ai`. */
    baseUrl: z.string().url("must be an absolute http(s) URL").default(DEFAULT_BASE_URL),
    /** Retries after the first attempt for retryable failures; default 4. */
    maxRetries: z.number().int().min(0).max(20).default(4),
    /** Timeout of one attempt, from sending the request to the last body byte; default 30 000 ms. */
    requestTimeoutMs: z.number().int().min(1).max(600_000).default(30_000),
    /** Upper bound on all attempts of one call, backoff included; default 120 000 ms. */
    totalTimeoutMs: z.number().int().min(1).max(3_600_000).default(120_000),
    /** First backoff delay; it doubles per retry, with full jitter; default 250 ms. */
    retryBaseDelayMs: z.number().int().min(0).max(60_000).default(250),
    /** Largest single backoff delay; `Retry-After` is honoured beyond it, up to the call's budget. Default 10 000 ms. */
    maxRetryDelayMs: z.number().int().min(0).max(300_000).default(10_000),
    /** Allow sending the key over plain http to a non-loopback host; default false. */
    allowInsecureHttp: z.boolean().default(false),
    /** Largest response body accepted, in bytes; default 10 MiB. */
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    /** A ceiling on requests per second, shared by every call of this process; default none. */
    maxRequestsPerSecond: z.number().positive().max(10_000).optional(),
    /** Keep-alive sockets per origin; default 64. */
    maxSockets: z.number().int().min(1).max(1024).default(64),
    /**
     * How long a create whose answer was lost is looked for before giving up, within the call's
     * budget: Bluejay may commit it after the answer was lost. Default 30 000 ms.
     */
    lostCreateWindowMs: z.number().int().min(0).max(600_000).default(30_000),
    /**
     * Answer many reads of one kind that come together (a refresh) from one read of the kind's list,
     * where Bluejay lists every field a read answers; default true. False: one GET per read.
     */
    coalesceReads: z.boolean().default(true),
  })
  .strict();

export type BluejayClientOptions = z.input<typeof ClientOptionsSchema>;
export type NormalizedClientOptions = z.output<typeof ClientOptionsSchema> & {
  origin: string;
  agent: http.Agent;
};

/**
 * How long an idle keep-alive socket is kept for the next request. uvicorn (FastAPI's usual server)
 * closes a connection idle for 5 s without a word; a request sent on it as it closes is reset, and a
 * create reset that way has an unknown outcome. So the client lets idle sockets go first. (Node's
 * agent destroys a free socket after its `timeout`; with one set, it also honours a shorter
 * `Keep-Alive: timeout=N` a server announces, keeping the socket N - 1 s. Without one, it keeps idle
 * sockets for ever and ignores the announcement.)
 */
const IDLE_SOCKET_TIMEOUT_MS = 4_000;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export function normalizeClientOptions(options: BluejayClientOptions): NormalizedClientOptions {
  const parsed = ClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "options";
    // Never echo the received value: it may be the key.
    throw new BluejayConfigError(field, `Invalid BluejayClient option ${field}: ${issue.message}.`);
  }
  const settings = parsed.data;
  const url = new URL(settings.baseUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BluejayConfigError(
      "baseUrl",
      `Invalid Bluejay base URL: ${url.protocol} is not http or https.`,
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !settings.allowInsecureHttp) {
    throw new BluejayConfigError(
      "baseUrl",
      `Refusing to send the Bluejay API key over plain http to ${url.host}. Use https, or opt in with ` +
        "`pulumi config set bluejay:allowInsecureHttp true` (BLUEJAY_ALLOW_INSECURE_HTTP=true).",
    );
  }
  const origin = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  const AgentClass = url.protocol === "https:" ? https.Agent : http.Agent;
  // `timeout` also applies while a request is under way, but there it only emits an event no one
  // listens to: each attempt's own timer (requestTimeoutMs) bounds it.
  const agent = new AgentClass({
    keepAlive: true,
    maxSockets: settings.maxSockets,
    scheduling: "lifo",
    timeout: IDLE_SOCKET_TIMEOUT_MS,
  });
  return { ...settings, origin, agent };
}
