#!/usr/bin/env node
// pulumi-bluejay-recover: after an interrupted `pulumi up`, repairs the stack's state so the next
// `up` neither loses nor duplicates resources whose creation was in flight. See USAGE.
import { execFileSync } from "child_process";
import * as fs from "fs";
import { parseArgs } from "util";
import { BluejayClient } from "./client/client";
import { resolveClientOptions } from "./config";
import { repairPendingCreates, trackingKey, type PendingCreate } from "./recovery";

const USAGE = `Usage: npx pulumi-bluejay-recover [--in FILE] [--out FILE] [--other-stacks auto|none]

After an interrupted \`pulumi up\`, records in the stack's state the Bluejay resources whose creation
was in flight, so the next \`up\` neither loses nor duplicates them:

  pulumi cancel --yes                          # only if the killed run still holds the stack's lock
  pulumi stack export --show-secrets --file state.json   # secret inputs are needed to match them
  npx pulumi-bluejay-recover --in state.json --out repaired.json
  pulumi stack import --file repaired.json
  rm state.json repaired.json                  # they hold the stack's secrets in plain text
  pulumi up

Wait for the killed run's provider processes to end first (or stop them): they may still finish
creates already sent.

Options:
  --in FILE             The exported state (default: standard input).
  --out FILE            Where to write the repaired state (default: repaired.json). It holds the
                        stack's secrets in plain text: it is written readable by you alone.
  --other-stacks MODE   auto (default): run \`pulumi stack ls\` and \`pulumi stack export\` in this
                        folder, and never take a resource another stack of the backend tracks.
                        none: do not look at other stacks.
  -h, --help            Show this text.

It reads the API key and URL from BLUEJAY_API_KEY and BLUEJAY_API_URL.
Exit codes: 0 repaired; 1 some creates were left pending (each is named, with why); 2 it failed.`;

/** The stack an export belongs to, from its stack resource's URN (`urn:pulumi:<stack>::…`). */
function stackOf(state: unknown): string | undefined {
  const resources =
    (state as { deployment?: { resources?: { urn?: unknown }[] } }).deployment?.resources ?? [];
  const urn = resources.map((r) => r.urn).find((u): u is string => typeof u === "string");
  return urn?.match(/^urn:pulumi:([^:]+)::/)?.[1];
}

/** Every resource the backend's other stacks track, as `type:id`; undefined when pulumi cannot tell. */
function trackedByOtherStacks(self: string | undefined): Set<string> | undefined {
  const pulumi = (args: string[]) =>
    execFileSync("pulumi", args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  try {
    const stacks = JSON.parse(pulumi(["stack", "ls", "--json"])) as { name: string }[];
    const tracked = new Set<string>();
    for (const { name } of stacks) {
      if (self !== undefined && (name === self || name.endsWith(`/${self}`))) continue;
      const exported = JSON.parse(pulumi(["stack", "export", "--stack", name])) as {
        deployment?: { resources?: { type: string; id?: string }[] };
      };
      for (const r of exported.deployment?.resources ?? []) if (r.id) tracked.add(trackingKey(r.type, r.id));
    }
    return tracked;
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(`Could not read the backend's other stacks (${why}); matching without them.`);
    return undefined;
  }
}

function outcome(p: PendingCreate): string {
  if (p.leftPending) return `left pending: ${p.leftPending}`;
  if (p.id) return `created ${p.id}; recorded in state`;
  if (p.candidates.length === 0) return "never reached Bluejay; dropped, the next `pulumi up` creates it";
  return `matches several of them in Bluejay (${p.candidates.join(", ")}); left pending: delete the extras in Bluejay and run again`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      in: { type: "string" },
      out: { type: "string", default: "repaired.json" },
      "other-stacks": { type: "string", default: "auto" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values["other-stacks"] !== "auto" && values["other-stacks"] !== "none") {
    console.error(`--other-stacks must be auto or none (got ${values["other-stacks"]}).\n\n${USAGE}`);
    return 2;
  }
  const text = fs.readFileSync(values.in ?? 0, "utf8");
  if (text.trim() === "") {
    console.error(`No exported state on ${values.in ?? "standard input"}.\n\n${USAGE}`);
    return 2;
  }
  const exported = JSON.parse(text) as unknown;
  const trackedElsewhere =
    values["other-stacks"] === "auto" ? trackedByOtherStacks(stackOf(exported)) : undefined;
  const client = new BluejayClient(resolveClientOptions(undefined));
  try {
    const { state, pending } = await repairPendingCreates(
      exported,
      client,
      trackedElsewhere ? { trackedElsewhere } : {},
    );
    for (const p of pending) console.error(`${p.urn}: ${outcome(p)}`);
    if (pending.length === 0) console.error("No pending creates of Bluejay resources in this state.");
    fs.writeFileSync(values.out, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    // A file that already existed keeps its mode on write: make it owner-only too.
    fs.chmodSync(values.out, 0o600);
    console.error(
      `Wrote ${values.out}, readable by you alone: it holds the stack's secrets in plain text. ` +
        `Import it with \`pulumi stack import --file ${values.out}\`, then delete it (and the export): \`rm ${values.out}\`.`,
    );
    return pending.some((p) => p.candidates.length > 1 || p.leftPending) ? 1 : 0;
  } finally {
    client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`pulumi-bluejay-recover: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
