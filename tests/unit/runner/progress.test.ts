// The progress display: plain lines in a log or CI, one line per run redrawn in place on a terminal.
import { progressDisplay, type Output } from "../../../provider/runner/progress";
import type { RunRef } from "../../../provider/runner/progress-events";

const run: RunRef = { simulationId: 1, simulationName: "Nightly", simulationRunId: 17, calls: 6 };

function sink(isTTY: boolean): Output & { text: string } {
  const out = {
    text: "",
    isTTY,
    columns: 100,
    write(chunk: string) {
      out.text += chunk;
      return true;
    },
  };
  return out;
}

function play(out: Output, env: NodeJS.ProcessEnv): void {
  const display = progressDisplay(out, env);
  display.onEvent({ type: "queued", run });
  display.onEvent({ type: "waiting", runs: [run], timeoutMs: 1_800_000 });
  display.onEvent({ type: "status", run, status: "RUNNING", ended: 3, elapsedMs: 12_000 });
  display.onEvent({ type: "poll-failed", simulationId: 1, message: "503", retryInMs: 5000 });
  display.onEvent({ type: "ended", run, status: "COMPLETED", elapsedMs: 40_000 });
  display.note("Stopping.");
  display.stop();
}

describe("progress display", () => {
  test("not a terminal: a plain line per change, with the time since start", () => {
    const out = sink(false);

    play(out, {});

    expect(out.text.split("\n").filter(Boolean)).toEqual([
      "[0:00] Queued run 17 of Nightly (simulation 1): 6 calls.",
      "[0:00] Waiting for 1 run (--timeout 30 min). Ctrl-C stops waiting; the runs go on in Bluejay.",
      "[0:00] run 17 of Nightly (simulation 1): RUNNING, 3/6 calls ended.",
      "[0:00] Reading simulation 1's runs failed (503); trying again in 5 s.",
      "[0:00] run 17 of Nightly (simulation 1): COMPLETED after 40 s.",
      "[0:00] Stopping.",
    ]);
    expect(out.text).not.toContain("\x1b[");
  });

  test("a terminal in CI is treated as a log", () => {
    const out = sink(true);

    play(out, { CI: "true" });

    expect(out.text).not.toContain("\x1b[");
  });

  test("a terminal: the run's line is redrawn in place, with a bar of calls ended", () => {
    const out = sink(true);

    play(out, {});

    expect(out.text).toContain("\x1b[1A");
    expect(out.text).toContain("\r\x1b[2K");
    expect(out.text).toMatch(/run 17 of Nightly \(simulation 1\) {2}RUNNING +██████░░░░░░ 3\/6/);
    expect(out.text).toMatch(/✔ run 17 of Nightly \(simulation 1\) {2}COMPLETED +████████████ 6\/6/);
    expect(out.text).toContain("Reading simulation 1's runs failed (503); trying again.");
    // A note is written above the block, which is drawn again below it: nothing draws over the note.
    const afterNote = out.text.slice(out.text.indexOf("Stopping.\n") + "Stopping.\n".length);
    expect(afterNote.startsWith("\r\x1b[2K")).toBe(true);
  });
});
