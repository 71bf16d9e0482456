// Processes and their descendants, portably: the table comes from `ps` (the same flags on Linux and
// macOS), not from Linux's /proc, and Windows uses `taskkill /T`. Used wherever a whole process tree
// must be found (the benchmark's memory sampling) or killed (the interrupted-run test, the benchmark).
import { execFile, execFileSync } from "child_process";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Resident set size in kB, as `ps` reports it. */
  rssKb: number;
  /** `ps` state letters; `Z` marks a zombie (dead, not yet reaped by its parent). */
  state: string;
  /** The command line, arguments joined by spaces. */
  args: string;
}

/** Parses `ps -A -ww -o pid=,ppid=,rss=,stat=,args=`. Exported for tests. */
export function parsePsOutput(text: string): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const line of text.split("\n")) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s?(.*)$/.exec(line);
    if (!match) continue;
    processes.push({
      pid: Number(match[1]),
      ppid: Number(match[2]),
      rssKb: Number(match[3]),
      state: match[4]!,
      args: match[5]!.trim(),
    });
  }
  return processes;
}

// `-ww`: no truncation of the command line when the output is not a terminal.
const PS_ARGS = ["-A", "-ww", "-o", "pid=,ppid=,rss=,stat=,args="];
const PS_MAX_BUFFER = 64 * 1024 * 1024;

/** Every process on the machine, from one `ps` run. Not available on Windows. */
export function listProcesses(): ProcessInfo[] {
  return parsePsOutput(execFileSync("ps", PS_ARGS, { encoding: "utf8", maxBuffer: PS_MAX_BUFFER }));
}

/** {@link listProcesses} without blocking the event loop (for sampling while a server runs in-process). */
export function listProcessesAsync(): Promise<ProcessInfo[]> {
  return new Promise((resolve, reject) => {
    execFile("ps", PS_ARGS, { encoding: "utf8", maxBuffer: PS_MAX_BUFFER }, (error, stdout) => {
      if (error) reject(new Error(`ps failed: ${error.message}`, { cause: error }));
      else resolve(parsePsOutput(stdout));
    });
  });
}

/** The descendants of `pid` in `table` (children first, then theirs), not `pid` itself. */
export function descendantsOf(pid: number, table: readonly ProcessInfo[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const found: number[] = [];
  const seen = new Set<number>([pid]);
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Whether `pid` is a live process (a zombie counts as gone: it has exited). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  if (process.platform === "win32") return true;
  try {
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return state !== "" && !state.startsWith("Z");
  } catch {
    return false; // `ps -p` exits 1 when there is no such process
  }
}

function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false; // already gone
  }
}

/**
 * Sends `sig` (default SIGKILL, as a crash or a killed CI job would) to `pid` and all its
 * descendants, whatever process groups they are in (Pulumi starts its plugins in groups of their
 * own, so killing the CLI's group alone would leave them running). The tree is frozen with SIGSTOP
 * first, and walked again until no new process appears, so nothing can fork past the walk.
 * Returns the pids signalled, `pid` first.
 */
export function killTree(pid: number, sig: NodeJS.Signals = "SIGKILL"): number[] {
  if (process.platform === "win32") {
    try {
      execFileSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    } catch {
      // Already gone.
    }
    return [pid];
  }
  const stopped: number[] = [];
  const isStopped = new Set<number>();
  for (let pass = 0; pass < 10; pass++) {
    const tree = [pid, ...descendantsOf(pid, listProcesses())];
    const fresh = tree.filter((p) => !isStopped.has(p));
    if (fresh.length === 0) break;
    for (const p of fresh) {
      isStopped.add(p);
      if (signal(p, "SIGSTOP")) stopped.push(p);
    }
  }
  if (!stopped.includes(pid)) stopped.unshift(pid);
  for (const p of stopped) signal(p, sig);
  // A stopped process acts on SIGKILL at once; any other signal waits until it runs again.
  if (sig !== "SIGKILL") for (const p of stopped) signal(p, "SIGCONT");
  return stopped;
}

/** Kills every descendant of `pid` (not `pid` itself), e.g. everything this process started. */
export function killDescendants(pid: number = process.pid, sig: NodeJS.Signals = "SIGKILL"): number[] {
  if (process.platform === "win32") return [];
  const children = listProcesses()
    .filter((p) => p.ppid === pid)
    .map((p) => p.pid);
  return children.flatMap((child) => killTree(child, sig));
}

/** Resolves once none of `pids` is running; rejects after `timeoutMs`. */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = pids.filter(isRunning);
    if (alive.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still running after ${timeoutMs} ms: ${alive.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
