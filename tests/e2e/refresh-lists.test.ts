// `pulumi refresh` of examples/bootstrap through the real engine, with reads coalesced through lists
// (the default) and with one GET per resource (BLUEJAY_COALESCE_READS=false), from the same state
// after the same edits made in Bluejay behind Pulumi's back: the refreshed states are the same, the
// edits in both, and the lists take fewer requests.
import type { Deployment, LocalWorkspace } from "@pulumi/pulumi/automation";
import { capture, createE2EStack, type E2EStack } from "./harness";

jest.setTimeout(300_000);

/** The resources as state holds them, without what a refresh stamps (when it ran). */
function resourcesOf(deployment: Deployment): unknown[] {
  const { resources } = deployment.deployment as { resources: Record<string, unknown>[] };
  return resources.map(({ modified: _modified, created: _created, ...resource }) => resource);
}

describe("refresh of examples/bootstrap, reads coalesced through lists", () => {
  let e2e: E2EStack;
  beforeAll(async () => {
    e2e = await createE2EStack(
      "refresh-lists",
      {},
      {},
      {
        example: "bootstrap",
        config: {
          "bluejay-bootstrap:websocketPassword": { value: "ws-pass-refresh-lists", secret: true },
        },
      },
    );
  });
  afterAll(async () => {
    await e2e.stack.destroy(capture(e2e.output)).catch(() => undefined);
    await e2e.cleanup();
  });

  test("reads the same state as one GET per resource, drift included, with fewer requests", async () => {
    await e2e.stack.up(capture(e2e.output));
    const { stores } = e2e.emulator;
    const first = <T extends { id: string | number }>(records: T[]) => records[0]!.id;
    stores.communities.modify(first(stores.communities.all()), (c) => void (c.title = "Edited in Bluejay"));
    stores.digitalHumans.modify(first(stores.digitalHumans.all()), (h) => void (h.intent = "Edited intent"));
    stores.customMetrics.delete(first(stores.customMetrics.all()));
    stores.folders.modify(first(stores.folders.all()), (f) => void (f.name = "Renamed folder"));
    const before = await e2e.stack.exportStack();

    // The provider process takes its settings from the environment where stack config has none.
    const workspace = e2e.stack.workspace as LocalWorkspace;
    workspace.envVars.BLUEJAY_COALESCE_READS = "false";
    e2e.emulator.clearRequests();
    await e2e.stack.refresh(capture(e2e.output));
    const perGet = await e2e.stack.exportStack();
    const getRequests = e2e.emulator.requests.length;

    await e2e.stack.importStack(before);
    delete workspace.envVars.BLUEJAY_COALESCE_READS;
    e2e.emulator.clearRequests();
    await e2e.stack.refresh(capture(e2e.output));
    const listed = await e2e.stack.exportStack();
    const listRequests = e2e.emulator.requests.length;

    expect(resourcesOf(listed)).toEqual(resourcesOf(perGet));
    expect(resourcesOf(listed)).not.toEqual(resourcesOf(before));
    const outputs = resourcesOf(listed).map((r) => JSON.stringify(r));
    for (const edit of ["Edited in Bluejay", "Edited intent", "Renamed folder"]) {
      expect(outputs.some((r) => r.includes(edit))).toBe(true);
    }
    // One custom metric fewer: it was deleted in Bluejay.
    const metrics = (d: Deployment) =>
      resourcesOf(d).filter((r) => (r as { urn: string }).urn.includes("dynamic/bluejay:CustomMetric::"));
    expect(metrics(listed)).toHaveLength(metrics(before).length - 1);
    // One GET per resource of a kind Bluejay reads (20 of the 22: schedules and alerts have no read),
    // against a list per kind that lists whole, a GET for the rest.
    expect(getRequests).toBe(20);
    expect(listRequests).toBeLessThan(getRequests);
    console.log(`refresh of examples/bootstrap: ${listRequests} requests by list, ${getRequests} by GET`);
  });
});
