// Custom metrics: the regular part of Bluejay's API (UUID ids, whole answers), with a paginated
// list that this reads page by page.
import { z } from "zod";
import type { Requester } from "../client";
import { camelize, camelSchema, snakeize, type Camelized } from "../mapping";
import {
  CUSTOM_METRICS_DEFAULT_PAGE_SIZE,
  CommunityIdSchema,
  WireCreateCustomMetricSchema,
  WireCustomMetricListSchema,
  WireCustomMetricSchema,
  WireDeletedCustomMetricSchema,
  WireUpdateCustomMetricSchema,
} from "../schemas";
import type { WireCustomMetric } from "../schemas";
import { parse } from "../validate";
import { IntegerIdSchema } from "./ids";

export const CreateCustomMetricInputSchema = camelSchema(WireCreateCustomMetricSchema);
export type CreateCustomMetricInput = z.input<typeof CreateCustomMetricInputSchema>;
export const UpdateCustomMetricInputSchema = camelSchema(WireUpdateCustomMetricSchema);
export type UpdateCustomMetricInput = z.input<typeof UpdateCustomMetricInputSchema>;

/** A custom metric as this package returns it; `agentIds` is always a list. */
export type CustomMetric = Camelized<WireCustomMetric> & { agentIds: number[] };

/** Custom metric ids are UUIDs, like community ids. */
const MetricIdSchema = CommunityIdSchema;
/** A safety bound on pages read, far above any real workspace (100 000 metrics at the default size). */
const MAX_PAGES = 2000;

export class CustomMetricOperations {
  constructor(private readonly requests: Requester) {}

  /** `POST /v1/create-custom-metric`. */
  async create(input: CreateCustomMetricInput): Promise<CustomMetric> {
    const wire = await this.requests.create("CustomMetric", {
      method: "POST",
      path: "/v1/create-custom-metric",
      body: snakeize(parse("customMetrics.create", CreateCustomMetricInputSchema, input)),
      schema: WireCustomMetricSchema,
    });
    return fromWireMetric(wire);
  }

  /** `GET /v1/custom-metric/{metric_id}`. */
  async get(id: string): Promise<CustomMetric> {
    const metricId = parse("customMetrics.get", MetricIdSchema, id, "id");
    const wire = await this.requests.call({
      method: "GET",
      path: `/v1/custom-metric/${metricId}`,
      schema: WireCustomMetricSchema,
      resource: { kind: "custom metric", id: metricId },
    });
    return fromWireMetric(wire);
  }

  /** `PUT /v1/update-custom-metric/{metric_id}` with only the fields given. */
  async update(id: string, patch: UpdateCustomMetricInput): Promise<CustomMetric> {
    const metricId = parse("customMetrics.update", MetricIdSchema, id, "id");
    const wire = await this.requests.call({
      method: "PUT",
      path: `/v1/update-custom-metric/${metricId}`,
      body: snakeize(parse("customMetrics.update", UpdateCustomMetricInputSchema, patch)),
      schema: WireCustomMetricSchema,
      resource: { kind: "custom metric", id: metricId },
    });
    return fromWireMetric(wire);
  }

  /** `DELETE /v1/custom-metric/{metric_id}`. */
  async delete(id: string): Promise<void> {
    const metricId = parse("customMetrics.delete", MetricIdSchema, id, "id");
    await this.requests.call({
      method: "DELETE",
      path: `/v1/custom-metric/${metricId}`,
      schema: WireDeletedCustomMetricSchema,
      resource: { kind: "custom metric", id: metricId },
    });
  }

  /** Every custom metric (optionally one agent's), reading `GET /v1/custom-metrics` page by page. */
  async list(options: { agentId?: number } = {}): Promise<CustomMetric[]> {
    const agentId =
      options.agentId === undefined
        ? undefined
        : parse("customMetrics.list", IntegerIdSchema, options.agentId, "agentId");
    const metrics: CustomMetric[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const wire = await this.requests.call({
        method: "GET",
        path: "/v1/custom-metrics",
        query: {
          page: String(page),
          page_size: String(CUSTOM_METRICS_DEFAULT_PAGE_SIZE),
          ...(agentId === undefined ? {} : { agent_id: String(agentId) }),
        },
        schema: WireCustomMetricListSchema,
      });
      metrics.push(...wire.metrics.map(fromWireMetric));
      if (page >= wire.total_pages || wire.metrics.length === 0) break;
    }
    return metrics;
  }
}

function fromWireMetric(wire: WireCustomMetric): CustomMetric {
  return { ...camelize(wire), agentIds: wire.agent_ids ?? [] };
}
