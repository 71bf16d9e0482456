// The command's progress display, drawn from `runSimulations`' progress events. On a terminal: one
// line per run, redrawn in place (status, a bar of calls ended, time). Elsewhere (a pipe, a CI log,
// CI=true): a plain line per change, which a log keeps readable.
import type { ProgressEvent, RunRef } from "./progress-events";
import { duration } from "./report/format";

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressDisplay {
  onEvent(event: ProgressEvent): void;
  /** A message of the command's own (Ctrl-C), shown where the display will not draw over it. */
  note(message: string): void;
  /** Draws the last state and stops redrawing. */
  stop(): void;
}

const runLabel = (run: RunRef) =>
  `run ${run.simulationRunId} of ${run.simulationName} (simulation ${run.simulationId})`;

/** A line per event: for logs. */
function plain(out: Output, started: number): ProgressDisplay {
  const stamp = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    return `[${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}]`;
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case "queued":
          out.write(`${stamp()} Queued ${runLabel(event.run)}: ${event.run.calls} calls.\n`);
          break;
        case "waiting":
          out.write(
            `${stamp()} Waiting for ${event.runs.length} run${event.runs.length === 1 ? "" : "s"} (--timeout ${duration(event.timeoutMs)}). ` +
              "Ctrl-C stops waiting; the runs go on in Bluejay.\n",
          );
          break;
        case "status":
          out.write(
            `${stamp()} ${runLabel(event.run)}: ${event.status}, ${event.ended}/${event.run.calls} calls ended.\n`,
          );
          break;
        case "ended":
          out.write(
            `${stamp()} ${runLabel(event.run)}: ${event.status} after ${duration(event.elapsedMs)}.\n`,
          );
          break;
        case "poll-failed":
          out.write(
            `${stamp()} Reading simulation ${event.simulationId}'s runs failed (${event.message}); trying again in ${duration(event.retryInMs)}.\n`,
          );
          break;
      }
    },
    note(message) {
      out.write(`${stamp()} ${message}\n`);
    },
    stop() {},
  };
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const BAR = 12;

interface Line {
  run: RunRef;
  status: string;
  ended: number;
  since: number;
  done?: number;
}

/** One line per run, redrawn in place: for a person at a terminal. */
function live(out: Output): ProgressDisplay {
  const lines: Line[] = [];
  let drawn = 0;
  let frame = 0;
  const timer = setInterval(() => draw(), 250);
  timer.unref();

  function render(line: Line): string {
    const width = Math.max(40, (out.columns ?? 100) - 1);
    const total = Math.max(1, line.run.calls);
    const filled = Math.round((BAR * Math.min(line.ended, total)) / total);
    const icon =
      line.done !== undefined ? (line.status === "COMPLETED" ? "✔" : "✖") : SPINNER[frame % SPINNER.length];
    const time = duration((line.done ?? Date.now()) - line.since);
    const text =
      `${icon} ${runLabel(line.run)}  ${line.status.padEnd(18)} ` +
      `${"█".repeat(filled)}${"░".repeat(BAR - filled)} ${line.ended}/${line.run.calls}  ${time}`;
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  }

  function draw(): void {
    frame++;
    // Back to the first line of the block, then each line cleared and written again.
    let text = drawn > 0 ? `\x1b[${drawn}A` : "";
    for (const line of lines) text += `\r\x1b[2K${render(line)}\n`;
    drawn = lines.length;
    if (text !== "") out.write(text);
  }

  /** A message above the block: the block is cleared, the message written, the block drawn below it. */
  function say(message: string): void {
    let text = drawn > 0 ? `\x1b[${drawn}A` : "";
    for (let i = 0; i < drawn; i++) text += "\r\x1b[2K\n";
    text += drawn > 0 ? `\x1b[${drawn}A` : "";
    out.write(`${text}${message}\n`);
    drawn = 0;
    draw();
  }

  const find = (run: RunRef) => lines.find((l) => l.run.simulationRunId === run.simulationRunId);
  return {
    onEvent(event) {
      switch (event.type) {
        case "queued":
          lines.push({ run: event.run, status: "QUEUED", ended: 0, since: Date.now() });
          draw();
          break;
        case "waiting":
          say(
            `Waiting (--timeout ${duration(event.timeoutMs)}). Ctrl-C stops waiting; the runs go on in Bluejay.`,
          );
          break;
        case "status": {
          const line = find(event.run);
          if (line) Object.assign(line, { status: event.status, ended: event.ended });
          draw();
          break;
        }
        case "ended": {
          const line = find(event.run);
          if (line) Object.assign(line, { status: event.status, ended: event.run.calls, done: Date.now() });
          draw();
          break;
        }
        case "poll-failed":
          say(`Reading simulation ${event.simulationId}'s runs failed (${event.message}); trying again.`);
          break;
      }
    },
    note: say,
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

/** The display for `out`: redrawn in place on a terminal, plain lines elsewhere and in CI. */
export function progressDisplay(out: Output, env: NodeJS.ProcessEnv = process.env): ProgressDisplay {
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false";
  return out.isTTY && !ci && env.TERM !== "dumb" ? live(out) : plain(out, Date.now());
}
