// The operations the emulator serves, as a table: method, Bluejay's path, the path/query/body specs,
// and a handler that receives the validated, typed values. Validation errors from the path, the query
// and the body are reported together in one FastAPI 422, in that order.
import {
  ADD_TO_COMMUNITY,
  CREATE_AGENT,
  CREATE_COMMUNITY,
  CREATE_CUSTOM_METRIC,
  CREATE_DIGITAL_HUMAN,
  CREATE_SIMULATION,
  UPDATE_AGENT,
  UPDATE_COMMUNITY,
  UPDATE_CUSTOM_METRIC,
  UPDATE_DIGITAL_HUMAN,
  UPDATE_SIMULATION,
} from "./bodies";
import {
  agentUpdateView,
  agentView,
  deletedCustomMetric,
  digitalHumanData,
  digitalHumanResponse,
  metricAgentIds,
  newAgent,
  newCustomMetric,
  newDigitalHuman,
  newSimulation,
  simulationSummary,
  updateAgent,
  updateCustomMetric,
  updateDigitalHuman,
  updateSimulation,
  type AgentRecord,
  type CustomMetricRecord,
  type DigitalHumanRecord,
  type SimulationRecord,
} from "./records";
import type { CommunityStore, IntIdStore, RecordStore } from "./store";
import {
  int,
  optional,
  required,
  str,
  uuid,
  validateBody,
  validateParams,
  withDefault,
  type FastApiFieldError,
  type Fields,
  type ModelValidator,
  type ModelValue,
  type ValidationResult,
} from "./validation";

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Every store the emulator keeps, one per kind. */
export interface EmulatorData {
  communities: CommunityStore;
  agents: IntIdStore<AgentRecord>;
  simulations: IntIdStore<SimulationRecord>;
  digitalHumans: IntIdStore<DigitalHumanRecord>;
  customMetrics: RecordStore<CustomMetricRecord>;
}

export interface RouteContext {
  data: EmulatorData;
  /** The emulator's clock (shifted by `clockOffsetMs`). */
  now: () => Date;
}

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** A request as the router hands it to a route: raw path parameters, query and body text. */
export interface RawRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: string;
}

export interface Route {
  method: Method;
  /** Bluejay's path template, e.g. `/v1/community/{community_id}`. */
  path: string;
  pattern: RegExp;
  paramNames: string[];
  handle(request: RawRequest, context: RouteContext): Answer;
}

export interface BodyParser<B> {
  parse(raw: string): ValidationResult<B>;
}

/** A JSON request body validated against a model. */
function json<S extends Fields>(spec: ModelValidator<S>): BodyParser<ModelValue<S>> {
  return { parse: (raw) => validateBody(raw, spec) };
}

interface RouteDef<P extends Fields, Q extends Fields, B> {
  method: Method;
  path: string;
  params?: P;
  query?: Q;
  body?: BodyParser<B>;
  handle(input: { params: ModelValue<P>; query: ModelValue<Q>; body: B }, context: RouteContext): Answer;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type None = {};

function route<P extends Fields = None, Q extends Fields = None, B = undefined>(
  def: RouteDef<P, Q, B>,
): Route {
  const paramNames = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pattern = new RegExp(`^${def.path.replace(/\{\w+\}/g, "([^/]+)")}$`);
  return {
    method: def.method,
    path: def.path,
    pattern,
    paramNames,
    handle(request, context) {
      const errors: FastApiFieldError[] = [];
      // An absent spec declares no parameters: P is then `None` ({}).
      const params = validateParams("path", request.params, def.params ?? ({} as P));
      if (!params.ok) errors.push(...params.errors);
      const queryValues: Record<string, string | undefined> = {};
      for (const name of Object.keys(def.query ?? {}))
        queryValues[name] = request.query.get(name) ?? undefined;
      const query = validateParams("query", queryValues, def.query ?? ({} as Q));
      if (!query.ok) errors.push(...query.errors);
      // Without a body parser, B is `undefined` (the type parameter's default), which is what `value` holds.
      let body: ValidationResult<B> = { ok: true, value: undefined as B };
      if (def.body) {
        body = def.body.parse(request.body);
        if (!body.ok) errors.push(...body.errors);
      }
      if (!params.ok || !query.ok || !body.ok) return invalid(errors);
      return def.handle({ params: params.value, query: query.value, body: body.value }, context);
    },
  };
}

// ---- answers ----

const okAnswer = (body: unknown): Answer => ({ status: 200, body });
const notFound = (detail: string): Answer => ({ status: 404, body: { detail } });
function invalid(errors: FastApiFieldError[]): Answer {
  return { status: 422, body: { detail: errors } };
}

/** An integer id sent as text (`AgentUpdateRequest.agent_id`, `SimulationRequest.agent_id`). */
function idFromText(text: string | null): number | undefined {
  return text !== null && /^\s*\d+\s*$/.test(text) ? Number(text.trim()) : undefined;
}

/** The first of `ids` the store does not hold, if any. */
function firstMissing(store: { has(id: number): boolean }, ids: number[]): number | undefined {
  return ids.find((id) => !store.has(id));
}

/** Custom metrics: a page holds at most this many (the OpenAPI states only the default, 50). */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

/** One page of a `CustomMetricsListResponse` (`page` is 1-based; no items gives 0 pages). */
function page<T>(items: T[], pageNumber: number, size: number): Record<string, unknown> {
  const metrics = items.slice((pageNumber - 1) * size, pageNumber * size);
  return {
    metrics,
    total_count: items.length,
    page: pageNumber,
    page_size: size,
    items_in_page: metrics.length,
    total_pages: Math.ceil(items.length / size),
  };
}

const COMMUNITY_ID = { community_id: required(uuid()) };
const AGENT_ID = { agent_id: required(int()) };
const SIMULATION_ID = { simulation_id: required(int()) };
const DIGITAL_HUMAN_ID = { digital_human_id: required(int()) };
const METRIC_ID = { metric_id: required(uuid()) };

const communityFound = (record: unknown): Answer =>
  record ? okAnswer(record) : notFound("Community not found");

export const ROUTES: readonly Route[] = [
  // ---- communities ----
  route({
    method: "POST",
    path: "/v1/create-community",
    body: json(CREATE_COMMUNITY),
    handle: ({ body }, { data, now }) => okAnswer(data.communities.create(body, now())),
  }),
  route({
    method: "GET",
    path: "/v1/communities",
    query: { digital_human_id: optional(int()) },
    handle: ({ query }, { data }) => {
      const communities = data.communities.list(query.digital_human_id ?? undefined);
      return okAnswer({ communities, total_count: communities.length });
    },
  }),
  route({
    method: "GET",
    path: "/v1/community/{community_id}",
    params: COMMUNITY_ID,
    handle: ({ params }, { data }) => communityFound(data.communities.get(params.community_id)),
  }),
  route({
    method: "DELETE",
    path: "/v1/community/{community_id}",
    params: COMMUNITY_ID,
    handle: ({ params }, { data }) => communityFound(data.communities.delete(params.community_id)),
  }),
  route({
    method: "PUT",
    path: "/v1/update-community/{community_id}",
    params: COMMUNITY_ID,
    body: json(UPDATE_COMMUNITY),
    handle: ({ params, body }, { data }) =>
      communityFound(data.communities.update(params.community_id, body)),
  }),
  route({
    method: "PUT",
    path: "/v1/add-to-community/{community_id}",
    params: COMMUNITY_ID,
    body: json(ADD_TO_COMMUNITY),
    handle: ({ params, body }, { data }) =>
      communityFound(data.communities.addDigitalHumans(params.community_id, body.digital_human_ids)),
  }),

  // ---- agents ----
  route({
    method: "POST",
    path: "/v1/add-agent",
    body: json(CREATE_AGENT),
    handle: ({ body }, { data, now }) => {
      const agent = data.agents.insert(newAgent(data.agents.takeId(), body, now()));
      return okAnswer({ agent_id: agent.id, status: "200", http_webhook_key: agent.http_webhook_key });
    },
  }),
  route({
    method: "GET",
    path: "/v1/agents/{agent_id}",
    params: AGENT_ID,
    handle: ({ params }, { data }) => {
      const agent = data.agents.get(params.agent_id);
      return agent ? okAnswer(agentView(agent)) : notFound("Agent not found");
    },
  }),
  route({
    method: "POST",
    path: "/v1/update-agent",
    body: json(UPDATE_AGENT),
    handle: ({ body }, { data }) => {
      const id = idFromText(body.agent_id);
      const agent = id === undefined ? undefined : data.agents.modify(id, (a) => updateAgent(a, body));
      if (!agent) return notFound("Agent not found");
      return okAnswer({
        agent: agentUpdateView(agent),
        status: "200",
        http_webhook_key: agent.http_webhook ? agent.http_webhook_key : null,
      });
    },
  }),
  route({
    method: "DELETE",
    path: "/v1/agent/{agent_id}",
    params: AGENT_ID,
    handle: ({ params }, { data }) => {
      const id = params.agent_id;
      if (!data.agents.has(id)) return notFound("Agent not found");
      // Bluejay keeps an agent's simulations in a table that refers to the agent, so it cannot delete
      // an agent that still has simulations: the emulator answers 409 and deletes nothing (rather than
      // cascading, which would silently destroy simulations and their digital humans' links). Custom
      // metrics are linked through a join table: deleting the agent unlinks it from them.
      const simulations = data.simulations.all((s) => s.agent_id === id).map((s) => s.id);
      if (simulations.length > 0) {
        return {
          status: 409,
          body: {
            detail: `Agent ${id} still has simulations (${simulations.join(", ")}); delete them first`,
          },
        };
      }
      data.agents.delete(id);
      data.customMetrics.modifyAll((metric) => {
        const kept = metric.agent_ids.filter((agentId) => agentId !== id);
        if (kept.length === metric.agent_ids.length) return false;
        metric.agent_ids = kept;
        return true;
      });
      return okAnswer({ agent_id: id, status: "200", http_webhook_key: null });
    },
  }),
  route({
    method: "GET",
    path: "/v1/all-agents",
    handle: (_input, { data }) => okAnswer(data.agents.all().map(agentView)),
  }),

  // ---- simulations ----
  route({
    method: "POST",
    path: "/v1/create-simulation",
    body: json(CREATE_SIMULATION),
    handle: ({ body }, { data, now }) => {
      const agentId = idFromText(body.agent_id);
      if (agentId === undefined || !data.agents.has(agentId)) {
        return notFound(`Agent ${body.agent_id} not found`);
      }
      const simulation = data.simulations.insert(
        newSimulation(data.simulations.takeId(), agentId, body, now()),
      );
      return okAnswer({ simulation_id: simulation.id, status: "200" });
    },
  }),
  route({
    method: "GET",
    path: "/v1/simulation/{simulation_id}",
    params: SIMULATION_ID,
    handle: ({ params }, { data }) => {
      const simulation = data.simulations.get(params.simulation_id);
      return simulation ? okAnswer(simulation) : notFound("Simulation not found");
    },
  }),
  route({
    method: "PUT",
    path: "/v1/simulation/{simulation_id}",
    params: SIMULATION_ID,
    body: json(UPDATE_SIMULATION),
    handle: ({ params, body }, { data }) => {
      const existing = data.simulations.get(params.simulation_id);
      if (!existing) return notFound("Simulation not found");
      if (!data.agents.has(existing.agent_id)) return notFound(`Agent ${existing.agent_id} not found`);
      return okAnswer(data.simulations.modify(existing.id, (s) => updateSimulation(s, body)));
    },
  }),
  route({
    method: "DELETE",
    path: "/v1/simulation/{simulation_id}",
    params: SIMULATION_ID,
    handle: ({ params }, { data }) => {
      const id = params.simulation_id;
      if (!data.simulations.delete(id)) return notFound("Simulation not found");
      // Digital humans are linked to simulations through a join table: the links go with the simulation.
      data.digitalHumans.modifyAll((human) => {
        const kept = human.simulation_ids.filter((simulationId) => simulationId !== id);
        if (kept.length === human.simulation_ids.length) return false;
        human.simulation_ids = kept;
        return true;
      });
      return okAnswer({ message: `Simulation ${id} deleted successfully`, deleted_simulation_id: id });
    },
  }),
  route({
    method: "GET",
    path: "/v1/get-simulations-by-agent/{agent_id}",
    // Declared as a string here, unlike the integer `agent_id` of the other agent paths.
    params: { agent_id: required(str()) },
    handle: ({ params }, { data }) => {
      const agentId = idFromText(params.agent_id);
      if (agentId === undefined || !data.agents.has(agentId)) return notFound("Agent not found");
      return okAnswer({
        simulations: data.simulations.all((s) => s.agent_id === agentId).map(simulationSummary),
      });
    },
  }),
  route({
    method: "GET",
    path: "/v1/get-all-simulations",
    handle: (_input, { data }) => okAnswer({ simulations: data.simulations.all().map(simulationSummary) }),
  }),

  // ---- digital humans ----
  route({
    method: "POST",
    path: "/v1/create-digital-human",
    body: json(CREATE_DIGITAL_HUMAN),
    handle: ({ body }, { data, now }) => {
      const simulationIds = [...(body.simulation_ids ?? [])];
      if (body.simulation_id !== undefined && body.simulation_id !== null)
        simulationIds.push(body.simulation_id);
      const missing = firstMissing(data.simulations, simulationIds);
      if (missing !== undefined) return notFound(`Simulation ${missing} not found`);
      const human = newDigitalHuman(data.digitalHumans.takeId(), body.digital_human, simulationIds, now());
      return okAnswer(digitalHumanResponse(data.digitalHumans.insert(human)));
    },
  }),
  route({
    method: "GET",
    path: "/v1/digital-human/{digital_human_id}",
    params: DIGITAL_HUMAN_ID,
    handle: ({ params }, { data }) => {
      const human = data.digitalHumans.get(params.digital_human_id);
      return human ? okAnswer(digitalHumanResponse(human)) : notFound("Digital human not found");
    },
  }),
  route({
    method: "PUT",
    path: "/v1/update-digital-human/{digital_human_id}",
    params: DIGITAL_HUMAN_ID,
    body: json(UPDATE_DIGITAL_HUMAN),
    handle: ({ params, body }, { data }) => {
      if (!data.digitalHumans.has(params.digital_human_id)) return notFound("Digital human not found");
      const missing = firstMissing(data.simulations, body.simulation_ids ?? []);
      if (missing !== undefined) return notFound(`Simulation ${missing} not found`);
      const human = data.digitalHumans.modify(params.digital_human_id, (h) => updateDigitalHuman(h, body));
      return human ? okAnswer(digitalHumanResponse(human)) : notFound("Digital human not found");
    },
  }),
  route({
    method: "DELETE",
    path: "/v1/digital-human/{digital_human_id}",
    params: DIGITAL_HUMAN_ID,
    // Communities keep the id: their digital_human_ids are not checked against digital humans.
    handle: ({ params }, { data }) => {
      const human = data.digitalHumans.delete(params.digital_human_id);
      return human ? okAnswer(digitalHumanData(human)) : notFound("Digital human not found");
    },
  }),
  route({
    method: "GET",
    path: "/v1/digital-humans-by-simulation/{simulation_id}",
    params: SIMULATION_ID,
    handle: ({ params }, { data }) => {
      const id = params.simulation_id;
      if (!data.simulations.has(id)) return notFound("Simulation not found");
      const humans = data.digitalHumans.all((h) => h.simulation_ids.includes(id)).map(digitalHumanData);
      return okAnswer({ digital_humans: humans, total: humans.length, simulation_id: id });
    },
  }),

  // ---- custom metrics ----
  route({
    method: "POST",
    path: "/v1/create-custom-metric",
    body: json(CREATE_CUSTOM_METRIC),
    handle: ({ body }, { data, now }) => {
      const missing = firstMissing(data.agents, metricAgentIds(body));
      if (missing !== undefined) return notFound(`Agent ${missing} not found`);
      return okAnswer(data.customMetrics.insert(newCustomMetric(body, now())));
    },
  }),
  route({
    method: "GET",
    path: "/v1/custom-metric/{metric_id}",
    params: METRIC_ID,
    handle: ({ params }, { data }) => {
      const metric = data.customMetrics.get(params.metric_id);
      return metric ? okAnswer(metric) : notFound("Custom metric not found");
    },
  }),
  route({
    method: "PUT",
    path: "/v1/update-custom-metric/{metric_id}",
    params: METRIC_ID,
    body: json(UPDATE_CUSTOM_METRIC),
    handle: ({ params, body }, { data }) => {
      if (!data.customMetrics.has(params.metric_id)) return notFound("Custom metric not found");
      const missing = firstMissing(data.agents, body.agent_ids ?? []);
      if (missing !== undefined) return notFound(`Agent ${missing} not found`);
      const metric = data.customMetrics.modify(params.metric_id, (m) => updateCustomMetric(m, body));
      return metric ? okAnswer(metric) : notFound("Custom metric not found");
    },
  }),
  route({
    method: "DELETE",
    path: "/v1/custom-metric/{metric_id}",
    params: METRIC_ID,
    handle: ({ params }, { data }) => {
      const metric = data.customMetrics.delete(params.metric_id);
      return metric ? okAnswer(deletedCustomMetric(metric)) : notFound("Custom metric not found");
    },
  }),
  route({
    method: "GET",
    path: "/v1/custom-metrics",
    // `page` and `page_size` are declared without bounds: below 1 is a 422 (there is no such page), and
    // a page_size above MAX_PAGE_SIZE is served as MAX_PAGE_SIZE (and answered as the page_size).
    query: {
      agent_id: optional(int()),
      page: withDefault(int({ ge: 1 }), 1),
      page_size: withDefault(int({ ge: 1 }), DEFAULT_PAGE_SIZE),
    },
    handle: ({ query }, { data }) => {
      const agentId = query.agent_id;
      const metrics = data.customMetrics.all(
        agentId === undefined || agentId === null ? undefined : (m) => m.agent_ids.includes(agentId),
      );
      return okAnswer(page(metrics, query.page, Math.min(query.page_size, MAX_PAGE_SIZE)));
    },
  }),
  route({
    method: "GET",
    path: "/v1/custom-metrics-by-agent/{agent_id}",
    // Deprecated in favour of `/v1/custom-metrics?agent_id=`; answers every metric of the agent on one page.
    params: AGENT_ID,
    handle: ({ params }, { data }) => {
      const id = params.agent_id;
      if (!data.agents.has(id)) return notFound("Agent not found");
      const metrics = data.customMetrics.all((m) => m.agent_ids.includes(id));
      return okAnswer(page(metrics, 1, Math.max(1, metrics.length)));
    },
  }),
];
