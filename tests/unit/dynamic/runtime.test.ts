// The provider process's runtime: settings from `configure`, shared by every kind, and a second
// `configure` (stubs of several kinds or package versions in one state) never cuts a request short.
import type * as pulumi from "@pulumi/pulumi";
import { configure, dispatch } from "../../../provider/runtime";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();
/** What Pulumi's host passes to `configure`: a config object answering `get`. */
const settings = (url: string) =>
  ({
    config: { get: (key: string) => ({ "bluejay:apiKey": TEST_API_KEY, "bluejay:apiUrl": url })[key] },
  }) as unknown as pulumi.dynamic.ConfigureRequest;

describe("runtime", () => {
  test("a second configure while a create is under way lets it finish on its connection", async () => {
    await configure(settings(fx.emulator.url));
    fx.emulator.injectFault({ method: "POST", delayMs: 300 });

    const creating = dispatch([{ title: "In flight" }], "Community");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await dispatch([settings(fx.emulator.url)], "Agent");

    await expect(creating).resolves.toMatchObject({ outs: { title: "In flight" } });
    expect(fx.emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 200"]);
  });

  test("calls of every kind use the settings configure gave", async () => {
    await configure(settings(fx.emulator.url));

    const created = (await dispatch(
      [{ name: "A", systemPrompt: "p", knowledgeBase: "k", goals: [] }],
      "Agent",
    )) as { id: string };

    expect(fx.emulator.records("agents").map((a) => String(a.id))).toEqual([created.id]);
  });

  test("a stub of a kind this version does not know fails naming it", async () => {
    await expect(dispatch([{}], "Widget")).rejects.toThrow(
      "This version of pulumi-bluejay has no Widget resource; the state was written by a newer version. Install that version.",
    );
  });
});
