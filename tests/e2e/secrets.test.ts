// The API key reaches Bluejay's X-API-Key header and nowhere else: every error path is driven
// through the real engine, then all printed output, the stored state and every file of the
// backend (history and backups included) are searched for it.
import { capture, createE2EStack, E2E_API_KEY, readTree, type E2EStack } from "./harness";

jest.setTimeout(300_000);

describe("the API key never leaks", () => {
  let e2e: E2EStack;
  const printed: string[] = [];

  /** Runs `up`, expecting it to fail; returns everything it printed and threw. */
  async function failingUp(): Promise<string> {
    const output: string[] = [];
    const error = await e2e.stack.up(capture(output)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const text = `${error!.message}\n${error!.stack}\n${output.join("")}`;
    printed.push(text);
    return text;
  }

  beforeAll(async () => {
    e2e = await createE2EStack("secrets");
    await e2e.declare({ first: { title: "First" } });
    await e2e.stack.up(capture(printed));
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  test("a 422 whose body echoes the key shows Bluejay's words with the key redacted", async () => {
    const echo = JSON.stringify({
      detail: [{ loc: ["header", "X-API-Key"], msg: `bad key ${E2E_API_KEY}`, type: "value_error" }],
    });
    e2e.emulator.injectFault({ method: "POST", status: 422, body: echo });
    await e2e.declare({ first: { title: "First" }, second: { title: "Second" } });
    expect(await failingUp()).toContain("header.X-API-Key: bad key [redacted]");
  });

  test("an HTML error page that echoes the key is quoted with the key redacted", async () => {
    e2e.emulator.injectFault({
      method: "POST",
      status: 400,
      body: `<html>key ${E2E_API_KEY}</html>`,
      contentType: "text/html",
    });
    expect(await failingUp()).toContain(
      'Bluejay rejected POST /v1/create-community (400: "<html>key [redacted]</html>")',
    );
  });

  test("a malformed success body is refused and nothing reaches state", async () => {
    e2e.emulator.injectFault({
      method: "POST",
      status: 200,
      body: JSON.stringify({ id: "not-a-uuid", title: "Second" }),
    });
    e2e.emulator.injectFault({ method: "GET", path: "/v1/communities", status: 200, body: "{}" });
    const text = await failingUp();
    expect(text).toContain("is not what its API promises");
    const state = await e2e.exportState();
    expect(state.deployment.resources.some((r) => r.id === "not-a-uuid")).toBe(false);
  });

  test("an unreachable Bluejay is a network error naming the URL setting", async () => {
    await e2e.stack.setConfig("bluejay:apiUrl", { value: "http://127.0.0.1:9" });
    expect(await failingUp()).toContain("connect ECONNREFUSED 127.0.0.1:9");
    await e2e.stack.setConfig("bluejay:apiUrl", { value: e2e.emulator.url });
  });

  test("a create whose answer trickles past the timeout, with the list unreadable too, is reported as ambiguous", async () => {
    await e2e.stack.setConfig("bluejay:requestTimeoutMs", { value: "300" });
    await e2e.stack.setConfig("bluejay:maxRetries", { value: "0" });
    // The POST is not processed (its answer is a slow error page), and the check that follows trickles too.
    e2e.emulator.injectFault({ method: "POST", status: 502, body: "x".repeat(50), trickleMs: 100 });
    e2e.emulator.injectFault({ method: "GET", trickleMs: 100 });
    const text = await failingUp();
    expect(text).toContain("for a new Community is unknown");
    expect(text).toContain("no complete answer within 300 ms (bluejay:requestTimeoutMs)");
    e2e.emulator.faults.clear();
    await e2e.stack.removeConfig("bluejay:requestTimeoutMs");
    await e2e.stack.removeConfig("bluejay:maxRetries");
  });

  test("plain http to a remote host is refused before the key is sent", async () => {
    await e2e.stack.setConfig("bluejay:apiUrl", { value: "http://bluejay.example.invalid" });
    expect(await failingUp()).toContain(
      "Refusing to send the Bluejay API key over plain http to bluejay.example.invalid",
    );
    await e2e.stack.setConfig("bluejay:apiUrl", { value: e2e.emulator.url });
  });

  test("a missing key names both ways to set it", async () => {
    await e2e.stack.removeConfig("bluejay:apiKey");
    expect(await failingUp()).toContain("No Bluejay API key is set.");
    await e2e.setApiKey(E2E_API_KEY);
  });

  test("after all of that, the key is in no output, no stored state and no backend file", async () => {
    await e2e.stack.up(capture(printed));
    expect(
      e2e.emulator
        .communities()
        .map((c) => c.title)
        .sort(),
    ).toEqual(["First", "Second"]);
    const everything = [
      printed.join("\n"),
      JSON.stringify(await e2e.exportState()),
      readTree(e2e.stateDir),
    ].join("\n");
    expect(everything.split(E2E_API_KEY).length - 1).toBe(0);
  });
});
