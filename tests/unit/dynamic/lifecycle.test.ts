// The provider's lifecycle methods against the emulator: what each sends and what it returns.
import { BluejayApiError, BluejayConfigError } from "../../../provider/client";
import { BluejayPartialCreateError } from "../../../provider/dynamic/errors";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { communityKind } from "../../../provider/kinds/community/kind";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const MISSING = "0b7d9c52-3c6e-4b8a-9f11-6a2d4e8c1f00";

describe("community provider", () => {
  const fx = useEmulator();
  const provider = (apiKey = TEST_API_KEY) => {
    const client = fx.client({ apiKey });
    return new ResourceLifecycle(communityKind, () => client);
  };
  const calls = () => fx.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

  test("create POSTs once and returns the id and every output", async () => {
    const result = await provider().create({
      title: "Support",
      description: "Callers",
      digitalHumanIds: [101, 102],
    });
    expect(calls()).toEqual(["POST /v1/create-community 200"]);
    const [stored] = fx.emulator.communities();
    expect(result.id).toBe(stored!.id);
    expect(result.outs).toEqual({
      title: "Support",
      description: "Callers",
      digitalHumanIds: [101, 102],
      createdAt: stored!.created_at,
      // What the program declared: a read hands back Bluejay's values of these alone.
      __declared: ["description", "digitalHumanIds", "title"],
    });
  });

  test("create without optional inputs sends only the title", async () => {
    const result = await provider().create({ title: "Bare", __provider: "stub" });
    expect(result.outs).toEqual({
      title: "Bare",
      digitalHumanIds: [],
      createdAt: expect.any(String),
      __declared: ["title"],
    });
    expect(fx.emulator.communities()[0]).toMatchObject({
      title: "Bare",
      description: null,
      digital_human_ids: [],
    });
  });

  test("read GETs the community and returns both outputs and inputs", async () => {
    const { id, outs } = await provider().create({
      title: "Support",
      description: "Callers",
      digitalHumanIds: [1],
    });
    fx.emulator.clearRequests();
    const result = await provider().read(id, outs);
    expect(calls()).toEqual([`GET /v1/community/${id} 200`]);
    expect(result.id).toBe(id);
    expect(result.props).toEqual(outs);
    expect(result.inputs).toEqual({ title: "Support", description: "Callers", digitalHumanIds: [1] });
  });

  test("read hands back as inputs only what was declared: nothing Bluejay filled in becomes an input", async () => {
    const { id, outs } = await provider().create({ title: "Support" });
    const result = await provider().read(id, outs);
    // Bluejay holds an empty list of digital humans, but the program declared none.
    expect(result.props).toMatchObject({ title: "Support", digitalHumanIds: [] });
    expect(result.inputs).toEqual({ title: "Support" });
  });

  test("read shows drift made outside Pulumi, in the declared field alone", async () => {
    const { id, outs } = await provider().create({ title: "Support" });
    fx.emulator.store.update(id, { title: "Edited in Bluejay", description: "Added in Bluejay" });
    const result = await provider().read(id, outs);
    expect(result.props).toMatchObject({ title: "Edited in Bluejay", description: "Added in Bluejay" });
    expect(result.inputs).toEqual({ title: "Edited in Bluejay" });
  });

  test("state written before declared inputs were recorded is read for them: Bluejay's defaults left out", async () => {
    const { id, outs } = await provider().create({ title: "Support" });
    const { __declared: _none, ...older } = outs;
    const result = await provider().read(id, older);
    expect(result.inputs).toEqual({ title: "Support" });
    expect(result.props?.__declared).toEqual(["title"]);
  });

  test("read of a community deleted outside Pulumi returns an empty id", async () => {
    expect(await provider().read(MISSING, { title: "gone" })).toEqual({ id: "" });
  });

  test("update PUTs only the changed fields", async () => {
    const { id, outs } = await provider().create({
      title: "Support",
      description: "Callers",
      digitalHumanIds: [1, 2],
    });
    fx.emulator.clearRequests();
    const result = await provider().update(
      id,
      { ...outs },
      { title: "Sales", description: "Callers", digitalHumanIds: [2, 1] },
    );
    expect(calls()).toEqual([`PUT /v1/update-community/${id} 200`]);
    expect(result.outs).toMatchObject({ title: "Sales", description: "Callers", digitalHumanIds: [1, 2] });
    expect(fx.emulator.communities()[0]).toMatchObject({
      title: "Sales",
      description: "Callers",
      digital_human_ids: [1, 2],
    });
  });

  test("update clears a removed description (sent as empty) and empties a removed id list", async () => {
    const { id, outs } = await provider().create({
      title: "Support",
      description: "Callers",
      digitalHumanIds: [1, 2],
    });
    const result = await provider().update(id, { ...outs }, { title: "Support" });
    expect(fx.emulator.communities()[0]).toMatchObject({ description: "", digital_human_ids: [] });
    expect(result.outs).toMatchObject({ description: "", digitalHumanIds: [] });
  });

  test("update with nothing to send makes no request", async () => {
    const { id, outs } = await provider().create({ title: "Support" });
    fx.emulator.clearRequests();
    const result = await provider().update(id, { ...outs }, { title: "Support", adoptId: id });
    expect(fx.emulator.requests).toHaveLength(0);
    expect(result.outs).toMatchObject({ title: "Support", adoptId: id });
  });

  test("delete DELETEs the community", async () => {
    const { id } = await provider().create({ title: "Support" });
    await provider().delete(id, {});
    expect(fx.emulator.communities()).toEqual([]);
    expect(calls().at(-1)).toBe(`DELETE /v1/community/${id} 200`);
  });

  test("delete of a community already gone succeeds", async () => {
    await expect(provider().delete(MISSING, {})).resolves.toBeUndefined();
    expect(calls()).toEqual([`DELETE /v1/community/${MISSING} 404`]);
  });

  test("adopting an existing community GETs it and PUTs only what differs, creating nothing", async () => {
    const existing = fx.emulator.store.create({ title: "Made by hand", digital_human_ids: [5] });
    fx.emulator.clearRequests();
    const result = await provider().create({ title: "Managed", digitalHumanIds: [5], adoptId: existing.id });
    expect(calls()).toEqual([
      `GET /v1/community/${existing.id} 200`,
      `PUT /v1/update-community/${existing.id} 200`,
    ]);
    expect(result.id).toBe(existing.id);
    expect(result.outs).toMatchObject({ title: "Managed", digitalHumanIds: [5], adoptId: existing.id });
    expect(fx.emulator.communities()).toHaveLength(1);
  });

  test("adopting a community that already matches makes no write", async () => {
    const existing = fx.emulator.store.create({ title: "Same" });
    fx.emulator.clearRequests();
    await provider().create({ title: "Same", adoptId: existing.id });
    expect(fx.emulator.writes).toHaveLength(0);
  });

  test("adopting an unknown id fails with BluejayAdoptionError naming adoptId and what to do", async () => {
    await expect(provider().create({ title: "T", adoptId: MISSING })).rejects.toThrow(
      `adoptId ${MISSING} names no Community in Bluejay (GET /v1/community/${MISSING} answered 404). ` +
        "Set adoptId to the id of an existing Community (the getCommunity/list lookups show them), or remove adoptId to create a new one.",
    );
    expect(fx.emulator.communities()).toEqual([]);
  });

  test("a failed update after adoption reports the id so Pulumi keeps tracking the community", async () => {
    const existing = fx.emulator.store.create({ title: "Old" });
    fx.emulator.injectFault({
      method: "PUT",
      status: 422,
      body: JSON.stringify({ detail: [{ loc: ["body", "title"], msg: "Too long", type: "value_error" }] }),
    });
    const error = await provider()
      .create({ title: "New", adoptId: existing.id })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BluejayPartialCreateError);
    expect(error).toMatchObject({ id: existing.id, properties: { title: "Old", adoptId: existing.id } });
    expect((error as Error).message).toContain("body.title: Too long");
  });

  test("a 422 from Bluejay surfaces with the field and Bluejay's words", async () => {
    fx.emulator.injectFault({
      method: "POST",
      status: 422,
      body: JSON.stringify({ detail: [{ loc: ["body", "title"], msg: "Field required", type: "missing" }] }),
    });
    await expect(provider().create({ title: "T" })).rejects.toThrow(
      "Bluejay rejected POST /v1/create-community (422): body.title: Field required",
    );
  });

  test("a refused key surfaces as a 401 telling how to set the key, without the key", async () => {
    const error = (await provider("wrong-key-123")
      .create({ title: "T" })
      .catch((e: unknown) => e)) as BluejayApiError;
    expect(error).toBeInstanceOf(BluejayApiError);
    expect(error.status).toBe(401);
    expect(error.message).toContain("pulumi config set --secret bluejay:apiKey");
    expect(`${error.message}${error.stack}`).not.toContain("wrong-key-123");
  });

  test("a missing key fails the first call that needs Bluejay, naming both ways to set it", async () => {
    const withoutKey = new ResourceLifecycle(communityKind, () => {
      throw new BluejayConfigError("bluejay:apiKey", "No Bluejay API key is set.");
    });
    await expect(withoutKey.check({}, { title: "T" })).resolves.toMatchObject({ failures: [] });
    await expect(withoutKey.create({ title: "T" })).rejects.toThrow("No Bluejay API key is set.");
  });
});
