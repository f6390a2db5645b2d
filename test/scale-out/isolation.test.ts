/**
 * Isolation under the ACL `mosquittoAcl` derives, with the workers in a shared-subscription group: a lock
 * cannot read another's replies (through plain or shared filters), cannot publish as another (the broker
 * refuses with 0x87), and behind gateways no device credential can write the internal topics the workers
 * trust. (What Mosquitto 2.0's ACL file cannot prevent, a device joining the workers' request group and
 * so swallowing a share of the requests, is in the README with its remedies.)
 */
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { createWorker, type ServerHandler } from "../../src/runtime/index.js";
import { iothubApi } from "../../generated/iothub/api.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { recordingClient } from "../support/recording-client.js";
import { mosquittoWithUsersSkipReason } from "../support/mosquitto.js";
import { connectClient, quietLogger } from "../runtime-dialects/support.js";
import { onCleanup, startBroker, PROCESS_TEST_TIMEOUT } from "./support.js";

const USERS = { "lock-service": "svc-pw", lock1: "pw-1", lock2: "pw-2" };

const handlers: Record<string, ServerHandler> = {
  "get-lock-state": (_message, context) => ({
    payload: JSON.stringify({ locked: context.clientId === "lock1", battery: 50 }),
  }),
  "set-access-code": () => ({ userProperties: { "code-version": "1" } }),
  "report-event": () => undefined,
};

const plainClient = (url: string, user: "lock1" | "lock2") => recordingClient(url, user, USERS[user], onCleanup);

describe.skipIf(mosquittoWithUsersSkipReason() !== undefined)("isolation with workers in a group", () => {
  it("keeps a lock from another's replies, even through shared filters, and from publishing as it", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const broker = await startBroker(lockFleetApi, USERS, { through: "broker", workerUser: "lock-service" });
    for (const id of ["worker-1", "worker-2"]) {
      const worker = await createWorker({
        api: lockFleetApi,
        handlers,
        broker: { url: broker.url, clientId: id, username: "lock-service", password: USERS["lock-service"] },
        group: "locks",
        logger: quietLogger,
      });
      onCleanup(() => worker.close());
    }
    const lock1 = await connectClient({
      api: lockFleetApi,
      url: broker.url,
      clientId: "lock1",
      credentials: { method: "username-password", username: "lock1", password: USERS.lock1 },
    });
    const intruder = await plainClient(broker.url, "lock2");
    await intruder.client.subscribeAsync({
      "clients/lock1/replies/#": { qos: 0 },
      "clients/+/replies/#": { qos: 0 },
      "$share/locks/clients/+/replies/#": { qos: 0 },
      "#": { qos: 0 },
    });
    for (let slot = 1; slot <= 10; slot++) {
      const answer = await lock1.request("get-lock-state", { parameters: { slot } });
      expect(JSON.parse(answer.payload.toString())).toEqual({ locked: true, battery: 50 });
    }
    // A request of its own, answered: whatever it could have overheard of lock1's would have come first.
    intruder.client.publish("clients/lock2/locks/3/state/get", "", {
      qos: 0,
      properties: { responseTopic: "clients/lock2/replies/mine", correlationData: Buffer.from("c") },
    });
    await expect.poll(() => intruder.received).toContain('clients/lock2/replies/mine {"locked":false,"battery":50}');
    expect(intruder.received.filter((message) => !message.startsWith("clients/lock2/"))).toEqual([]);
    // Last: MQTT.js 5.16 closes the connection when it publishes again after a refused QoS 1 PUBLISH.
    const forged = intruder.client.publishAsync("clients/lock1/events", '{"kind":"tamper","at":1}', {
      qos: 1,
      properties: { userProperties: { "event-kind": "tamper" } },
    });
    await expect(forged).rejects.toMatchObject({ code: 0x87 });
  });

  it("keeps device credentials off the internal topics gateways and workers trust", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const users = { "hub-gateway": "gw-pw", "hub-worker": "wk-pw", lock1: "pw-1" };
    const config = { through: "gateways", workerUser: "hub-worker", gatewayUser: "hub-gateway" } as const;
    const broker = await startBroker(iothubApi, users, config);
    // Each on a connection of its own: MQTT.js 5.16 closes the connection when it publishes again after a
    // refused QoS 1 PUBLISH.
    const refusals = [
      "mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/dev2/up/send-telemetry",
      "mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/dev2/down/receive-commands",
      "mqttgen/iot-hub-data-plane-mqtt-5-api-reference/servers/gateway-1/replies",
    ].map(async (topic, index) => {
      const device = await mqtt.connectAsync(broker.url, {
        protocolVersion: 5,
        clientId: `dev${index + 1}`,
        username: "lock1",
        password: users.lock1,
        reconnectPeriod: 0,
      });
      onCleanup(() => device.endAsync());
      return device.publishAsync(topic, "{}", { qos: 1 }).then(
        () => `${topic} accepted`,
        (error: { code?: number }) => `${topic} refused ${error.code}`,
      );
    });
    expect(await Promise.all(refusals)).toEqual([
      "mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/dev2/up/send-telemetry refused 135",
      "mqttgen/iot-hub-data-plane-mqtt-5-api-reference/devices/dev2/down/receive-commands refused 135",
      "mqttgen/iot-hub-data-plane-mqtt-5-api-reference/servers/gateway-1/replies refused 135",
    ]);
  });
});
