#!/usr/bin/env node
// pulumi-bluejay-recover: after an interrupted `pulumi up`, repairs the stack's state so the next
// `up` neither loses nor duplicates resources whose creation was in flight:
//
//   pulumi cancel --yes                  # only if the killed run still holds the stack's lock
//   pulumi stack export --show-secrets > state.json   # secret inputs are needed to match them
//   BLUEJAY_API_KEY=$(pulumi config get bluejay:apiKey) npx pulumi-bluejay-recover < state.json > repaired.json
//   pulumi stack import --file repaired.json
//   pulumi up
import * as fs from "fs";
import { BluejayClient } from "./client";
import { resolveClientOptions } from "./config";
import { repairPendingCreates } from "./recovery";

async function main(): Promise<number> {
  const exported = JSON.parse(fs.readFileSync(0, "utf8")) as unknown;
  const client = new BluejayClient(resolveClientOptions(undefined));
  try {
    const { state, pending } = await repairPendingCreates(exported, client);
    for (const p of pending) {
      const outcome = p.leftPending
        ? `left pending: ${p.leftPending}`
        : p.id
          ? `created ${p.id}; recorded in state`
          : p.candidates.length === 0
            ? "never reached Bluejay; dropped, the next `pulumi up` creates it"
            : `matches several of them in Bluejay (${p.candidates.join(", ")}); left pending: delete the extras in Bluejay and run again`;
      console.error(`${p.urn}: ${outcome}`);
    }
    if (pending.length === 0) console.error("No pending creates of Bluejay resources in this state.");
    console.log(JSON.stringify(state, null, 2));
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
