/**
 * The principle under the endpoint (issue 8): an error while handling one connection closes that
 * connection only, with DISCONNECT 0x80, is logged once, and every other connection carries on. Here the
 * error is a handler that throws, on ClientConnections over real sockets.
 */
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ClientConnection, type ConnectionHandler } from "../../src/runtime/server/connection.js";
import { DEFAULT_SERVER_LIMITS } from "../../src/runtime/server/limits.js";
import { RawClient } from "../support/raw-client.js";
import { recordingLogger, sasConnect } from "./fixture.js";

const servers: Server[] = [];
const clients: RawClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Connections whose SUBSCRIBE handling throws, and the connections made so far. */
async function faultyServer(logger: ReturnType<typeof recordingLogger>) {
  const connections: ClientConnection[] = [];
  const handler: ConnectionHandler = {
    onConnect: (connection) => connection.accept({ sessionPresent: false, properties: {} }, 60),
    onPublish: () => {},
    onPuback: () => {},
    onSubscribe: () => {
      throw new Error("a bug in SUBSCRIBE handling");
    },
    onUnsubscribe: () => {},
    onAuth: () => {},
    onClose: () => {},
  };
  const server = createServer((socket) => {
    connections.push(
      new ClientConnection(socket, { limits: DEFAULT_SERVER_LIMITS, connectTimeoutMs: 5000, logger }, handler),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not listening");
  const connect = async (): Promise<RawClient> => {
    const client = await RawClient.open(address.port);
    clients.push(client);
    client.send(sasConnect());
    await client.next("connack");
    return client;
  };
  return { connections, connect };
}

describe("an error while handling a connection", () => {
  it("closes that connection alone with 0x80, logged once", async () => {
    const logger = recordingLogger();
    const { connect } = await faultyServer(logger);
    const bystander = await connect();
    const faulty = await connect();
    faulty.send({ cmd: "subscribe", messageId: 1, subscriptions: [{ topic: "a", qos: 0 }] });
    expect((await faulty.next("disconnect")).reasonCode).toBe(0x80);
    await faulty.closed;
    bystander.send({ cmd: "pingreq" });
    await bystander.next("pingresp");
    expect(logger.entries.filter((entry) => entry.level === "error")).toMatchObject([
      {
        message: "connection closed after an internal error",
        details: { error: { message: "a bug in SUBSCRIBE handling" } },
      },
    ]);
  });

  it("logs a later error on the same connection no more", async () => {
    const logger = recordingLogger();
    const { connect, connections } = await faultyServer(logger);
    const client = await connect();
    const connection = connections[0] as ClientConnection;
    connection.guard(() => {
      throw new Error("first");
    });
    connection.closeOnError(new Error("second"));
    await client.closed;
    expect(logger.entries.filter((entry) => entry.level === "error")).toHaveLength(1);
  });
});
