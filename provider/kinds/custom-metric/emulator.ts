// The emulator's double of Bluejay's custom metrics: the agents they name must exist; the list is
// paginated; a delete answers the database row (one `agent_id`, an organization, non-null tags).
import {
  firstMissing,
  given,
  ints,
  isSet,
  notFound,
  ok,
  ORGANIZATION_ID,
  routes,
  unique,
  type Answer,
  type Context,
  type EmulatedKind,
  type Json,
  type Request,
} from "../../../emulator/kit";

const MISSING = "Custom metric not found";
/** The most a page holds (the OpenAPI states only the default, 50). */
export const MAX_PAGE_SIZE = 100;

/** The agents a create names: `agent_ids` plus the deprecated `agent_id`. */
function agentIdsOf(body: Json): number[] {
  const ids = ints(body.agent_ids);
  if (isSet(body.agent_id)) ids.push(body.agent_id as number);
  return unique(ids);
}

function create(body: Json, context: Context): Json | Answer {
  const agentIds = agentIdsOf(body);
  const missing = firstMissing(context.of("agents"), agentIds);
  if (missing !== undefined) return notFound(`Agent ${missing} not found`);
  const { agent_id: _deprecated, ...fields } = body;
  return { ...fields, agent_ids: agentIds };
}

function update(metric: Json, request: Request, context: Context): Answer | void {
  const fields = given(request);
  const missing = firstMissing(context.of("agents"), ints(fields.agent_ids));
  if (missing !== undefined) return notFound(`Agent ${missing} not found`);
  Object.assign(metric, fields);
  if (isSet(fields.agent_ids)) metric.agent_ids = unique(ints(fields.agent_ids));
}

/** One page of a `CustomMetricsListResponse` (`page` is 1-based; no items gives 0 pages). */
function page(items: Json[], pageNumber: number, size: number): Json {
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

export const customMetricDouble: EmulatedKind = {
  file: "custom_metrics",
  ids: "uuid",
  routes: [
    routes.create("POST /v1/create-custom-metric", create),
    routes.get("GET /v1/custom-metric/{metric_id}", MISSING),
    routes.update("PUT /v1/update-custom-metric/{metric_id}", MISSING, update),
    routes.remove("DELETE /v1/custom-metric/{metric_id}", MISSING, {
      answer: ({ agent_ids, tags, ...rest }) => ({
        ...rest,
        agent_id: ints(agent_ids)[0] ?? null,
        tags: tags ?? [],
        organization_id: ORGANIZATION_ID,
      }),
    }),
    routes.custom("GET /v1/custom-metrics", ({ query }, { records }) => {
      const agentId = query.agent_id;
      const metrics = records.all(
        isSet(agentId) ? (m) => ints(m.agent_ids).includes(agentId as number) : undefined,
      );
      // The document declares `page` and `page_size` without bounds; there is no page 0, nor an empty page size.
      const number = Math.max(1, query.page as number);
      const size = Math.min(Math.max(1, query.page_size as number), MAX_PAGE_SIZE);
      return ok(page(metrics, number, size));
    }),
    routes.custom("GET /v1/custom-metrics-by-agent/{agent_id}", ({ params }, context) => {
      // Deprecated in favour of `/v1/custom-metrics?agent_id=`; answers every metric of the agent on one page.
      const id = params.agent_id as number;
      if (!context.of("agents").has(id)) return notFound("Agent not found");
      const metrics = context.records.all((m) => ints(m.agent_ids).includes(id));
      return ok(page(metrics, 1, Math.max(1, metrics.length)));
    }),
  ],
};
