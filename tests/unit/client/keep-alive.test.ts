// Reused connections: the client lets an idle keep-alive socket go before the server does, so no
// request is sent on a connection the server is closing. uvicorn, the usual server of a FastAPI app
// such as Bluejay, closes idle connections after 5 s, and so does the emulator; a create sent on such
// a connection is reset, and its outcome is unknown. These tests wait out real idle time: each takes
// 4 to 6 s.
import * as net from "net";
import { BluejayClient } from "../../../provider/client";
import { TEST_API_KEY, useEmulator } from "../../helpers/emulator";

const fx = useEmulator();

/** Blocks this process (the emulator's event loop too) until `time`. */
function blockUntil(time: number): void {
  while (Date.now() < time) {
    // Nothing: the point is that no I/O is read meanwhile.
  }
}

describe("keep-alive", () => {
  test("a create sent as the server closes a connection idle for 5 s goes on a fresh connection, not the closing one", async () => {
    const client = fx.client();
    await client.listCommunities();
    const idleSince = Date.now();

    // The emulator closes the idle connection about 5 s after its answer. Blocking the event loop
    // across that moment makes the race certain: Node then runs the due timers in order (the
    // server's close, then the one that sends the create) before it reads any socket, so the client
    // has not seen the server's FIN, as when the FIN is still on the wire. A client still holding
    // the socket sends the create on it and is reset.
    await new Promise<void>((resolve) => {
      setTimeout(() => blockUntil(idleSince + 5_500), 4_500);
      setTimeout(resolve, 5_300);
    });
    const created = await client.createCommunity({ title: "After an idle spell" });

    expect(created.title).toBe("After an idle spell");
    expect(fx.emulator.writes.map((r) => r.status)).toEqual([200]);
    expect(fx.emulator.communities()).toHaveLength(1);
  });

  test("with a server that names no keep-alive time, as uvicorn does, the client lets an idle socket go within 5 s", async () => {
    const body = JSON.stringify({ communities: [], total_count: 0 });
    let answeredAt = 0;
    let clientClosedAt: number | undefined;
    const server = net.createServer((socket) => {
      socket.on("error", () => undefined);
      socket.once("data", () => {
        // An answer without a Keep-Alive header, as uvicorn sends.
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
        answeredAt = Date.now();
      });
      socket.once("end", () => {
        clientClosedAt = Date.now();
        socket.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const client = new BluejayClient({ apiKey: TEST_API_KEY, baseUrl: `http://127.0.0.1:${port}` });
    try {
      await client.listCommunities();
      const deadline = Date.now() + 6_000;
      while (clientClosedAt === undefined && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      expect(clientClosedAt).toBeDefined();
      expect(clientClosedAt! - answeredAt).toBeLessThan(5_000);
    } finally {
      client.close();
      server.close();
    }
  });

  test("an answer slower than the idle-socket time still arrives on a reused connection", async () => {
    const client = fx.client();
    await client.listCommunities();
    fx.emulator.injectFault({ method: "GET", delayMs: 4_500 });

    await expect(client.listCommunities()).resolves.toEqual({ communities: [], totalCount: 0 });

    expect(fx.emulator.requests.map((r) => r.status)).toEqual([200, 200]);
  });
});
