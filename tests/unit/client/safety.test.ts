// Where the key may go, what a failure reports, and how long a call may take, whatever the server does.
import {
  BluejayAmbiguousCreateError,
  BluejayApiError,
  BluejayNetworkError,
  BluejayRedirectError,
} from "../../../provider/client";
import { BluejayEmulator } from "../../../emulator";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { agentKind } from "../../../provider/kinds/agent/kind";
import { communityKind } from "../../../provider/kinds/community/kind";
import { TEST_API_KEY, requestLog, useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();

describe("redirects", () => {
  test("a redirect is reported, never followed: the address it names receives nothing", async () => {
    const elsewhere = await BluejayEmulator.start({ apiKeys: [TEST_API_KEY] });
    try {
      const location = `${elsewhere.url}/v1/communities`;
      fx.emulator.injectFault({ method: "GET", status: 307, headers: { Location: location } });

      const error = await rejection(fx.client().listCommunities(), BluejayRedirectError);

      expect(error.status).toBe(307);
      expect(error.location).toBe(location);
      expect(error.message).toBe(
        `Bluejay answered GET /v1/communities with a redirect (307) to ${JSON.stringify(location)}, which was not ` +
          "followed: the API key is sent only to bluejay:apiUrl. If Bluejay has moved, set bluejay:apiUrl (or " +
          "BLUEJAY_API_URL) to the new address.",
      );
      expect(elsewhere.requests).toEqual([]);
      expect(fx.emulator.requests).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("oversized answers", () => {
  test("an oversized error body is reported with the status that came with it, and a 503 is retried", async () => {
    fx.emulator.injectFault({
      method: "GET",
      status: 503,
      body: "x".repeat(5000),
      contentType: "text/plain",
    });

    const { totalCount } = await fx.client({ maxResponseBytes: 1024 }).listCommunities();

    expect(totalCount).toBe(0);
    expect(requestLog(fx.emulator).map((r) => r.status)).toEqual([503, 200]);
  });

  test("an oversized 400 is a BluejayApiError with status 400, not a malformed 200", async () => {
    fx.emulator.injectFault({
      method: "GET",
      status: 400,
      body: "y".repeat(5000),
      contentType: "text/plain",
    });

    const error = await rejection(fx.client({ maxResponseBytes: 1024 }).listCommunities(), BluejayApiError);

    expect(error.status).toBe(400);
    expect(error.detail).toBe("body is larger than 1024 bytes");
  });
});

describe("the time budget bounds the whole call", () => {
  test("each attempt gets at most what is left of the budget", async () => {
    fx.emulator.injectFault({ method: "GET", trickleMs: 400, times: Infinity });
    const started = Date.now();

    const error = await rejection(
      fx.client({ requestTimeoutMs: 1500, totalTimeoutMs: 2000, maxRetries: 5 }).listCommunities(),
      BluejayNetworkError,
    );

    // Without the bound, a second attempt would get its full 1500 ms: 3000 ms and more in all.
    expect(Date.now() - started).toBeLessThan(2800);
    expect(error.message).toContain("(what was left of the call's 2000 ms budget)");
  });

  test("a create whose answer is lost and the look for it share one budget", async () => {
    // The POST is made, but its answer trickles past the attempt's timeout; then every read trickles too.
    fx.emulator.injectFault({ method: "POST", commit: true, trickleMs: 400 });
    fx.emulator.injectFault({ method: "GET", trickleMs: 400, times: Infinity });
    const client = fx.client({ requestTimeoutMs: 1500, totalTimeoutMs: 2000, maxRetries: 5 });
    const lifecycle = new ResourceLifecycle(communityKind, () => client);
    const started = Date.now();

    await rejection(lifecycle.create({ title: "Lost" }), BluejayAmbiguousCreateError);

    // The POST used 1500 ms; a fresh budget for the look would allow 2000 ms more.
    expect(Date.now() - started).toBeLessThan(2800);
    expect(fx.emulator.communities()).toHaveLength(1);
  });
});

describe("messages stay bounded and free of secrets", () => {
  test("a server error naming a huge value gives a message of at most 4,000 characters that says it was cut", async () => {
    const huge = "z".repeat(100_000);
    fx.emulator.injectFault({
      method: "POST",
      status: 422,
      body: JSON.stringify({ detail: [{ loc: ["body", "title"], msg: huge, type: "value_error" }] }),
    });

    const error = await rejection(fx.client().createCommunity({ title: "t" }), BluejayApiError);

    expect(error.message.length).toBeLessThanOrEqual(4100);
    expect(error.message).toMatch(/… \(message cut: \d+ more characters\)$/);
  });

  test("a check failure names the field and the rule but never the value, and names no property Pulumi would print", async () => {
    const lifecycle = new ResourceLifecycle(agentKind, () => fx.client());
    // Any input may hold a secret the program wrapped: the dynamic-provider host hands check plain values.
    const { failures } = await lifecycle.check(
      {},
      {
        name: "A",
        systemPrompt: "p",
        knowledgeBase: "k",
        goals: [],
        sipPassword: 123456789,
        mode: "sekret-value",
      },
    );
    expect(failures).toEqual([
      {
        property: "",
        path: "mode",
        reason:
          'mode must be one of "VOICE" or "TEXT". Set mode to one of "VOICE" or "TEXT", or leave it out.',
      },
      {
        property: "",
        path: "sipPassword",
        reason: "sipPassword must be a string. Set sipPassword to a string, or leave it out.",
      },
    ]);
    expect(JSON.stringify(failures)).not.toMatch(/123456789|sekret-value/);
  });
});
