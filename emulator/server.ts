// A Bluejay-compatible HTTP server for the six Communities operations, for local runs and tests.
import * as http from "http";
import type { AddressInfo } from "net";
import { FaultPlan, type ChaosOptions, type FaultRule } from "./faults";
import { CommunityStore, type CommunityRecord } from "./store";
import {
  ADD_TO_COMMUNITY,
  CREATE_COMMUNITY,
  UPDATE_COMMUNITY,
  parseIntQuery,
  parseUuidParam,
  validateBody,
  type FastApiFieldError,
} from "./validation";

export interface EmulatorOptions {
  /** `X-API-Key` values the emulator accepts. At least one is required. */
  apiKeys: string[];
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Keep communities in this JSON file across restarts. */
  dataFile?: string;
  /** Random transient faults on a share of requests. */
  chaos?: ChaosOptions;
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
  /** Milliseconds since the Unix epoch when the request arrived. */
  at: number;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export class BluejayEmulator {
  readonly store: CommunityStore;
  readonly faults = new FaultPlan();
  private readonly log: RequestLogEntry[] = [];
  private readonly apiKeys: Set<string>;
  private readonly server: http.Server;

  private constructor(private readonly options: EmulatorOptions) {
    if (options.apiKeys.length === 0 || options.apiKeys.some((k) => k.length === 0)) {
      throw new Error("The Bluejay emulator needs at least one non-empty API key to accept.");
    }
    this.apiKeys = new Set(options.apiKeys);
    this.store = new CommunityStore(options.dataFile);
    this.faults.setChaos(options.chaos);
    this.server = http.createServer((req, res) => void this.handle(req, res));
    // Longer than a client's idle keep-alive, so the server is not the side that closes reused sockets.
    this.server.keepAliveTimeout = 30_000;
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

  communities(): CommunityRecord[] {
    return this.store.list();
  }

  injectFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  /** Forgets all communities, faults and logged requests. */
  reset(): void {
    this.store.clear();
    this.faults.clear();
    this.clearRequests();
  }

  async close(): Promise<void> {
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

    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      entry.status = 413;
      return send(res, { status: 413, body: { detail: "Request body too large" } });
    }

    const fault = this.faults.take(method, url.pathname);
    if (fault) entry.fault = describeFault(fault);
    // With `commit` the request is handled first and the fault shapes only the answer.
    const commitFirst = fault?.commit === true;
    const answerFault =
      fault !== undefined && (fault.drop || fault.status !== undefined || fault.body !== undefined);
    if (fault?.delayMs && !commitFirst) await sleep(fault.delayMs);
    if (answerFault && !commitFirst) return this.applyFault(fault, res, entry);

    const answer = this.route(method, url, req.headers["x-api-key"], raw);
    if (fault?.delayMs && commitFirst) await sleep(fault.delayMs);
    if (answerFault) return this.applyFault(fault, res, entry);
    entry.status = answer.status;
    return send(res, answer, fault);
  }

  private applyFault(fault: FaultRule, res: http.ServerResponse, entry: RequestLogEntry): void {
    if (fault.drop) {
      entry.status = 0;
      res.socket?.destroy();
      return;
    }
    const status = fault.status ?? 200;
    entry.status = status;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
    if (fault.body !== undefined) {
      headers["Content-Type"] = fault.contentType ?? "application/json";
      return send(res, { status, body: fault.body, headers }, fault);
    }
    return send(res, { status, body: { detail: http.STATUS_CODES[status] ?? "Error" }, headers }, fault);
  }

  private route(method: string, url: URL, apiKey: string | string[] | undefined, raw: string): Answer {
    const path = url.pathname;
    const routes: [RegExp, string, (m: RegExpMatchArray) => Answer][] = [
      [/^\/v1\/create-community$/, "POST", () => this.create(raw)],
      [/^\/v1\/communities$/, "GET", () => this.list(url)],
      [/^\/v1\/community\/([^/]+)$/, "GET", (m) => this.withId(m[1]!, (id) => this.get(id))],
      [/^\/v1\/community\/([^/]+)$/, "DELETE", (m) => this.withId(m[1]!, (id) => this.remove(id))],
      [/^\/v1\/update-community\/([^/]+)$/, "PUT", (m) => this.withId(m[1]!, (id) => this.update(id, raw))],
      [/^\/v1\/add-to-community\/([^/]+)$/, "PUT", (m) => this.withId(m[1]!, (id) => this.add(id, raw))],
    ];
    const onPath = routes.filter(([re]) => re.test(path));
    if (onPath.length === 0) return { status: 404, body: { detail: "Not Found" } };
    const match = onPath.find(([, m]) => m === method);
    if (!match) return { status: 405, body: { detail: "Method Not Allowed" } };
    if (typeof apiKey !== "string" || !this.apiKeys.has(apiKey)) {
      return { status: 401, body: { detail: "Invalid or missing API key" } };
    }
    return match[2](path.match(match[0])!);
  }

  private withId(raw: string, handler: (id: string) => Answer): Answer {
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // Malformed percent-encoding: validate the raw text (a 422), rather than crash the server.
    }
    const parsed = parseUuidParam("community_id", decoded);
    return parsed.ok ? handler(parsed.value) : invalid([parsed.error]);
  }

  private create(raw: string): Answer {
    const body = validateBody(raw, CREATE_COMMUNITY);
    if (!body.ok) return invalid(body.errors);
    const v = body.value as {
      title: string;
      description?: string | null;
      digital_human_ids?: number[] | null;
    };
    return { status: 200, body: this.store.create(v) };
  }

  private list(url: URL): Answer {
    const filter = parseIntQuery("digital_human_id", url.searchParams.get("digital_human_id"));
    if (!filter.ok) return invalid([filter.error]);
    const communities = this.store.list(filter.value);
    return { status: 200, body: { communities, total_count: communities.length } };
  }

  private get(id: string): Answer {
    return found(this.store.get(id));
  }

  private remove(id: string): Answer {
    return found(this.store.delete(id));
  }

  private update(id: string, raw: string): Answer {
    const body = validateBody(raw, UPDATE_COMMUNITY);
    if (!body.ok) return invalid(body.errors);
    return found(this.store.update(id, body.value));
  }

  private add(id: string, raw: string): Answer {
    const body = validateBody(raw, ADD_TO_COMMUNITY);
    if (!body.ok) return invalid(body.errors);
    return found(this.store.addDigitalHumans(id, body.value.digital_human_ids as number[]));
  }
}

/** A delay that does not keep the process alive on its own (a held answer must not block exit). */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function found(record: CommunityRecord | undefined): Answer {
  return record ? { status: 200, body: record } : { status: 404, body: { detail: "Community not found" } };
}

function invalid(errors: FastApiFieldError[]): Answer {
  return { status: 422, body: { detail: errors } };
}

function describeFault(fault: FaultRule): string {
  const parts: string[] = [];
  if (fault.delayMs) parts.push(`delay ${fault.delayMs}ms`);
  if (fault.commit) parts.push("commit");
  if (fault.drop) parts.push("drop");
  if (fault.status !== undefined) parts.push(`status ${fault.status}`);
  if (fault.body !== undefined) parts.push("body");
  if (fault.trickleMs) parts.push(`trickle ${fault.trickleMs}ms`);
  return parts.join(", ");
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
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
