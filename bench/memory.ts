// 5. The peak memory of the dynamic-provider process(es) during an operation: this benchmark's own
// descendants whose command line is Pulumi's dynamic-provider host, sampled every 100 ms from `ps`
// (scripts/lib/process-tree.ts, so it runs on Linux and macOS). On Linux the kernel's own peak mark
// (VmHWM) is read as well; elsewhere the sampled peak stands in for it.
import * as fs from "fs";
import { descendantsOf, listProcessesAsync } from "../scripts/lib/process-tree";
import type { Program } from "./config";
import type { MemoryResult } from "./results";
import { round } from "./stats";

/**
 * The provider host is `node …/@pulumi/pulumi/cmd/dynamic-provider/index.js …`; its shim's
 * `node -e "…require.resolve('@pulumi/pulumi/cmd/dynamic-provider')…"` does not match.
 */
export function isDynamicProviderHost(args: string): boolean {
  return args.split(/\s+/).some((arg) => /(^|\/)cmd\/dynamic-provider(\/index\.js)?$/.test(arg));
}

/** VmHWM in kB from /proc (Linux); undefined where there is no /proc. */
async function peakMarkKb(pid: number): Promise<number | undefined> {
  try {
    const status = await fs.promises.readFile(`/proc/${pid}/status`, "utf8");
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return hwm === undefined ? undefined : Number(hwm);
  } catch {
    return undefined;
  }
}

export class RssPoller {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private samples = 0;
  private peakSumKb = 0;
  private peakProcessKb = 0;
  private peakHwmKb = 0;
  private readonly pids = new Set<number>();

  start(): void {
    this.timer = setInterval(() => void this.sample(), 100);
  }

  async stop(program: Program, n: number): Promise<MemoryResult> {
    clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 10));
    return {
      program,
      n,
      samples: this.samples,
      processes: this.pids.size,
      peakSumRssMb: round(this.peakSumKb / 1024, 1),
      peakProcessRssMb: round(this.peakProcessKb / 1024, 1),
      peakHwmMb: round(Math.max(this.peakHwmKb, this.peakProcessKb) / 1024, 1),
    };
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      // Only this benchmark's own processes count: other Pulumi runs may share the machine.
      const table = await listProcessesAsync();
      const ours = new Set(descendantsOf(process.pid, table));
      let sum = 0;
      for (const p of table) {
        if (!ours.has(p.pid) || p.state.startsWith("Z") || !isDynamicProviderHost(p.args)) continue;
        this.pids.add(p.pid);
        sum += p.rssKb;
        this.peakProcessKb = Math.max(this.peakProcessKb, p.rssKb);
        this.peakHwmKb = Math.max(this.peakHwmKb, (await peakMarkKb(p.pid)) ?? 0);
      }
      this.samples++;
      this.peakSumKb = Math.max(this.peakSumKb, sum);
    } catch {
      // `ps` failed this once (e.g. the machine is out of processes); the next sample tries again.
    } finally {
      this.busy = false;
    }
  }
}
