/**
 * Duplicate suppression on its own: the once-per-key ledger over the memory store and over a real Redis,
 * the answers copies get, what is forgotten for a retry, and effects committed with the "done" mark.
 */
import { createClient } from "redis";
import { describe, expect, it } from "vitest";
import {
  MemoryDeliveryStore,
  RedisDeliveryStore,
  StatusError,
  type Delivery,
  type DeliveryStore,
} from "../../src/runtime/index.js";
import type { ReplyAnswer } from "../../src/runtime/dialect/replies.js";
import { HandledOnce } from "../../src/runtime/server/duplicates/once.js";
import { lockFleetApi } from "../../generated/lock-fleet/api.js";
import { redisSkipReason } from "../support/redis.js";
import { quietLogger } from "../runtime-dialects/support.js";
import { onCleanup, startRedisServer } from "./support.js";

const reply = (text: string): ReplyAnswer => ({
  kind: "success",
  message: { payload: text, userProperties: { n: "1" } },
});

function ledger(store: DeliveryStore, owner = "worker-1"): HandledOnce {
  return new HandledOnce({ store, retainMs: 60_000 }, owner, lockFleetApi, quietLogger);
}

function contract(name: string, makeStore: () => Promise<DeliveryStore>) {
  describe(name, () => {
    it("runs the handler once per key and answers every copy as the first was answered", async () => {
      const once = ledger(await makeStore());
      let runs = 0;
      const run = () => once.run("lock1/get-lock-state/c:01", false, () => Promise.resolve(reply(`run ${++runs}`)));
      expect(await run()).toMatchObject({ kind: "answer", replayed: false });
      const copy = await run();
      expect(copy).toEqual({
        kind: "answer",
        replayed: true,
        answer: { kind: "success", message: { payload: Buffer.from("run 1"), userProperties: { n: "1" } } },
      });
      expect(runs).toBe(1);
    });

    it("leaves a key another worker holds to that worker, and takes back its own after a crash", async () => {
      const store = await makeStore();
      expect(await store.claim("k", "worker-1", 60_000)).toEqual({ state: "claimed" });
      const other = await ledger(store, "worker-2").run("k", false, () => Promise.resolve(reply("never")));
      expect(other).toEqual({ kind: "busy" });
      // The same worker id after a restart: its claim is its own, the handler runs.
      const resumed = await ledger(store, "worker-1").run("k", true, () => Promise.resolve(reply("ran")));
      expect(resumed).toMatchObject({ kind: "answer", replayed: false });
    });

    it("stores a client's error for copies, but forgets a server error so that a retry runs again", async () => {
      const once = ledger(await makeStore());
      const refused: ReplyAnswer = { kind: "failure", failure: { reasonCode: 0x83, status: "unknown-slot" } };
      await once.run("bad", false, () => Promise.resolve(refused));
      expect(await once.run("bad", false, () => Promise.resolve(reply("no")))).toMatchObject({
        replayed: true,
        answer: refused,
      });
      const crashed: ReplyAnswer = { kind: "failure", failure: { reasonCode: 0x80, status: "jammed" } };
      await once.run("retry", false, () => Promise.resolve(crashed));
      expect(await once.run("retry", false, () => Promise.resolve(reply("worked")))).toMatchObject({ replayed: false });
    });

    it("tells a run after a crash that the effects were committed", async () => {
      const store = await makeStore();
      const seen: Delivery[] = [];
      await store.claim("k", "worker-1", 60_000);
      const first: Delivery = { key: "k", redelivered: false, effectsCommitted: false, retainMs: 60_000 };
      if (store instanceof MemoryDeliveryStore) expect(store.commit(first, () => undefined)).toBe(true);
      else if (store instanceof RedisDeliveryStore) expect(await store.commit(first, () => undefined)).toBe(true);
      // The process died here, before its answer: the redelivery runs with effectsCommitted.
      const again = await ledger(store).run("k", true, (delivery) => {
        seen.push(delivery);
        return Promise.resolve(reply("from the committed state"));
      });
      expect(again).toMatchObject({ kind: "answer", replayed: false });
      expect(seen).toEqual([{ key: "k", redelivered: true, effectsCommitted: true, retainMs: 60_000 }]);
    });
  });
}

contract("the memory store", () => Promise.resolve(new MemoryDeliveryStore()));

describe.skipIf(redisSkipReason() !== undefined)("Redis", () => {
  const connect = async () => {
    const server = await startRedisServer();
    const client = await createClient({ url: server.url }).connect();
    onCleanup(() => client.quit());
    return client;
  };
  contract("the Redis store", async () => new RedisDeliveryStore(await connect()));

  it("applies the application's writes and the mark together, and not at all when the work throws", async () => {
    const client = await connect();
    const store = new RedisDeliveryStore(client, { prefix: "test:" });
    const delivery: Delivery = { key: "k1", redelivered: false, effectsCommitted: false, retainMs: 60_000 };
    await expect(
      store.commit(delivery, (multi) => {
        multi.incr("effects");
        throw new StatusError({ reasonCode: 0x80 });
      }),
    ).rejects.toBeInstanceOf(StatusError);
    expect(await client.get("effects")).toBeNull();
    expect(await client.get("test:k1")).toBeNull();
    expect(await store.commit(delivery, (multi) => void multi.incr("effects"))).toBe(true);
    expect(await client.get("effects")).toBe("1");
    expect(JSON.parse((await client.get("test:k1")) ?? "")).toEqual({ state: "committed" });
    expect(await client.pTTL("test:k1")).toBeGreaterThan(0);
    expect(await store.commit({ ...delivery, effectsCommitted: true }, (multi) => void multi.incr("effects"))).toBe(
      false,
    );
    expect(await client.get("effects")).toBe("1");
  });

  it("treats a record it did not write as a store failure, answered with the server-error outcome", async () => {
    const client = await connect();
    await client.set("mqttgen:delivery:k", '{"state":"answered","answer":{"kind":"success","message":{"payload":7}}}');
    const outcome = await ledger(new RedisDeliveryStore(client)).run("k", false, () => Promise.resolve(reply("x")));
    expect(outcome).toEqual({
      kind: "answer",
      replayed: false,
      answer: { kind: "failure", failure: { reasonCode: 0x80, status: "server-error" } },
    });
  });
});

describe("the memory store's bounds", () => {
  it("forgets records after their retention, and the oldest beyond its size", async () => {
    let now = 0;
    const store = new MemoryDeliveryStore({ maxEntries: 2, now: () => now });
    await store.answered("a", { kind: "success" }, 100);
    now = 50;
    await store.answered("b", { kind: "success" }, 100);
    now = 120;
    expect(await store.claim("a", "w", 100)).toEqual({ state: "claimed" });
    expect(await store.claim("b", "w", 100)).toEqual({ state: "answered", answer: { kind: "success" } });
    await store.answered("c", { kind: "success" }, 100);
    expect(store.evicted).toBe(1);
    expect(store.size).toBe(2);
  });
});
