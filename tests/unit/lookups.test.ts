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
  getCustomerPersona,
  getCustomerPersonaOutput,
  getCustomerTrait,
  getCustomerTraitOutput,
  getPhoneNumbers,
  getPhoneNumbersOutput,
  getWorkflow,
  getWorkflowOutput,
  getDigitalHuman,
  getDigitalHumanOutput,
  getKnowledgeBaseVersion,
  getKnowledgeBaseVersionOutput,
  getLabel,
  getLabelOutput,
  getPromptVersion,
  getPromptVersionOutput,
  getSimulation,
  getSimulationOutput,
  listAgents,
  listCommunities,
  listCustomMetrics,
  listCustomerPersonas,
  listCustomerTraits,
  listDigitalHumans,
  listKnowledgeBaseVersions,
  listLabels,
  listPromptVersions,
  listSimulations,
  listWorkflows,
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

  test("customer traits, customer personas and workflows have get, …Output and list lookups", async () => {
    const options = { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url };
    const client = fx.client();
    const { agent } = await makeAgentChain(client);
    const agentId = agent.agentId;
    const trait = await client.customerTraits.create({
      agentId,
      name: "plan",
      dataType: "NUMBER",
      defaultValue: 3,
    });
    const persona = await client.customerPersonas.create({ agentId, name: "P", description: "d", goal: "g" });
    const workflow = await client.workflows.create({ name: "W", agentIds: [agentId], definition: {} });
    const resolved = (output: pulumi.Output<unknown>) => new Promise((resolve) => output.apply(resolve));

    await expect(getCustomerTrait(trait.id, options)).resolves.toMatchObject({ agentId, defaultValue: 3 });
    await expect(resolved(getCustomerTraitOutput(pulumi.output(trait.id), options))).resolves.toEqual(trait);
    await expect(listCustomerTraits({ agentId }, options)).resolves.toEqual([trait]);
    await expect(getCustomerPersona(persona.id, options)).resolves.toEqual(persona);
    await expect(resolved(getCustomerPersonaOutput(persona.id, options))).resolves.toMatchObject({
      goal: "g",
    });
    await expect(listCustomerPersonas({ agentId }, options)).resolves.toEqual([persona]);
    await expect(getWorkflow(workflow.id, options)).resolves.toMatchObject({ agentIds: [agentId] });
    await expect(resolved(getWorkflowOutput(workflow.id, options))).resolves.toMatchObject({ name: "W" });
    await expect(listWorkflows({ agentId }, options)).resolves.toEqual([workflow]);
    await expect(listWorkflows({}, options)).resolves.toHaveLength(1);
  });

  test("getPhoneNumbers lists the organization's numbers in camelCase; getPhoneNumbersOutput as an Output", async () => {
    const options = { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url };
    fx.emulator.stores.phoneNumbers.put({
      id: 3,
      created_at: "2026-01-05T10:00:00",
      phone_number: "+15550100101",
      purchase_date: "2026-01-05",
      price: 115,
      organization_id: "0b1ee000-0000-4000-8000-00000000b1e1",
    });
    const expected = {
      id: 3,
      // A naive timestamp is read as UTC, as every other.
      createdAt: "2026-01-05T10:00:00Z",
      phoneNumber: "+15550100101",
      purchaseDate: "2026-01-05",
      price: 115,
      organizationId: "0b1ee000-0000-4000-8000-00000000b1e1",
    };

    await expect(getPhoneNumbers(options)).resolves.toEqual([expected]);
    const output = getPhoneNumbersOutput(options);
    await expect(new Promise((resolve) => output.apply(resolve))).resolves.toEqual([expected]);
    await expect(fx.client().phoneNumbers.list()).resolves.toEqual([expected]);
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(3).fill("GET /v1/phone-numbers"),
    );
  });

  test("a kind under an agent takes the agent's id first, in every form", async () => {
    const options = { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url };
    const client = fx.client();
    const { agentId } = await client.agents.create({
      name: "A",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
    });
    const label = await client.labels.create({ agentId, labelText: "qa" });
    const prompt = await client.promptVersions.create({ agentId, promptText: "p", labels: ["qa"] });
    const knowledge = await client.knowledgeBaseVersions.create({ agentId, kbText: "k" });
    const resolved = (output: pulumi.Output<unknown>) => new Promise((resolve) => output.apply(resolve));

    await expect(getLabel(agentId, label.id, options)).resolves.toMatchObject({
      labelText: "qa",
      promptId: prompt.id,
    });
    await expect(listLabels({ agentId, q: "q" }, options)).resolves.toHaveLength(1);
    await expect(resolved(getLabelOutput(pulumi.output(agentId), label.id, options))).resolves.toMatchObject({
      labelText: "qa",
    });
    await expect(getPromptVersion(agentId, prompt.id, options)).resolves.toMatchObject({
      promptText: "p",
      version: 1,
      labels: ["qa"],
      latest: true,
      production: false,
    });
    await expect(listPromptVersions({ agentId, label: "qa" }, options)).resolves.toHaveLength(1);
    await expect(
      resolved(getPromptVersionOutput(Promise.resolve(agentId), pulumi.output(prompt.id), options)),
    ).resolves.toMatchObject({ promptText: "p" });
    await expect(getKnowledgeBaseVersion(agentId, knowledge.id, options)).resolves.toMatchObject({
      kbText: "k",
    });
    await expect(listKnowledgeBaseVersions({ agentId }, options)).resolves.toHaveLength(1);
    await expect(
      resolved(getKnowledgeBaseVersionOutput(agentId, knowledge.id, options)),
    ).resolves.toMatchObject({ kbText: "k" });

    const error = await getLabel(agentId + 1, label.id, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      `Bluejay has no label with id ${label.id} (GET /v1/agents/${agentId + 1}/labels/${label.id} returned 404). ` +
        "Check the ids given to getLabel: they name no label of that agent.",
    );
  });
});

describe("lookups against a real SaaS", () => {
  const fx = useEmulator();
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.BLUEJAY_API_KEY = TEST_API_KEY;
    process.env.BLUEJAY_API_URL = fx.emulator.url;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  test("an …Output lookup of an agent holding a password is a secret Output; the plain form is not", async () => {
    const client = fx.client();
    const agent = await client.agents.create({
      name: "A",
      systemPrompt: "p",
      knowledgeBase: "k",
      goals: [],
      websocketPassword: "hunter2-lookup",
    });
    const output = getAgentOutput(agent.agentId);
    // The engine's own check: whether the Output is marked secret.
    expect(await (output as unknown as { isSecret: Promise<boolean> }).isSecret).toBe(true);
    const plain = await getAgent(agent.agentId);
    expect(plain.websocketPassword).toBe("hunter2-lookup");
  });

  test("every lookup of the process shares one client, so one rate limiter paces them all", async () => {
    // A 429 with Retry-After: 1 answers the first lookup; a second lookup started then waits it out too.
    fx.emulator.injectFault({ method: "GET", path: "/v1/all-agents", status: 429, retryAfter: 1 });
    const first = listAgents();
    while (!fx.emulator.requests.some((r) => r.status === 429)) await new Promise((r) => setTimeout(r, 5));
    const refused = fx.emulator.requests[0]!.at;
    // Time for the client to read the answer (the emulator logs it before it is sent).
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([first, listCommunities()]);
    const communities = fx.emulator.requests.find((r) => r.path === "/v1/communities")!;
    expect(communities.at - refused).toBeGreaterThanOrEqual(900);
  });

  test("a lookup of an id Bluejay does not hold says to check the id given to it, not to refresh", async () => {
    const error = await getAgent(987654).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BluejayApiError);
    expect((error as Error).message).toBe(
      "Bluejay has no agent with id 987654 (GET /v1/agents/987654 returned 404). Check the id given to getAgent: it names no agent of this workspace.",
    );
  });
});
