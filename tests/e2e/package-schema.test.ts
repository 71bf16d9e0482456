// The package schema made from the kinds' descriptions (schema.json, written by `npm run schema`;
// tests/unit/generated.test.ts holds it fresh) put through Pulumi's own schema binder and Node.js SDK
// generator (tools/pulumi-schema-check, built from Go on first use: this suite needs Go), then the
// generated SDK type-checked with the repo's TypeScript and @pulumi/pulumi, with a program using it.
// Broken variants of it must come back with diagnostics and no SDK.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { KINDS } from "../../provider/kinds/registry";
import { checkSchema, typecheckSdk } from "../../scripts/lib/schema-check";
import { orderedSteps } from "../helpers/steps";

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, "../..");
const SCHEMA = path.join(repoRoot, "schema.json");
/** A first build of the tool compiles much of Pulumi's pkg module: minutes on 2 cores. */
const FIRST_BUILD_MS = 15 * 60_000;

// A program using the generated SDK as a user would: if the SDK lost the schema's meaning (a
// required input, an output's type, a secret, a function), this does not compile.
const USAGE = `import * as pulumi from "@pulumi/pulumi";
import * as bluejay from "./index";

const team = new bluejay.Folder("team", { name: "Support agents" });
// @ts-expect-error: name is a required input
new bluejay.Folder("nameless", {});
// @ts-expect-error: name is a string
new bluejay.Folder("numbered", { name: 7 });

const agent = new bluejay.Agent("bot", {
  name: "Bot",
  systemPrompt: "p",
  knowledgeBase: "k",
  goals: [],
  folder: team.name,
  mode: bluejay.AgentMode.VOICE,
  websocketPassword: pulumi.secret("pw"),
});
export const agentId: pulumi.Output<number> = agent.agentId;
export const webhookKey: pulumi.Output<string | undefined> = agent.httpWebhookKey;
const nightly = new bluejay.Simulation("nightly", { agentId: agent.agentId, name: "Nightly" });
new bluejay.DigitalHuman("angry", {
  phoneNumber: "+15550100101",
  intent: "i",
  successCriteria: "s",
  simulationIds: [nightly.simulationId],
  interruptions: { type: "low" },
});
new bluejay.CustomMetric("empathy", { name: "E", description: "d", responseType: bluejay.CustomMetricResponseType.Yes_no });

export const read: Promise<string> = bluejay.getAgent({ id: 7 }).then((a) => a.name);
export const listed: Promise<number> = bluejay.listCustomMetrics({ agentId: 7 }).then((l) => l.items.length);
export const folders = bluejay.listFolders().then((l) => l.items.map((f) => f.name));
new bluejay.CustomerTrait("plan", { agentId: agent.agentId, name: "plan", dataType: bluejay.CustomerTraitDataType.NUMBER, defaultValue: 3 });
export const numbers: Promise<string[]> = bluejay.getPhoneNumbers().then((l) => l.items.map((n) => n.phoneNumber));

export const provider = new bluejay.Provider("eu", { apiUrl: "https://eu.example", apiKey: pulumi.secret("k") });
export const apiUrl: string | undefined = bluejay.config.apiUrl;
`;

/** As much of the schema's shape as the broken variants touch. */
interface PropertySpec {
  type?: string;
  $ref?: string;
}
interface SampleSchema {
  resources: Record<
    string,
    {
      properties: Record<string, PropertySpec>;
      inputProperties: Record<string, PropertySpec>;
      requiredInputs?: string[];
      requiredInput?: string[];
    }
  >;
}

describe("a package schema through Pulumi's binder and Node.js SDK generator", () => {
  let workDir: string;
  const sdkDir = () => path.join(workDir, "sdk-nodejs");
  const step = orderedSteps();

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "bluejay-schema-check-"));
  });
  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  step(
    "1. schema.json binds with no diagnostics, errors or warnings, and its Node.js SDK is generated",
    async () => {
      const started = Date.now();
      const check = await checkSchema(SCHEMA, { nodejsOut: sdkDir() });
      // The build's own report ("built in Ns") says whether this run compiled the tool.
      console.log(`schema check with the Node.js SDK: ${Date.now() - started} ms\n${check.stderr}`);
      expect(check).toMatchObject({ status: 0, diagnostics: [] });

      const files = fs
        .readdirSync(sdkDir(), { recursive: true, encoding: "utf8" })
        .map((f) => f.split(path.sep).join("/"));
      // A module per resource of every kind of the registry, and per lookup where Bluejay reads or lists it.
      const modules = KINDS.flatMap((kind) => {
        const file = kind.name.charAt(0).toLowerCase() + kind.name.slice(1);
        return [
          `${file}.ts`,
          ...("read" in kind.api ? [`get${kind.name}.ts`] : []),
          ...("list" in kind.api
            ? [`list${kind.api.plural.charAt(0).toUpperCase()}${kind.api.plural.slice(1)}.ts`]
            : []),
        ];
      });
      expect(files).toEqual(
        expect.arrayContaining(["package.json", "index.ts", "provider.ts", "config/vars.ts", ...modules]),
      );
      // None for a kind Bluejay can neither read nor list.
      expect(
        files.filter((file) => /^(getSchedule|listSchedules|getAlert|listAlerts)\.ts$/.test(file)),
      ).toEqual([]);
      const read = (file: string) => fs.readFileSync(path.join(sdkDir(), file), "utf8");
      expect(read("folder.ts")).toContain("'bluejay:index:Folder'");
      // Secret inputs and outputs are declared secret to the engine, so state keeps them encrypted.
      expect(read("agent.ts")).toContain(
        'additionalSecretOutputs: ["httpWebhookKey", "sipPassword", "websocketPassword"]',
      );
      expect(read("getFolder.ts")).toContain('"bluejay:index:getFolder"');
      expect(read("provider.ts")).toContain('utilities.getEnv("BLUEJAY_API_URL")');
      // The key is never read into a provider's inputs from the environment: it would sit in state.
      expect(read("provider.ts")).not.toContain('getEnv("BLUEJAY_API_KEY")');
      expect(JSON.parse(read("package.json"))).toMatchObject({
        name: "@pulumi-bluejay/sdk",
        pulumi: { resource: true, name: "bluejay" },
      });
    },
    FIRST_BUILD_MS,
  );

  step(
    "2. the generated SDK, and a program using it, type-check with the repo's TypeScript and SDK",
    async () => {
      fs.writeFileSync(path.join(sdkDir(), "usage.ts"), USAGE);
      const tsc = await typecheckSdk(sdkDir());
      expect({ status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` }).toEqual({ status: 0, output: "" });
    },
  );

  step("3. a type error in a program using the SDK fails the type check", async () => {
    // The type check can fail: a program that misuses the SDK is caught.
    fs.writeFileSync(path.join(sdkDir(), "usage.ts"), `${USAGE}\nexport const wrong: number = team.name;\n`);
    const tsc = await typecheckSdk(sdkDir());
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toMatch(
      /usage\.ts\(\d+,\d+\): error TS2322: Type 'Output<string>' is not assignable to type 'number'/,
    );
  });

  /** The sample, changed by `edit`, as a schema file of its own. */
  function brokenSample(name: string, edit: (schema: SampleSchema) => void): string {
    const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as SampleSchema;
    edit(schema);
    const file = path.join(workDir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(schema, null, 2));
    return file;
  }

  const folder = (schema: SampleSchema) => schema.resources["bluejay:index:Folder"]!;

  test.each([
    {
      broken: "a $ref to a type the schema does not define",
      edit: (s: SampleSchema) => {
        folder(s).properties.owner = { $ref: "#/types/bluejay:index:Owner" };
      },
      severity: "error",
      expected: /#\/resources\/bluejay:index:Folder\/properties\/owner.*bluejay:index:Owner/,
    },
    {
      broken: "an unknown primitive type",
      edit: (s: SampleSchema) => {
        folder(s).inputProperties.name!.type = "text";
      },
      severity: "error",
      expected: /#\/resources\/bluejay:index:Folder\/inputProperties\/name\/type/,
    },
    {
      broken: "a misspelled key (requiredInput)",
      edit: (s: SampleSchema) => {
        folder(s).requiredInput = ["name"];
        delete folder(s).requiredInputs;
      },
      severity: "error",
      expected: /unknown field "requiredInput"/,
    },
    {
      // A warning fails the check too. Bluejay's records carry an `id`, so this mistake is likely.
      broken: "an output named id, which Pulumi reserves",
      edit: (s: SampleSchema) => {
        folder(s).properties.id = { type: "string" };
      },
      severity: "warning",
      expected:
        /#\/resources\/bluejay:index:Folder\/properties\/id.*id is a reserved property name for resources/,
    },
  ])(
    "$broken gives a diagnostic ($severity), and no SDK is generated",
    async ({ broken, edit, severity, expected }) => {
      const out = path.join(workDir, `sdk-${broken.length}`);
      const check = await checkSchema(brokenSample(`broken-${broken.length}`, edit), { nodejsOut: out });
      expect(check.status).toBe(1);
      expect(check.diagnostics.length).toBeGreaterThan(0);
      expect(check.diagnostics.every((d) => d.severity === severity)).toBe(true);
      expect(check.diagnostics.map((d) => `${d.summary} ${d.detail ?? ""}`).join("\n")).toMatch(expected);
      expect(fs.existsSync(out)).toBe(false);
    },
    FIRST_BUILD_MS,
  );
});
