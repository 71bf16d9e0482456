// The provider process's warning: inside Pulumi's dynamic-provider host it is one `Log` call to the
// engine, at warning severity, as a program's `pulumi.log.warn` makes it; anywhere else, or when the
// engine cannot be reached, a `warning:` line on standard error.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogSeverity, type LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { engineWarning } from "../../../provider/dynamic/notice";
import { closedPort } from "../../helpers/emulator";

/** The script Pulumi runs as the dynamic-provider host, from this repo's SDK. */
const HOST = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");

/** Runs `work` with the process's arguments as the host's (`node <host> <engine>`), and stderr captured. */
async function asHost(engine: string | undefined, work: () => Promise<void>): Promise<string[]> {
  const argv = process.argv;
  const written: string[] = [];
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  if (engine !== undefined) process.argv = [argv[0]!, HOST, engine];
  try {
    await work();
  } finally {
    process.argv = argv;
    stderr.mockRestore();
  }
  return written;
}

describe("engineWarning", () => {
  test("in the dynamic-provider host, it is one Log call to the engine at warning severity, nothing on stderr", async () => {
    const received: { severity: number; message: string }[] = [];
    const server = new grpc.Server();
    server.addService(EngineService, {
      log: (call: grpc.ServerUnaryCall<LogRequest, Empty>, done: grpc.sendUnaryData<Empty>) => {
        received.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
        done(null, new Empty());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    try {
      const written = await asHost(`127.0.0.1:${port}`, () => engineWarning("Look out."));

      expect(received).toEqual([{ severity: LogSeverity.WARNING, message: "Look out." }]);
      expect(written).toEqual([]);
    } finally {
      server.forceShutdown();
    }
  });

  test("in the host, with no engine answering, it falls back to a warning line on stderr", async () => {
    const written = await asHost(`127.0.0.1:${await closedPort()}`, () => engineWarning("Look out."));

    expect(written).toEqual(["warning: Look out.\n"]);
  });

  test("outside the host (a test, a script), it is a warning line on stderr", async () => {
    const written = await asHost(undefined, () => engineWarning("Look out."));

    expect(written).toEqual(["warning: Look out.\n"]);
  });
});
