// 6. Rate-limited up: `pulumi up` then `destroy` of bench/programs/bluejay with 100 communities
// against an emulator of its own that allows 5 requests a second (a token bucket; beyond it 429 with
// Retry-After, and X-RateLimit-* headers on every answer), held against the same `up` unlimited:
// section 2's median at N = 100 when the run measured it, otherwise one `up` made here. The program
// is not told the limit: the client paces every call of the provider process through one shared
// limiter that learns from the 429s. Operations are not retried here: a failure is the finding.
import type { Stack } from "@pulumi/pulumi/automation";
import { BluejayEmulator } from "../emulator";
import { API_KEY, OP_TIMEOUT_MS, RATE_LIMIT } from "./config";
import { declaredCommunities, openProgramStack, runOp, type RunContext, type Workspaces } from "./engine";
import type { OpRun, RateLimitedOp, RateLimitResults } from "./results";
import { fmt, median, now, round } from "./stats";

const CREATE_ROUTE = "/v1/create-community";

function opResult(run: OpRun): RateLimitedOp {
  const requestStatuses = run.requestStatuses ?? {};
  return {
    seconds: round(run.seconds),
    requests: run.requests ?? {},
    requestStatuses,
    refusals: requestStatuses["429"] ?? 0,
    resourceChanges: run.resourceChanges,
  };
}

/** The CLI's `error:` line, or the start of the message. */
function firstError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split("\n")
      .find((line) => line.trim().startsWith("error:"))
      ?.trim()
      .slice(0, 400) ?? message.slice(0, 400)
  );
}

/** One community per declared one, each made by exactly one create that was answered 2xx. */
function createdOnce(emulator: BluejayEmulator, n: number): boolean {
  const wanted = Object.values(declaredCommunities(n)).map((c) => c.title);
  const held = emulator.communities().map((c) => c.title);
  const made = emulator.requests.filter(
    (r) => r.method === "POST" && r.path === CREATE_ROUTE && r.status >= 200 && r.status < 300,
  ).length;
  return (
    held.length === n &&
    new Set(held).size === n &&
    wanted.every((title) => held.includes(title)) &&
    made === n
  );
}

/** The unlimited `up` at N, on the run's unlimited emulator (after a warm-up when asked). */
async function unlimitedUp(
  ws: Workspaces,
  emulator: BluejayEmulator,
  n: number,
  stop: AbortSignal,
  warmUp: boolean,
): Promise<number> {
  const opSignal = () => AbortSignal.any([stop, AbortSignal.timeout(OP_TIMEOUT_MS)]);
  if (warmUp) {
    // A first run pays for cold caches (CLI, plugins, ts-node); keep that out of the baseline.
    const started = now();
    const warm = await openProgramStack(ws, "bluejay", "rate-warmup", 1, emulator);
    await warm.up({ color: "never", signal: opSignal() });
    await warm.destroy({ color: "never", signal: opSignal() });
    await warm.workspace.removeStack("rate-warmup");
    console.log(`  warm-up (N=1 up + destroy, unlimited): ${fmt(now() - started, 1)} s`);
  }
  emulator.reset();
  const stack = await openProgramStack(ws, "bluejay", "rate-unlimited", n, emulator);
  const ctx: RunContext = { ws, emulator, stop, label: "unlimited" };
  const up = await runOp(ctx, stack, "bluejay", n, 0, "up");
  await runOp(ctx, stack, "bluejay", n, 0, "destroy");
  await stack.workspace.removeStack("rate-unlimited");
  return up.seconds;
}

/**
 * Section 6. `engineRuns`: section 2's runs of this run (none when it was skipped), whose median
 * `up` of the Bluejay program at N = 100 is the unlimited figure; without them the unlimited `up` is
 * measured here on `unlimited`, after a warm-up when `warmUp` is set.
 */
export async function rateLimitedUp(
  ws: Workspaces,
  unlimited: BluejayEmulator,
  engineRuns: readonly OpRun[],
  stop: AbortSignal,
  { warmUp }: { warmUp: boolean },
): Promise<RateLimitResults> {
  const n = RATE_LIMIT.communities;
  const rate = RATE_LIMIT.requestsPerSecond;
  const fromEngine = engineRuns
    .filter((r) => r.program === "bluejay" && r.n === n && r.op === "up")
    .map((r) => r.seconds);
  const unlimitedSamples =
    fromEngine.length > 0 ? fromEngine : [await unlimitedUp(ws, unlimited, n, stop, warmUp)];

  const emulator = await BluejayEmulator.start({
    apiKeys: [API_KEY],
    rateLimit: { requestsPerSecond: rate },
  });
  const ctx: RunContext = { ws, emulator, stop, attempts: 1, label: `${rate} req/s` };
  const stackName = "rate-limited";
  let stack: Stack | undefined;
  let limitedUp: RateLimitedOp | undefined;
  let destroy: RateLimitedOp | undefined;
  let created = false;
  let failure: string | undefined;
  let allDeleted = false;
  try {
    stack = await openProgramStack(ws, "bluejay", stackName, n, emulator);
    try {
      limitedUp = opResult(await runOp(ctx, stack, "bluejay", n, 0, "up"));
    } catch (error) {
      if (stop.aborted) throw error;
      failure = `up: ${firstError(error)}`;
    }
    created = createdOnce(emulator, n);
    // Destroy whatever the `up` made, even after a failed `up`: the emulator must end empty.
    try {
      destroy = opResult(await runOp(ctx, stack, "bluejay", n, 0, "destroy"));
    } catch (error) {
      if (stop.aborted) throw error;
      failure ??= `destroy: ${firstError(error)}`;
    }
    allDeleted = emulator.communities().length === 0;
  } finally {
    await stack?.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
    await emulator.close().catch(() => undefined);
  }
  return {
    communities: n,
    requestsPerSecond: rate,
    floorSeconds: n / rate,
    ...(limitedUp ? { limitedUp } : {}),
    ...(destroy ? { destroy } : {}),
    unlimitedUpSeconds: round(median(unlimitedSamples)),
    unlimitedUpSource: fromEngine.length > 0 ? "engine" : "measured here",
    unlimitedUpSamples: unlimitedSamples.map((v) => round(v)),
    createdOnce: created,
    allDeleted,
    ...(failure === undefined ? {} : { failure }),
  };
}
