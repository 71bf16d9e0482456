// A warning from the provider process, shown by the Pulumi CLI as one `warning:` line of the run.
//
// Pulumi's dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) is started with the engine's
// address as its one argument but, unlike a program, never gives it to the SDK, so `pulumi.log.warn`
// there falls back to standard error, which the CLI prints as a plain message. The warning is sent
// to the engine's `Log` instead, with the host's own copy of the SDK's generated client, as a program's
// `pulumi.log.warn` sends it. Anywhere else, or if that fails, it goes to standard error.
import { createRequire } from "module";

/** Sends one warning; never fails. */
export async function engineWarning(message: string): Promise<void> {
  const address = hostEngineAddress();
  try {
    if (address) return await logToEngine(address.host, address.engine, message);
  } catch {
    // Shown all the same, as the CLI shows any line the provider writes to standard error.
  }
  process.stderr.write(`warning: ${message}\n`);
}

/** The host script and the engine's address, when this is Pulumi's dynamic-provider host. */
function hostEngineAddress(): { host: string; engine: string } | undefined {
  const [, host, engine] = process.argv;
  if (!host || !engine || !/[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(host)) return undefined;
  return /^[\w.[\]:-]+:\d+$/.test(engine) ? { host, engine } : undefined;
}

interface LogRequest {
  setSeverity(severity: number): void;
  setMessage(message: string): void;
}
interface EngineClient {
  log(
    request: LogRequest,
    metadata: unknown,
    options: { deadline: number },
    done: (error: unknown) => void,
  ): void;
  close(): void;
}

/** A `Log` call to the engine at `engine`, made with the SDK copy the host runs. */
function logToEngine(host: string, engine: string, message: string): Promise<void> {
  const load = createRequire(host);
  // The host's own copies, found from its path: the SDK's generated client and gRPC.
  const grpc = load("@grpc/grpc-js") as {
    credentials: { createInsecure(): unknown };
    Metadata: new () => unknown;
  };
  const services = load("../../proto/engine_grpc_pb") as {
    EngineClient: new (address: string, credentials: unknown) => EngineClient;
  };
  const messages = load("../../proto/engine_pb") as {
    LogRequest: new () => LogRequest;
    LogSeverity: { WARNING: number };
  };
  const request = new messages.LogRequest();
  request.setSeverity(messages.LogSeverity.WARNING);
  request.setMessage(message);
  const client = new services.EngineClient(engine, grpc.credentials.createInsecure());
  return new Promise<void>((resolve, reject) => {
    client.log(request, new grpc.Metadata(), { deadline: Date.now() + 5000 }, (error) => {
      client.close();
      if (error) reject(error instanceof Error ? error : new Error("the engine refused the warning"));
      else resolve();
    });
  });
}
