// Starts a real Bluejay emulator on a loopback port for a test file, and hands out clients for it.
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
