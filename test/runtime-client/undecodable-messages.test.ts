/**
 * A server→client message-ack message that does not decode (a topic level not of its type, a payload that
 * breaks its schema, a property that does not read as its type) gets the API's bad-request outcome on its
 * PUBACK, as the server answers such a request (docs/protocol.md#messages-that-do-not-decode): the status's
 * reason code, the dialect's status property where it has one, and the reason. A scripted server over real
 * TCP sends the messages and reads the PUBACKs as they are on the wire.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { IPublishPacket } from "mqtt-packet";
import { iothubApi } from "../../generated/iothub/api.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { DeviceClient, defineApi, type ApiTable, type DeviceClientOptions } from "../../src/runtime/index.js";
import { ScriptedServer, type ScriptedConnection } from "../support/scripted-server.js";
import { clientOptions } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A scripted server and a client of `api` whose handlers of every message-ack operation only count calls:
 * no undecodable message may reach them.
 */
async function connect(options: (server: ScriptedServer) => DeviceClientOptions) {
  const server = await ScriptedServer.start();
  cleanups.push(() => server.close());
  const settings = options(server);
  const client = new DeviceClient(settings);
  const { api } = settings;
  cleanups.push(() => client.close());
  const problems: string[] = [];
  client.on("error", (error) => problems.push(error.message));
  let handled = 0;
  for (const operation of api.operations) {
    if (operation.direction === "server-to-client" && operation.interaction === "message-ack")
      client.onAck(operation.id, () => void (handled += 1));
  }
  await client.connect();
  const connection = server.connections[0] as ScriptedConnection;
  /** Sends a QoS 1 PUBLISH and returns the PUBACK that answers it. */
  const send = async (messageId: number, topic: string, payload: string, properties: IPublishPacket["properties"]) => {
    connection.send({ cmd: "publish", topic, qos: 1, messageId, dup: false, retain: false, payload, properties });
    return server.waitFor("puback", { where: (packet) => packet.messageId === messageId });
  };
  return { send, problems, handled: () => handled };
}

/** A lock client of `api` on the scripted server. */
const lockOptions =
  (api: ApiTable) =>
  (server: ScriptedServer): DeviceClientOptions => ({
    api,
    url: server.url,
    clientId: "lock1",
    credentials: {
      method: "username-password",
      username: "lock1",
      password: "pw",
    },
    reconnectPeriodMs: 20,
  });

describe("a message-ack message that does not decode gets the API's bad-request outcome on its PUBACK", () => {
  it("mqtt5 dialect with a status property (lock fleet): 131, lock-status bad-request, lock-reason", async () => {
    const lock = await connect(lockOptions(lockFleetApi));
    const cases = [
      {
        topic: "clients/lock1/commands/unlock/left",
        payload: '{"seconds":5}',
        reason: 'topic level {slot}: not a u32: "left"',
      },
      {
        topic: "clients/lock1/commands/unlock/2",
        payload: '{"seconds":0}',
        reason: "payload $.seconds: must be >= 1",
      },
      {
        topic: "clients/lock1/commands/unlock/2",
        payload: "open",
        reason: expect.stringMatching(/^payload is not JSON: /),
      },
    ];
    for (const [index, { topic, payload, reason }] of cases.entries()) {
      const puback = await lock.send(index + 1, topic, payload, undefined);
      expect(puback.reasonCode).toBe(131);
      expect(puback.properties).toEqual({
        userProperties: { "lock-status": "bad-request", "lock-reason": reason },
      });
    }
    expect(lock.handled()).toBe(0);
    expect(lock.problems).toHaveLength(cases.length);
    // A message that decodes still reaches the handler and is accepted: the client was not disturbed.
    const accepted = await lock.send(9, "clients/lock1/commands/unlock/2", '{"seconds":5}', undefined);
    expect(accepted.reasonCode ?? 0).toBe(0);
    expect(lock.handled()).toBe(1);
  });

  it("mqtt5 dialect without statuses: the bare reason code 131 and the reason as the Reason String", async () => {
    // Without a status property a reply could not carry a failure, so the table keeps only the messages.
    const bare = defineApi({
      ...lockFleetApi,
      dialect: { ...lockFleetApi.dialect, outcome: {}, runtimeStatuses: {} },
      operations: lockFleetApi.operations.filter((operation) => operation.interaction !== "request-response"),
    });
    const lock = await connect(lockOptions(bare));
    const puback = await lock.send(1, "clients/lock1/commands/unlock/2", '{"seconds":0}', undefined);
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties).toEqual({
      reasonString: "payload $.seconds: must be >= 1",
    });
    expect(lock.handled()).toBe(0);
  });

  // docs/protocol.md#command-acknowledgments: the same wire as a reject.
  it("IoT Hub dialect: 131 with status 0100 and reason", async () => {
    const hub = await connect((server) => clientOptions(server, { api: iothubApi }));
    const puback = await hub.send(1, "$iothub/commands", "reboot", {
      userProperties: {
        "sequence-no": "twelve",
        "enqueued-time": "1700000000000",
        "delivery-count": "1",
      },
    });
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties).toEqual({
      userProperties: {
        status: "0100",
        reason: 'property sequence-no: not a u64: "twelve"',
      },
    });
    expect(hub.handled()).toBe(0);
    expect(hub.problems).toEqual([puback.properties?.userProperties?.reason]);
  });
});
