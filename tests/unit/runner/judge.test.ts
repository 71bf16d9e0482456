// How each call is judged from Bluejay's result: the evaluation's verdict, pass/fail and yes/no
// metrics, calls that did not complete, ran out of funds, were never evaluated, or never ended.
import { gradeOf, judgeCall, judgeRun } from "../../../provider/runner/judge";
import { result } from "./fixtures";

const caller = { digitalHumanId: 4, name: "Angry caller" };
const grade = (name: string, response_type: string, response_value: string, reasoning?: string) => ({
  name,
  description: "d",
  response_type,
  response_value,
  ...(reasoning ? { reasoning } : {}),
});

describe("judging a call", () => {
  test("a completed call whose success criteria were met passes, with its evaluation and grades kept", () => {
    const call = judgeCall(
      caller,
      result(
        4,
        { transcriptUrl: "https://t" },
        { goal_success: true, custom_metrics: [grade("Empathy", "yes_no", "Yes")] },
      ),
    );

    expect(call).toMatchObject({
      digitalHumanId: 4,
      name: "Angry caller",
      simulationResultId: 104,
      status: "COMPLETED",
      verdict: "passed",
      reasons: [],
      metrics: [{ name: "Empathy", value: "Yes", passed: true }],
      durationMs: 42_000,
      transcriptUrl: "https://t",
    });
  });

  test("unmet success criteria fail it, with the evaluation's reasoning", () => {
    const call = judgeCall(
      caller,
      result(4, {}, { goal_success: false, goal_reasoning: "No refund offered." }),
    );

    expect(call).toMatchObject({ verdict: "failed", reasons: ["No refund offered."] });
  });

  test("a pass/fail or yes/no metric graded fail or no fails it too, with the metric's reasoning", () => {
    const call = judgeCall(
      caller,
      result(
        4,
        {},
        {
          goal_success: true,
          custom_metrics: [
            grade("Policy", "pass_fail", "fail", "Promised a refund in 2 days."),
            grade("Empathy", "yes_no", "no"),
            grade("Score", "quantitative", "1"),
            grade("Tone", "qualitative", "curt"),
          ],
        },
      ),
    );

    expect(call.verdict).toBe("failed");
    expect(call.reasons).toEqual(["Policy: fail (Promised a refund in 2 days.)", "Empathy: no"]);
  });

  test.each([
    ["INCOMPLETED", "incomplete", "The call did not complete (INCOMPLETED)."],
    ["REJECTED", "incomplete", "The call did not complete (REJECTED)."],
    ["INSUFFICIENT_FUNDS", "unjudged", "Bluejay did not place the call: insufficient funds."],
    ["RUNNING", "unjudged", "The call had not ended (RUNNING)."],
  ])("a call %s is %s", (status, verdict, reason) => {
    expect(judgeCall(caller, result(4, { status }, null))).toMatchObject({
      status,
      verdict,
      reasons: [reason],
    });
  });

  test("a completed call with no evaluation (or no verdict in it) cannot be judged", () => {
    for (const evaluation of [null, { goal_success: null }]) {
      expect(judgeCall(caller, result(4, {}, evaluation))).toMatchObject({
        verdict: "unjudged",
        reasons: ["The call completed but Bluejay has no evaluation of it."],
      });
    }
  });

  test("the latest evaluation counts when a call was evaluated again", () => {
    const evaluated = result(4);
    evaluated.evaluations = [
      {
        agent_speak_percentage: 1,
        avg_agent_latency: 1,
        created_at: "2026-12-01T11:00:00Z",
        goal_success: true,
      },
      {
        agent_speak_percentage: 1,
        avg_agent_latency: 1,
        created_at: "2026-12-01T10:00:00Z",
        goal_success: false,
      },
    ];

    expect(judgeCall(caller, evaluated).verdict).toBe("passed");
  });

  test("no result: the call had not ended", () => {
    expect(judgeCall(caller, undefined)).toMatchObject({ status: "PENDING", verdict: "unjudged" });
  });

  test("grades: pass/fail and yes/no pass or fail (case aside), quantitative ones are scores, others neither", () => {
    expect(gradeOf(grade("A", "pass_fail", " PASS "))).toMatchObject({ passed: true });
    expect(gradeOf(grade("A", "yes_no", "maybe"))).toMatchObject({ passed: false });
    expect(gradeOf(grade("A", "quantitative", "4.5"))).toEqual({
      name: "A",
      responseType: "quantitative",
      value: "4.5",
      score: 4.5,
    });
    expect(gradeOf(grade("A", "quantitative", "n/a"))).toEqual({
      name: "A",
      responseType: "quantitative",
      value: "n/a",
    });
    expect(gradeOf(grade("A", "enum", "green"))).toEqual({ name: "A", responseType: "enum", value: "green" });
  });

  test("a run reports every caller in order, and a digital human Bluejay ran that the plan did not know", () => {
    const report = judgeRun(
      {
        simulationId: 1,
        simulationName: "S",
        agentId: 2,
        agentName: "A",
        queue: "voice",
        simulationRunId: 9,
        callers: [caller, { digitalHumanId: 5, name: "Quiet caller" }],
      },
      "COMPLETED",
      true,
      1000,
      [result(4), result(7)],
    );

    expect(report.calls.map((c) => [c.digitalHumanId, c.name, c.verdict])).toEqual([
      [4, "Angry caller", "passed"],
      [5, "Quiet caller", "unjudged"],
      [7, "Digital human 7", "passed"],
    ]);
  });
});
