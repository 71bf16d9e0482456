// Persistence: every kind of record written with `dataFile` survives a restart on the same file.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BluejayEmulator } from "../../../emulator";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";
import { caller, communityCreator, creators, okBody, request } from "./http";

const fx = useEmulator();
const call = caller(fx);
const create = communityCreator(call);
const make = creators(call);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-emulator-"));
}

describe("persistence", () => {
  test("a community written with dataFile survives a restart of the emulator on the same file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-emulator-"));
    const dataFile = path.join(dir, "nested", "communities.json");
    try {
      const first = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      let community: unknown;
      let deletedId = "";
      try {
        community = (
          await call("POST", "/v1/create-community", {
            base: first.url,
            body: { title: "kept", digital_human_ids: [4] },
          })
        ).body;
        const doomed = await call("POST", "/v1/create-community", {
          base: first.url,
          body: { title: "deleted" },
        });
        deletedId = (doomed.body as { id: string }).id;
        await call("DELETE", `/v1/community/${deletedId}`, { base: first.url });
      } finally {
        await first.close();
      }
      expect(JSON.parse(fs.readFileSync(dataFile, "utf8"))).toEqual({ communities: [community] });

      const second = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      try {
        const id = (community as { id: string }).id;
        expect((await call("GET", `/v1/community/${id}`, { base: second.url })).body).toEqual(community);
        expect((await call("GET", "/v1/communities", { base: second.url })).body).toEqual({
          communities: [community],
          total_count: 1,
        });
        expect((await call("GET", `/v1/community/${deletedId}`, { base: second.url })).status).toBe(404);
      } finally {
        await second.close();
      }
      expect(fs.readdirSync(path.dirname(dataFile))).toEqual(["communities.json"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an emulator without dataFile starts empty every time", async () => {
    await create({ title: "ephemeral" });
    const other = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY] });
    try {
      expect((await call("GET", "/v1/communities", { base: other.url })).body).toEqual({
        communities: [],
        total_count: 0,
      });
    } finally {
      await other.close();
    }
  });
});

describe("persistence of every kind", () => {
  test("agents, simulations, digital humans and custom metrics survive a restart; integer ids continue, never reused", async () => {
    const dir = tempDir();
    const dataFile = path.join(dir, "bluejay.json");
    try {
      const first = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      const at = (method: string, urlPath: string, body?: unknown) =>
        request(first.url, method, urlPath, { body });
      let answers: unknown[];
      try {
        const agent = okBody(
          await at("POST", "/v1/add-agent", {
            name: "a",
            system_prompt: "p",
            knowledge_base: "k",
            goals: [],
          }),
        );
        const doomed = okBody(
          await at("POST", "/v1/add-agent", {
            name: "b",
            system_prompt: "p",
            knowledge_base: "k",
            goals: [],
          }),
        );
        await at("DELETE", `/v1/agent/${String(doomed.agent_id)}`);
        const simulation = okBody(
          await at("POST", "/v1/create-simulation", { agent_id: String(agent.agent_id) }),
        );
        const human = okBody(
          await at("POST", "/v1/create-digital-human", {
            digital_human: { phone_number: "+1", num_runs: 2 },
            simulation_ids: [simulation.simulation_id],
          }),
        );
        const metric = okBody(
          await at("POST", "/v1/create-custom-metric", {
            name: "m",
            description: "d",
            response_type: "yes_no",
            agent_ids: [agent.agent_id],
          }),
        );
        answers = [
          (await at("GET", `/v1/agents/${String(agent.agent_id)}`)).body,
          (await at("GET", `/v1/simulation/${String(simulation.simulation_id)}`)).body,
          human,
          metric,
        ];
      } finally {
        await first.close();
      }
      const saved = JSON.parse(fs.readFileSync(dataFile, "utf8")) as Record<string, unknown>;
      expect(Object.keys(saved).sort()).toEqual([
        "agents",
        "communities",
        "custom_metrics",
        "digital_humans",
        "next_ids",
        "simulations",
      ]);
      expect(saved.next_ids).toEqual({ agents: 3, simulations: 2, digital_humans: 2 });

      const second = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      try {
        const at = (method: string, urlPath: string, body?: unknown) =>
          request(second.url, method, urlPath, { body });
        const [agent, simulation, human, metric] = answers as Record<string, unknown>[];
        expect((await at("GET", `/v1/agents/${String(agent!.id)}`)).body).toEqual(agent);
        expect((await at("GET", `/v1/simulation/${String(simulation!.id)}`)).body).toEqual(simulation);
        const humanId = (human!.digital_human as { id: number }).id;
        expect((await at("GET", `/v1/digital-human/${humanId}`)).body).toEqual(human);
        expect((await at("GET", `/v1/custom-metric/${String(metric!.id)}`)).body).toEqual(metric);
        expect(second.records("digitalHumans")[0]?.num_runs).toBe(2);

        const next = okBody(
          await at("POST", "/v1/add-agent", {
            name: "c",
            system_prompt: "p",
            knowledge_base: "k",
            goals: [],
          }),
        );
        expect(next.agent_id).toBe(3);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a data file written by an older emulator ({communities: [...]}) is read as is; new kinds are added beside it", async () => {
    const dir = tempDir();
    const dataFile = path.join(dir, "communities.json");
    const community = {
      id: "3f0c2a9e-8a43-4c1e-9d55-2b1f4e6a7c10",
      title: "old",
      description: null,
      created_at: "2024-01-02T03:04:05.000Z",
      digital_human_ids: [1],
    };
    fs.writeFileSync(dataFile, JSON.stringify({ communities: [community] }));
    try {
      const emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY], dataFile });
      try {
        expect((await request(emulator.url, "GET", `/v1/community/${community.id}`)).body).toEqual(community);
        await request(emulator.url, "POST", "/v1/add-agent", {
          body: { name: "a", system_prompt: "p", knowledge_base: "k", goals: [] },
        });
      } finally {
        await emulator.close();
      }
      const saved = JSON.parse(fs.readFileSync(dataFile, "utf8")) as Record<string, unknown>;
      expect(saved.communities).toEqual([community]);
      expect((saved.agents as { id: number }[]).map((a) => a.id)).toEqual([1]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("state accessors", () => {
  test("counts() counts every kind and isEmpty() is true only when every kind is empty", async () => {
    expect(fx.emulator.isEmpty()).toBe(true);
    expect(fx.emulator.counts()).toEqual({
      folders: 0,
      communities: 0,
      agents: 0,
      simulations: 0,
      digitalHumans: 0,
      customMetrics: 0,
      customerTraits: 0,
      customerPersonas: 0,
      workflows: 0,
      schedules: 0,
      alerts: 0,
      labels: 0,
      promptVersions: 0,
      knowledgeBaseVersions: 0,
    });

    const agentId = await make.agent();
    expect(fx.emulator.isEmpty()).toBe(false);
    const simulationId = await make.simulation(agentId);
    await make.digitalHuman([simulationId]);
    await make.metric();
    await create({ title: "c" });

    expect(fx.emulator.counts()).toEqual({
      folders: 0,
      communities: 1,
      agents: 1,
      simulations: 1,
      digitalHumans: 1,
      customMetrics: 1,
      customerTraits: 0,
      customerPersonas: 0,
      workflows: 0,
      schedules: 0,
      alerts: 0,
      labels: 0,
      promptVersions: 0,
      knowledgeBaseVersions: 0,
    });
    expect(fx.emulator.records("agents").map((a) => a.id)).toEqual([agentId]);
    expect(fx.emulator.records("simulations").map((s) => s.id)).toEqual([simulationId]);
    expect(fx.emulator.records("digitalHumans")[0]?.simulation_ids).toEqual([simulationId]);
    expect(fx.emulator.records("customMetrics")).toHaveLength(1);
  });

  test("reset() empties every kind and restarts integer ids at 1", async () => {
    const agentId = await make.agent();
    await make.simulation(agentId);
    await make.digitalHuman();
    await make.metric();
    await create({ title: "c" });

    fx.emulator.reset();

    expect(fx.emulator.isEmpty()).toBe(true);
    expect(await make.agent()).toBe(1);
  });

  test("accessors hand out copies: changing a returned record changes nothing in the emulator", async () => {
    const agentId = await make.agent();
    fx.emulator.records("agents")[0]!.name = "tampered";
    (fx.emulator.records("agents")[0]!.goals as string[]).push("tampered");

    expect(okBody(await call("GET", `/v1/agents/${agentId}`))).toMatchObject({
      name: "Support bot",
      goals: ["resolve"],
    });
  });

  test("stores.<kind>.put changes a record behind the client's back, as store.put does for communities", async () => {
    const agentId = await make.agent();
    const agent = fx.emulator.records("agents")[0]!;

    fx.emulator.stores.agents.put({ ...agent, name: "changed out of band" });

    expect(okBody(await call("GET", `/v1/agents/${agentId}`)).name).toBe("changed out of band");
  });

  test("a record put with a higher integer id moves the id counter past it, so later creates never collide", async () => {
    await make.agent();
    const agent = fx.emulator.records("agents")[0]!;

    fx.emulator.stores.agents.put({ ...agent, id: 50 });

    expect(await make.agent()).toBe(51);
  });
});
