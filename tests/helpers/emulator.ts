// Starts a real Bluejay emulator on a loopback port for a test file, and hands out clients for it.
import * as net from "net";
import { BluejayClient, type BluejayClientOptions } from "../../provider/client";
import { BluejayEmulator } from "../../emulator";

/** A key that looks like a real one, so tests can grep every output for it. */
export const TEST_API_KEY = "bj-test-key-7f3a9c2e41d84b6f";

export interface EmulatorFixture {
  emulator: BluejayEmulator;
  client(options?: Partial<BluejayClientOptions>): BluejayClient;
}

/**
 * Registers beforeAll/afterAll/beforeEach hooks: one emulator per file, emptied before each test.
 * Clients default to fast retries so fault tests stay quick.
 */
export function useEmulator(): EmulatorFixture {
  const clients: BluejayClient[] = [];
  const fixture = {} as EmulatorFixture;
  beforeAll(async () => {
    fixture.emulator = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY] });
  });
  beforeEach(() => fixture.emulator.reset());
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await fixture.emulator.close();
  });
  fixture.client = (options = {}) => {
    const client = new BluejayClient({
      apiKey: TEST_API_KEY,
      baseUrl: fixture.emulator.url,
      retryBaseDelayMs: 1,
      maxRetryDelayMs: 20,
      ...options,
    });
    clients.push(client);
    return client;
  };
  return fixture;
}

/** The request log without timestamps or fault notes: what went over the wire, in order. */
export function requestLog(
  emulator: BluejayEmulator,
): { method: string; path: string; query: string; status: number }[] {
  return emulator.requests.map(({ method, path, query, status }) => ({ method, path, query, status }));
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An agent, a simulation of it and a digital human in that simulation: what other kinds refer to. */
export async function makeAgentChain(client: BluejayClient) {
  const agent = await client.agents.create({ name: "A", systemPrompt: "p", knowledgeBase: "k", goals: [] });
  const simulation = await client.simulations.create({ agentId: agent.agentId, name: "S" });
  const human = await client.digitalHumans.create({
    phoneNumber: "+15550100101",
    intent: "i",
    successCriteria: "s",
    simulationIds: [simulation.simulationId],
  });
  return { agent, simulation, human };
}
