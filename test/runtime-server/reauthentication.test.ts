import type { IAuthPacket } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { acceptConnection } from "../../src/runtime/index.js";
import { DEVICE_KEY, connected, independentSas, sasConnect, startEndpoint } from "./fixture.js";

function reauth(clientId: string, key: string): IAuthPacket {
  const at = String(Date.now());
  const expiry = String(Date.now() + 60 * 60_000);
  return {
    cmd: "auth",
    reasonCode: 0x19,
    properties: {
      authenticationMethod: "SAS",
      authenticationData: independentSas(key, clientId, at, expiry),
      userProperties: { "sas-at": at, "sas-expiry": expiry },
    },
  };
}

describe("re-authentication and credential lapse (docs/protocol.md#re-authentication, #disconnect)", () => {
  it("answers a valid AUTH 0x19 with AUTH 0x00", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(reauth("dev1", DEVICE_KEY));
    const auth = await client.next("auth");
    expect(auth.reasonCode).toBe(0);
    expect(auth.properties?.authenticationMethod).toBe("SAS");
  });

  it("disconnects with 0x87 when the new signature is wrong", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port);
    client.send(reauth("dev1", Buffer.from("wrong key").toString("base64")));
    const disconnect = await client.next("disconnect");
    expect(disconnect.reasonCode).toBe(0x87);
    expect(disconnect.properties?.userProperties?.status).toBe("0101");
  });

  it("disconnects with 0x87 when the credential lapses without re-authentication", async () => {
    const { port } = await startEndpoint({ authenticate: () => acceptConnection(Date.now() + 100) });
    const { client } = await connected(port);
    expect((await client.next("disconnect")).reasonCode).toBe(0x87);
  });
});

describe("what the client asked of the server's packets (MQTT 5 §3.1.2.11)", () => {
  it("sends acknowledgments without user properties when Request Problem Information is 0", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port, "dev1", {
      properties: { ...sasConnect().properties, requestProblemInformation: false },
    });
    client.send({
      cmd: "publish",
      topic: "$iothub/nowhere",
      qos: 1,
      messageId: 1,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
    });
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties?.userProperties).toBeUndefined();
  });

  it("drops user properties from the end to fit the client's Maximum Packet Size, keeping status", async () => {
    const { port } = await startEndpoint();
    const { client } = await connected(port, "dev1", {
      properties: { ...sasConnect().properties, maximumPacketSize: 24 },
    });
    client.send({
      cmd: "publish",
      topic: "$iothub/nowhere",
      qos: 1,
      messageId: 1,
      dup: false,
      retain: false,
      payload: Buffer.alloc(0),
    });
    const puback = await client.next("puback");
    expect(puback.reasonCode).toBe(131);
    expect(puback.properties?.userProperties).toEqual({ status: "0504" });
  });
});
