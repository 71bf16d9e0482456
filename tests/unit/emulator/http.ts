// Raw HTTP for the emulator's own tests: Node's global fetch against a real emulator on loopback, no
// client in between, so a test sees exactly the status, headers and body Bluejay's clients would.
import type { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, type EmulatorFixture } from "../../helpers/emulator";

export { TEST_API_KEY };

export interface Reply {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface CallOptions {
  /** A JSON value to send, or a string to send as is. */
  body?: unknown;
  /** The X-API-Key header; `null` sends none. */
  key?: string | null;
  /** Another emulator's URL (default: the fixture's). */
  base?: string;
}

export type Call = (method: string, urlPath: string, options?: CallOptions) => Promise<Reply>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const UNKNOWN_ID = "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10";

/** Sends one request and parses a JSON answer (a non-JSON body stays text). */
export async function request(
  base: string,
  method: string,
  urlPath: string,
  options: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? TEST_API_KEY : options.key;
  if (key !== null) headers["X-API-Key"] = key;
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${options.base ?? base}${urlPath}`, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Leave non-JSON bodies as text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/** `call(method, path, options)` against the fixture's emulator (or `options.base`). */
export function caller(fx: EmulatorFixture): Call {
  return (method, urlPath, options = {}) => request(fx.emulator.url, method, urlPath, options);
}

/** The request log without timestamps or fault notes. */
export function log(
  emulator: BluejayEmulator,
): { method: string; path: string; query: string; status: number }[] {
  return emulator.requests.map(({ method, path, query, status }) => ({ method, path, query, status }));
}

export interface FieldError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** The `detail` list of a 422 body (and asserts the status is 422). */
export function fieldErrors(reply: Reply): FieldError[] {
  expect(reply.status).toBe(422);
  const detail = (reply.body as { detail: unknown }).detail;
  expect(Array.isArray(detail)).toBe(true);
  return detail as FieldError[];
}

/** Expects a 200 and returns the body as an object. */
export function okBody(reply: Reply): Record<string, unknown> {
  expect(reply.status).toBe(200);
  return reply.body as Record<string, unknown>;
}

/** Minimal valid bodies, and creators that return the new id. */
export const AGENT = {
  name: "Support bot",
  system_prompt: "Be helpful.",
  knowledge_base: "FAQ",
  goals: ["resolve"],
};
export const DIGITAL_HUMAN = { phone_number: "+15550100" };
export const METRIC = {
  name: "Politeness",
  description: "Was the agent polite?",
  response_type: "pass_fail",
};

export function creators(call: Call) {
  return {
    async agent(body: Record<string, unknown> = {}): Promise<number> {
      const reply = await call("POST", "/v1/add-agent", { body: { ...AGENT, ...body } });
      return okBody(reply).agent_id as number;
    },
    async simulation(agentId: number, body: Record<string, unknown> = {}): Promise<number> {
      const reply = await call("POST", "/v1/create-simulation", {
        body: { agent_id: String(agentId), ...body },
      });
      return okBody(reply).simulation_id as number;
    },
    async digitalHuman(simulationIds: number[] = [], data: Record<string, unknown> = {}): Promise<number> {
      const reply = await call("POST", "/v1/create-digital-human", {
        body: { digital_human: { ...DIGITAL_HUMAN, ...data }, simulation_ids: simulationIds },
      });
      return (okBody(reply).digital_human as { id: number }).id;
    },
    async metric(body: Record<string, unknown> = {}): Promise<string> {
      const reply = await call("POST", "/v1/create-custom-metric", { body: { ...METRIC, ...body } });
      return okBody(reply).id as string;
    },
  };
}

/** A community as the emulator answers it (only `id` typed: tests compare the rest as data). */
export type CommunityBody = Record<string, unknown> & { id: string };

/** `create(body)`: creates a community and returns it (expects a 200). */
export function communityCreator(call: Call): (body: Record<string, unknown>) => Promise<CommunityBody> {
  return async (body) => {
    const reply = await call("POST", "/v1/create-community", { body });
    expect(reply.status).toBe(200);
    return reply.body as CommunityBody;
  };
}
