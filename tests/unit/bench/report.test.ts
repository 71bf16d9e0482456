// bench/report.ts against the saved bench/results.json: assessing and rendering its measurements
// again reproduces the committed bench/results.md, except where the client's target changed (client /
// node-fetch alone ≥ 0.9 is the target; client / raw is context) and for section 6 (rate-limited up),
// which the saved run did not measure and the report says so; and every verdict is right. Section 6
// is also rendered from results that hold it.
import * as fs from "fs";
import * as path from "path";
import { renderPng, renderResultsChart } from "../../../bench/chart";
import { readSettings, TARGETS } from "../../../bench/config";
import {
  buildResults,
  clientOverFetch,
  measurementsOf,
  rateLimitFigure,
  rateLimitMet,
  renderMarkdown,
  roundsOf,
  summaryLines,
} from "../../../bench/report";
import type { BenchResults, Figure, RateLimitResults } from "../../../bench/results";

const benchDir = path.resolve(__dirname, "../../../bench");
const saved = JSON.parse(fs.readFileSync(path.join(benchDir, "results.json"), "utf8")) as BenchResults;
const committedMd = fs.readFileSync(path.join(benchDir, "results.md"), "utf8");
const rebuilt = buildResults(measurementsOf(saved));
const markdown = renderMarkdown(rebuilt);

const isClientFigure = (f: Figure) => /^Client\b/.test(f.figure);
const isRateLimitFigure = (f: Figure) => f.figure.startsWith("Rate-limited up");
const RATE_LIMIT_FIGURE = "Rate-limited up, N = 100 at 5 requests/s: limited − unlimited up";
const RATE_LIMIT_TARGET =
  "≤ 30.0 s (1.5 × floor of 20 s), no failure, each community created once, all deleted";
const tableRows = (text: string) => text.split("\n").filter((line) => line.startsWith("| "));
const isSeparator = (line: string) => /^\|( --- \|)+$/.test(line);

describe("the report of the saved results", () => {
  test("every figure but the client's and section 6's, every note, finding and scaling row come out as saved", () => {
    const kept = (f: Figure) => !isClientFigure(f) && !isRateLimitFigure(f);
    expect(rebuilt.figures.filter(kept)).toEqual(saved.figures.filter(kept));
    expect(rebuilt.notes).toEqual(saved.notes);
    expect(rebuilt.findings).toEqual(saved.findings);
    expect(rebuilt.scaling.rows).toEqual(saved.scaling.rows);
    expect(rebuilt.scaling.t500OverT100Bluejay).toEqual(saved.scaling.t500OverT100Bluejay);
    expect(rebuilt.requests).toEqual(saved.requests);
  });

  test("reproduces every data row of the committed results.md but the old client/raw targets", () => {
    const produced = new Set(tableRows(markdown));
    const expected = tableRows(committedMd).filter(
      (line) =>
        !isSeparator(line) &&
        !line.startsWith("| Client/raw throughput") &&
        !line.startsWith("| Operation |"),
    );
    expect(expected.length).toBeGreaterThan(60);
    expect(expected.filter((line) => !produced.has(line))).toEqual([]);
  });

  test("keeps the committed sections and their order, then section 6", () => {
    const headings = (text: string) => text.split("\n").filter((line) => line.startsWith("#"));
    expect(headings(markdown)).toEqual([...headings(committedMd), "## 6. Rate-limited up"]);
    expect(markdown).toContain("![Scaling: wall time vs N](scaling.png)");
  });

  test("section 6 is not in the saved results: the report says it was not measured, and does not crash", () => {
    expect(saved.rateLimit).toBeUndefined();
    expect(rebuilt).not.toHaveProperty("rateLimit");
    expect(rebuilt.figures.filter(isRateLimitFigure)).toEqual([
      {
        figure: RATE_LIMIT_FIGURE,
        measured: "not measured in this run",
        target: RATE_LIMIT_TARGET,
        met: undefined,
      },
    ]);
    expect(tableRows(markdown)).toContain(
      `| ${RATE_LIMIT_FIGURE} | not measured in this run | ${RATE_LIMIT_TARGET} | — |`,
    );
    const section = markdown.slice(markdown.indexOf("## 6. Rate-limited up"));
    expect(section).toContain("Not measured in this run.");
    expect(section).not.toContain("| Operation |");
    expect(summaryLines(rebuilt)).toContain(
      `  ${RATE_LIMIT_FIGURE}: not measured in this run | ${RATE_LIMIT_TARGET} | —`,
    );
    // `--report-only` on its own output: the same again.
    const again = buildResults(measurementsOf(JSON.parse(JSON.stringify(rebuilt)) as BenchResults));
    expect(renderMarkdown(again)).toBe(markdown);
  });

  test("the client's target is its throughput over node-fetch alone; client/raw is shown as context", () => {
    const rows = tableRows(markdown);
    expect(rows).toContain(
      "| Client / node-fetch alone throughput, create, concurrency 1 | 0.972 (2299 vs 2366 req/s) | ≥ 0.9 | yes |",
    );
    expect(rows).toContain(
      "| Client / node-fetch alone throughput, get, concurrency 10 | 0.805 (4698 vs 5834 req/s) | ≥ 0.9 | **no** |",
    );
    expect(rows).toContain(
      "| Client/raw throughput, get, concurrency 10 | 0.455 (4698 vs 10326 req/s) | — (context, not a target) | — |",
    );
    expect(markdown).not.toMatch(/Client\/raw throughput[^\n]*≥ 0\.9/);
    expect(rebuilt.settings.targets).toEqual(TARGETS);
    expect(TARGETS.clientOverFetch).toBe(0.9);
  });
});

describe("verdicts", () => {
  const figure = (name: string) => {
    const found = rebuilt.figures.find((f) => f.figure === name);
    if (!found) throw new Error(`no figure ${name}`);
    return found;
  };

  test("client / node-fetch alone: met at 0.9 or more, from the medians of each cell", () => {
    const verdicts = saved.clientVsWire.cells.map((c) => [
      `${c.op} c=${c.concurrency}`,
      figure(`Client / node-fetch alone throughput, ${c.op}, concurrency ${c.concurrency}`).met,
    ]);
    expect(verdicts).toEqual([
      ["create c=1", true], // 2299 / 2366 = 0.972
      ["create c=10", true], // 2884 / 2906 = 0.992
      ["create c=50", true], // 2744 / 2926 = 0.938
      ["get c=1", true], // 3266 / 3400 = 0.961
      ["get c=10", false], // 4698 / 5834 = 0.805
      ["get c=50", true], // 3348 / 3288 = 1.018
    ]);
    for (const c of saved.clientVsWire.cells) {
      expect(clientOverFetch(c)).toBeCloseTo(c.clientMedianRps / c.fetchMedianRps, 10);
      expect(figure(`Client/raw throughput, ${c.op}, concurrency ${c.concurrency}`).met).toBeUndefined();
    }
  });

  test("marginal cost: met when no more than the budget, within noise when the margin is inside the spread", () => {
    for (const r of rebuilt.scaling.rows) {
      expect(r.met).toBe(r.marginalMsPerResource <= r.budgetMsPerResource);
      const margin = Math.abs(r.marginalMsPerResource - r.budgetMsPerResource);
      if (r.noiseMsPerResource === undefined) expect(r.withinNoise).toBe(false);
      else expect(r.withinNoise).toBe(margin <= r.noiseMsPerResource + 1e-3);
    }
    expect(figure("Marginal cost per resource, up (create), N = 500").met).toBe(true);
    expect(figure("Marginal cost per resource, refresh, N = 500").met).toBe(false);
    expect(figure("Marginal cost per resource, up (create), N = 10").note).toBe("within noise");
  });

  test("t(500)/t(100) is held to 5.5; requests to one per community; the provider to 1024 bytes", () => {
    expect(figure("t(500)/t(100), Bluejay program, up (create)")).toMatchObject({
      measured: "5.21 (trivial: 5.38)",
      met: true,
    });
    expect(figure("t(500)/t(100), Bluejay program, destroy")).toMatchObject({
      measured: "7.40 (trivial: 7.68)",
      met: false,
    });
    for (const op of ["up (create)", "refresh", "no-change up", "up (update all titles)", "destroy"]) {
      expect(figure(`Requests, ${op}, N = 100`).met).toBe(true);
    }
    expect(figure("Serialized `__provider` per Community (N = 100)")).toMatchObject({
      measured: "1112 bytes (2224 with its inputs + outputs copies)",
      met: false,
    });
  });

  test("the summary counts the verdicts", () => {
    const met = rebuilt.figures.filter((f) => f.met === true).length;
    const missed = rebuilt.figures.filter((f) => f.met === false).length;
    expect(summaryLines(rebuilt).at(-1)).toBe(`${met} targets met, ${missed} missed.`);
  });
});

describe("section 6, rate-limited up, in a results object that holds it", () => {
  const measured: RateLimitResults = {
    communities: 100,
    requestsPerSecond: 5,
    floorSeconds: 20,
    limitedUp: {
      seconds: 27.512,
      requests: { "POST /v1/create-community": 112 },
      requestStatuses: { "200": 100, "429": 12 },
      refusals: 12,
      resourceChanges: { create: 101 },
    },
    destroy: {
      seconds: 21.204,
      requests: { "DELETE /v1/community/{id}": 103 },
      requestStatuses: { "200": 100, "429": 3 },
      refusals: 3,
      resourceChanges: { delete: 101 },
    },
    unlimitedUpSeconds: 6.5,
    unlimitedUpSource: "engine",
    unlimitedUpSamples: [6.31, 6.5, 6.62],
    createdOnce: true,
    allDeleted: true,
  };
  const withSection = (r: RateLimitResults) => buildResults({ ...measurementsOf(saved), rateLimit: r });
  const results = withSection(measured);
  const md = renderMarkdown(results);
  const section = md.slice(md.indexOf("## 6. Rate-limited up"));

  test("a row in the targets table, held to 1.5 × the floor with no failure", () => {
    expect(results.rateLimit).toEqual(measured);
    expect(results.figures.filter(isRateLimitFigure)).toEqual([
      {
        figure: RATE_LIMIT_FIGURE,
        measured: "21.0 s (limited 27.5 s; unlimited 6.5 s; 429s: 12 in up, 3 in destroy; destroy 21.2 s)",
        target: RATE_LIMIT_TARGET,
        met: true,
      },
    ]);
    expect(tableRows(md)).toContain(
      `| ${RATE_LIMIT_FIGURE} | 21.0 s (limited 27.5 s; unlimited 6.5 s; 429s: 12 in up, 3 in destroy; destroy 21.2 s) | ${RATE_LIMIT_TARGET} | yes |`,
    );
    // Every other figure, note and finding is the saved run's, as without the section.
    expect(results.figures.filter((f) => !isRateLimitFigure(f))).toEqual(
      rebuilt.figures.filter((f) => !isRateLimitFigure(f)),
    );
    expect(results.findings).toEqual(rebuilt.findings);
  });

  test("a paragraph and table in results.md", () => {
    expect(section).not.toContain("Not measured in this run.");
    expect(section).toContain("100 / 5 = 20 s");
    expect(tableRows(section)).toEqual([
      "| Operation | Wall time (s) | 429s | Requests seen |",
      "| --- | --- | --- | --- |",
      "| up (create), 5 requests/s | 27.51 | 12 | 112× POST /v1/create-community |",
      "| up (create), unlimited | 6.50 | — | section 2's median at N = 100 (6.31, 6.50, 6.62) |",
      "| destroy, 5 requests/s | 21.20 | 3 | 103× DELETE /v1/community/{id} |",
    ]);
    expect(section).toContain(
      "Limited − unlimited `up`: 21.0 s (1.05 × floor). Each community created once: yes. All deleted: yes. " +
        "No operation failed. Target met: yes.",
    );
    const once = withSection({ ...measured, unlimitedUpSource: "measured here", unlimitedUpSamples: [6.5] });
    expect(renderMarkdown(once)).toContain(
      "| up (create), unlimited | 6.50 | — | measured in this section, once |",
    );
  });

  test("survives the round trip through results.json (--report-only)", () => {
    const again = buildResults(measurementsOf(JSON.parse(JSON.stringify(results)) as BenchResults));
    expect(again).toEqual(results);
    expect(renderMarkdown(again)).toBe(md);
  });

  test("missed when slower than the allowance, on a failure, or when communities are not created once or left", () => {
    expect(rateLimitMet({ ...measured, unlimitedUpSeconds: 0 })).toBe(true); // 27.5 ≤ 30
    expect(rateLimitMet({ ...measured, limitedUp: { ...measured.limitedUp!, seconds: 36.5 } })).toBe(true);
    expect(rateLimitMet({ ...measured, limitedUp: { ...measured.limitedUp!, seconds: 36.6 } })).toBe(false);
    expect(rateLimitMet({ ...measured, createdOnce: false })).toBe(false);
    expect(rateLimitMet({ ...measured, allDeleted: false })).toBe(false);
    const { destroy: _destroy, ...noDestroy } = measured;
    expect(rateLimitMet({ ...noDestroy, failure: "destroy: error: boom" })).toBe(false);

    const { limitedUp: _up, ...failed } = measured;
    const failedUp: RateLimitResults = {
      ...failed,
      createdOnce: false,
      failure: "up: error: 429 Too Many Requests",
    };
    expect(rateLimitFigure(failedUp)).toEqual({
      figure: RATE_LIMIT_FIGURE,
      measured:
        "— (limited did not finish; unlimited 6.5 s; 429s: — in up, 3 in destroy; destroy 21.2 s); " +
        "failed: up: error: 429 Too Many Requests; not every community created exactly once",
      target: RATE_LIMIT_TARGET,
      met: false,
    });
    const failedResults = withSection(failedUp);
    expect(failedResults.findings.slice(rebuilt.findings.length)).toEqual([
      "A Pulumi operation of the rate-limited run (N = 100 at 5 requests/s) failed: up: error: 429 Too Many Requests",
      "After the `up` of the rate-limited run (N = 100 at 5 requests/s), the communities were not each created exactly once.",
    ]);
    expect(renderMarkdown(failedResults)).toContain("| up (create), 5 requests/s | did not finish | — | — |");
  });
});

describe("settings and chart", () => {
  test("rounds come from the settings, or from the runs of an older results file", () => {
    expect(roundsOf({ ...saved.settings, rounds: [2, 2, 2] }, saved.scaling.runs)).toEqual([2, 2, 2]);
    const { rounds: _recorded, ...older } = saved.settings;
    expect(roundsOf(older, saved.scaling.runs)).toEqual([3, 3, 1]);
  });

  test("the knobs for trial runs come from the environment", () => {
    expect(readSettings({})).toMatchObject({
      sizes: [10, 100, 500],
      rounds: [3, 3, 1],
      referenceN: 100,
      largestN: 500,
    });
    expect(readSettings({ BENCH_NS: "5,20", BENCH_REQUESTS: "100", BENCH_REPEATS: "2" })).toMatchObject({
      sizes: [5, 20],
      rounds: [3, 3],
      requestsPerRun: 100,
      warmupRequests: 100,
      repeats: 2,
      referenceN: 20,
      largestN: 20,
    });
  });

  test("BENCH_ONLY=rate-limit runs section 6 alone; by default every section runs", () => {
    expect(readSettings({}).only).toBeUndefined();
    expect(readSettings({ BENCH_ONLY: "rate-limit" }).only).toBe("rate-limit");
    expect(() => readSettings({ BENCH_ONLY: "wire" })).toThrow(
      "BENCH_ONLY=wire: expected one of rate-limit.",
    );
  });

  test("the chart has a panel per operation and renders to a PNG", () => {
    const svg = renderResultsChart(rebuilt);
    for (const label of ["up (create)", "refresh", "no-change up", "destroy"])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("t(500)/t(100): Bluejay 5.21×, trivial 5.38×");
    expect(renderPng(svg).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });
});
