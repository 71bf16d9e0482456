// An agent's prompt and knowledge-base versions (one double, two paths), and its labels: numbering,
// `latest`, label deltas and their conflicts, production (promoted, or moved as a label), the deletes
// Bluejay refuses, FastAPI's 422 for a wrong request, and what an agent's delete takes with it.
import { useEmulator } from "../../helpers/emulator";
import { UUID, UNKNOWN_ID, caller, creators, fieldErrors, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);

const SEGMENTS = [
  { segment: "prompts", text: "prompt_text", idParam: "prompt_id" },
  { segment: "knowledge-bases", text: "kb_text", idParam: "kb_id" },
] as const;

describe.each(SEGMENTS.map((s) => [s.segment, s] as const))("%s versions", (_name, { segment, text }) => {
  const setup = async () => {
    const agentId = await make.agent();
    const base = `/v1/agents/${agentId}/${segment}`;
    const create = async (body: Record<string, unknown> = {}) =>
      okBody(await call("POST", `${base}/versions`, { body: { [text]: "text", ...body } }));
    const labels = async (version: number) =>
      (okBody(await call("GET", `${base}/versions/${version}/labels`)).labels as string[]).sort();
    return { agentId, base, create, labels };
  };

  test("a create answers the version: numbered from 1 per agent, `latest` on the newest only, no created_at", async () => {
    const { agentId, create, labels } = await setup();

    const first = await create({ commit_message: "first", metadata: { ticket: 7 }, labels: ["dev"] });
    const second = await create();

    expect(first).toEqual({
      id: expect.stringMatching(UUID),
      [text]: "text",
      commit_message: "first",
      labels: ["dev", "latest"],
      metadata: { ticket: 7 },
      version: 1,
      agent_id: agentId,
    });
    expect(second).toMatchObject({ version: 2, labels: ["latest"], commit_message: null, metadata: null });
    expect(await labels(1)).toEqual(["dev"]);
  });

  test("the list is newest first, filtered by label or number, at most `limit` long", async () => {
    const { base, create } = await setup();
    await create({ labels: ["dev"] });
    await create();
    await create();
    const versions = async (query: string) =>
      (okBody(await call("GET", `${base}/versions${query}`)) as unknown as { version: number }[]).map(
        (v) => v.version,
      );

    expect(await versions("")).toEqual([3, 2, 1]);
    expect(await versions("?label=dev")).toEqual([1]);
    expect(await versions("?version=2")).toEqual([2]);
    expect(await versions("?limit=2")).toEqual([3, 2]);
  });

  test("a label another version holds is a 409 unless override_label moves it; `latest` is Bluejay's", async () => {
    const { base, create, labels } = await setup();
    await create({ labels: ["staging"] });
    await create();

    const refused = await call("POST", `${base}/versions/2/labels`, { body: { labels: ["staging"] } });
    expect(refused).toMatchObject({
      status: 409,
      body: { detail: 'Label "staging" is already on version 1; set override_label to move it' },
    });
    const moved = await call("POST", `${base}/versions/2/labels`, {
      body: { labels: ["staging"], override_label: true },
    });
    expect(okBody(moved)).toEqual({ labels: ["latest", "staging"] });
    expect(await labels(1)).toEqual([]);
    expect(
      await call("POST", `${base}/versions/1/labels`, { body: { labels: ["latest"], override_label: true } }),
    ).toMatchObject({ status: 400 });
    // A create naming a label another version holds makes nothing.
    expect(
      await call("POST", `${base}/versions`, { body: { [text]: "t", labels: ["staging"] } }),
    ).toMatchObject({
      status: 409,
    });
    expect(
      fx.emulator.records(segment === "prompts" ? "promptVersions" : "knowledgeBaseVersions"),
    ).toHaveLength(2);
  });

  test("a remove takes off the labels named; none named, or no body at all, takes off every label but Bluejay's own", async () => {
    const { base, create, labels } = await setup();
    await create({ labels: ["a", "b", "c"] });

    expect(
      okBody(await call("DELETE", `${base}/versions/1/labels`, { body: { labels: ["a", "gone"] } })),
    ).toEqual({
      labels: ["b", "c", "latest"],
    });
    expect(okBody(await call("DELETE", `${base}/versions/1/labels`))).toEqual({ labels: ["latest"] });
    expect(await labels(1)).toEqual(["latest"]);
  });

  test("production only moves: taking it off is a 400; a version holding it, or an agent's only version, is not deleted", async () => {
    const { base, create } = await setup();
    const first = await create();
    await call("POST", `${base}/versions/1/labels`, {
      body: { labels: ["production"], override_label: true },
    });

    expect(
      await call("DELETE", `${base}/versions/1/labels`, { body: { labels: ["production"] } }),
    ).toMatchObject({
      status: 400,
      body: { detail: "production cannot be removed, only moved: promote another version instead" },
    });
    expect(await call("DELETE", `${base}/${String(first.id)}`)).toMatchObject({
      status: 400,
      body: { detail: "Version 1 holds the production label: move production to another version first" },
    });
    await call("DELETE", `${base}/versions/1/labels`);
    const second = await create();
    await call("POST", `${base}/versions/2/labels`, {
      body: { labels: ["production"], override_label: true },
    });
    expect(okBody(await call("DELETE", `${base}/versions/1`))).toMatchObject({ deleted: true, version: 1 });
    await call("POST", `${base}/versions`, { body: { [text]: "t" } });
    await call("POST", `${base}/versions/3/labels`, {
      body: { labels: ["production"], override_label: true },
    });
    expect(await call("DELETE", `${base}/${String(second.id)}`)).toMatchObject({ status: 200 });
    expect(await call("DELETE", `${base}/versions/3`)).toMatchObject({
      status: 400,
      body: { detail: "Version 3 holds the production label: move production to another version first" },
    });
  });

  test("an agent's only version is not deleted; deleting the newest moves `latest` back", async () => {
    const { base, create, labels } = await setup();
    await create();
    expect(await call("DELETE", `${base}/versions/1`)).toMatchObject({
      status: 400,
      body: { detail: "Version 1 is the only version: an agent keeps at least one" },
    });
    const second = await create();
    expect(okBody(await call("DELETE", `${base}/${String(second.id)}`))).toMatchObject({ latest_version: 1 });
    expect(await labels(1)).toEqual(["latest"]);
  });

  test("reads by id, by number and by label; a version of another agent, or none, is a 404", async () => {
    const { base, create } = await setup();
    const first = await create({ labels: ["dev"] });
    const otherAgent = await make.agent();

    expect(okBody(await call("GET", `${base}/${String(first.id)}`))).toEqual(first);
    expect(okBody(await call("GET", `${base}/versions/1`))).toEqual(first);
    expect(okBody(await call("GET", `${base}?label=dev`))).toEqual(first);
    expect(await call("GET", `${base}?label=none`)).toMatchObject({ status: 404 });
    expect(await call("GET", base)).toMatchObject({ status: 400, body: { detail: "label is required" } });
    expect(await call("GET", `/v1/agents/${otherAgent}/${segment}/${String(first.id)}`)).toMatchObject({
      status: 404,
    });
    expect(await call("GET", `${base}/${UNKNOWN_ID}`)).toMatchObject({ status: 404 });
    expect(await call("GET", `/v1/agents/999/${segment}/versions`)).toMatchObject({
      status: 404,
      body: { detail: "Agent not found" },
    });
  });

  test("a wrong request is FastAPI's 422: a missing text, labels that are not a list, an id that is not a UUID", async () => {
    const { base } = await setup();

    expect(fieldErrors(await call("POST", `${base}/versions`, { body: { labels: "dev" } }))).toEqual([
      expect.objectContaining({ type: "missing", loc: ["body", text], msg: "Field required" }),
      expect.objectContaining({ type: "list_type", loc: ["body", "labels"] }),
    ]);
    expect(fieldErrors(await call("GET", `${base}/not-a-uuid`))).toEqual([
      expect.objectContaining({
        type: "uuid_parsing",
        loc: ["path", segment === "prompts" ? "prompt_id" : "kb_id"],
      }),
    ]);
    expect(fieldErrors(await call("POST", `${base}/versions/one/labels`, { body: {} }))).toEqual([
      expect.objectContaining({ type: "int_parsing", loc: ["path", "version"] }),
    ]);
  });
});

describe("prompt promotion", () => {
  test("promote moves production to the version named, or to the newest when none is", async () => {
    const agentId = await make.agent();
    const base = `/v1/agents/${agentId}/prompts`;
    const first = okBody(await call("POST", `${base}/versions`, { body: { prompt_text: "one" } }));
    await call("POST", `${base}/versions`, { body: { prompt_text: "two" } });

    expect(okBody(await call("POST", `${base}/promote?prompt_id=${String(first.id)}`))).toMatchObject({
      version: 1,
      labels: ["production"],
    });
    expect(okBody(await call("POST", `${base}/promote`))).toMatchObject({
      version: 2,
      labels: ["latest", "production"],
    });
    expect(okBody(await call("GET", `${base}/versions/1`)).labels).toEqual([]);
    expect(await call("POST", `${base}/promote?prompt_id=${UNKNOWN_ID}`)).toMatchObject({ status: 404 });
  });
});

describe("labels", () => {
  const setup = async () => {
    const agentId = await make.agent();
    const base = `/v1/agents/${agentId}/labels`;
    const create = async (name: string) => okBody(await call("POST", base, { body: { label_text: name } }));
    return { agentId, base, create };
  };

  test("a create answers LabelPydantic; the versions that carry its name are its prompt_id and knowledge_base_id", async () => {
    const { agentId, base, create } = await setup();
    const version = okBody(
      await call("POST", `/v1/agents/${agentId}/prompts/versions`, {
        body: { prompt_text: "p", labels: ["qa"] },
      }),
    );

    const label = await create("qa");

    expect(label).toEqual({
      id: expect.stringMatching(UUID),
      created_at: expect.any(String),
      agent_id: agentId,
      label_text: "qa",
      prompt_id: version.id,
      knowledge_base_id: null,
      color: null,
    });
    expect(okBody(await call("GET", `${base}/${String(label.id)}`))).toEqual(label);
  });

  test("Bluejay's own names are refused in any case; a name is one label per agent", async () => {
    const { create, base } = await setup();
    await create("qa");
    expect(await call("POST", base, { body: { label_text: "Production" } })).toMatchObject({
      status: 400,
      body: { detail: '"Production" is a reserved label: Bluejay manages it' },
    });
    expect(await call("POST", base, { body: { label_text: "qa" } })).toMatchObject({ status: 409 });
    const other = await create("dev");
    expect(
      await call("PUT", `${base}/${String(other.id)}`, { body: { label_text: "latest" } }),
    ).toMatchObject({
      status: 400,
    });
    expect(await call("PUT", `${base}/${String(other.id)}`, { body: { label_text: "qa" } })).toMatchObject({
      status: 409,
    });
  });

  test("the list holds the agent's labels, filtered by a substring in any case", async () => {
    const { base, create } = await setup();
    await create("Staging");
    await create("qa");
    const names = async (query: string) =>
      (okBody(await call("GET", `${base}${query}`)) as unknown as { label_text: string }[]).map(
        (l) => l.label_text,
      );
    expect(await names("")).toEqual(["Staging", "qa"]);
    expect(await names("?q=stag")).toEqual(["Staging"]);
  });

  test("a label a version carries is not deleted (409); once taken off, it is", async () => {
    const { agentId, base, create } = await setup();
    const label = await create("qa");
    await call("POST", `/v1/agents/${agentId}/knowledge-bases/versions`, {
      body: { kb_text: "k", labels: ["qa"] },
    });

    expect(await call("DELETE", `${base}/${String(label.id)}`)).toMatchObject({
      status: 409,
      body: { detail: 'Label "qa" is still on knowledge base version 1: remove it from there first' },
    });
    await call("DELETE", `/v1/agents/${agentId}/knowledge-bases/versions/1/labels`, {
      body: { labels: ["qa"] },
    });
    expect(await call("DELETE", `${base}/${String(label.id)}`)).toMatchObject({ status: 200 });
    expect(await call("GET", `${base}/${String(label.id)}`)).toMatchObject({ status: 404 });
  });

  test("a wrong request is FastAPI's 422: no label_text, or one that is not a string", async () => {
    const { base } = await setup();
    expect(fieldErrors(await call("POST", base, { body: {} }))).toEqual([
      expect.objectContaining({ type: "missing", loc: ["body", "label_text"] }),
    ]);
    expect(fieldErrors(await call("PUT", `${base}/${UNKNOWN_ID}`, { body: { label_text: 7 } }))).toEqual([
      expect.objectContaining({ type: "string_type", loc: ["body", "label_text"] }),
    ]);
  });
});

describe("an agent's delete", () => {
  test("takes its labels and versions with it: they live under it", async () => {
    const agentId = await make.agent();
    const kept = await make.agent();
    for (const id of [agentId, kept]) {
      await call("POST", `/v1/agents/${id}/labels`, { body: { label_text: "qa" } });
      await call("POST", `/v1/agents/${id}/prompts/versions`, { body: { prompt_text: "p", labels: ["qa"] } });
      await call("POST", `/v1/agents/${id}/knowledge-bases/versions`, { body: { kb_text: "k" } });
    }

    expect(await call("DELETE", `/v1/agent/${agentId}`)).toMatchObject({ status: 200 });

    for (const plural of ["labels", "promptVersions", "knowledgeBaseVersions"] as const) {
      expect(fx.emulator.records(plural).map((r) => r.agent_id)).toEqual([kept]);
    }
  });
});
