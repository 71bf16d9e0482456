// What users install: the exports map resolves, and the published tarball holds only dist, README and license.
import { execFileSync } from "child_process";
import * as path from "path";
import { expectFreshDist } from "../../scripts/lib/dist";

const root = path.resolve(__dirname, "../..");

describe("package", () => {
  beforeAll(expectFreshDist);

  test("every entry of the exports map resolves by package name and exposes its API", () => {
    // The package resolves itself by name from inside its own folder, as a user's program would.
    const main = require(require.resolve("pulumi-bluejay", { paths: [root] }));
    expect(Object.keys(main)).toEqual(
      expect.arrayContaining([
        "Community",
        "COMMUNITY_TYPE",
        "BluejayClient",
        "getCommunity",
        "listCommunities",
        "CustomerTrait",
        "CustomerPersona",
        "Workflow",
        "WORKFLOW_TYPE",
        "getPhoneNumbers",
        "getPhoneNumbersOutput",
        "BluejayError",
        "BluejayApiError",
        "BluejayResponseError",
        "BluejayNetworkError",
        "BluejayConfigError",
        "BluejayInputError",
        "BluejayAmbiguousCreateError",
        "BluejayPartialCreateError",
        "BluejayAdoptionError",
        "BluejayRoutingError",
        "BluejayRateLimitedError",
        "BluejayDeleteRefusedError",
      ]),
    );
    const runtime = require(require.resolve("pulumi-bluejay/runtime", { paths: [root] }));
    expect(typeof runtime.dispatch).toBe("function");
    const emulator = require(require.resolve("pulumi-bluejay/emulator", { paths: [root] }));
    expect(typeof emulator.BluejayEmulator.start).toBe("function");
  });

  test("npm pack ships dist, the README, the license, the reference pages and Bluejay's OpenAPI (which the emulator reads)", () => {
    const [pack] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: root,
        encoding: "utf8",
      }),
    );
    const files: string[] = pack.files.map((f: { path: string }) => f.path);
    expect(files.filter((f) => !f.startsWith("dist/")).sort()).toEqual([
      "LICENSE",
      "README.md",
      "docs/reference/agent.md",
      "docs/reference/alert.md",
      "docs/reference/community.md",
      "docs/reference/custom-metric.md",
      "docs/reference/customer-persona.md",
      "docs/reference/customer-trait.md",
      "docs/reference/digital-human.md",
      "docs/reference/folder.md",
      "docs/reference/knowledge-base-version.md",
      "docs/reference/label.md",
      "docs/reference/prompt-version.md",
      "docs/reference/schedule.md",
      "docs/reference/simulation.md",
      "docs/reference/workflow.md",
      "openapi/README.md",
      "openapi/bluejay-openapi.json",
      "package.json",
    ]);
    expect(files).toContain("dist/provider/index.js");
    expect(files).toContain("dist/provider/index.d.ts");
    expect(files).toContain("dist/provider/runtime.js");
    // A source map would point stack traces at provider/**/*.ts, which the package does not ship.
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  });
});
