#!/usr/bin/env node
// `npm run emulator -- --port 8080 [--data-file communities.json] [--api-key KEY]... [--chaos 0.1]`
import { parseArgs } from "util";
import { BluejayEmulator } from "./server";

const USAGE = `Usage: npm run emulator -- [--port N] [--host H] [--api-key KEY]... [--data-file FILE] [--chaos RATE] [--seed N]

Serves Bluejay's six Communities operations on http://HOST:PORT (default 127.0.0.1, port 8080).
It accepts the API keys given with --api-key, or else the one in BLUEJAY_API_KEY.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      "api-key": { type: "string", multiple: true },
      "data-file": { type: "string" },
      chaos: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number from 0 to 65535.`);
  const keys = values["api-key"] ?? (process.env.BLUEJAY_API_KEY ? [process.env.BLUEJAY_API_KEY] : []);
  if (keys.length === 0) {
    fail(
      "No API key to accept: set BLUEJAY_API_KEY (e.g. BLUEJAY_API_KEY=dev-key npm run emulator) or pass --api-key.",
    );
  }
  const rate = values.chaos === undefined ? undefined : Number(values.chaos);
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) fail("--chaos must be a probability from 0 to 1.");

  const emulator = await BluejayEmulator.start({
    apiKeys: keys,
    port,
    host: values.host!,
    ...(values["data-file"] ? { dataFile: values["data-file"] } : {}),
    ...(rate === undefined ? {} : { chaos: { rate, seed: Number(values.seed ?? 1) } }),
  });
  console.log(`Bluejay emulator listening on ${emulator.url}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function fail(message: string): never {
  console.error(`bluejay emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(`bluejay emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
