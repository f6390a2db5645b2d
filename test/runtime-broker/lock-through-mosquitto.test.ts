/**
 * The smart-lock API served through a real Mosquitto started by the test, with a password file and an ACL
 * that confines each lock to `clients/<its id>/…`: the server is the broker-connected transport running the
 * same handlers as the embedded endpoint, two locks run side by side, and neither can read the other's
 * replies or publish as the other. With one shared reply topic (what every API got before dialects), the
 * second lock's subscriber would have received the first lock's answers.
 */
import { describe, expect, it } from "vitest";
import {
  accept,
  MqttBrokerServer,
  reply,
  StatusError,
  type ServerHandler,
  type ServerHandlerContext,
} from "../../src/runtime/index.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { LOCK_FLEET_ACL, LOCK_FLEET_USERS } from "../support/lock-fleet-broker.js";
import { recordingClient } from "../support/recording-client.js";
import { mosquittoWithUsersSkipReason, startMosquitto, type Mosquitto } from "../support/mosquitto.js";
import { connectClient, onCleanup, quietLogger } from "../runtime-dialects/support.js";


async function broker(): Promise<Mosquitto> {
  const started = await startMosquitto({ users: LOCK_FLEET_USERS, acl: LOCK_FLEET_ACL });
  onCleanup(() => started.stop());
  return started;
}

async function lockService(url: string, handlers: Record<string, ServerHandler>): Promise<MqttBrokerServer> {
  const server = new MqttBrokerServer({
    api: lockFleetApi,
    handlers,
    broker: { url, clientId: "lock-service", username: "lock-service", password: LOCK_FLEET_USERS["lock-service"] },
    logger: quietLogger,
  });
  await server.start();
  onCleanup(() => server.close());
  return server;
}

const lock = (url: string, clientId: "lock1" | "lock2", prepare?: Parameters<typeof connectClient>[1]) =>
  connectClient(
    {
      api: lockFleetApi,
      url,
      clientId,
      credentials: { method: "username-password", username: clientId, password: LOCK_FLEET_USERS[clientId] },
    },
    prepare,
  );

const spy = (url: string, user: "lock1" | "lock2") => recordingClient(url, user, LOCK_FLEET_USERS[user], onCleanup);

const handlers = (calls: ServerHandlerContext[] = []): Record<string, ServerHandler> => ({
  "get-lock-state": (_message, context) => {
    calls.push(context);
    return {
      payload: JSON.stringify({ locked: context.clientId === "lock1", battery: Number(context.parameters.slot) }),
    };
  },
  "set-access-code": () => ({ userProperties: { "code-version": "1" } }),
  "report-event": (_message, context) => void calls.push(context),
});

describe.skipIf(mosquittoWithUsersSkipReason() !== undefined)("the lock API through Mosquitto with an ACL", () => {
  it("answers two locks side by side, each on its own reply topic, with the requester taken from the topic", async () => {
    const { url } = await broker();
    const calls: ServerHandlerContext[] = [];
    await lockService(url, handlers(calls));
    const [lock1, lock2] = await Promise.all([lock(url, "lock1"), lock(url, "lock2")]);
    const ask = (client: typeof lock1, slot: number) =>
      client
        .request("get-lock-state", { parameters: { slot } })
        .then((response) => JSON.parse(response.payload.toString()));
    const slots = Array.from({ length: 20 }, (_, i) => i + 1);
    const [answers1, answers2] = await Promise.all([
      Promise.all(slots.map((slot) => ask(lock1, slot))),
      Promise.all(slots.map((slot) => ask(lock2, slot))),
    ]);
    expect(answers1).toEqual(slots.map((slot) => ({ locked: true, battery: slot })));
    expect(answers2).toEqual(slots.map((slot) => ({ locked: false, battery: slot })));
    expect(calls.filter((call) => call.clientId === "lock1")).toHaveLength(20);
    expect(calls.every((call) => call.parameters.clientId === call.clientId)).toBe(true);
  });

  it("keeps one lock's replies from another that subscribes to everything it can", async () => {
    const { url } = await broker();
    await lockService(url, handlers());
    const lock1 = await lock(url, "lock1");
    // lock2 as a plain client: its own prefix, the other's, and every topic. Mosquitto grants the filters
    // and checks each message against the ACL as it delivers it.
    const other = await spy(url, "lock2");
    await other.client.subscribeAsync({
      "clients/lock2/replies/#": { qos: 0 },
      "clients/lock1/replies/#": { qos: 0 },
      "clients/+/replies/#": { qos: 0 },
      "#": { qos: 0 },
    });
    const answer = await lock1.request("get-lock-state", { parameters: { slot: 5 } });
    expect(JSON.parse(answer.payload.toString())).toEqual({ locked: true, battery: 5 });
    // A request of lock2's own settles that nothing for lock1 was queued ahead of it.
    other.client.publish("clients/lock2/locks/1/state/get", "", {
      qos: 0,
      properties: { responseTopic: "clients/lock2/replies/mine", correlationData: Buffer.from("c") },
    });
    await expect.poll(() => other.received).toContain('clients/lock2/replies/mine {"locked":false,"battery":1}');
    expect(other.received.filter((message) => !message.startsWith("clients/lock2/"))).toEqual([]);
  });

  it("refuses a lock that publishes as another (PUBACK 0x87 from the broker), and one that directs a reply to another's prefix", async () => {
    const { url } = await broker();
    const calls: ServerHandlerContext[] = [];
    await lockService(url, handlers(calls));
    const victim = await spy(url, "lock1");
    await victim.client.subscribeAsync("clients/lock1/replies/#", { qos: 0 });
    const intruder = await spy(url, "lock2");
    const forged = intruder.client.publishAsync("clients/lock1/events", '{"kind":"tamper","at":1}', {
      qos: 1,
      properties: { userProperties: { "event-kind": "tamper" } },
    });
    await expect(forged).rejects.toMatchObject({ code: 0x87 });
    // Its own topic, but the reply aimed under lock1's prefix: the server refuses to send it there.
    intruder.client.publish("clients/lock2/locks/1/state/get", "", {
      qos: 0,
      properties: { responseTopic: "clients/lock1/replies/get-lock-state", correlationData: Buffer.from("x") },
    });
    // Then a request of its own, answered: everything before it has been handled.
    await intruder.client.subscribeAsync("clients/lock2/replies/#", { qos: 0 });
    intruder.client.publish("clients/lock2/locks/2/state/get", "", {
      qos: 0,
      properties: { responseTopic: "clients/lock2/replies/ok", correlationData: Buffer.from("y") },
    });
    await expect.poll(() => intruder.received).toHaveLength(1);
    expect(victim.received).toEqual([]);
    expect(calls.map((call) => call.clientId)).toEqual(["lock2"]);
  });

  it("takes telemetry with the sender from its topic, and makes commands and requests to one lock", async () => {
    const { url } = await broker();
    const calls: ServerHandlerContext[] = [];
    const server = await lockService(url, handlers(calls));
    const unlocked: unknown[] = [];
    const lock1 = await lock(url, "lock1", (client) => {
      client.onAck("unlock", (message) => {
        unlocked.push(message.parameters);
        return accept();
      });
      client.onRequest("read-diagnostics", (message) =>
        reply({ lineCount: 2 }, `diag ${String(message.parameters.section)}`),
      );
    });
    await lock1.publish("report-event", { properties: { eventKind: "door" }, payload: '{"kind":"opened","at":7}' });
    await expect.poll(() => calls.map((call) => call.clientId)).toEqual(["lock1"]);
    const delivered = await server.deliver(
      "lock1",
      "unlock",
      { payload: '{"seconds":3}' },
      { parameters: { slot: 4 } },
    );
    expect(delivered).toMatchObject({ outcome: "accepted", attempts: 1 });
    await expect.poll(() => unlocked).toEqual([{ clientId: "lock1", slot: 4 }]);
    const diagnostics = await server.request("lock1", "read-diagnostics", {}, { parameters: { section: "radio" } });
    expect(diagnostics.payload.toString()).toBe("diag radio");
    expect(diagnostics.userProperties).toEqual({ "line-count": "2" });
    // Nobody is subscribed for lock2: the broker says so, and the service fails with the API's status for it.
    const nobody = server.deliver("lock2", "unlock", { payload: '{"seconds":3}' }, { parameters: { slot: 1 } });
    await expect(nobody).rejects.toBeInstanceOf(StatusError);
    await expect(nobody).rejects.toMatchObject({ status: "lock-offline" });
  });
});
