/**
 * The generated client reports what a successful PUBACK carried (docs/protocol.md#status-codes): a server over real TCP
 * acknowledges telemetry with reason code 0, status 0001 and a trace-id.
 */
import { afterEach, describe, expect, it } from "vitest";
import { IothubClient } from "../../generated/iothub/client.js";
import { ScriptedServer } from "../support/scripted-server.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("IothubClient.sendTelemetry", () => {
  it("resolves notModified with the trace-id of a PUBACK 0 carrying status 0001", async () => {
    const server = await ScriptedServer.start();
    cleanups.push(() => server.close());
    server.script = (packet, connection) => {
      if (packet.cmd !== "publish") return;
      const userProperties = { status: "0001", "trace-id": "trace-7", "x-hub": "local" };
      connection.send({
        cmd: "puback",
        messageId: packet.messageId as number,
        reasonCode: 0,
        properties: { userProperties },
      });
    };
    const client = new IothubClient({ url: server.url, host: "h", clientId: "d", credentials: { method: "none" } });
    cleanups.push(() => client.close());
    await client.connect();

    const sent = await client.sendTelemetry("unchanged");
    expect(sent.notModified).toBe(true);
    expect(sent.outcome).toEqual({
      reasonCode: 0,
      status: "0001",
      traceId: "trace-7",
      userProperties: { status: "0001", "trace-id": "trace-7", "x-hub": "local" },
    });
  });
});
