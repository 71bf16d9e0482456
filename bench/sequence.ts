// The benchmark's runs of Pulumi operations: a warm-up, then for each size the loopback rounds (the
// Bluejay program and the no-HTTP one, alternating which goes first, on fresh stacks) and the SaaS
// rounds (the Bluejay program against an emulator with latency and a rate limit). After every `up`
// the emulator must hold exactly the environment, and after every `destroy` nothing.
import type { Stack } from "@pulumi/pulumi/automation";
import type { BluejayEmulator } from "../emulator";
import { KINDS } from "../provider/kinds/registry";
import { OP_TIMEOUT_MS, OPS, type BenchSettings, type Program } from "./config";
import { openProgramStack, runOp, type RunContext, type Workspaces } from "./engine";
import { shapeOf } from "./programs/shared/environment";
import type { OpRun, ProfileName } from "./results";
import { fmt, now } from "./stats";

/** A first run of each program pays for cold caches (CLI, plugins, ts-node): kept out of the figures. */
export async function warmUp(ws: Workspaces, emulator: BluejayEmulator, stop: AbortSignal): Promise<number> {
  const started = now();
  const signal = () => AbortSignal.any([stop, AbortSignal.timeout(OP_TIMEOUT_MS)]);
  for (const program of ["bluejay", "trivial"] as const) {
    const stack = await openProgramStack(ws, program, "warmup", 12, emulator);
    await stack.up({ color: "never", signal: signal() });
    await stack.destroy({ color: "never", signal: signal() });
    await stack.workspace.removeStack("warmup");
  }
  emulator.reset();
  const seconds = now() - started;
  console.log(`  warm-up (12 records, up and destroy of each program): ${fmt(seconds, 1)} s`);
  return seconds;
}

/** Throws unless the emulator holds exactly what an environment of `records` records declares (0: nothing). */
function expectHeld(emulator: BluejayEmulator, records: number, after: string): void {
  const shape = records === 0 ? undefined : shapeOf(records);
  const counts = emulator.counts();
  for (const kind of KINDS) {
    const wanted = shape?.[kind.name as keyof typeof shape] ?? 0;
    const held = counts[kind.api.plural] ?? 0;
    if (held !== wanted) {
      throw new Error(`after ${after}, the emulator holds ${held} ${kind.api.plural}, not ${wanted}`);
    }
  }
}

/** One round of every operation on fresh stacks of the given programs, in turn per operation. */
export async function runRound(
  ctx: RunContext,
  programs: readonly Program[],
  records: number,
  round: number,
  stackName: string,
): Promise<OpRun[]> {
  const runs: OpRun[] = [];
  ctx.emulator.reset();
  const stacks = new Map<Program, Stack>();
  for (const program of programs) {
    stacks.set(program, await openProgramStack(ctx.ws, program, stackName, records, ctx.emulator));
  }
  try {
    for (const [opIndex, op] of OPS.entries()) {
      // Alternate which program goes first, so a drift in machine speed hits both alike.
      const order = (round + opIndex) % 2 === 0 ? programs : [...programs].reverse();
      for (const program of order) {
        const run = await runOp(ctx, { stack: stacks.get(program)!, stackName, program, records, round }, op);
        runs.push(run);
        if (program === "bluejay" && op === "up")
          expectHeld(ctx.emulator, records, `up of ${records} records`);
        if (program === "bluejay" && op === "destroy")
          expectHeld(ctx.emulator, 0, `destroy of ${records} records`);
      }
    }
  } finally {
    for (const stack of stacks.values()) {
      await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
    }
  }
  return runs;
}

/** Every round of one Bluejay: loopback runs both programs, the SaaS the Bluejay program alone. */
export async function runProfile(
  ws: Workspaces,
  emulator: BluejayEmulator,
  profile: ProfileName,
  settings: BenchSettings,
  stop: AbortSignal,
): Promise<OpRun[]> {
  const ctx: RunContext = { ws, emulator, profile, stop, ...(profile === "saas" ? { attempts: 1 } : {}) };
  const programs: Program[] = profile === "loopback" ? ["bluejay", "trivial"] : ["bluejay"];
  const rounds = profile === "loopback" ? settings.rounds : settings.saasRounds;
  const runs: OpRun[] = [];
  for (const [i, records] of settings.sizes.entries()) {
    for (let round = 0; round < (rounds[i] ?? 1); round++) {
      runs.push(...(await runRound(ctx, programs, records, round, `${profile}-${records}-r${round}`)));
    }
  }
  return runs;
}
