// The reports: the terminal table, JUnit XML (parsed back with a real XML parser: a test case per
// digital human, failures with the metrics' reasons), the Markdown summary and the JSON.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { BluejayTestConfigError } from "../../../provider/runner/errors";
import { judgeGate } from "../../../provider/runner/gate";
import { renderJson } from "../../../provider/runner/report/json";
import { renderJunit, xml } from "../../../provider/runner/report/junit";
import { cell, renderMarkdown } from "../../../provider/runner/report/markdown";
import { renderTable } from "../../../provider/runner/report/table";
import { call, report, run } from "./fixtures";

const mixed = () =>
  report(
    [
      run([
        call(4, "passed", {
          name: "Angry caller",
          goalReasoning: "Refund offered.",
          metrics: [{ name: "Empathy", responseType: "yes_no", value: "yes", passed: true }],
          durationMs: 61_500,
        }),
        call(3, "failed", {
          name: 'Spanish <speaker> & "friends"',
          reasons: ["Answered in English.", "Empathy: no (Ignored the frustration.)"],
          metrics: [
            {
              name: "Empathy",
              responseType: "yes_no",
              value: "no",
              reasoning: "Ignored the frustration.",
              passed: false,
            },
          ],
        }),
        call(6, "incomplete", {
          name: "Hesitant caller",
          reasons: ["The call did not complete (INCOMPLETED)."],
        }),
      ]),
      run(
        [
          call(9, "unjudged", {
            status: "INSUFFICIENT_FUNDS",
            reasons: ["Bluejay did not place the call: insufficient funds."],
          }),
        ],
        {
          simulationId: 2,
          simulationName: "Smoke | pipes",
          simulationRunId: 18,
          status: "INSUFFICIENT_FUNDS",
        },
      ),
    ],
    {},
    0.5,
  );

interface Case {
  "@_name": string;
  "@_classname": string;
  "@_time": string;
  failure?: { "@_message": string; "@_type": string; "#text": string };
  error?: { "@_message": string; "@_type": string };
  "system-out": string;
}

describe("reports", () => {
  test("the table: a header line per run, a row per digital human with why it did not pass, then the verdict", () => {
    const text = renderTable(mixed(), 160);

    expect(text).toContain(
      "Nightly regression (simulation 1), run 17: COMPLETED in 1 min 35 s · 1 of 3 passed",
    );
    expect(text).toMatch(/^ {2}Result +Digital human +Status +Why$/m);
    expect(text).toMatch(/^ {2}PASS +Angry caller \(4\) +COMPLETED$/m);
    expect(text).toMatch(
      /^ {2}FAIL +Spanish <speaker> & "friends" \(3\) +COMPLETED +Answered in English\. · Empathy: no \(Ignored the frustration\.\)$/m,
    );
    expect(text).toMatch(
      /^ {2}INCOMPLETE +Hesitant caller \(6\) +INCOMPLETED +The call did not complete \(INCOMPLETED\)\.$/m,
    );
    expect(text).toContain("  Custom metrics: Empathy 1/2 passed");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^Bluejay stopped run 18 of Smoke \| pipes/);
  });

  test("a test that ran nothing (a stack it could not read): the table is the message alone, no report names a metric", () => {
    const failed = new BluejayTestConfigError("--stack", "Could not read stack demo.");
    const settings = { minPassRate: 1, metrics: [{ metric: "Refund policy", min: 4 }], timeoutMs: 60_000 };
    const nothing = report([], {
      verdict: judgeGate({ runs: [], ...settings, error: failed }),
      settings,
    });

    expect(renderTable(nothing)).toBe("Could not read stack demo.\n");
    expect(renderMarkdown(nothing)).not.toContain("Refund policy");
  });

  test("the table keeps within the width: long reasons are cut", () => {
    const long = report([run([call(1, "failed", { reasons: ["x".repeat(500)] })])]);

    const widest = Math.max(
      ...renderTable(long, 80)
        .split("\n")
        .filter((l) => l.startsWith("  FAIL"))
        .map((l) => l.length),
    );

    expect(widest).toBeLessThanOrEqual(80);
  });

  test("JUnit: valid XML, a suite per run and a case per digital human; failures carry the metric's reason", () => {
    const text = renderJunit(mixed());

    expect(XMLValidator.validate(text)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
    }).parse(text) as {
      testsuites: {
        "@_tests": string;
        "@_failures": string;
        "@_errors": string;
        testsuite: { "@_name": string; testcase: Case[] }[];
      };
    };
    const { testsuites } = parsed;
    expect([testsuites["@_tests"], testsuites["@_failures"], testsuites["@_errors"]]).toEqual([
      "4",
      "2",
      "1",
    ]);
    expect(testsuites.testsuite.map((s) => s["@_name"])).toEqual([
      "Nightly regression (simulation 1), run 17",
      "Smoke | pipes (simulation 2), run 18",
    ]);
    const [passed, failed, incomplete] = testsuites.testsuite[0]!.testcase;
    expect(passed).toMatchObject({
      "@_name": "Angry caller (digital human 4)",
      "@_classname": "bluejay.simulation.1",
      "@_time": "61.500",
    });
    expect(passed!.failure).toBeUndefined();
    expect(passed!["system-out"]).toContain("Metric Empathy (yes_no): yes");
    expect(failed!["@_name"]).toBe('Spanish <speaker> & "friends" (digital human 3)');
    expect(failed!.failure).toMatchObject({
      "@_type": "FAILED",
      "@_message": "Answered in English. · Empathy: no (Ignored the frustration.)",
    });
    expect(failed!.failure!["#text"]).toContain("Empathy: no (Ignored the frustration.)");
    expect(incomplete!.failure).toMatchObject({ "@_type": "INCOMPLETED" });
    expect(testsuites.testsuite[1]!.testcase[0]!.error).toMatchObject({ "@_type": "INSUFFICIENT_FUNDS" });
  });

  test("JUnit drops what XML 1.0 cannot hold and escapes the rest", () => {
    expect(xml(`a\u0000b\u001b<&>"'`)).toBe("ab&lt;&amp;&gt;&quot;&apos;");
  });

  test("Markdown: the verdict first, a row per run, the calls that did not pass with why; pipes escaped", () => {
    const text = renderMarkdown(mixed());

    expect(text.split("\n")[0]).toBe("## ⚠️ Bluejay simulations could not be judged");
    expect(text).toContain("| Smoke \\| pipes (2) | 18 | INSUFFICIENT_FUNDS | 0 | 0 | 0 | 1 | 1 min 35 s |");
    expect(text).toContain(
      '| Spanish &lt;speaker> & "friends" (3) | Nightly regression | FAIL | Answered in English. · Empathy: no (Ignored the frustration.) |',
    );
    expect(text).not.toContain("| Angry caller");
    expect(cell("a|b\nc")).toBe("a\\|b c");
  });

  test("Markdown headlines passed and failed gates", () => {
    expect(renderMarkdown(report([run([call(1, "passed")])]))).toMatch(/^## ✅ Bluejay simulations passed\n/);
    expect(renderMarkdown(report([run([call(1, "failed")])]))).toMatch(/^## ❌ Bluejay simulations failed\n/);
  });

  test("JSON: the whole report with a version", () => {
    const parsed = JSON.parse(renderJson(mixed())) as Record<string, unknown>;

    expect(parsed).toMatchObject({
      version: 1,
      verdict: { exitCode: 2, cause: "insufficient-funds" },
      stats: { polls: 4 },
    });
    expect((parsed.runs as unknown[]).length).toBe(2);
  });
});
