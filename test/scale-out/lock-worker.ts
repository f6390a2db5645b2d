/**
 * One worker of the lock API in a process of its own, for the scale-out tests (run with `node --import
 * tsx`). It joins group `locks` on the broker the environment names, answers `get-lock-state` with the
 * slot's battery level and a `served-by` property naming itself, and, with Redis, records each
 * `report-event` in the Redis list `events` in one transaction with the delivery's "done" mark.
 *
 * It prints `ready`, then `served <correlation hex>` per request answered, `committed <at>` or
 * `already-committed <at>` per event (nothing per message with `QUIET=1`, for the benchmark, which also
 * runs it without Redis: events are then taken and dropped). With `KILL_AFTER_COMMITS=n` it kills itself (SIGKILL) right after
 * its n-th commit, before the answer and the PUBACK: the crash window exactly-once has to survive.
 * SIGTERM closes it (leaving the group without losing what the broker queued for it).
 */
import { writeSync } from "node:fs";
import { createClient } from "redis";
import { createWorker, RedisDeliveryStore, type ServerHandler } from "../../src/runtime/index.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const say = (line: string) => writeSync(1, `${line}\n`);
const quiet = process.env.QUIET === "1";

const workerId = env("WORKER_ID");
const redis =
  process.env.REDIS_URL === undefined ? undefined : await createClient({ url: process.env.REDIS_URL }).connect();
const store = redis === undefined ? undefined : new RedisDeliveryStore(redis);
const killAfter = Number(process.env.KILL_AFTER_COMMITS ?? 0);
let commits = 0;

const handlers: Record<string, ServerHandler> = {
  "get-lock-state": (message, context) => {
    if (!quiet) say(`served ${message.correlationData?.toString("hex")}`);
    return {
      userProperties: { "served-by": workerId },
      payload: JSON.stringify({ locked: true, battery: Number(context.parameters.slot) % 101 }),
    };
  },
  "set-access-code": () => ({ userProperties: { "code-version": "1" } }),
  "report-event": async (message, context) => {
    const { at } = JSON.parse(message.payload.toString()) as { at: number };
    if (store === undefined) return;
    if (context.delivery === undefined) throw new Error("an event without its delivery key");
    const committed = await store.commit(context.delivery, (multi) => void multi.rPush("events", String(at)));
    if (!quiet) say(`${committed ? "committed" : "already-committed"} ${at}`);
    if (committed && ++commits === killAfter) process.kill(process.pid, "SIGKILL");
  },
};

const worker = await createWorker({
  api: lockFleetApi,
  handlers,
  broker: { url: env("BROKER_URL"), clientId: workerId, username: "lock-service", password: env("BROKER_PASSWORD") },
  group: "locks",
  ...(store !== undefined && { duplicates: { store } }),
  logger: {
    info: () => undefined,
    warn: (message) => say(`warn ${message}`),
    error: (message) => say(`error ${message}`),
  },
});
say("ready");

process.once("SIGTERM", () => {
  void (async () => {
    await worker.close();
    await redis?.quit();
    process.exit(0);
  })();
});
