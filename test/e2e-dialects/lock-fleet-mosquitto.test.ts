/**
 * The generated lock-fleet client and the generated worker (`createLockFleetWorker`) through a real
 * Mosquitto started by the test, with passwords and an ACL that confines each lock to `clients/<its id>/…`.
 * Two locks ask side by side and each gets only its own answers: each request's Response Topic lies under
 * its own client-scoped prefix. Before issue 10 every reply travelled on one shared response topic, so a
 * second client subscribed to it (as the ACL of such an API had to allow) received the first one's
 * answers, access codes included; this test would have failed then.
 */
import { describe, expect, it } from "vitest";
import { LockFleetClient } from "../../generated/lock-fleet/client.js";
import { createLockFleetWorker } from "../../generated/lock-fleet/server.js";
import { mosquittoWithUsersSkipReason, startMosquitto } from "../support/mosquitto.js";
import { LOCK_FLEET_ACL, LOCK_FLEET_USERS } from "../support/lock-fleet-broker.js";
import { recordingClient } from "../support/recording-client.js";
import { onCleanup, quietLogger } from "../runtime-dialects/support.js";


async function lock(url: string, clientId: "lock1" | "lock2"): Promise<LockFleetClient> {
  const client = new LockFleetClient({
    url,
    clientId,
    credentials: { method: "username-password", username: clientId, password: LOCK_FLEET_USERS[clientId] },
    reconnectPeriodMs: 0,
    requestTimeoutMs: 5000,
  });
  onCleanup(() => client.close());
  await client.connect();
  return client;
}

describe.skipIf(mosquittoWithUsersSkipReason() !== undefined)("lock fleet, generated client ↔ generated worker through Mosquitto", () => {
  it("answers two locks side by side on their own reply topics; neither sees the other's replies", async () => {
    const mosquitto = await startMosquitto({ users: LOCK_FLEET_USERS, acl: LOCK_FLEET_ACL });
    onCleanup(() => mosquitto.stop());
    const url = mosquitto.url;
    const worker = await createLockFleetWorker({
      handlers: {
        getLockState: (request, context) => ({ payload: { locked: context.clientId === "lock1", battery: request.parameters.slot } }),
        setAccessCode: () => ({ codeVersion: 1 }),
        reportEvent: () => undefined,
      },
      broker: { url, clientId: "lock-service", username: "lock-service", password: LOCK_FLEET_USERS["lock-service"] },
      logger: quietLogger,
    });
    onCleanup(() => worker.close());
    const [lock1, lock2] = await Promise.all([lock(url, "lock1"), lock(url, "lock2")]);
    const [one, two] = await Promise.all([lock1.getLockState({ slot: 7 }), lock2.getLockState({ slot: 9 })]);
    expect(one.payload).toEqual({ locked: true, battery: 7 });
    expect(two.payload).toEqual({ locked: false, battery: 9 });
    // lock2's credentials and client id, subscribed to every filter that could carry lock1's replies.
    await lock2.close();
    const eavesdropper = await recordingClient(url, "lock2", LOCK_FLEET_USERS.lock2, onCleanup);
    await eavesdropper.client.subscribeAsync({ "#": { qos: 0 }, "clients/+/replies/#": { qos: 0 }, "clients/lock1/replies/#": { qos: 0 } });
    expect((await lock1.getLockState({ slot: 5 })).payload).toEqual({ locked: true, battery: 5 });
    // The reply to lock1 has arrived; a copy to the eavesdropper would have been sent by then.
    await eavesdropper.client.publishAsync("clients/lock2/events", "{}", { qos: 1 }).catch(() => undefined);
    expect(eavesdropper.received.filter((line) => line.startsWith("clients/lock1/"))).toEqual([]);
  });
});
