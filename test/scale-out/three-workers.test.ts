/**
 * Three workers of the lock API, each a process of its own, in one shared-subscription group on a real
 * Mosquitto: 1,000 requests of one lock are spread over them, each answered once, on the lock's own reply
 * topic, with its own Correlation Data.
 */
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { mosquittoWithUsersSkipReason } from "../support/mosquitto.js";
import { onCleanup, startBroker, startLockWorker, PROCESS_TEST_TIMEOUT } from "./support.js";

const USERS = { "lock-service": "svc-pw", lock1: "pw-1" };
const REQUESTS = 1000;
const IN_FLIGHT = 100;

describe.skipIf(mosquittoWithUsersSkipReason() !== undefined)("three workers sharing the lock API", () => {
  it("answers 1,000 requests once each, spread over all three, with the requester's correlation", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const broker = await startBroker(lockFleetApi, USERS, { through: "broker", workerUser: "lock-service" });
    const env = { BROKER_URL: broker.url, BROKER_PASSWORD: USERS["lock-service"] };
    const workers = await Promise.all(
      ["worker-1", "worker-2", "worker-3"].map((id) => startLockWorker({ ...env, WORKER_ID: id })),
    );

    const lock = await mqtt.connectAsync(broker.url, {
      protocolVersion: 5,
      clientId: "lock1",
      username: "lock1",
      password: USERS.lock1,
      reconnectPeriod: 0,
    });
    onCleanup(() => lock.endAsync());
    const replies = new Map<number, { battery: number; servedBy: unknown; topic: string }[]>();
    let answered = 0;
    let wake: () => void = () => undefined;
    lock.on("message", (topic, payload, packet) => {
      const id = packet.properties?.correlationData?.readUInt32BE(0) ?? -1;
      const list = replies.get(id) ?? [];
      if (list.length === 0) answered++;
      list.push({
        battery: (JSON.parse(payload.toString()) as { battery: number }).battery,
        servedBy: packet.properties?.userProperties?.["served-by"],
        topic,
      });
      replies.set(id, list);
      wake();
    });
    await lock.subscribeAsync("clients/lock1/replies/#", { qos: 0 });

    for (let id = 0; id < REQUESTS; id++) {
      while (id - answered >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      const correlationData = Buffer.alloc(4);
      correlationData.writeUInt32BE(id);
      lock.publish(`clients/lock1/locks/${id + 1}/state/get`, "", {
        qos: 0,
        properties: { correlationData, responseTopic: "clients/lock1/replies/get-lock-state" },
      });
    }
    await expect.poll(() => answered, { timeout: 90_000 }).toBe(REQUESTS);
    // Anything answered twice would have arrived by the time the workers are closed.
    await Promise.all(workers.map((worker) => worker.stop()));

    const ids = Array.from({ length: REQUESTS }, (_, id) => id);
    expect([...replies.keys()].sort((a, b) => a - b)).toEqual(ids);
    for (const id of ids) {
      expect(replies.get(id)).toEqual([
        {
          battery: (id + 1) % 101,
          servedBy: expect.stringMatching(/^worker-[123]$/),
          topic: "clients/lock1/replies/get-lock-state",
        },
      ]);
    }
    const servedBy = new Map<unknown, number>();
    for (const [reply] of replies.values()) servedBy.set(reply?.servedBy, (servedBy.get(reply?.servedBy) ?? 0) + 1);
    expect([...servedBy.keys()].sort()).toEqual(["worker-1", "worker-2", "worker-3"]);
    // Each request ran its handler once, in one worker: the correlations the workers report, all together.
    const served = workers.flatMap((worker) => worker.lines.filter((line) => line.startsWith("served ")));
    expect(served).toHaveLength(REQUESTS);
    expect(new Set(served).size).toBe(REQUESTS);
    for (const [index, worker] of workers.entries()) {
      const id = `worker-${index + 1}`;
      expect(worker.lines.filter((line) => line.startsWith("served ")).length).toBe(servedBy.get(id));
    }
  });
});
