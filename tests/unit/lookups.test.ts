// getCommunity and listCommunities: read-only lookups that read the provider's settings.
import * as pulumi from "@pulumi/pulumi";
import { BluejayApiError, getCommunity, listCommunities } from "../../provider";
import { TEST_API_KEY, useEmulator } from "../helpers/emulator";

describe("lookups", () => {
  const fx = useEmulator();
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    pulumi.runtime.setConfig("bluejay:apiKey", "");
    pulumi.runtime.setConfig("bluejay:apiUrl", "");
  });

  test("read the key and URL from BLUEJAY_* environment variables outside a Pulumi program", async () => {
    process.env.BLUEJAY_API_KEY = TEST_API_KEY;
    process.env.BLUEJAY_API_URL = fx.emulator.url;
    const made = fx.emulator.store.create({ title: "Support", digital_human_ids: [7, 8] });
    fx.emulator.store.create({ title: "Other", digital_human_ids: [9] });

    await expect(getCommunity(made.id)).resolves.toEqual({
      id: made.id,
      title: "Support",
      createdAt: made.created_at,
      digitalHumanIds: [7, 8],
    });
    const filtered = await listCommunities({ digitalHumanId: 8 });
    expect(filtered).toEqual({ communities: [expect.objectContaining({ id: made.id })], totalCount: 1 });
    expect((await listCommunities()).totalCount).toBe(2);
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.path}${r.query}`)).toEqual([
      `GET /v1/community/${made.id}`,
      "GET /v1/communities?digital_human_id=8",
      "GET /v1/communities",
    ]);
  });

  test("prefer the stack's config (bluejay:apiKey, bluejay:apiUrl) inside a Pulumi program", async () => {
    process.env.BLUEJAY_API_KEY = "a-wrong-env-key";
    pulumi.runtime.setConfig("bluejay:apiKey", TEST_API_KEY);
    pulumi.runtime.setConfig("bluejay:apiUrl", fx.emulator.url);
    await expect(listCommunities()).resolves.toEqual({ communities: [], totalCount: 0 });
  });

  test("accept explicit overrides of the key and URL", async () => {
    await expect(
      listCommunities({}, { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url }),
    ).resolves.toMatchObject({
      totalCount: 0,
    });
  });

  test("fail with a 404 naming the id, and with one clear error when no key is set", async () => {
    const id = "0b7d9c52-3c6e-4b8a-9f11-6a2d4e8c1f00";
    const error = await getCommunity(id, { apiKey: TEST_API_KEY, apiUrl: fx.emulator.url }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BluejayApiError);
    expect((error as Error).message).toContain(`Bluejay has no community with id ${id}`);
    delete process.env.BLUEJAY_API_KEY;
    await expect(listCommunities()).rejects.toThrow("No Bluejay API key is set.");
  });
});
