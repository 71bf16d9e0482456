// Kinds Bluejay cannot read back (Schedule, Alert) through the real engine: every command that
// declares or refreshes them shows one warning saying what cannot be seen and what to do (not one per
// resource), and each step sends Bluejay only what it must: no read of them, ever.
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { orderedSteps } from "../helpers/steps";
import { capture, createE2EStack, E2E_API_KEY, type E2EStack } from "./harness";

jest.setTimeout(180_000);

const WARNING =
  "Bluejay offers no way to read back Schedule or Alert resources, so `pulumi refresh` and `pulumi preview` cannot see " +
  "a change made to one outside Pulumi: state keeps what Pulumi last sent. Change them only through Pulumi. To bring " +
  "one changed in Bluejay back to this program's values, re-adopt it: `pulumi state delete <urn>`, then `pulumi up` " +
  "with its adoptId set to its id.";
/** The stack, an agent, a simulation, two schedules, a custom metric and an alert. */
const RESOURCES = 7;

describe("a program declaring schedules and an alert", () => {
  let e2e: E2EStack;
  const step = orderedSteps();
  /** What Bluejay was sent, ids folded, for the schedules and alerts alone. */
  const unreadRequests = () =>
    e2e.emulator.requests
      .map((r) => `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$/, "/{id}")}`)
      .filter((line) => /schedule|alert/.test(line));

  /** Runs a command, returning its printed output and the warnings the engine reported. */
  async function run(
    command: (options: {
      onOutput: (line: string) => void;
      onEvent: (event: EngineEvent) => void;
    }) => Promise<unknown>,
  ): Promise<{ printed: string; warnings: string[] }> {
    const sink: string[] = [];
    const warnings: string[] = [];
    await command({
      ...capture(sink),
      onEvent: (event) => {
        const diagnostic = event.diagnosticEvent;
        if (diagnostic?.severity === "warning") warnings.push(diagnostic.message.trim());
      },
    });
    e2e.output.push(...sink);
    return { printed: sink.join(""), warnings };
  }
  /** The warning, once among the engine's warnings and once in the printed Diagnostics. */
  const expectToldOnce = ({ printed, warnings }: { printed: string; warnings: string[] }) => {
    expect(warnings).toEqual([WARNING]);
    const diagnostics = printed.slice(printed.indexOf("Diagnostics:"));
    expect(diagnostics.split(`warning: ${WARNING}`)).toHaveLength(2);
  };

  beforeAll(async () => {
    e2e = await createE2EStack("unread-warning", {}, {}, { fixture: "unread", config: {} });
  });
  afterAll(async () => {
    await e2e?.stack.destroy({ color: "never" }).catch(() => undefined);
    await e2e?.cleanup();
  });
  beforeEach(() => e2e.emulator.clearRequests());

  step("1. preview warns once, for two schedules and an alert, and sends nothing", async () => {
    expectToldOnce(await run((o) => e2e.stack.preview(o)));
    expect(e2e.emulator.requests).toEqual([]);
  });

  step("2. up creates them, one POST each, and warns once", async () => {
    let summary: unknown;
    expectToldOnce(await run(async (o) => (summary = (await e2e.stack.up(o)).summary.resourceChanges)));
    expect(summary).toEqual({ create: RESOURCES });
    expect(unreadRequests().sort()).toEqual([
      "POST /v1/create-alert",
      "POST /v1/create-schedule",
      "POST /v1/create-schedule",
    ]);
  });

  step("3. an up with no change sends nothing and warns once", async () => {
    let summary: unknown;
    expectToldOnce(await run(async (o) => (summary = (await e2e.stack.up(o)).summary.resourceChanges)));
    expect(summary).toEqual({ same: RESOURCES });
    expect(e2e.emulator.requests).toEqual([]);
  });

  step("4. one field of a schedule and one of the alert: one update each, in place", async () => {
    await e2e.stack.setConfig("bluejay-unread:at", { value: "03:30" });
    await e2e.stack.setConfig("bluejay-unread:threshold", { value: "0.7" });
    let summary: unknown;
    let cron: unknown;
    expectToldOnce(
      await run(async (o) => {
        const up = await e2e.stack.up(o);
        summary = up.summary.resourceChanges;
        cron = up.outputs.cron?.value;
      }),
    );
    expect(summary).toEqual({ same: RESOURCES - 2, update: 2 });
    expect(unreadRequests().sort()).toEqual(["PUT /v1/update-alert/{id}", "PUT /v1/update-schedule/{id}"]);
    expect(cron).toBe("30 3 * * *");
  });

  step("5. refresh reads what Bluejay can answer, never a schedule or an alert, and warns once", async () => {
    const [schedule] = e2e.emulator.records("schedules");
    e2e.emulator.stores.schedules.modify(schedule!.id, (s) => void (s.enabled = false));
    let summary: unknown;
    expectToldOnce(await run(async (o) => (summary = (await e2e.stack.refresh(o)).summary.resourceChanges)));
    expect(summary).toEqual({ same: RESOURCES });
    expect(unreadRequests()).toEqual([]);
    expect(e2e.emulator.requests.length).toBeGreaterThan(0);
  });

  step("6. preview --refresh is one run: one warning", async () => {
    expectToldOnce(await run((o) => e2e.stack.preview({ ...o, refresh: true })));
    expect(unreadRequests()).toEqual([]);
  });

  step("7. state holds each as sent, with a provider of at most 1,200 bytes", async () => {
    const state = await e2e.exportState();
    const unread = state.deployment.resources.filter((r) => /bluejay:(Schedule|Alert)$/.test(r.type));
    expect(unread.map((r) => r.type.split(":").pop()).sort()).toEqual(["Alert", "Schedule", "Schedule"]);
    for (const resource of unread) {
      expect(Buffer.byteLength(resource.outputs!.__provider as string)).toBeLessThanOrEqual(1200);
    }
    const nightly = unread.find((r) => r.urn.endsWith("::nightly-run"));
    expect(nightly!.outputs).toMatchObject({
      schedule: { daily: { at: "03:30" } },
      cronExpression: "30 3 * * *",
    });
  });

  step("8. destroy deletes them, one DELETE each", async () => {
    await e2e.stack.destroy(capture(e2e.output));
    expect(unreadRequests().sort()).toEqual([
      "DELETE /v1/alert/{id}",
      "DELETE /v1/delete-schedule/{id}",
      "DELETE /v1/delete-schedule/{id}",
    ]);
    expect([e2e.emulator.records("schedules"), e2e.emulator.records("alerts")]).toEqual([[], []]);
  });

  step("9. nothing printed carried the API key", async () => {
    expect(e2e.output.join("")).not.toContain(E2E_API_KEY);
    await Promise.resolve();
  });
});
