// Digital humans: a wrapped create body and wrapped answers, a flat update body, a flat delete answer,
// the list by simulation, and links to simulations that must exist.
import { useEmulator } from "../../helpers/emulator";
import { caller, communityCreator, creators, okBody } from "./http";

const fx = useEmulator();
const call = caller(fx);
const make = creators(call);
const createCommunity = communityCreator(call);

const DATA_KEYS = [
  "accent",
  "allow_end_call_tool",
  "allow_silence_tool",
  "audio_quality",
  "background_noise",
  "background_noise_volume",
  "created_at",
  "creativity",
  "endpointing_delay",
  "enriched_playback",
  "expected_tool_calls",
  "fluency",
  "formatted_transcript",
  "gender",
  "hangup_instructions",
  "hangup_phrases",
  "id",
  "intent",
  "interruptions",
  "language",
  "livekit_metadata",
  "name",
  "original_transcript",
  "outbound_text_number",
  "phone_number",
  "role_description",
  "scripted_responses",
  "silence_timeout",
  "silence_tool_instructions",
  "speaks_first_config",
  "success_criteria",
  "tag",
  "traits",
  "verbosity",
  "voice_speed",
  "websocket_url",
];

/** Two simulations of one agent. */
async function simulations(): Promise<[number, number]> {
  const agentId = await make.agent();
  return [await make.simulation(agentId), await make.simulation(agentId)];
}

describe("digital humans", () => {
  test("create takes {digital_human: {...}, simulation_ids} and answers {digital_human: {id, ...defaults}, simulation_ids, simulation_id}", async () => {
    const [sim] = await simulations();
    const before = Date.now();

    const reply = await call("POST", "/v1/create-digital-human", {
      body: { digital_human: { phone_number: "+15550100", name: "Ann" }, simulation_ids: [sim] },
    });

    const body = okBody(reply);
    expect(Object.keys(body).sort()).toEqual(["digital_human", "simulation_id", "simulation_ids"]);
    expect(body).toMatchObject({ simulation_ids: [sim], simulation_id: sim });
    const human = body.digital_human as Record<string, unknown>;
    expect(Object.keys(human).sort()).toEqual(DATA_KEYS);
    expect(human).toMatchObject({
      id: 1,
      name: "Ann",
      phone_number: "+15550100",
      intent: "",
      success_criteria: "",
      language: "en",
      accent: null,
      gender: null,
      background_noise: "none",
      voice_speed: "normal",
      audio_quality: "high",
      fluency: "native",
      verbosity: "medium",
      background_noise_volume: 0.8,
      allow_end_call_tool: true,
      endpointing_delay: 1.5,
      creativity: 0.7,
      allow_silence_tool: false,
      silence_tool_instructions: "default",
      websocket_url: null,
      traits: null,
    });
    expect(Date.parse(human.created_at as string)).toBeGreaterThanOrEqual(before);
  });

  test("GET /v1/digital-human/{id} answers the same wrapper create answered", async () => {
    const reply = okBody(
      await call("POST", "/v1/create-digital-human", { body: { digital_human: { phone_number: "+1" } } }),
    );
    const id = (reply.digital_human as { id: number }).id;

    expect(await call("GET", `/v1/digital-human/${id}`)).toMatchObject({ status: 200, body: reply });
    expect(reply).toMatchObject({ simulation_ids: [], simulation_id: null });
  });

  test("nested objects are kept with pydantic's defaults filled: traits, expected tool calls, scripted responses, interruptions, speaks-first", async () => {
    const reply = okBody(
      await call("POST", "/v1/create-digital-human", {
        body: {
          digital_human: {
            phone_number: "+1",
            traits: [{ trait_name: "vip", trait_data_type: "BOOLEAN", value: true }],
            expected_tool_calls: [{ name: "lookup" }],
            scripted_responses: [
              {
                match_type: "exact",
                match_phrase: "hi",
                response_type: "silence",
                occurrence_mode: "always",
              },
            ],
            interruptions: { type: "keywords", keyword_responses: [{ keyword: "stop", response: "ok" }] },
            speaks_first_config: { speaks_first: true },
            formatted_transcript: [{ role: "USER", utterance: "hello" }],
          },
        },
      }),
    );

    expect(reply.digital_human).toMatchObject({
      traits: [{ trait_name: "vip", trait_data_type: "BOOLEAN", value: true, is_sip_header: false }],
      expected_tool_calls: [{ name: "lookup", parameters: null, output: null }],
      scripted_responses: [
        {
          match_type: "exact",
          match_phrase: "hi",
          response_type: "silence",
          response_value: null,
          occurrence_mode: "always",
          occurrence_n: null,
          silence_duration: null,
        },
      ],
      interruptions: {
        type: "keywords",
        keyword_responses: [{ keyword: "stop", response: "ok", probability: 1 }],
      },
      speaks_first_config: { speaks_first: true, mode: null, message: null },
      formatted_transcript: [{ role: "USER", utterance: "hello" }],
    });
  });

  test("the deprecated simulation_id is merged into simulation_ids (no duplicates)", async () => {
    const [a, b] = await simulations();

    const reply = okBody(
      await call("POST", "/v1/create-digital-human", {
        body: { digital_human: { phone_number: "+1" }, simulation_ids: [a, b], simulation_id: a },
      }),
    );

    expect(reply.simulation_ids).toEqual([a, b]);
  });

  test("create naming an unknown simulation answers 404 naming it and creates nothing", async () => {
    const [sim] = await simulations();

    const reply = await call("POST", "/v1/create-digital-human", {
      body: { digital_human: { phone_number: "+1" }, simulation_ids: [sim, 99] },
    });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Simulation 99 not found" } });
    expect(fx.emulator.records("digitalHumans")).toEqual([]);
  });

  test("num_runs, always_on_mode and always_on_active are accepted and kept, but never answered", async () => {
    const reply = okBody(
      await call("POST", "/v1/create-digital-human", {
        body: {
          digital_human: { phone_number: "+1", num_runs: 3, always_on_mode: true, always_on_active: false },
        },
      }),
    );

    const answered = Object.keys(reply.digital_human as object);
    for (const name of ["num_runs", "always_on_mode", "always_on_active"])
      expect(answered).not.toContain(name);
    expect(fx.emulator.records("digitalHumans")[0]).toMatchObject({
      num_runs: 3,
      always_on_mode: true,
      always_on_active: false,
    });
  });

  test("PUT takes a flat body: given fields change, null leaves a value, lists and objects are replaced whole; answers the wrapper", async () => {
    const [a, b] = await simulations();
    const id = await make.digitalHuman([a], {
      name: "Ann",
      intent: "refund",
      hangup_phrases: ["bye", "ciao"],
      traits: [{ trait_name: "vip", trait_data_type: "BOOLEAN", value: true }],
    });
    const before = okBody(await call("GET", `/v1/digital-human/${id}`));

    const reply = await call("PUT", `/v1/update-digital-human/${id}`, {
      body: {
        name: null,
        intent: "cancel",
        hangup_phrases: ["later"],
        traits: [],
        simulation_ids: [b],
        voice_speed: "fast",
      },
    });

    const expected = {
      digital_human: {
        ...(before.digital_human as object),
        intent: "cancel",
        hangup_phrases: ["later"],
        traits: [],
        voice_speed: "fast",
      },
      simulation_ids: [b],
      simulation_id: b,
    };
    expect(reply).toMatchObject({ status: 200, body: expected });
    expect(okBody(await call("GET", `/v1/digital-human/${id}`))).toEqual(expected);
  });

  test("PUT with the create's wrapped shape changes nothing: digital_human is not a field of the flat update body", async () => {
    const id = await make.digitalHuman([], { name: "Ann" });
    const before = okBody(await call("GET", `/v1/digital-human/${id}`));

    const reply = await call("PUT", `/v1/update-digital-human/${id}`, {
      body: { digital_human: { name: "Bob" } },
    });

    expect(reply).toMatchObject({ status: 200, body: before });
  });

  test("PUT with an unknown simulation id answers 404 naming it and changes nothing", async () => {
    const [a] = await simulations();
    const id = await make.digitalHuman([a]);

    const reply = await call("PUT", `/v1/update-digital-human/${id}`, {
      body: { simulation_ids: [a, 5], name: "x" },
    });

    expect(reply).toMatchObject({ status: 404, body: { detail: "Simulation 5 not found" } });
    expect(okBody(await call("GET", `/v1/digital-human/${id}`))).toMatchObject({
      digital_human: { name: null },
      simulation_ids: [a],
    });
  });

  test("DELETE answers the flat DigitalHumanResponseData (no wrapper), and the digital human is gone", async () => {
    const id = await make.digitalHuman();
    const wrapper = okBody(await call("GET", `/v1/digital-human/${id}`));

    expect(await call("DELETE", `/v1/digital-human/${id}`)).toMatchObject({
      status: 200,
      body: wrapper.digital_human,
    });
    expect((await call("GET", `/v1/digital-human/${id}`)).status).toBe(404);
  });

  test("digital-humans-by-simulation answers {digital_humans: [flat data], total, simulation_id} for that simulation only", async () => {
    const [a, b] = await simulations();
    const h1 = await make.digitalHuman([a]);
    await make.digitalHuman([b]);
    const h3 = await make.digitalHuman([a, b]);

    const reply = okBody(await call("GET", `/v1/digital-humans-by-simulation/${a}`));

    expect(reply).toMatchObject({ total: 2, simulation_id: a });
    const humans = reply.digital_humans as Record<string, unknown>[];
    expect(humans.map((h) => h.id)).toEqual([h1, h3]);
    expect(Object.keys(humans[0]!).sort()).toEqual(DATA_KEYS);
  });

  test('digital-humans-by-simulation for an unknown simulation gives 404 {"detail": "Simulation not found"}', async () => {
    expect(await call("GET", "/v1/digital-humans-by-simulation/9")).toMatchObject({
      status: 404,
      body: { detail: "Simulation not found" },
    });
  });

  test.each([
    ["GET", "/v1/digital-human/404", undefined],
    ["PUT", "/v1/update-digital-human/404", { name: "x" }],
    ["DELETE", "/v1/digital-human/404", undefined],
  ])(
    '%s %s for an unknown id gives 404 {"detail": "Digital human not found"}',
    async (method, urlPath, body) => {
      expect(await call(method, urlPath, { body })).toMatchObject({
        status: 404,
        body: { detail: "Digital human not found" },
      });
    },
  );

  test("communities are not checked against digital humans: deleting one leaves its id in a community", async () => {
    const id = await make.digitalHuman();
    const community = await createCommunity({ title: "c", digital_human_ids: [id, 12345] });

    await call("DELETE", `/v1/digital-human/${id}`);

    expect(okBody(await call("GET", `/v1/community/${community.id}`)).digital_human_ids).toEqual([id, 12345]);
  });
});
