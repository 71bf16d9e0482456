// A Bluejay-compatible HTTP server for local runs and tests: every kind of the package's registry, with
// Bluejay's paths, bodies, status codes and FastAPI-shaped errors, each request validated with
// Bluejay's OpenAPI description (routes.ts, openapi.ts; each kind's double is in its folder,
// provider/kinds/*/emulator.ts). Around them: API keys, a request log, scripted and random faults, an
// optional rate limit, optional latency (with jitter), an optional clock offset, and optional
// persistence to a JSON file.
import * as http from "http";
import type { AddressInfo } from "net";
import { z } from "zod";
import { KINDS } from "../provider/kinds/registry";
import { LISTINGS } from "../provider/listings/registry";
import { FaultPlan, type ChaosOptions, type FaultRule } from "./faults";
import type { Answer, Json, StoredRecord } from "./kit";
import { Latency, type LatencyOptions } from "./latency";
import { contract } from "./openapi";
import { TokenBucket, type RateLimitOptions } from "./rate-limit";
import { buildRoutes, type Method, type Route } from "./routes";
import { RunOutcomeSchema, RunStore, runRoutes, type RunOutcome } from "./runs";
import { CommunityStore, Database, RecordStore, type CommunityRecord } from "./store";

export interface EmulatorOptions {
  /** `X-API-Key` values the emulator accepts. At least one is required. */
  apiKeys: string[];
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Keep every record (communities, agents, ...) in this JSON file across restarts. */
  dataFile?: string;
  /** Random transient faults on a share of requests. */
  chaos?: ChaosOptions;
  /**
   * Shifts the emulator's clock by this many milliseconds (negative: behind): every `created_at` and the
   * `Date` header of every answer. The request log's `at` stays on the real clock.
   */
  clockOffsetMs?: number;
  /** A token bucket over all requests; beyond it, 429 with `Retry-After`. Off when absent. */
  rateLimit?: RateLimitOptions;
  /**
   * A delay on every request, as a SaaS far from the caller has: half before the request is handled
   * (and counted by the rate limit), half before its answer leaves. Off when absent.
   */
  latency?: LatencyOptions;
  /**
   * Write every `created_at` without an offset (`2026-12-01T10:00:00.123456`), the way pydantic writes
   * a datetime with no zone: a FastAPI service may. Default false (`…Z`).
   */
  naiveTimestamps?: boolean;
  /** How every queued simulation run behaves until `setRunOutcome` says otherwise (default: all pass). */
  runOutcome?: RunOutcome;
}

/** One line of the request log: what was asked and how it was answered. */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  /** The status sent, or 0 when the connection was dropped without an answer. */
  status: number;
  /** Which injected fault shaped the answer, if any. */
  fault?: string;
  /** Milliseconds since the Unix epoch (real clock) when the request arrived. */
  at: number;
  /** The message of the error a handler threw (the answer was a 500). */
  error?: string;
  /** The latency applied to this request (`latency` option), in milliseconds. */
  latencyMs?: number;
}

/** How many records of each kind the emulator holds, by the kind's plural (`digitalHumans`). */
export type EmulatorCounts = Record<string, number>;

/** One operation the emulator serves, e.g. `{method: "GET", path: "/v1/community/{community_id}", kind: "Community"}`. */
export interface EmulatorOperation {
  method: Method;
  path: string;
  /** The kind whose double serves it. */
  kind: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
/** Where the emulator's own endpoints live: outside Bluejay's `/v1`. */
const ADMIN_PREFIX = "/_emulator/";
const AdminOutcomeSchema = z
  .object({ simulation_id: z.number().int().positive().optional(), outcome: RunOutcomeSchema })
  .strict();
/** A body this large is not even drained: the connection is closed after the 413. */
const MAX_DRAIN_BYTES = 64 * MAX_BODY_BYTES;

/**
 * The doubles of every kind, with the plural they are known by; then those of the listings (what
 * Bluejay lists but no resource manages, such as phone numbers), served the same way.
 */
const DOUBLES = [...KINDS, ...LISTINGS].map((described) => ({
  kind: described.api.name,
  plural: described.api.plural,
  double: described.emulator,
}));
/** The plurals of the kinds the provider manages: what `counts()` and `isEmpty()` cover. */
const MANAGED = new Set<string>(KINDS.map((kind) => kind.api.plural));
/** A kind (or listing) as the emulator names it: its plural (`agents`, `digitalHumans`, `phoneNumbers`). */
export type KindPlural = (typeof KINDS)[number]["api"]["plural"] | (typeof LISTINGS)[number]["api"]["plural"];

export class BluejayEmulator {
  /** 0.1.0's view of the communities (`create`, `update`, `list`, …), over `stores.communities`. */
  readonly store: CommunityStore;
  /** Every kind's records, by plural: for tests that change Bluejay behind the client's back. */
  readonly stores: Readonly<Record<KindPlural, RecordStore>>;
  /** Simulation runs and their calls: actions, kept apart from the kinds' records. */
  readonly runs: RunStore;
  private readonly routes: Route[];
  readonly faults = new FaultPlan();
  private readonly log: RequestLogEntry[] = [];
  private readonly apiKeys: Set<string>;
  private readonly server: http.Server;
  private readonly limiter: TokenBucket | undefined;
  private readonly latency: Latency | undefined;
  private readonly clockOffsetMs: number;

  private constructor(private readonly options: EmulatorOptions) {
    if (options.apiKeys.length === 0 || options.apiKeys.some((k) => k.length === 0)) {
      throw new Error("The Bluejay emulator needs at least one non-empty API key to accept.");
    }
    if (options.clockOffsetMs !== undefined && !Number.isFinite(options.clockOffsetMs)) {
      throw new Error("clockOffsetMs must be a finite number of milliseconds.");
    }
    this.apiKeys = new Set(options.apiKeys);
    this.clockOffsetMs = options.clockOffsetMs ?? 0;
    this.limiter = options.rateLimit && new TokenBucket(options.rateLimit);
    this.latency = options.latency && new Latency(options.latency);
    const db = new Database(options.dataFile);
    const stores: Partial<Record<KindPlural, RecordStore>> = {};
    for (const { plural, double } of DOUBLES) stores[plural] = new RecordStore(db, double.file, double.ids);
    // Filled just above, one store per kind of the registry.
    this.stores = stores as Record<KindPlural, RecordStore>;
    this.store = new CommunityStore(
      this.stores.communities as unknown as RecordStore<CommunityRecord & Json>,
    );
    this.runs = new RunStore(db);
    if (options.runOutcome) this.runs.setOutcome(options.runOutcome);
    const runs = { kind: "SimulationRun", plural: "simulations", double: { routes: runRoutes(this.runs) } };
    this.routes = buildRoutes([...DOUBLES, runs], contract());
    this.faults.setChaos(options.chaos);
    this.server = http.createServer((req, res) => void this.handle(req, res));
    // Idle keep-alive connections are closed 5 s after the last answer, as uvicorn (FastAPI's usual
    // server) does by default, so tests meet the resets a client that keeps idle sockets longer gets.
    // Node advertises this figure (`Keep-Alive: timeout=4`) and closes 1 s after it.
    this.server.keepAliveTimeout = 4_000;
  }

  /** Starts an emulator and resolves once it is listening. */
  static async start(options: EmulatorOptions): Promise<BluejayEmulator> {
    const emulator = new BluejayEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once("error", reject);
      emulator.server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
    });
    return emulator;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Base URL to give clients, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    const host = this.options.host ?? "127.0.0.1";
    return `http://${host.includes(":") ? `[${host}]` : host}:${this.port}`;
  }

  /** Every request handled so far, oldest first. */
  get requests(): readonly RequestLogEntry[] {
    return this.log;
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  /** Requests other than reads: what changed (or tried to change) Bluejay. */
  get writes(): readonly RequestLogEntry[] {
    return this.log.filter((entry) => entry.method !== "GET");
  }

  /** The emulator's current time (the real clock plus `clockOffsetMs`). */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** Now as a record's `created_at`, as pydantic writes it: with microseconds, naive when asked. */
  timestamp(): string {
    const iso = this.now().toISOString();
    return this.options.naiveTimestamps ? `${iso.slice(0, -1)}000` : iso;
  }

  /** The operations served, kind by kind, in the order of each kind's routes. */
  operations(): EmulatorOperation[] {
    return this.routes.map(({ method, path, kind }) => ({ method, path, kind }));
  }

  /** The records of one kind as stored, by its plural (`agents`, `digitalHumans`). */
  records(plural: KindPlural): StoredRecord[] {
    return this.stores[plural].all();
  }

  /** The communities as stored (0.1.0). */
  communities(): CommunityRecord[] {
    return this.store.list();
  }

  /**
   * How many records of each kind the provider manages. Listings (phone numbers) are left out: they
   * are the organization's, not what a program makes, so an emulator holding some is still empty.
   */
  counts(): EmulatorCounts {
    const counts: EmulatorCounts = {};
    for (const [plural, store] of Object.entries(this.stores)) {
      if (MANAGED.has(plural)) counts[plural] = store.size;
    }
    return counts;
  }

  /** True when the emulator holds no record of any kind the provider manages. */
  isEmpty(): boolean {
    return Object.values(this.counts()).every((n) => n === 0);
  }

  injectFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  /**
   * Sets how simulation runs queued from now on behave (of one simulation, or of all): how many polls
   * and milliseconds they take, and how each call ends, per digital human and per custom metric.
   */
  setRunOutcome(outcome: RunOutcome, scope: { simulationId?: number } = {}): void {
    this.runs.setOutcome(outcome, scope.simulationId);
  }

  /** The simulation runs queued so far, as stored (status, polls, digital humans, overrides). */
  simulationRuns(): StoredRecord[] {
    return this.runs.runs.all();
  }

  /** Requests a `commitAfterMs` fault has yet to handle: a reset or close forgets them. */
  private readonly lateCommits = new Set<NodeJS.Timeout>();

  private cancelLateCommits(): void {
    for (const commit of this.lateCommits) clearTimeout(commit);
    this.lateCommits.clear();
  }

  /**
   * Forgets every record (of every kind, id counters too), run, faults, logged requests and late
   * commits still to come; refills the rate limit.
   */
  reset(): void {
    this.cancelLateCommits();
    for (const store of Object.values(this.stores)) store.clear();
    this.runs.clear();
    if (this.options.runOutcome) this.runs.setOutcome(this.options.runOutcome);
    this.faults.clear();
    this.limiter?.refill();
    this.clearRequests();
  }

  async close(): Promise<void> {
    this.cancelLateCommits();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = (req.method ?? "GET").toUpperCase();
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: url.search,
      status: 0,
      at: Date.now(),
    };
    this.log.push(entry);
    const delay = this.latency?.next() ?? 0;
    if (this.latency) entry.latencyMs = delay;
    // Half the latency on the way in (the request reaches Bluejay, and its rate limit, late), half on
    // the way out (the answer takes as long to come back).
    const inbound = Math.floor(delay / 2);
    const send = (res: http.ServerResponse, answer: Answer, fault?: FaultRule): Promise<void> =>
      sendAfter(delay - inbound, res, answer, fault);
    if (inbound > 0) await sleep(inbound);
    const headers: Record<string, string> = { Date: this.now().toUTCString() };

    try {
      if (this.limiter) {
        const limit = this.limiter.take();
        headers["X-RateLimit-Limit"] = String(limit.limit);
        headers["X-RateLimit-Remaining"] = String(limit.remaining);
        headers["X-RateLimit-Reset"] = String(limit.resetSeconds);
        if (!limit.allowed) {
          await readBody(req);
          entry.status = 429;
          const retry = { ...headers, "Retry-After": String(limit.retryAfterSeconds) };
          return send(res, { status: 429, body: { detail: "Too Many Requests" }, headers: retry });
        }
      }

      const raw = await readBody(req);
      if (raw === undefined) {
        entry.status = 413;
        const close = { ...headers, Connection: "close" };
        return send(res, { status: 413, body: { detail: "Request body too large" }, headers: close });
      }

      const fault = this.faults.take(method, url.pathname);
      if (fault) entry.fault = describeFault(fault);
      // With `commit` the request is handled first and the fault shapes only the answer.
      const commitFirst = fault?.commit === true;
      const answerFault =
        fault !== undefined && (fault.drop || fault.status !== undefined || fault.body !== undefined);
      if (fault?.commitAfterMs !== undefined) {
        // The answer goes now; the request is handled later, as a backend behind a gateway would.
        const apiKey = req.headers["x-api-key"];
        const commit = setTimeout(() => {
          this.lateCommits.delete(commit);
          this.route(method, url, apiKey, raw);
        }, fault.commitAfterMs).unref();
        this.lateCommits.add(commit);
        if (fault.delayMs) await sleep(fault.delayMs);
        return this.applyFault(fault, res, entry, headers, send);
      }
      if (fault?.delayMs && !commitFirst) await sleep(fault.delayMs);
      if (answerFault && !commitFirst) return this.applyFault(fault, res, entry, headers, send);

      if (fault?.throw) throw new Error("Injected handler failure (fault rule `throw`)");
      const answer = url.pathname.startsWith(ADMIN_PREFIX)
        ? this.admin(method, url, req.headers["x-api-key"], raw)
        : this.route(method, url, req.headers["x-api-key"], raw);
      if (fault?.delayMs && commitFirst) await sleep(fault.delayMs);
      if (answerFault) return this.applyFault(fault, res, entry, headers, send);
      entry.status = answer.status;
      return send(res, { ...answer, headers: { ...headers, ...answer.headers } }, fault);
    } catch (error) {
      // A bug (or an injected `throw`): answer as FastAPI does, and keep serving.
      entry.status = 500;
      entry.error = error instanceof Error ? error.message : String(error);
      if (res.headersSent) res.destroy();
      else await send(res, { status: 500, body: { detail: "Internal Server Error" }, headers });
    }
  }

  private async applyFault(
    fault: FaultRule,
    res: http.ServerResponse,
    entry: RequestLogEntry,
    common: Record<string, string>,
    send: (res: http.ServerResponse, answer: Answer, fault?: FaultRule) => Promise<void>,
  ): Promise<void> {
    if (fault.drop) {
      entry.status = 0;
      res.socket?.destroy();
      return;
    }
    const status = fault.status ?? 200;
    entry.status = status;
    const headers: Record<string, string> = { ...common };
    if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
    Object.assign(headers, fault.headers);
    if (fault.body !== undefined) {
      headers["Content-Type"] = fault.contentType ?? "application/json";
      return send(res, { status, body: fault.body, headers }, fault);
    }
    return send(res, { status, body: { detail: http.STATUS_CODES[status] ?? "Error" }, headers }, fault);
  }

  /**
   * The emulator's own endpoints, for an emulator in another process (the command): not Bluejay's.
   * `PUT /_emulator/run-outcome` with `{"simulation_id"?: N, "outcome": {...}}` sets how runs end;
   * `DELETE /_emulator/run-outcome` forgets every outcome set.
   */
  private admin(method: string, url: URL, apiKey: string | string[] | undefined, raw: string): Answer {
    if (typeof apiKey !== "string" || !this.apiKeys.has(apiKey)) {
      return { status: 401, body: { detail: "Invalid or missing API key" } };
    }
    if (url.pathname !== `${ADMIN_PREFIX}run-outcome`) return { status: 404, body: { detail: "Not Found" } };
    if (method === "DELETE") {
      this.runs.clearOutcomes();
      return { status: 200, body: { detail: "Run outcomes cleared" } };
    }
    if (method !== "PUT") return { status: 405, body: { detail: "Method Not Allowed" } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { status: 422, body: { detail: "The body must be JSON" } };
    }
    const body = AdminOutcomeSchema.safeParse(parsed);
    if (!body.success) {
      const problems = body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
      return { status: 422, body: { detail: problems.join("; ") } };
    }
    this.runs.setOutcome(body.data.outcome, body.data.simulation_id);
    return { status: 200, body: { detail: "Run outcome set" } };
  }

  private route(method: string, url: URL, apiKey: string | string[] | undefined, raw: string): Answer {
    const path = url.pathname;
    const onPath = this.routes.filter((route) => route.pattern.test(path));
    if (onPath.length === 0) return { status: 404, body: { detail: "Not Found" } };
    const match = onPath.find((route) => route.method === method);
    if (!match) return { status: 405, body: { detail: "Method Not Allowed" } };
    if (typeof apiKey !== "string" || !this.apiKeys.has(apiKey)) {
      return { status: 401, body: { detail: "Invalid or missing API key" } };
    }
    const groups = path.match(match.pattern)?.slice(1) ?? [];
    const params: Record<string, string> = {};
    match.paramNames.forEach((name, i) => (params[name] = decodePathSegment(groups[i] ?? "")));
    return match.handle(
      { params, query: url.searchParams, body: raw },
      {
        now: () => this.now(),
        timestamp: () => this.timestamp(),
        of: (plural) => this.stores[plural as KindPlural],
      },
    );
  }
}

/** Malformed percent-encoding is left as is, to be reported by validation (a 422), not crash the server. */
function decodePathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A delay that does not keep the process alive on its own (a held answer must not block exit). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function describeFault(fault: FaultRule): string {
  const parts: string[] = [];
  if (fault.delayMs) parts.push(`delay ${fault.delayMs}ms`);
  if (fault.commit) parts.push("commit");
  if (fault.commitAfterMs !== undefined) parts.push(`commit after ${fault.commitAfterMs}ms`);
  if (fault.drop) parts.push("drop");
  if (fault.throw) parts.push("throw");
  if (fault.status !== undefined) parts.push(`status ${fault.status}`);
  if (fault.body !== undefined) parts.push("body");
  if (fault.trickleMs) parts.push(`trickle ${fault.trickleMs}ms`);
  return parts.join(", ");
}

/**
 * Reads the request body as text; undefined when it is over MAX_BODY_BYTES. An oversized body is still
 * read to its end (and discarded) before the 413 goes out, so the client sees the answer instead of a
 * connection reset mid-upload; only beyond MAX_DRAIN_BYTES does the emulator stop reading.
 */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.pause();
        resolve(undefined);
      } else if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Sends the answer after `delayMs` (the way back of the emulated latency). */
async function sendAfter(
  delayMs: number,
  res: http.ServerResponse,
  answer: Answer,
  fault?: FaultRule,
): Promise<void> {
  if (delayMs > 0) await sleep(delayMs);
  send(res, answer, fault);
}

function send(res: http.ServerResponse, answer: Answer, fault?: FaultRule): void {
  const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
  const headers = { "Content-Type": "application/json", ...answer.headers };
  if (!fault?.trickleMs) {
    res.writeHead(answer.status, { ...headers, "Content-Length": Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(answer.status, headers);
  const bytes = Buffer.from(text);
  const step = Math.max(1, fault.trickleBytes ?? 1);
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed || offset >= bytes.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(bytes.subarray(offset, offset + step));
    offset += step;
  }, fault.trickleMs);
}
