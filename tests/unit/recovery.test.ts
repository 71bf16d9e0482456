// Repairing state after an interrupted `pulumi up`: each pending create is recorded, dropped or
// left for a person, from what Bluejay holds.
import { repairPendingCreates } from "../../provider/recovery";
import { COMMUNITY_TYPE } from "../../provider/resources/community";
import { useEmulator } from "../helpers/emulator";

const urn = (name: string) => `urn:pulumi:dev::proj::${COMMUNITY_TYPE}::${name}`;
const pendingCreate = (name: string, inputs: Record<string, unknown>) => ({
  type: "creating",
  resource: { urn: urn(name), custom: true, type: COMMUNITY_TYPE, inputs: { __provider: "stub", ...inputs } },
});

describe("repairPendingCreates", () => {
  const fx = useEmulator();

  test("records matched creates, drops those that never happened, leaves ambiguous ones pending", async () => {
    const tracked = fx.emulator.store.create({ title: "Tracked" });
    const made = fx.emulator.store.create({ title: "Made", description: "d", digital_human_ids: [2, 1] });
    fx.emulator.store.create({ title: "Twin" });
    fx.emulator.store.create({ title: "Twin" });
    const otherOp = { type: "updating", resource: { urn: "urn:x", type: "other:Thing", inputs: {} } };
    const exported = {
      version: 3,
      deployment: {
        manifest: { version: "v3.248.0" },
        resources: [
          { urn: urn("tracked"), type: COMMUNITY_TYPE, id: tracked.id, inputs: { title: "Tracked" } },
        ],
        pending_operations: [
          pendingCreate("made", { title: "Made", description: "d", digitalHumanIds: [1, 2] }),
          pendingCreate("never", { title: "Never sent" }),
          pendingCreate("twin", { title: "Twin" }),
          pendingCreate("tracked-again", { title: "Tracked" }),
          otherOp,
        ],
      },
    };

    const { state, pending } = await repairPendingCreates(exported, fx.client());

    expect(pending).toEqual([
      { urn: urn("made"), kind: "Community", id: made.id, candidates: [made.id] },
      { urn: urn("never"), kind: "Community", candidates: [] },
      {
        urn: urn("twin"),
        kind: "Community",
        candidates: expect.arrayContaining([expect.any(String), expect.any(String)]),
      },
      { urn: urn("tracked-again"), kind: "Community", candidates: [] },
    ]);
    const recorded = state.deployment.resources.find((r) => r.urn === urn("made"));
    expect(recorded).toMatchObject({
      id: made.id,
      custom: true,
      inputs: { title: "Made", __provider: "stub" },
      outputs: {
        title: "Made",
        description: "d",
        digitalHumanIds: [2, 1],
        createdAt: made.created_at,
        __provider: "stub",
      },
    });
    expect(state.deployment.pending_operations!.map((op) => op.resource.urn)).toEqual([urn("twin"), "urn:x"]);
    expect(state).toMatchObject({ version: 3, deployment: { manifest: { version: "v3.248.0" } } });
    // One list request, no writes.
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/communities"]);
  });

  test("state without pending creates is returned as it is, without calling Bluejay", async () => {
    const exported = { deployment: { resources: [] } };
    expect(await repairPendingCreates(exported, fx.client())).toEqual({ state: exported, pending: [] });
    expect(fx.emulator.requests).toHaveLength(0);
  });

  test("input that is not an exported stack is refused with the field at fault", async () => {
    await expect(repairPendingCreates({ deployment: { resources: "x" } }, fx.client())).rejects.toThrow(
      /resources/,
    );
  });
});
