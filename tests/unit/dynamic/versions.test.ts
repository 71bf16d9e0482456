// An agent's labels and versions through the shared lifecycle against the emulator: what is immutable
// replaces, labels change by deltas, production only ever moves, what Bluejay keeps on delete is left
// with a warning, and a lost create is found. Both version kinds share one shape, so one table holds
// them to it (kinds.test.ts holds every kind to the common contract).
import type { BluejayClient } from "../../../provider/client";
import { BluejayDeleteRefusedError } from "../../../provider/dynamic/errors";
import type { AnyResourceKind } from "../../../provider/dynamic/kind";
import { ResourceLifecycle } from "../../../provider/dynamic/lifecycle";
import { agentKind } from "../../../provider/kinds/agent/kind";
import { knowledgeBaseVersionKind } from "../../../provider/kinds/knowledge-base-version/kind";
import { labelKind } from "../../../provider/kinds/label/kind";
import { promptVersionKind } from "../../../provider/kinds/prompt-version/kind";
import { useEmulator } from "../../helpers/emulator";
import { rejection } from "../../helpers/errors";

const fx = useEmulator();
/** Every request, ids as `{id}`, with its status: what each step sends. */
const sent = () =>
  fx.emulator.requests.map(
    (r) => `${r.method} ${r.path.replace(/\/([0-9a-f-]{36}|\d+)(?=\/|$)/g, "/{id}")} ${r.status}`,
  );
const agentInputs = { name: "Support bot", systemPrompt: "p", knowledgeBase: "k", goals: [] };

interface Setup {
  client: BluejayClient;
  lifecycle: ResourceLifecycle;
  warnings: string[];
  agentId: number;
}

function setup(kind: AnyResourceKind): Promise<Setup> {
  return (async () => {
    const client = fx.client();
    const warnings: string[] = [];
    const lifecycle = new ResourceLifecycle(
      kind,
      () => client,
      (message) => Promise.resolve(void warnings.push(message)),
    );
    const agentId = (await client.agents.create(agentInputs)).agentId;
    fx.emulator.clearRequests();
    return { client, lifecycle, warnings, agentId };
  })();
}

const VERSIONS = [
  {
    kind: promptVersionKind,
    text: "promptText",
    segment: "prompts",
    plural: "promptVersions",
    noun: "prompt version",
    promote: "POST /v1/agents/{id}/prompts/promote 200",
  },
  {
    kind: knowledgeBaseVersionKind,
    text: "kbText",
    segment: "knowledge-bases",
    plural: "knowledgeBaseVersions",
    noun: "knowledge-base version",
    promote: "POST /v1/agents/{id}/knowledge-bases/versions/{id}/labels 200",
  },
] as const;

describe.each(VERSIONS.map((v) => [v.kind.name, v] as const))("%s", (_name, v) => {
  const labelsPath = `/v1/agents/{id}/${v.segment}/versions/{id}/labels`;
  /** The versions Bluejay holds, oldest first: their numbers and labels. */
  const held = () =>
    fx.emulator
      .records(v.plural)
      .sort((a, b) => (a.version as number) - (b.version as number))
      .map((r) => ({ version: r.version, labels: [...(r.labels as string[])].sort() }));
  /** Another version of the agent, made outside the stack. */
  const another = (client: BluejayClient, agentId: number) =>
    v.kind === promptVersionKind
      ? client.promptVersions.create({ agentId, promptText: "made by hand" })
      : client.knowledgeBaseVersions.create({ agentId, kbText: "made by hand" });
  /** Production moved to a version outside the stack, the way Bluejay's dashboard would. */
  const promoteElsewhere = async (client: BluejayClient, agentId: number) => {
    const other = await another(client, agentId);
    if (v.kind === promptVersionKind)
      await client.promptVersions.act("promote", undefined, { id: other.id }, agentId);
    else
      await client.knowledgeBaseVersions.act(
        "addLabels",
        other.version,
        { labels: ["production"], overrideLabel: true },
        agentId,
      );
  };

  test("a new text, commit message, metadata or agent replaces it; labels and production update in place", async () => {
    const { lifecycle } = await setup(v.kind);
    const olds = { agentId: 1, [v.text]: "a", commitMessage: "c", metadata: { k: 1 }, labels: ["x"] };
    const changed = (news: Record<string, unknown>) => lifecycle.changes("id", olds, { ...olds, ...news });
    expect(changed({ [v.text]: "b" })).toEqual({ updates: [], replaces: [v.text] });
    expect(changed({ commitMessage: "d" })).toEqual({ updates: [], replaces: ["commitMessage"] });
    expect(changed({ metadata: { k: 2 } })).toEqual({ updates: [], replaces: ["metadata"] });
    expect(changed({ metadata: undefined })).toEqual({ updates: [], replaces: ["metadata"] });
    expect(changed({ agentId: 2 })).toEqual({ updates: [], replaces: ["agentId"] });
    expect(changed({ labels: ["y"], production: true })).toEqual({
      updates: ["labels", "production"],
      replaces: [],
    });
  });

  test("a replace makes the new version, which takes the labels, then deletes the old one", async () => {
    const { lifecycle, agentId } = await setup(v.kind);
    const declared = { agentId, [v.text]: "Be brief.", labels: ["pr-123"] };
    const old = await lifecycle.create(declared);
    fx.emulator.clearRequests();

    // Pulumi's replace: the new resource first, then the old one's delete.
    const made = await lifecycle.create({ ...declared, [v.text]: "Be very brief." });
    await lifecycle.delete(old.id, old.outs);

    expect(sent()).toEqual([
      `POST /v1/agents/{id}/${v.segment}/versions 200`,
      // The label moves from the old version (override_label): the create body could not move it.
      `POST ${labelsPath} 200`,
      `DELETE /v1/agents/{id}/${v.segment}/{id} 200`,
    ]);
    expect(held()).toEqual([{ version: 2, labels: ["latest", "pr-123"] }]);
    expect(made.outs).toMatchObject({ labels: ["pr-123"], version: 2, latest: true, production: false });
  });

  test("labels change by deltas on the version's number: the dropped removed, the new added; removing the input removes what it declared", async () => {
    const { lifecycle, agentId } = await setup(v.kind);
    const declared = { agentId, [v.text]: "Be brief.", labels: ["a", "b"] };
    const { id, outs } = await lifecycle.create(declared);
    fx.emulator.clearRequests();

    const updated = await lifecycle.update(id, outs, { ...declared, labels: ["b", "c"] });

    expect(sent()).toEqual([`DELETE ${labelsPath} 200`, `POST ${labelsPath} 200`]);
    expect(updated.outs.labels).toEqual(["b", "c"]);
    expect(held()).toEqual([{ version: 1, labels: ["b", "c", "latest"] }]);

    fx.emulator.clearRequests();
    const { labels: _dropped, ...without } = declared;
    const cleared = await lifecycle.update(id, updated.outs, without);
    // One remove naming both: never a remove naming none, which Bluejay reads as "every label".
    expect(sent()).toEqual([`DELETE ${labelsPath} 200`]);
    expect(cleared.outs.labels).toEqual([]);
    expect(held()).toEqual([{ version: 1, labels: ["latest"] }]);
  });

  test("refresh shows a label added in Bluejay, and the next up takes it off again", async () => {
    const { client, lifecycle, agentId } = await setup(v.kind);
    const declared = { agentId, [v.text]: "Be brief.", labels: ["a"] };
    const { id, outs } = await lifecycle.create(declared);
    await client[v.plural].act("addLabels", 1, { labels: ["by-hand"], overrideLabel: false }, agentId);

    const read = await lifecycle.read(id, outs);

    expect(read.props).toMatchObject({ labels: ["a", "by-hand"] });
    expect(lifecycle.changes(id, read.props!, declared)).toEqual({ updates: ["labels"], replaces: [] });
    fx.emulator.clearRequests();
    await lifecycle.update(id, read.props!, declared);
    expect(sent()).toEqual([`DELETE ${labelsPath} 200`]);
    expect(held()).toEqual([{ version: 1, labels: ["a", "latest"] }]);
  });

  test("production: true makes it production; false or removed later changes nothing (Bluejay cannot demote); moved away, it is moved back", async () => {
    const { client, lifecycle, agentId } = await setup(v.kind);
    const declared = { agentId, [v.text]: "Be brief.", production: true };

    const { id, outs } = await lifecycle.create(declared);

    expect(sent()).toEqual([`POST /v1/agents/{id}/${v.segment}/versions 200`, v.promote]);
    expect(outs).toMatchObject({ production: true });
    expect(lifecycle.changes(id, outs, { ...declared, production: false })).toEqual({
      updates: [],
      replaces: [],
    });
    const { production: _dropped, ...without } = declared;
    expect(lifecycle.changes(id, outs, without)).toEqual({ updates: [], replaces: [] });

    await promoteElsewhere(client, agentId);
    const read = await lifecycle.read(id, outs);
    expect(read.props).toMatchObject({ production: false, latest: false });
    expect(lifecycle.changes(id, read.props!, declared)).toEqual({ updates: ["production"], replaces: [] });
    fx.emulator.clearRequests();
    const updated = await lifecycle.update(id, read.props!, declared);
    expect(sent()).toEqual([v.promote]);
    expect(updated.outs).toMatchObject({ production: true });
    expect(held()).toEqual([
      { version: 1, labels: ["production"] },
      { version: 2, labels: ["latest"] },
    ]);
  });

  test("destroying the agent's only version: Bluejay keeps it, its labels come off, and a warning says what was kept and why", async () => {
    const { lifecycle, warnings, agentId } = await setup(v.kind);
    const { id, outs } = await lifecycle.create({ agentId, [v.text]: "Be brief.", labels: ["pr-123"] });
    fx.emulator.clearRequests();

    await lifecycle.delete(id, outs);

    expect(sent()).toEqual([`DELETE /v1/agents/{id}/${v.segment}/{id} 400`, `DELETE ${labelsPath} 200`]);
    expect(held()).toEqual([{ version: 1, labels: ["latest"] }]);
    expect(warnings).toEqual([
      `Bluejay kept ${v.kind.name} ${id}: it is the agent's only ${v.noun}, and Bluejay keeps at least one ` +
        `(DELETE /v1/agents/${agentId}/${v.segment}/${id} answered 400: Version 1 is the only version: an agent keeps at least one). ` +
        `It leaves the stack but stays in Bluejay. Its labels "pr-123" were taken off it. ` +
        `Deleting the agent deletes it; so does deleting this ${v.noun} once the agent has another.`,
    ]);
  });

  test("destroying the production version is kept likewise; once production moved away, it is deleted", async () => {
    const { client, lifecycle, warnings, agentId } = await setup(v.kind);
    await another(client, agentId);
    const { id, outs } = await lifecycle.create({ agentId, [v.text]: "Be brief.", production: true });

    await lifecycle.delete(id, outs);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^Bluejay kept ${v.kind.name} ${id}: it holds the production label, and Bluejay always keeps its production ${v.noun} `,
      ),
    );
    expect(held()).toHaveLength(2);
    await promoteElsewhere(client, agentId);
    await lifecycle.delete(id, outs);
    expect(warnings).toHaveLength(1);
    expect(fx.emulator.records(v.plural).map((r) => r.id)).not.toContain(id);
  });

  test("a create whose answer was lost is found among the agent's versions and labelled: no second version", async () => {
    const { lifecycle, agentId } = await setup(v.kind);
    fx.emulator.injectFault({ method: "POST", path: /\/versions$/, commit: true, status: 504 });

    const created = await lifecycle.create({ agentId, [v.text]: "Be brief.", labels: ["pr-123"] });

    expect(sent()).toEqual([
      `POST /v1/agents/{id}/${v.segment}/versions 504`,
      `GET /v1/agents/{id}/${v.segment}/versions 200`,
      `POST ${labelsPath} 200`,
    ]);
    expect(held()).toEqual([{ version: 1, labels: ["latest", "pr-123"] }]);
    expect(created.outs).toMatchObject({ labels: ["pr-123"], version: 1 });
  });

  test("adoption brings the labels to the declaration in place; a different text is left for the preview to replace", async () => {
    const { client, lifecycle, agentId } = await setup(v.kind);
    const existing = await another(client, agentId);
    fx.emulator.clearRequests();
    const declared = { agentId, [v.text]: "another text", labels: ["adopted"], adoptId: existing.id };

    const adopted = await lifecycle.create(declared);

    expect(sent()).toEqual([`GET /v1/agents/{id}/${v.segment}/{id} 200`, `POST ${labelsPath} 200`]);
    expect(adopted.id).toBe(existing.id);
    expect(lifecycle.changes(adopted.id, adopted.outs, declared)).toEqual({
      updates: [],
      replaces: [v.text],
    });
  });

  test("check refuses Bluejay's own labels, a blank text and a production that is not a boolean, naming each", async () => {
    const { lifecycle } = await setup(v.kind);
    const { failures } = await lifecycle.check(
      {},
      { agentId: 1, [v.text]: " ", labels: ["staging", "Production"], production: "yes" },
    );
    expect(failures.map((f) => f.reason)).toEqual([
      `${v.text} must not be empty or blank. Set ${v.text} to the text of the version, a non-empty string.`,
      'labels[1] is a label Bluejay reserves ("production" and "latest"). Set labels to names of your own, e.g. ["staging"]: Bluejay moves "latest" itself, and production: true promotes the version.',
      "production must be true or false. Set production to true to make this the agent's production version, or leave it out.",
    ]);
  });
});

describe("Label", () => {
  test("a name Bluejay keeps for itself is refused at preview, naming the field", async () => {
    const { lifecycle } = await setup(labelKind);
    const { failures } = await lifecycle.check({}, { agentId: 1, labelText: "latest" });
    expect(failures.map((f) => f.reason)).toEqual([
      'labelText is a label Bluejay reserves ("production" and "latest"). Set labelText to a name of your own, e.g. labelText: "staging" (to make a version production, set production: true on the PromptVersion or KnowledgeBaseVersion).',
    ]);
  });

  test("a label a version still carries is not deleted: the error names what carries it and what to do", async () => {
    const { client, lifecycle, agentId } = await setup(labelKind);
    const { id, outs } = await lifecycle.create({ agentId, labelText: "staging" });
    await client.promptVersions.create({ agentId, promptText: "p", labels: ["staging"] });

    const error = await rejection(lifecycle.delete(id, outs), BluejayDeleteRefusedError);

    expect(error.message).toBe(
      `Bluejay refused to delete Label ${id}: a prompt or knowledge-base version still carries it ` +
        `(DELETE /v1/agents/${agentId}/labels/${id} answered 409: Label "staging" is still on prompt version 1: remove it from there first). ` +
        "Nothing was deleted. Take it off those versions' labels first (a version that declares labels: [label.labelText] is removed before the label), then run again.",
    );
    expect(fx.emulator.records("labels")).toHaveLength(1);
  });

  test("a version taking the label after it was made is no change to the label: refresh shows none", async () => {
    const { client, lifecycle, agentId } = await setup(labelKind);
    const { id, outs } = await lifecycle.create({ agentId, labelText: "staging" });
    await client.promptVersions.create({ agentId, promptText: "p", labels: ["staging"] });

    const read = await lifecycle.read(id, outs);

    expect(read.props).toEqual(outs);
  });

  test("a new name renames it in place, on the versions that carry it too; a new agent replaces it", async () => {
    const { client, lifecycle, agentId } = await setup(labelKind);
    const declared = { agentId, labelText: "staging" };
    const { id, outs } = await lifecycle.create(declared);
    await client.knowledgeBaseVersions.create({ agentId, kbText: "k", labels: ["staging"] });
    expect(lifecycle.changes(id, outs, { ...declared, agentId: agentId + 1 })).toEqual({
      updates: [],
      replaces: ["agentId"],
    });
    fx.emulator.clearRequests();

    const renamed = await lifecycle.update(id, outs, { ...declared, labelText: "qa" });

    expect(sent()).toEqual(["PUT /v1/agents/{id}/labels/{id} 200"]);
    const [version] = fx.emulator.records("knowledgeBaseVersions");
    expect(version?.labels).toEqual(["qa", "latest"]);
    expect(renamed.outs).toMatchObject({ labelText: "qa" });
    // Which version carries it is the version's state: never recorded on the label.
    expect(renamed.outs).not.toHaveProperty("knowledgeBaseId");
  });

  test("a create whose answer was lost is found by its name: one label", async () => {
    const { lifecycle, agentId } = await setup(labelKind);
    fx.emulator.injectFault({ method: "POST", path: /\/labels$/, commit: true, status: 504 });

    const created = await lifecycle.create({ agentId, labelText: "staging" });

    expect(sent()).toEqual(["POST /v1/agents/{id}/labels 504", "GET /v1/agents/{id}/labels 200"]);
    expect(fx.emulator.records("labels").map((l) => l.id)).toEqual([created.id]);
  });
});

describe("a per-branch stack: an agent and one prompt version labelled with the stack's name", () => {
  test("destroy leaves nothing in Bluejay, and says what Bluejay kept on the way", async () => {
    const { client, warnings } = await setup(labelKind);
    fx.emulator.reset();
    const lifecycle = (kind: AnyResourceKind) =>
      new ResourceLifecycle(
        kind,
        () => client,
        (message) => Promise.resolve(void warnings.push(message)),
      );
    const agents = lifecycle(agentKind);
    const prompts = lifecycle(promptVersionKind);
    const agent = await agents.create(agentInputs);
    const prompt = await prompts.create({
      agentId: Number(agent.id),
      promptText: "You are the support line of Acme.",
      labels: ["feature-login"],
    });

    // Pulumi deletes in reverse dependency order: the version, then the agent.
    await prompts.delete(prompt.id, prompt.outs);
    await agents.delete(agent.id, agent.outs);

    expect(warnings).toEqual([
      expect.stringMatching(/^Bluejay kept PromptVersion .*: it is the agent's only prompt version/),
    ]);
    expect(fx.emulator.isEmpty()).toBe(true);
  });
});
