/**
 * The outcome of a successful PUBACK (docs/protocol.md#interactions, #status-codes): MQTT.js hands the publish callback the
 * stored PUBLISH on success, so the client reads the PUBACK as it came in. A real TCP server sends each
 * acknowledgment below; the client must report exactly what it carried.
 */
import type { IPubackPacket } from "mqtt-packet";
import { afterEach, describe, expect, it } from "vitest";
import { ReceivedPubacks } from "../../src/runtime/client/mqttjs-extensions.js";
import { StatusError } from "../../src/runtime/index.js";
import { connected } from "./harness.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The PUBACK the server sends for each payload. */
const PUBACKS: Record<string, Omit<IPubackPacket, "cmd" | "messageId">> = {
  "not modified": {
    reasonCode: 0,
    properties: { userProperties: { status: "0001", "trace-id": "t-ok", region: ["eu", "west"] } },
  },
  "trace only": { reasonCode: 0, properties: { userProperties: { "trace-id": "t-2" } } },
  "no subscribers": { reasonCode: 16 },
  plain: { reasonCode: 0 },
  throttled: { reasonCode: 151, properties: { userProperties: { status: "0501", "trace-id": "t-9" } } },
};

async function serverAcknowledging() {
  const session = await connected();
  cleanups.push(session.cleanup);
  session.server.script = (packet, connection) => {
    if (packet.cmd !== "publish") return;
    connection.send({ cmd: "puback", messageId: packet.messageId as number, ...PUBACKS[packet.payload.toString()] });
  };
  return session.client;
}

describe("successful PUBACKs", () => {
  it("report status 0001 as notModified, with the trace-id and every other user property", async () => {
    const client = await serverAcknowledging();
    expect(await client.publish("send-telemetry", { payload: "not modified" })).toEqual({
      notModified: true,
      outcome: {
        reasonCode: 0,
        status: "0001",
        traceId: "t-ok",
        userProperties: { status: "0001", "trace-id": "t-ok", region: ["eu", "west"] },
      },
    });
    expect(await client.publish("send-telemetry", { payload: "trace only" })).toEqual({
      notModified: false,
      outcome: { reasonCode: 0, traceId: "t-2", userProperties: { "trace-id": "t-2" } },
    });
  });

  it("report a success reason code other than 0, and a plain PUBACK as plain, between others", async () => {
    const client = await serverAcknowledging();
    const results = await Promise.all(
      ["no subscribers", "plain", "not modified", "plain"].map((payload) =>
        client.publish("send-telemetry", { payload }),
      ),
    );
    expect(results.map((r) => [r.notModified, r.outcome?.reasonCode, r.outcome?.status])).toEqual([
      [false, 16, undefined],
      [false, 0, undefined],
      [true, 0, "0001"],
      [false, 0, undefined],
    ]);
    const failure = await client.publish("send-telemetry", { payload: "throttled" }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StatusError);
    expect(failure).toMatchObject({ reasonCode: 151, status: "0501", traceId: "t-9" });
    expect(await client.publish("send-telemetry", { payload: "plain" })).toEqual({
      notModified: false,
      outcome: { reasonCode: 0, userProperties: {} },
    });
  });
});

describe("ReceivedPubacks", () => {
  const rich: IPubackPacket = {
    cmd: "puback",
    messageId: 3,
    reasonCode: 0,
    properties: { userProperties: { a: "b" } },
  };

  it("keeps a PUBACK with an outcome until its packet id takes it, once", () => {
    const pubacks = new ReceivedPubacks();
    pubacks.record(rich);
    expect(pubacks.take(4)).toBeUndefined();
    expect(pubacks.take(undefined)).toBeUndefined();
    expect(pubacks.take(3)).toBe(rich);
    expect(pubacks.take(3)).toBeUndefined();
  });

  it("lets a later plain PUBACK for the same id replace one nobody took", () => {
    const pubacks = new ReceivedPubacks();
    pubacks.record(rich);
    pubacks.record({ cmd: "puback", messageId: 3, reasonCode: 0 });
    expect(pubacks.take(3)).toBeUndefined();
    pubacks.record(rich);
    pubacks.clear();
    expect(pubacks.take(3)).toBeUndefined();
  });
});
