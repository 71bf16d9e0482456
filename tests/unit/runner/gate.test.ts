// The gate's verdicts and exit codes: 0 passed, 1 failed (the pass rate or a metric threshold), 2
// could not be judged (a timeout, insufficient funds, calls never evaluated, nothing run, a metric
// never graded, an error), 130 interrupted; each with a message naming the cause.
import { BluejayApiError } from "../../../provider/client";
import {
  judgeGate,
  lookUpCommand,
  metricGateOf,
  passRateOf,
  type GateInput,
} from "../../../provider/runner/gate";
import type { MetricGrade } from "../../../provider/runner/judge";
import { call, run } from "./fixtures";

const gate = (input: Partial<GateInput> & Pick<GateInput, "runs">) =>
  judgeGate({ minPassRate: 1, metrics: [], timeoutMs: 60_000, ...input });

const grade = (name: string, value: string, more: Partial<MetricGrade>): MetricGrade => ({
  name,
  responseType: "yes_no",
  value,
  ...more,
});

describe("the gate", () => {
  test("every call passed: exit 0, naming the counts", () => {
    const verdict = gate({ runs: [run([call(1, "passed"), call(2, "passed")])] });

    expect(verdict).toMatchObject({ outcome: "passed", exitCode: 0, failures: [] });
    expect(verdict.message).toBe("Gate passed: 2 of 2 calls passed (100%; --min-pass-rate 100%).");
  });

  test("the pass rate counts incomplete calls against it, across runs", () => {
    const runs = [
      run([call(1, "passed"), call(2, "failed")]),
      run([call(3, "passed"), call(4, "incomplete")], { simulationRunId: 18 }),
    ];

    expect(passRateOf(runs, 0.5)).toEqual({
      passed: 2,
      failed: 1,
      incomplete: 1,
      unjudged: 0,
      judged: 4,
      rate: 0.5,
      min: 0.5,
      ok: true,
    });
    expect(gate({ runs, minPassRate: 0.5 }).exitCode).toBe(0);
    const failed = gate({ runs, minPassRate: 0.75 });
    expect(failed).toMatchObject({ outcome: "failed", exitCode: 1 });
    expect(failed.message).toBe("Gate failed: 2 of 4 calls passed (50%), below --min-pass-rate 75%.");
  });

  test("a rate exactly at the minimum passes (no floating-point surprise)", () => {
    const runs = [run([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => call(id, id <= 7 ? "passed" : "failed")))];

    expect(gate({ runs, minPassRate: 0.7 }).exitCode).toBe(0);
  });

  test("metric thresholds: a pass rate for yes/no and pass/fail metrics, a mean for quantitative ones", () => {
    const runs = [
      run([
        call(1, "passed", {
          metrics: [
            grade("Empathy", "yes", { passed: true }),
            grade("Policy", "4", { responseType: "quantitative", score: 4 }),
          ],
        }),
        call(2, "passed", {
          metrics: [
            grade("Empathy", "no", { passed: false }),
            grade("Policy", "5", { responseType: "quantitative", score: 5 }),
          ],
        }),
      ]),
    ];

    expect(metricGateOf(runs, { metric: "Empathy", min: 0.5 })).toEqual({
      metric: "Empathy",
      measure: "pass-rate",
      graded: 2,
      value: 0.5,
      min: 0.5,
      ok: true,
    });
    expect(metricGateOf(runs, { metric: "Policy", min: 4.6 })).toMatchObject({
      measure: "mean-score",
      value: 4.5,
      ok: false,
    });
    const verdict = gate({
      runs,
      metrics: [
        { metric: "Empathy", min: 0.8 },
        { metric: "Policy", min: 4 },
      ],
    });
    expect(verdict).toMatchObject({ outcome: "failed", exitCode: 1 });
    expect(verdict.failures).toEqual(["Empathy passed in 50% of 2 calls, below 80%."]);
  });

  test("a threshold on a metric nothing graded keeps its measure: above 1 a mean score, else a pass rate", () => {
    expect(metricGateOf([], { metric: "Refund policy", min: 4 })).toMatchObject({
      measure: "mean-score",
      value: null,
      ok: false,
    });
    expect(metricGateOf([], { metric: "Empathy", min: 0.8 })).toMatchObject({ measure: "pass-rate" });
  });

  test("a threshold on a metric no call was graded on cannot be judged, and names the metrics that were", () => {
    const runs = [run([call(1, "passed", { metrics: [grade("Empathy", "yes", { passed: true })] })])];

    const verdict = gate({ runs, metrics: [{ metric: "Empath", min: 0.5 }] });

    expect(verdict).toMatchObject({ outcome: "unjudged", exitCode: 2, cause: "metric-not-graded" });
    expect(verdict.message).toContain('--metric "Empath": no call was graded on it');
    expect(verdict.message).toContain('Metrics graded: "Empathy"');
  });

  test("a timeout cannot be judged: it names the runs still going and the command to look them up", () => {
    const runs = [
      run([call(1, "passed")]),
      run([call(2, "unjudged")], {
        simulationRunId: 18,
        simulationId: 2,
        simulationName: "Smoke",
        ended: false,
        status: "RUNNING",
      }),
    ];

    const verdict = gate({ runs, stopped: "timeout", timeoutMs: 90_000 });

    expect(verdict).toMatchObject({ outcome: "unjudged", exitCode: 2, cause: "timeout" });
    expect(verdict.message).toBe(
      "run 18 of Smoke (simulation 2) had not ended after 1.5 min (--timeout). It keeps running in Bluejay: " +
        "look it up with `npx pulumi-bluejay test --run 18`.",
    );
  });

  test("insufficient funds (of a run or of one call) cannot be judged, and says what to do", () => {
    const broke = gate({
      runs: [run([call(1, "unjudged", { status: "INSUFFICIENT_FUNDS" })], { status: "COMPLETED" })],
    });
    const stopped = gate({ runs: [run([call(1, "passed")], { status: "INSUFFICIENT_FUNDS" })] });

    for (const verdict of [broke, stopped]) {
      expect(verdict).toMatchObject({ outcome: "unjudged", exitCode: 2, cause: "insufficient-funds" });
      expect(verdict.message).toContain("insufficient funds: add credit to the Bluejay workspace");
    }
  });

  test("insufficient funds is named even when the wait also timed out", () => {
    const runs = [
      run([call(1, "unjudged", { status: "INSUFFICIENT_FUNDS" })], { status: "INSUFFICIENT_FUNDS" }),
    ];

    expect(gate({ runs, stopped: "timeout" }).cause).toBe("insufficient-funds");
  });

  test("calls never evaluated cannot be judged, even when the others would pass the gate", () => {
    const runs = [
      run([
        call(1, "passed"),
        call(2, "unjudged", { reasons: ["The call completed but Bluejay has no evaluation of it."] }),
      ]),
    ];

    const verdict = gate({ runs, minPassRate: 0 });

    expect(verdict).toMatchObject({ exitCode: 2, cause: "not-evaluated" });
    expect(verdict.message).toBe(
      "1 call could not be judged: Caller 2 (The call completed but Bluejay has no evaluation of it.).",
    );
  });

  test("nothing run: nothing to judge", () => {
    expect(gate({ runs: [] })).toMatchObject({ exitCode: 2, cause: "nothing-to-judge" });
  });

  test("an error names itself and the runs queued before it", () => {
    const error = new BluejayApiError({ method: "GET", path: "/v1/get-simulation-runs/1" }, { status: 401 });
    const runs = [run([call(1, "unjudged")], { ended: false, status: "RUNNING" })];

    const verdict = gate({ runs, error });

    expect(verdict).toMatchObject({ outcome: "unjudged", exitCode: 2, cause: "error" });
    expect(verdict.message).toContain("Bluejay refused the API key");
    expect(verdict.message).toContain("Runs queued before it: 17.");
    expect(verdict.message).toContain("`npx pulumi-bluejay test --run 17`");
  });

  test("interrupted: exit 130; nothing was cancelled, and the runs are named", () => {
    const runs = [
      run([call(1, "unjudged")], { ended: false }),
      run([call(2, "unjudged")], { ended: false, simulationRunId: 18 }),
    ];

    const verdict = gate({ runs, stopped: "interrupted" });

    expect(verdict).toMatchObject({ outcome: "unjudged", exitCode: 130, cause: "interrupted" });
    expect(verdict.message).toBe(
      "Interrupted while waiting; nothing was cancelled. They keep running in Bluejay: look them up with " +
        "`npx pulumi-bluejay test --run 17 --run 18`.",
    );
    expect(lookUpCommand(runs)).toBe("npx pulumi-bluejay test --run 17 --run 18");
  });
});
