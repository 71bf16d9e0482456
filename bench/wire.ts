// 1. The client against the wire: BluejayClient create/get throughput beside node-fetch alone
// (called as the client's transport calls it) and a raw keep-alive node:http loop sending the same
// requests, at each concurrency; and the raw loop's mean round trip per method at concurrency 1.
import * as http from "http";
import fetch, { type RequestInit } from "node-fetch";
import type { BluejayEmulator } from "../emulator";
import { BluejayClient } from "../provider/client";
import { snakeize } from "../provider/client/mapping";
import { normalizeClientOptions } from "../provider/client/options";
import { API_KEY, type BenchSettings } from "./config";
import type { ClientOp, ThroughputCell, WireResults } from "./results";
import { fmt, median, now, round } from "./stats";

const CREATE_INPUT = {
  title: "Benchmark callers",
  description: "Callers made by the client-versus-wire benchmark",
  digitalHumanIds: [101, 102, 103],
};
/** The exact body BluejayClient sends for CREATE_INPUT: the client's own mapping makes it. */
const CREATE_WIRE = snakeize(CREATE_INPUT);
const CREATE_WIRE_BODY = JSON.stringify(CREATE_WIRE);
const PUT_WIRE_BODY = JSON.stringify(snakeize({ title: "Benchmark callers, renamed" }));

/** Runs `total` calls of `send` with `concurrency` in flight; returns the elapsed seconds. */
async function drive(
  concurrency: number,
  total: number,
  send: (i: number) => Promise<unknown>,
): Promise<number> {
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < total) {
      const i = issued++;
      await send(i);
    }
  };
  const start = now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return now() - start;
}

/** The headers node-fetch puts on the client's requests (Content-Type and Content-Length aside). */
const WIRE_HEADERS = {
  "X-API-Key": API_KEY,
  Accept: "application/json",
  "User-Agent": "pulumi-bluejay",
  "Accept-Encoding": "gzip,deflate",
} as const;

/**
 * node-fetch alone, called the way the client's transport (provider/client/transport.ts) calls it,
 * with the client's own normalized settings (its keep-alive agent, the per-attempt abort timer, the
 * body size limit, `text()`), but without zod validation or mapping.
 */
function fetchSender(baseUrl: string): {
  send: (method: string, path: string, body?: string) => Promise<void>;
  close: () => void;
} {
  const options = normalizeClientOptions({ apiKey: API_KEY, baseUrl });
  const send = (method: string, requestPath: string, body?: string): Promise<void> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.requestTimeoutMs);
    const url = `${options.origin}${requestPath}`;
    return fetch(url, {
      method,
      headers: body === undefined ? WIRE_HEADERS : { ...WIRE_HEADERS, "Content-Type": "application/json" },
      body,
      agent: options.agent,
      signal: controller.signal as unknown as RequestInit["signal"],
      size: options.maxResponseBytes,
    })
      .then(async (response) => {
        const text = await response.text();
        if (response.status !== 200) throw new Error(`${method} ${url}: ${response.status} ${text}`);
      })
      .finally(() => clearTimeout(timer));
  };
  return { send, close: () => options.agent.destroy() };
}

/**
 * The baseline: one node:http request on a keep-alive agent with the headers node-fetch sends for
 * the client (X-API-Key, Accept, User-Agent, Accept-Encoding, Content-Type and Content-Length with a
 * body). The answer is read to its end and its status checked; it is not parsed.
 */
function rawRequest(
  agent: http.Agent,
  origin: URL,
  method: string,
  requestPath: string,
  body?: string,
): Promise<void> {
  const headers: Record<string, string | number> = { ...WIRE_HEADERS };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: origin.hostname, port: origin.port, method, path: requestPath, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200)
            reject(new Error(`${method} ${requestPath}: ${res.statusCode} ${text}`));
          else resolve();
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

type Side = "raw" | "fetch" | "client";

async function measureCell(
  emulator: BluejayEmulator,
  settings: BenchSettings,
  op: ClientOp,
  concurrency: number,
): Promise<ThroughputCell> {
  const { requestsPerRun, warmupRequests, repeats } = settings;
  const origin = new URL(emulator.url);
  // The GET target: recreated after every reset.
  let targetId = "";
  const prepare = (): void => {
    emulator.reset();
    if (op === "get") {
      const { title, description, digital_human_ids } = CREATE_WIRE;
      targetId = emulator.store.create({
        title,
        description: description ?? null,
        digital_human_ids: digital_human_ids ?? null,
      }).id;
    }
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const client = new BluejayClient({ apiKey: API_KEY, baseUrl: emulator.url });
  const viaFetch = fetchSender(emulator.url);
  const sides: Record<Side, () => Promise<unknown>> = {
    raw: () =>
      op === "create"
        ? rawRequest(agent, origin, "POST", "/v1/create-community", CREATE_WIRE_BODY)
        : rawRequest(agent, origin, "GET", `/v1/community/${targetId}`),
    fetch: () =>
      op === "create"
        ? viaFetch.send("POST", "/v1/create-community", CREATE_WIRE_BODY)
        : viaFetch.send("GET", `/v1/community/${targetId}`),
    client: () => (op === "create" ? client.createCommunity(CREATE_INPUT) : client.getCommunity(targetId)),
  };

  // Warm-up: sockets open, code paths compiled.
  for (const send of Object.values(sides)) {
    prepare();
    await drive(concurrency, warmupRequests, send);
  }

  const samples: Record<Side, number[]> = { raw: [], fetch: [], client: [] };
  for (let rep = 0; rep < repeats; rep++) {
    // Alternate the order, so a drift in machine speed hits every side alike.
    const order: Side[] = rep % 2 === 0 ? ["raw", "fetch", "client"] : ["client", "fetch", "raw"];
    for (const side of order) {
      prepare();
      const seconds = await drive(concurrency, requestsPerRun, sides[side]);
      const served = emulator.requests.filter((r) => r.status === 200).length;
      if (served !== requestsPerRun) {
        throw new Error(`${side} ${op} c=${concurrency}: ${served} of ${requestsPerRun} answered 200`);
      }
      samples[side].push(requestsPerRun / seconds);
    }
  }
  client.close();
  agent.destroy();
  viaFetch.close();
  const { raw: rawRps, client: clientRps, fetch: fetchRps } = samples;
  const rawMedianRps = median(rawRps);
  const clientMedianRps = median(clientRps);
  return {
    op,
    concurrency,
    requestsPerRun,
    rawRps: rawRps.map((v) => round(v, 1)),
    clientRps: clientRps.map((v) => round(v, 1)),
    fetchRps: fetchRps.map((v) => round(v, 1)),
    rawMedianRps: round(rawMedianRps, 1),
    clientMedianRps: round(clientMedianRps, 1),
    fetchMedianRps: round(median(fetchRps), 1),
    ratio: round(clientMedianRps / rawMedianRps),
    pairedRatioMedian: round(median(clientRps.map((c, i) => c / rawRps[i]!))),
  };
}

/**
 * Raw mean round trip at concurrency 1 for PUT and DELETE (raw only), so each operation's requests
 * can be priced; POST and GET come from the concurrency-1 cells.
 */
async function rawUpdateDeleteLatency(
  emulator: BluejayEmulator,
  settings: BenchSettings,
): Promise<{ PUT: number[]; DELETE: number[] }> {
  const origin = new URL(emulator.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples = { PUT: [] as number[], DELETE: [] as number[] };
  for (let rep = -1; rep < settings.repeats; rep++) {
    const count = rep < 0 ? settings.warmupRequests : settings.requestsPerRun;
    emulator.reset();
    const ids = Array.from(
      { length: count },
      () => emulator.store.create({ title: CREATE_INPUT.title, digital_human_ids: [1] }).id,
    );
    const putSeconds = await drive(1, count, (i) =>
      rawRequest(agent, origin, "PUT", `/v1/update-community/${ids[i]}`, PUT_WIRE_BODY),
    );
    const deleteSeconds = await drive(1, count, (i) =>
      rawRequest(agent, origin, "DELETE", `/v1/community/${ids[i]}`),
    );
    if (rep >= 0) {
      samples.PUT.push((putSeconds * 1000) / count);
      samples.DELETE.push((deleteSeconds * 1000) / count);
    }
  }
  agent.destroy();
  emulator.reset();
  return samples;
}

/** Prints one cell as it is measured. */
function logCell(cell: ThroughputCell, clientOverFetchTarget: number): void {
  const overFetch = cell.clientMedianRps / cell.fetchMedianRps;
  console.log(
    `  ${cell.op.padEnd(6)} c=${String(cell.concurrency).padEnd(2)}  raw ${fmt(cell.rawMedianRps, 0).padStart(6)} req/s` +
      `  node-fetch ${fmt(cell.fetchMedianRps, 0).padStart(6)} req/s` +
      `  client ${fmt(cell.clientMedianRps, 0).padStart(6)} req/s` +
      `  client/node-fetch ${fmt(overFetch, 3)} (target ≥ ${clientOverFetchTarget}: ${overFetch >= clientOverFetchTarget ? "met" : "MISSED"})` +
      `  client/raw ${fmt(cell.ratio, 3)}`,
  );
}

export async function clientVsWire(
  emulator: BluejayEmulator,
  settings: BenchSettings,
  clientOverFetchTarget: number,
): Promise<WireResults> {
  const cells: ThroughputCell[] = [];
  for (const op of ["create", "get"] as const) {
    for (const concurrency of settings.concurrencies) {
      const cell = await measureCell(emulator, settings, op, concurrency);
      cells.push(cell);
      logCell(cell, clientOverFetchTarget);
    }
  }
  const perSecondToMs = (rps: number[]) => rps.map((r) => 1000 / r);
  const c1 = (op: ClientOp) => cells.find((c) => c.op === op && c.concurrency === 1);
  const { PUT, DELETE } = await rawUpdateDeleteLatency(emulator, settings);
  const rawLatencySamplesMs: Record<string, number[]> = {
    POST: perSecondToMs(c1("create")?.rawRps ?? []),
    GET: perSecondToMs(c1("get")?.rawRps ?? []),
    PUT,
    DELETE,
  };
  const rawLatencyMs = Object.fromEntries(
    Object.entries(rawLatencySamplesMs).map(([method, samples]) => [method, round(median(samples), 4)]),
  );
  for (const [method, samples] of Object.entries(rawLatencySamplesMs)) {
    rawLatencySamplesMs[method] = samples.map((v) => round(v, 4));
  }
  console.log(
    `  raw mean round trip at c=1: ` +
      Object.entries(rawLatencyMs)
        .map(([m, v]) => `${m} ${fmt(v, 3)} ms`)
        .join(", "),
  );
  return { cells, rawLatencyMs, rawLatencySamplesMs };
}
