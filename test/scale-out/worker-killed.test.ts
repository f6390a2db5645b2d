/**
 * A worker killed with SIGKILL in the middle of 1,000 QoS 1 messages, with its effects and "done" marks
 * in Redis: once its replacement (same client id, so the broker's session for it) is back, every message
 * the broker acknowledged to the lock has been handled by the application exactly once. The worker
 * kills itself right after committing an event and before acknowledging it, the window in which a
 * redelivery would otherwise repeat the effect; that event's redelivery must find its effect committed.
 */
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { mosquittoWithUsersSkipReason } from "../support/mosquitto.js";
import { redisSkipReason } from "../support/redis.js";
import { connectClient } from "../runtime-dialects/support.js";
import { onCleanup, startBroker, startLockWorker, startRedisServer, PROCESS_TEST_TIMEOUT } from "./support.js";

const USERS = { "lock-service": "svc-pw", lock1: "pw-1" };
const MESSAGES = 1000;
const KILL_AFTER_COMMITS = 150;

const skip = mosquittoWithUsersSkipReason() !== undefined || redisSkipReason() !== undefined;

describe.skipIf(skip)("a worker killed in the middle of QoS 1 messages", () => {
  it("loses none of the messages the broker accepted, and handles none twice", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const broker = await startBroker(lockFleetApi, USERS, { through: "broker", workerUser: "lock-service" });
    const redisServer = await startRedisServer();
    const redis = await createClient({ url: redisServer.url }).connect();
    onCleanup(() => redis.quit());
    const env = { BROKER_URL: broker.url, BROKER_PASSWORD: USERS["lock-service"], REDIS_URL: redisServer.url };
    const doomed = await startLockWorker({
      ...env,
      WORKER_ID: "worker-1",
      KILL_AFTER_COMMITS: String(KILL_AFTER_COMMITS),
    });
    await startLockWorker({ ...env, WORKER_ID: "worker-2" });

    const lock = await connectClient({
      api: lockFleetApi,
      url: broker.url,
      clientId: "lock1",
      credentials: { method: "username-password", username: "lock1", password: USERS.lock1 },
    });
    const sends = Array.from({ length: MESSAGES }, (_, at) =>
      lock
        .publish("report-event", {
          properties: { eventKind: "opened" },
          payload: JSON.stringify({ kind: "opened", at }),
        })
        .then(
          () => at,
          () => undefined,
        ),
    );
    expect(await doomed.exited).toBe("SIGKILL");
    const accepted = (await Promise.all(sends)).filter((at): at is number => at !== undefined);
    // Its share kept coming while it was dead: the broker holds it in the session the replacement resumes.
    const replacement = await startLockWorker({ ...env, WORKER_ID: "worker-1" });

    await expect.poll(() => redis.lLen("events"), { timeout: 90_000 }).toBeGreaterThanOrEqual(accepted.length);
    const events = (await redis.lRange("events", 0, -1)).map(Number);
    expect(accepted).toHaveLength(MESSAGES);
    expect(new Set(events).size).toBe(events.length);
    expect([...events].sort((a, b) => a - b)).toEqual(accepted);
    // The event committed just before the kill came back, found its effect committed, and was not repeated.
    const committedLast = doomed.lines.filter((line) => line.startsWith("committed ")).at(-1);
    expect(committedLast).toBeDefined();
    expect(replacement.lines).toContain(committedLast?.replace("committed", "already-committed"));
  });
});
