// What the CLI shows is true, on examples/bootstrap through the real engine: a preview of a change
// shows the one update `up` makes, a refresh of an untouched environment shows nothing, an edit made
// in Bluejay shows as that field alone, a check failure never prints a value (any may be secret), and
// each of the new kinds' bad inputs fails the preview naming its field.
import * as fs from "fs";
import * as path from "path";
import { BOOTSTRAP_RESOURCES } from "../helpers/bootstrap";
import { orderedSteps } from "../helpers/steps";
import { capture, createE2EStack, E2E_API_KEY, type E2EStack } from "./harness";

jest.setTimeout(180_000);

const WEBSOCKET_PASSWORD = "ws-pass-cli-output-0b5e";

describe("what the CLI shows of examples/bootstrap", () => {
  let e2e: E2EStack;
  const program = () => path.join(e2e.workDir, "index.ts");
  let original = "";
  /** The program with one piece of text changed, for the next preview. */
  const edit = (from: string, to: string) => {
    expect(original).toContain(from);
    fs.writeFileSync(program(), original.replace(from, to));
  };
  const restore = () => fs.writeFileSync(program(), original);
  /** What one command printed. */
  const printed = async (run: (sink: string[]) => Promise<unknown>) => {
    const sink: string[] = [];
    await run(sink);
    e2e.output.push(...sink);
    return sink.join("");
  };
  const step = orderedSteps();

  beforeAll(async () => {
    e2e = await createE2EStack(
      "cli-output",
      {},
      {},
      {
        example: "bootstrap",
        config: { "bluejay-bootstrap:websocketPassword": { value: WEBSOCKET_PASSWORD, secret: true } },
      },
    );
    original = fs.readFileSync(program(), "utf8");
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });

  step("1. up creates the environment", async () => {
    const up = await e2e.stack.up(capture(e2e.output));
    expect(up.summary.resourceChanges).toEqual({ create: BOOTSTRAP_RESOURCES });
  });

  step(
    "2. an untouched environment: `preview --refresh --diff --expect-no-changes` passes and prints no diff",
    async () => {
      const out = await printed((sink) =>
        e2e.stack.preview({ ...capture(sink), refresh: true, diff: true, expectNoChanges: true }),
      );
      expect(out).not.toMatch(/\[diff:/);
      expect(out).not.toMatch(/[~+-] pulumi-nodejs:dynamic\/bluejay/);
      // A refresh, then a preview: still nothing.
      await e2e.stack.refresh(capture(e2e.output));
      const after = await e2e.stack.preview({ ...capture(e2e.output), diff: true });
      expect(after.changeSummary).toEqual({ same: BOOTSTRAP_RESOURCES });
    },
  );

  step("3. changing only the agent's knowledgeBase previews exactly one update", async () => {
    edit("Refunds take 5 days.", "Refunds take 3 days.");
    const sink: string[] = [];
    const preview = await e2e.stack.preview({ ...capture(sink), diff: true });
    e2e.output.push(...sink);
    restore();
    expect(preview.changeSummary).toEqual({ same: BOOTSTRAP_RESOURCES - 1, update: 1 });
    const out = sink.join("");
    expect(out).toMatch(/~ pulumi-nodejs:dynamic\/bluejay:Agent: \(update\)/);
    // The one changed input, and nothing shown as added or removed beside it (a secret input included).
    expect(out.match(/^\s*[~+-] (?!pulumi)\w+\s*:/gm)?.map((line) => line.trim().split(/\s/)[1])).toEqual([
      "knowledgeBase",
    ]);
    expect(out).toMatch(/~ knowledgeBase\s*: "Refunds take 5 days\." => "Refunds take 3 days\."/);
    expect(out).not.toMatch(/\+-|replace/);
  });

  step("4. changing only one digital human's intent previews exactly one update", async () => {
    edit("intent: `Disputes a double charge", "intent: `Disputes a triple charge");
    const preview = await e2e.stack.preview({ ...capture(e2e.output), diff: true });
    restore();
    expect(preview.changeSummary).toEqual({ same: BOOTSTRAP_RESOURCES - 1, update: 1 });
  });

  step(
    "5. an edit made in Bluejay shows on refresh as that field alone, and in the preview after it",
    async () => {
      const [agent] = e2e.emulator.records("agents");
      e2e.emulator.stores.agents.modify(agent!.id, (a) => void (a.knowledge_base = "Edited in the UI."));
      const out = await printed((sink) => e2e.stack.preview({ ...capture(sink), refresh: true, diff: true }));
      // The refresh, then the update: each shows the one field, and nothing else of any resource.
      const changed = out.match(/^\s*[~+-] (?!pulumi)\w+\s*:/gm)?.map((line) => line.trim().split(/\s/)[1]);
      expect(changed).toEqual(["knowledgeBase", "knowledgeBase"]);
      expect(out).toMatch(/~ pulumi-nodejs:dynamic\/bluejay:Agent: \(refresh\)/);
      expect(out).toMatch(/~ knowledgeBase\s*: "Refunds take 5 days\." => "Edited in the UI\."/);
      expect(out).toMatch(/~ knowledgeBase\s*: "Edited in the UI\." => "Refunds take 5 days\."/);
      expect(out).toMatch(/~ 1 to update/);
      // Put it back, so the next steps start untouched.
      await e2e.stack.up(capture(e2e.output));
    },
  );

  step(
    "6. a secret-wrapped invalid value fails the preview naming its field, and is printed nowhere",
    async () => {
      edit('responseType: "yes_no",', 'responseType: pulumi.secret("leaky-response-7f3e") as never,');
      const sink: string[] = [];
      const failed = await e2e.stack
        .preview({ ...capture(sink), onError: (line) => void sink.push(line) })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      restore();
      e2e.output.push(...sink);
      expect(failed).toBeInstanceOf(Error);
      const all = `${sink.join("")}\n${String(failed)}`;
      expect(all).toContain('responseType must be one of "pass_fail", "yes_no"');
      expect(all).not.toContain("leaky-response-7f3e");
    },
  );

  step(
    "6b. a trait default of the wrong type, a reserved label, an alert with no scope, a schedule of two shapes: each fails the preview naming its field, and nothing is sent",
    async () => {
      const cases = [
        [
          ["  defaultValue: 1,", '  defaultValue: "many",'],
          "CustomerTrait (seats)",
          'defaultValue must be a number when dataType is "NUMBER"',
        ],
        [
          ["labelText: releaseLabel", 'labelText: "production"'],
          "Label (release)",
          'labelText is a label Bluejay reserves ("production" and "latest")',
        ],
        [
          ["  agentIds: [agent.agentId],\n  notificationChannels", "  notificationChannels"],
          "Alert (empathy-dropped)",
          "agentIds is required unless appliesToAllAgents is true",
        ],
        [
          [
            'schedule: { daily: { at: config.get("nightlyAt") ?? "02:00" } },',
            'schedule: { daily: { at: "02:00" }, cron: "0 2 * * *" } as never,',
          ],
          "Schedule (nightly-run)",
          "schedule sets daily and cron at once, but a schedule is exactly one of",
        ],
      ] as const;
      e2e.emulator.clearRequests();
      for (const [[from, to], resource, reason] of cases) {
        edit(from, to);
        const sink: string[] = [];
        const failed = await e2e.stack
          .preview({ ...capture(sink), onError: (line) => void sink.push(line) })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        restore();
        e2e.output.push(...sink);
        expect([resource, failed instanceof Error]).toEqual([resource, true]);
        const all = `${sink.join("")}\n${String(failed)}`;
        expect(all).toContain(`pulumi-nodejs:dynamic/bluejay:${resource}:`);
        expect(all).toContain(reason);
      }
      expect(e2e.emulator.writes).toEqual([]);
    },
  );

  step("7. nothing printed in any step carried the API key or the password", async () => {
    const all = e2e.output.join("");
    expect(all).not.toContain(E2E_API_KEY);
    expect(all).not.toContain(WEBSOCKET_PASSWORD);
    await Promise.resolve();
  });
});
