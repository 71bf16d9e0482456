// Conformance: every 2xx answer of every operation the emulator serves parses with the matching wire
// schema of `provider/client/schemas` (the client's reading of Bluejay's OpenAPI description), and the
// request bodies used here pass the wire request schemas, so the two sides cannot drift apart.
import type { ZodTypeAny } from "zod";
import {
  WireAgentListSchema,
  WireAgentResponseSchema,
  WireAgentSchema,
  WireAgentUpdateResponseSchema,
  WireCommunityListSchema,
  WireCommunitySchema,
  WireCreateAgentSchema,
  WireCreateCommunitySchema,
  WireCreateCustomMetricSchema,
  WireCreateDigitalHumanSchema,
  WireCreateSimulationResponseSchema,
  WireCreateSimulationSchema,
  WireCustomMetricListSchema,
  WireCustomMetricSchema,
  WireDeleteSimulationResponseSchema,
  WireDeletedCustomMetricSchema,
  WireDigitalHumanListSchema,
  WireDigitalHumanResponseSchema,
  WireDigitalHumanSchema,
  WireSimulationListSchema,
  WireSimulationSchema,
  WireUpdateAgentSchema,
  WireUpdateCommunitySchema,
  WireAddToCommunitySchema,
  WireUpdateCustomMetricSchema,
  WireUpdateDigitalHumanSchema,
  WireUpdateSimulationSchema,
} from "../../../provider/client/schemas";
import { useEmulator } from "../../helpers/emulator";
import { caller } from "./http";

const fx = useEmulator();
const call = caller(fx);

/** The wire schema of each operation's 2xx answer, keyed `METHOD path-template`. */
const ANSWER_SCHEMAS: Record<string, ZodTypeAny> = {
  "POST /v1/create-community": WireCommunitySchema,
  "GET /v1/communities": WireCommunityListSchema,
  "GET /v1/community/{community_id}": WireCommunitySchema,
  "DELETE /v1/community/{community_id}": WireCommunitySchema,
  "PUT /v1/update-community/{community_id}": WireCommunitySchema,
  "PUT /v1/add-to-community/{community_id}": WireCommunitySchema,
  "POST /v1/add-agent": WireAgentResponseSchema,
  "GET /v1/agents/{agent_id}": WireAgentSchema,
  "POST /v1/update-agent": WireAgentUpdateResponseSchema,
  "DELETE /v1/agent/{agent_id}": WireAgentResponseSchema,
  "GET /v1/all-agents": WireAgentListSchema,
  "POST /v1/create-simulation": WireCreateSimulationResponseSchema,
  "GET /v1/simulation/{simulation_id}": WireSimulationSchema,
  "PUT /v1/simulation/{simulation_id}": WireSimulationSchema,
  "DELETE /v1/simulation/{simulation_id}": WireDeleteSimulationResponseSchema,
  "GET /v1/get-simulations-by-agent/{agent_id}": WireSimulationListSchema,
  "GET /v1/get-all-simulations": WireSimulationListSchema,
  "POST /v1/create-digital-human": WireDigitalHumanResponseSchema,
  "GET /v1/digital-human/{digital_human_id}": WireDigitalHumanResponseSchema,
  "PUT /v1/update-digital-human/{digital_human_id}": WireDigitalHumanResponseSchema,
  "DELETE /v1/digital-human/{digital_human_id}": WireDigitalHumanSchema,
  "GET /v1/digital-humans-by-simulation/{simulation_id}": WireDigitalHumanListSchema,
  "POST /v1/create-custom-metric": WireCustomMetricSchema,
  "GET /v1/custom-metric/{metric_id}": WireCustomMetricSchema,
  "PUT /v1/update-custom-metric/{metric_id}": WireCustomMetricSchema,
  "DELETE /v1/custom-metric/{metric_id}": WireDeletedCustomMetricSchema,
  "GET /v1/custom-metrics": WireCustomMetricListSchema,
  "GET /v1/custom-metrics-by-agent/{agent_id}": WireCustomMetricListSchema,
};

/** Request bodies with every kind of field filled, each checked against its wire request schema. */
const AGENT_BODY = WireCreateAgentSchema.parse({
  name: "Support bot",
  system_prompt: "Be helpful.",
  knowledge_base: "FAQ",
  goals: ["resolve"],
  phone_number: "+15550100",
  type: "OUTBOUND",
  connection_type: "WEBSOCKET",
  mode: "VOICE",
  keyterms: ["refund"],
  folder: "Support",
  websocket_url: "wss://agent.example/ws",
  websocket_password: "ws-secret",
  sip_password: "sip-secret",
  custom_sip_headers: { Tenant: "acme" },
  livekit_metadata: { room: "r" },
  http_webhook: "https://hook.example",
  enable_outbound_call_auto_start: false,
});
const DIGITAL_HUMAN_DATA = {
  phone_number: "+15550101",
  name: "Ann",
  accent: "british",
  gender: "female",
  traits: [{ trait_name: "vip", trait_data_type: "BOOLEAN", value: true }],
  expected_tool_calls: [{ name: "lookup", parameters: { id: 1 } }],
  scripted_responses: [
    {
      match_type: "exact",
      match_phrase: "hi",
      response_type: "phrase",
      response_value: "hello",
      occurrence_mode: "always",
    },
  ],
  interruptions: { type: "contextual", contextual_prompt: "interrupt when rude" },
  speaks_first_config: { speaks_first: true, mode: "custom", message: "Hi!" },
  formatted_transcript: [{ role: "USER", utterance: "hello" }],
  enriched_playback: [{ turn: 1 }],
  livekit_metadata: { a: 1 },
};

describe("conformance with the wire schemas", () => {
  const covered = new Map<string, number>();

  /** Calls an operation, expects a 2xx, and parses the answer with its wire schema. */
  async function conforming(
    method: string,
    template: string,
    urlPath: string,
    body?: unknown,
  ): Promise<unknown> {
    const operation = `${method} ${template}`;
    const reply = await call(method, urlPath, { body });
    if (reply.status !== 200)
      throw new Error(`${operation} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    const schema = ANSWER_SCHEMAS[operation];
    if (!schema) throw new Error(`${operation}: no wire schema listed for this operation`);
    const parsed = schema.safeParse(reply.body);
    if (!parsed.success) throw new Error(`${operation}: ${parsed.error.message}`);
    expect(parsed.success).toBe(true);
    covered.set(operation, (covered.get(operation) ?? 0) + 1);
    return reply.body;
  }

  test("every 2xx answer of every operation (all five kinds, lists included) parses with its wire zod schema", async () => {
    // Communities.
    const community = (await conforming(
      "POST",
      "/v1/create-community",
      "/v1/create-community",
      WireCreateCommunitySchema.parse({ title: "c", description: "d", digital_human_ids: [1] }),
    )) as { id: string };
    const cid = community.id;
    await conforming("GET", "/v1/communities", "/v1/communities?digital_human_id=1");
    await conforming("GET", "/v1/community/{community_id}", `/v1/community/${cid}`);
    await conforming(
      "PUT",
      "/v1/update-community/{community_id}",
      `/v1/update-community/${cid}`,
      WireUpdateCommunitySchema.parse({ title: "c2" }),
    );
    await conforming(
      "PUT",
      "/v1/add-to-community/{community_id}",
      `/v1/add-to-community/${cid}`,
      WireAddToCommunitySchema.parse({ digital_human_ids: [2] }),
    );

    // Agents.
    const added = (await conforming("POST", "/v1/add-agent", "/v1/add-agent", AGENT_BODY)) as {
      agent_id: number;
    };
    const agentId = added.agent_id;
    await conforming("GET", "/v1/agents/{agent_id}", `/v1/agents/${agentId}`);
    await conforming("GET", "/v1/all-agents", "/v1/all-agents");
    await conforming(
      "POST",
      "/v1/update-agent",
      "/v1/update-agent",
      WireUpdateAgentSchema.parse({ agent_id: String(agentId), name: "Renamed", goals: null }),
    );

    // Simulations.
    const created = (await conforming(
      "POST",
      "/v1/create-simulation",
      "/v1/create-simulation",
      WireCreateSimulationSchema.parse({
        agent_id: String(agentId),
        name: "Smoke",
        max_concurrent: 3,
        digital_humans_settings: { num_runs: 2 },
        selected_custom_metrics: ["0f8fad5b-d9cb-469f-a165-70867728950e"],
      }),
    )) as { simulation_id: number };
    const simulationId = created.simulation_id;
    await conforming("GET", "/v1/simulation/{simulation_id}", `/v1/simulation/${simulationId}`);
    await conforming(
      "PUT",
      "/v1/simulation/{simulation_id}",
      `/v1/simulation/${simulationId}`,
      WireUpdateSimulationSchema.parse({
        tags: ["t"],
        pinned: true,
        max_turns: 4,
        digital_humans_settings: { x: 1 },
      }),
    );
    await conforming(
      "GET",
      "/v1/get-simulations-by-agent/{agent_id}",
      `/v1/get-simulations-by-agent/${agentId}`,
    );
    await conforming("GET", "/v1/get-all-simulations", "/v1/get-all-simulations");

    // Digital humans.
    const human = (await conforming(
      "POST",
      "/v1/create-digital-human",
      "/v1/create-digital-human",
      WireCreateDigitalHumanSchema.parse({
        digital_human: DIGITAL_HUMAN_DATA,
        simulation_ids: [simulationId],
      }),
    )) as { digital_human: { id: number } };
    const humanId = human.digital_human.id;
    await conforming("GET", "/v1/digital-human/{digital_human_id}", `/v1/digital-human/${humanId}`);
    await conforming(
      "PUT",
      "/v1/update-digital-human/{digital_human_id}",
      `/v1/update-digital-human/${humanId}`,
      WireUpdateDigitalHumanSchema.parse({
        voice_speed: "fast",
        interruptions: { type: "keywords", keyword_responses: [{ keyword: "stop", response: "ok" }] },
      }),
    );
    await conforming(
      "GET",
      "/v1/digital-humans-by-simulation/{simulation_id}",
      `/v1/digital-humans-by-simulation/${simulationId}`,
    );

    // Custom metrics.
    const metric = (await conforming(
      "POST",
      "/v1/create-custom-metric",
      "/v1/create-custom-metric",
      WireCreateCustomMetricSchema.parse({
        name: "Politeness",
        description: "Was the agent polite?",
        response_type: "quantitative",
        agent_ids: [agentId],
        min_value: 0,
        max_value: 10,
        tags: ["tone"],
      }),
    )) as { id: string };
    await conforming("GET", "/v1/custom-metric/{metric_id}", `/v1/custom-metric/${metric.id}`);
    await conforming(
      "PUT",
      "/v1/update-custom-metric/{metric_id}",
      `/v1/update-custom-metric/${metric.id}`,
      WireUpdateCustomMetricSchema.parse({ eval_route: "TEXT", enum_options: null }),
    );
    await conforming(
      "GET",
      "/v1/custom-metrics",
      `/v1/custom-metrics?agent_id=${agentId}&page=1&page_size=10`,
    );
    await conforming("GET", "/v1/custom-metrics", "/v1/custom-metrics");
    await conforming(
      "GET",
      "/v1/custom-metrics-by-agent/{agent_id}",
      `/v1/custom-metrics-by-agent/${agentId}`,
    );

    // Deletes last, children before parents.
    await conforming("DELETE", "/v1/custom-metric/{metric_id}", `/v1/custom-metric/${metric.id}`);
    await conforming("DELETE", "/v1/digital-human/{digital_human_id}", `/v1/digital-human/${humanId}`);
    await conforming("DELETE", "/v1/simulation/{simulation_id}", `/v1/simulation/${simulationId}`);
    await conforming("DELETE", "/v1/agent/{agent_id}", `/v1/agent/${agentId}`);
    await conforming("DELETE", "/v1/community/{community_id}", `/v1/community/${cid}`);

    // Empty lists conform too.
    await conforming("GET", "/v1/all-agents", "/v1/all-agents");
    await conforming("GET", "/v1/get-all-simulations", "/v1/get-all-simulations");
    await conforming("GET", "/v1/communities", "/v1/communities");
    await conforming("GET", "/v1/custom-metrics", "/v1/custom-metrics");

    const served = fx.emulator.operations().map(({ method, path }) => `${method} ${path}`);
    expect([...covered.keys()].sort()).toEqual([...served].sort());
    expect(Object.keys(ANSWER_SCHEMAS).sort()).toEqual([...served].sort());
  });

  test("the wire response schemas accept extra fields, and the request schemas reject unknown ones", () => {
    expect(WireAgentResponseSchema.safeParse({ agent_id: 1, surprise: true }).success).toBe(true);
    expect(WireCreateAgentSchema.safeParse({ ...AGENT_BODY, surprise: true }).success).toBe(false);
    expect(
      WireCreateDigitalHumanSchema.safeParse({ digital_human: { ...DIGITAL_HUMAN_DATA, surprise: 1 } })
        .success,
    ).toBe(false);
  });
});
