/**
 * The AWS IoT Device Shadow API's table through a real Mosquitto with an ACL confining each thing to
 * `$aws/things/<its name>/…`: accepted/rejected replies with clientToken correlation travel through the
 * broker to the thing that asked only, rejected codes reach it as typed errors, and `update/delta` arrives
 * at its thing only.
 */
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { MqttBrokerServer, StatusError, type DeviceClient, type ServerHandler } from "../../src/runtime/index.js";
import { awsIotShadowApi } from "../../generated/aws-iot-shadow/api.js";
import { mosquittoWithUsersSkipReason, startMosquitto } from "../support/mosquitto.js";
import { connectClient, onCleanup, quietLogger } from "../runtime-dialects/support.js";

const USERS = { "shadow-service": "svc-pw", dev1: "pw-1", dev2: "pw-2" };
const ACL = [
  "user shadow-service",
  "topic readwrite $aws/things/#",
  "topic readwrite mqttgen/aws-iot-device-shadow-mqtt-api/servers/shadow-service/#",
  "pattern readwrite $aws/things/%c/#",
];

/** The service's answers: documents the spec's schemas accept, so the things' clients take them. */
const document = (state: object) => ({ payload: JSON.stringify({ state, version: 1, timestamp: 1700000000 }) });
const deleted = () => ({ payload: JSON.stringify({ version: 1, timestamp: 1700000000 }) });
const delta = (version: number) => JSON.stringify({ state: { fan: "off" }, timestamp: 1700000000, version });

const handlers: Record<string, ServerHandler> = {
  "get-shadow": (_message, context) => {
    if (context.clientId === "dev2")
      throw new StatusError({ reasonCode: 0x83, status: "404", reason: "No shadow exists" });
    return document({ reported: { owner: context.clientId } });
  },
  "update-shadow": (message) => document((JSON.parse(message.payload.toString()) as { state: object }).state),
  "delete-shadow": deleted,
  "get-named-shadow": (_message, context) => document({ reported: { name: context.parameters.shadowName } }),
  "update-named-shadow": (message) => document((JSON.parse(message.payload.toString()) as { state: object }).state),
  "delete-named-shadow": deleted,
};

async function setUp() {
  const broker = await startMosquitto({ users: USERS, acl: ACL });
  onCleanup(() => broker.stop());
  const server = new MqttBrokerServer({
    api: awsIotShadowApi,
    handlers,
    broker: {
      url: broker.url,
      clientId: "shadow-service",
      username: "shadow-service",
      password: USERS["shadow-service"],
    },
    logger: quietLogger,
  });
  await server.start();
  onCleanup(() => server.close());
  const thing = (name: "dev1" | "dev2", prepare?: (client: DeviceClient) => void) =>
    connectClient(
      {
        api: awsIotShadowApi,
        url: broker.url,
        clientId: name,
        credentials: { method: "username-password", username: name, password: USERS[name] },
      },
      prepare,
    );
  return { broker, server, thing };
}

describe.skipIf(mosquittoWithUsersSkipReason() !== undefined)("the shadow API through Mosquitto with an ACL", () => {
  it("answers each thing on its own accepted or rejected topic, matched by clientToken", async () => {
    const { thing } = await setUp();
    const [dev1, dev2] = await Promise.all([thing("dev1"), thing("dev2")]);
    const [accepted, rejected] = await Promise.allSettled([
      dev1.request("get-shadow", {}),
      dev2.request("get-shadow", {}),
    ]);
    expect(accepted.status === "fulfilled" && JSON.parse(accepted.value.payload.toString())).toMatchObject({
      state: { reported: { owner: "dev1" } },
    });
    expect(rejected.status === "rejected" && rejected.reason).toMatchObject({
      status: "404",
      reason: "No shadow exists",
    });
    const named = await dev1.request("get-named-shadow", { parameters: { shadowName: "cabin" } });
    expect(JSON.parse(named.payload.toString())).toMatchObject({ state: { reported: { name: "cabin" } } });
    const bad = dev1.request("update-shadow", { payload: '{"state":[]}' });
    await expect(bad).rejects.toMatchObject({ status: "400", reason: "payload $.state: must be object" });
  });

  it("delivers update/delta to its thing only, and keeps another thing from reading it", async () => {
    const { server, thing, broker } = await setUp();
    const deltas: string[] = [];
    const watch = (name: string) => (client: DeviceClient) =>
      client.onMessage("receive-shadow-delta", (message) => void deltas.push(`${name} ${message.payload.toString()}`));
    await thing("dev1", watch("dev1"));
    await thing("dev2", watch("dev2"));
    const eavesdropper = await mqtt.connectAsync(broker.url, {
      protocolVersion: 5,
      clientId: "dev2-spy",
      username: "dev2",
      password: USERS.dev2,
      reconnectPeriod: 0,
    });
    onCleanup(() => eavesdropper.endAsync());
    const overheard: string[] = [];
    eavesdropper.on("message", (topic) => overheard.push(topic));
    await eavesdropper.subscribeAsync("$aws/things/+/shadow/update/delta", { qos: 0 });
    expect(server.notify("dev1", "receive-shadow-delta", { payload: delta(2) })).toBe(true);
    expect(server.notify("dev2", "receive-shadow-delta", { payload: delta(7) })).toBe(true);
    await expect.poll(() => deltas.length).toBe(2);
    expect(deltas.sort()).toEqual([`dev1 ${delta(2)}`, `dev2 ${delta(7)}`]);
    // The ACL pattern names the client id: a second connection under dev2's user name is not thing dev2, and
    // reads only its own deltas. One of those, sent last, arrives behind anything it could have overheard.
    expect(server.notify("dev2-spy", "receive-shadow-delta", { payload: delta(1) })).toBe(true);
    await expect.poll(() => overheard).toEqual(["$aws/things/dev2-spy/shadow/update/delta"]);
  });
});
