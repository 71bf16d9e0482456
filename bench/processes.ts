// What each process of a Pulumi operation costs: the CPU time and peak memory of every process the
// benchmark starts (the `pulumi` CLI, the Node.js language host, the program, the dynamic-provider
// host), sampled from Linux's /proc every 50 ms and grouped by role. CPU time, unlike wall time,
// barely moves with the machine's load, so it is what the benchmark reads where the time goes from.
// Sampling reads a few small files per process (the tree is walked through
// /proc/<pid>/task/<tid>/children), so it costs next to nothing. Elsewhere than Linux nothing is
// sampled and every figure is undefined.
import * as fs from "fs";
import type { ProcessCost, Role } from "./results";

const SAMPLE_MS = 50;
/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux there is). */
const TICKS_PER_SECOND = 100;

/**
 * The role of a process, by its command line: the dynamic-provider host is
 * `node …/@pulumi/pulumi/cmd/dynamic-provider/index.js …` (its shim's `node -e "…"` is not).
 */
export function roleOf(args: readonly string[]): Role {
  const base = (arg: string | undefined) => arg?.split("/").pop() ?? "";
  if (args.some((arg) => /(^|\/)cmd\/dynamic-provider(\/index\.js)?$/.test(arg))) return "provider";
  const exe = base(args[0]);
  if (exe === "pulumi")
    return args.some((a) => ["up", "refresh", "destroy", "preview"].includes(a)) ? "engine" : "cli";
  if (exe.startsWith("pulumi-language-")) return "language host";
  if (exe.startsWith("pulumi-resource-")) return "provider";
  if (exe === "node" || exe.endsWith("/node"))
    return args.some((a) => a.includes("cmd/run")) ? "program" : "other";
  return "other";
}

interface Seen {
  role: Role;
  cpuTicks: number;
  peakRssKb: number;
  peakHwmKb: number;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The pids of every descendant of `pid`, from /proc's per-thread children lists. */
function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      for (const child of (read(`/proc/${parent}/task/${task}/children`) ?? "").split(" ")) {
        const n = Number(child);
        if (child !== "" && Number.isInteger(n) && !found.includes(n)) {
          found.push(n);
          queue.push(n);
        }
      }
    }
  }
  return found;
}

/** CPU time (utime + stime, in ticks) of a process from /proc/<pid>/stat. */
function cpuTicks(stat: string): number | undefined {
  // The command name is in parentheses and may hold spaces: the fields after its ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

function kb(status: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
}

/** CPU time this process has collected from its waited-for descendants, in ms (Linux). */
export function childrenCpuMs(): number | undefined {
  const stat = read("/proc/self/stat");
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

export class ProcessSampler {
  private timer: NodeJS.Timeout | undefined;
  private readonly seen = new Map<number, Seen>();
  readonly supported = fs.existsSync(`/proc/${process.pid}/task`);

  start(): void {
    if (!this.supported) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  /** Stops sampling: the CPU time and peak memory of each role's processes since `start`. */
  stop(): ProcessCost[] {
    clearInterval(this.timer);
    if (!this.supported) return [];
    this.sample();
    const byRole = new Map<Role, ProcessCost>();
    for (const s of this.seen.values()) {
      const cost = byRole.get(s.role) ?? { role: s.role, processes: 0, cpuMs: 0, peakRssMb: 0, peakHwmMb: 0 };
      cost.processes++;
      cost.cpuMs += (s.cpuTicks * 1000) / TICKS_PER_SECOND;
      cost.peakRssMb = Math.max(cost.peakRssMb, s.peakRssKb / 1024);
      cost.peakHwmMb = Math.max(cost.peakHwmMb, s.peakHwmKb / 1024);
      byRole.set(s.role, cost);
    }
    return [...byRole.values()].map((c) => ({
      ...c,
      cpuMs: Math.round(c.cpuMs),
      peakRssMb: Math.round(c.peakRssMb * 10) / 10,
      peakHwmMb: Math.round(c.peakHwmMb * 10) / 10,
    }));
  }

  private sample(): void {
    for (const pid of descendants(process.pid)) {
      // Read every time: a forked child shows its parent's command line until it execs its own.
      const cmdline = read(`/proc/${pid}/cmdline`);
      if (cmdline === undefined) continue;
      const args = cmdline.split("\0").filter((a) => a !== "");
      if (args.length === 0) continue;
      const known = this.seen.get(pid) ?? { role: roleOf(args), cpuTicks: 0, peakRssKb: 0, peakHwmKb: 0 };
      known.role = roleOf(args);
      this.seen.set(pid, known);
      const stat = read(`/proc/${pid}/stat`);
      const ticks = stat === undefined ? undefined : cpuTicks(stat);
      if (ticks !== undefined && ticks >= known.cpuTicks) known.cpuTicks = ticks;
      const status = read(`/proc/${pid}/status`);
      if (status) {
        known.peakRssKb = Math.max(known.peakRssKb, kb(status, "VmRSS"));
        known.peakHwmKb = Math.max(known.peakHwmKb, kb(status, "VmHWM"));
      }
    }
  }
}
