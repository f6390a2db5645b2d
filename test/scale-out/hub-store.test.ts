/**
 * The hub's Redis store (`examples/hub/redis-store.ts`) against Debian's redis-server: two hub processes'
 * worth of connections patching one twin at the same time lose no patch (compare-and-set, retried), an
 * `if-version` that no longer holds is refused with 0104, and the command queue numbers commands across
 * connections and keeps them until settled.
 */
import { describe, expect, it } from "vitest";
import type { HubStore } from "../../examples/hub/hub-store.js";
import { connectRedisStore } from "../../examples/hub/redis-store.js";
import { redisSkipReason } from "../support/redis.js";
import { onCleanup, startRedisServer } from "./support.js";

async function twoStores(): Promise<[HubStore, HubStore]> {
  const redis = await startRedisServer();
  const stores: HubStore[] = [];
  for (let i = 0; i < 2; i += 1) {
    const store = await connectRedisStore(redis.url, "test:hub:");
    onCleanup(() => store.close());
    stores.push(store);
  }
  return stores as [HubStore, HubStore];
}

describe.skipIf(redisSkipReason() !== undefined)("the hub's Redis store", () => {
  it("applies every one of concurrent patches from two connections", async () => {
    const [a, b] = await twoStores();
    const patches = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).twins.patchReported("dev1", { [`k${i}`]: i }));
    const versions = await Promise.all(patches);
    expect(new Set(versions).size).toBe(40);
    const twin = await b.twins.get("dev1");
    expect(twin.reported.$version).toBe(41);
    expect(Object.keys(twin.reported).filter((key) => key.startsWith("k"))).toHaveLength(40);
    expect(twin.desired).toEqual({ $version: 1 });
  });

  it("refuses a reported patch whose if-version another connection moved on", async () => {
    const [a, b] = await twoStores();
    expect(await a.twins.patchReported("dev1", { fan: "on" }, 1n)).toBe(2n);
    await expect(b.twins.patchReported("dev1", { fan: "off" }, 1n)).rejects.toMatchObject({ status: "0104" });
    expect(await b.twins.patchDesired("dev1", { speed: null, mode: { eco: true } })).toBe(2n);
    expect(await a.twins.get("dev1")).toEqual({
      desired: { $version: 2, mode: { eco: true } },
      reported: { $version: 2, fan: "on" },
    });
  });

  it("numbers commands across connections and keeps them until settled", async () => {
    const [a, b] = await twoStores();
    const first = await a.commands.enqueue("dev1", { payload: "one", messageId: "m1" });
    const second = await b.commands.enqueue("dev1", { payload: "two" });
    await b.commands.enqueue("dev2", { payload: "elsewhere" });
    expect([first.sequenceNo, second.sequenceNo]).toEqual([1n, 2n]);
    const pending = await b.commands.pending("dev1");
    expect(pending.map(({ payload, sequenceNo, messageId }) => ({ payload, sequenceNo, messageId }))).toEqual([
      { payload: "one", sequenceNo: 1n, messageId: "m1" },
      { payload: "two", sequenceNo: 2n, messageId: undefined },
    ]);
    expect(pending[0]?.enqueuedTime.getTime()).toBe(first.enqueuedTime.getTime());
    await a.commands.settle("dev1", 1n);
    expect((await b.commands.pending("dev1")).map((command) => command.payload)).toEqual(["two"]);
  });
});
