// getCommunity and listCommunities: read-only lookups that read the provider's settings.
import * as pulumi from "@pulumi/pulumi";
import {
  BluejayApiError,
  getAgent,
  getAgentOutput,
  getCommunity,
  getCommunityOutput,
  getCustomMetric,
  getCustomMetricOutput,
  getDigitalHuman,
  getDigitalHumanOutput,
  getSimulation,
  getSimulationOutput,
  listAgents,
  listCommunities,
  listCustomMetrics,
  listDigitalHumans,
  listSimulations,
} from "../../provider";
import { TEST_API_KEY, makeAgentChain, useEmulator } from "../helpers/emulator";

describe("lookups", () => {
  const fx = useEmulator();
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    pulumi.runtime.setConfig("bluejay:apiKey", "");
    pulumi.runtime.setConfig("bluejay:apiUrl", "");
  });

  test("read the key and URL from BLUEJAY_* environment variables outside a Pulumi program", async () => {
    process.env.BLUEJAY_API_KEY = TEST_API_KEY;
    process.env.BLUEJAY_API_URL = fx.emulator.url;
    const made = fx.emulator.store.create({ title: "Support", digital_human_ids: [7, 8] });
    fx.emulator.store.create({ title: "Other", digital_human_ids: [9] });

    await expect(getCommunity(made.id)).resolves.toEqual({
      id: made.id,
      title: "Support",
      createdAt: made.created_at,
      digitalHumanIds: [7, 8],
    });
    const filtered = await listCommunities({ digitalHumanId: 8 });
    expect(filtered).toEqual({ communities: [expect.objectContaining({ id: made.id })], totalCount: 1 });
    expect((await listCommunities()).totalCount).toBe(2);
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.path}${r.query}`)).toEqual([
      `GET /v1/community/${made.id}`,
      "GET /v1/communities?digital_human_id=8",
      "GET /v1/communities",
    ]);
  });

  test("prefer the stack's config (bluejay:apiKey, bluejay:apiUrl) inside a Pulumi program", async () => {
    process.env.BLUEJAY_API_KEY = "a-wrong-env-key";
    pulumi.runtime.setConfig("bluejay:apiKey", TEST_API_KEY);
    pulumi.runtime.setConfig("bluejay:apiUrl", fx.emulator.url);
    await expect(listCommunities()).resolves.toEqual({ communities: [], totalCount: 0 });
  });

  test("accept explicit overrides of the key and URL", async () => {
    await expect(
      listCommunities({}, { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url }),
    ).resolves.toMatchObject({
      totalCount: 0,
    });
  });

  test("fail with a 404 naming the id, and with one clear error when no key is set", async () => {
    const id = "0b7d9c52-3c6e-4b8a-9f11-6a2d4e8c1f00";
    const error = await getCommunity(id, { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BluejayApiError);
    expect((error as Error).message).toContain(`Bluejay has no community with id ${id}`);
    delete process.env.BLUEJAY_API_KEY;
    await expect(listCommunities()).rejects.toThrow("No Bluejay API key is set.");
  });

  test("every kind has get and list lookups, and each get has an …Output form taking Inputs", async () => {
    const options = { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url };
    const client = fx.client();
    const { agent, simulation, human } = await makeAgentChain(client);
    const metric = await client.customMetrics.create({ name: "M", description: "d", responseType: "yes_no" });
    const community = await client.createCommunity({ title: "C" });

    await expect(getAgent(agent.agentId, options)).resolves.toMatchObject({ name: "A" });
    await expect(listAgents(options)).resolves.toHaveLength(1);
    await expect(getSimulation(simulation.simulationId, options)).resolves.toMatchObject({ name: "S" });
    await expect(listSimulations({ agentId: agent.agentId }, options)).resolves.toHaveLength(1);
    await expect(getDigitalHuman(human.digitalHumanId, options)).resolves.toMatchObject({ intent: "i" });
    await expect(listDigitalHumans({ simulationId: simulation.simulationId }, options)).resolves.toHaveLength(
      1,
    );
    await expect(getCustomMetric(metric.id, options)).resolves.toMatchObject({ name: "M" });
    await expect(listCustomMetrics({}, options)).resolves.toHaveLength(1);

    const resolved = (output: pulumi.Output<unknown>) => new Promise((resolve) => output.apply(resolve));
    await expect(resolved(getAgentOutput(pulumi.output(agent.agentId), options))).resolves.toMatchObject({
      name: "A",
    });
    await expect(
      resolved(getSimulationOutput(Promise.resolve(simulation.simulationId), options)),
    ).resolves.toMatchObject({ name: "S" });
    await expect(resolved(getDigitalHumanOutput(human.digitalHumanId, options))).resolves.toMatchObject({
      intent: "i",
    });
    await expect(resolved(getCustomMetricOutput(pulumi.output(metric.id), options))).resolves.toMatchObject({
      name: "M",
    });
    await expect(resolved(getCommunityOutput(pulumi.output(community.id), options))).resolves.toMatchObject({
      title: "C",
    });
  });
});
