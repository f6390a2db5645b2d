/**
 * Duplicate suppression shared by every worker, in Redis (Debian's `redis-server`), through a client of
 * the `redis` npm package the application creates and connects (the runtime does not depend on it). One key per delivery holding its record as JSON, expiring
 * with the retention. Claims are one Lua script (check and set in one step); `commit` puts the
 * application's own writes and the "effects committed" mark in one MULTI/EXEC, so that they are applied
 * together or not at all. Durability is Redis's: with its default snapshots, records written shortly
 * before a Redis crash are lost; `appendonly yes` with `appendfsync always` keeps every acknowledged write.
 */
import type { Delivery } from "../server/duplicates/once.js";
import {
  claimResultOf,
  type ClaimResult,
  type DeliveryRecord,
  type DeliveryStore,
  type StoredAnswer,
} from "../server/duplicates/delivery-store.js";
import { answerFromJson, answerToJson, MessageJsonError, record, stringOf } from "../server/scale-out/message-json.js";

/** The part of a node-redis transaction (`client.multi()`) the store adds its mark with. */
export interface RedisStoreMulti {
  set(key: string, value: string, options: { expiration: { type: "PX"; value: number } }): unknown;
  exec(): Promise<unknown>;
}

/** The part of a node-redis client (`createClient()` of the `redis` package, connected) the store uses. */
export interface RedisStoreClient<M extends RedisStoreMulti> {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  set(key: string, value: string, options: { expiration: { type: "PX"; value: number } }): Promise<unknown>;
  multi(): M;
}

export interface RedisDeliveryStoreOptions {
  /** Prefix of every key the store writes; default `mqttgen:delivery:`. */
  readonly prefix?: string;
}

/** Claims `KEYS[1]` with `ARGV[1]` for `ARGV[2]` ms unless another record is there, which it returns. */
const CLAIM = `local current = redis.call('GET', KEYS[1])
if current and current ~= ARGV[1] then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;

/** Deletes `KEYS[1]` only while it still holds `ARGV[1]`. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const COMMITTED = JSON.stringify({ state: "committed" } satisfies DeliveryRecord);

export class RedisDeliveryStore<M extends RedisStoreMulti> implements DeliveryStore {
  readonly #prefix: string;

  constructor(
    private readonly client: RedisStoreClient<M>,
    options: RedisDeliveryStoreOptions = {},
  ) {
    this.#prefix = options.prefix ?? "mqttgen:delivery:";
  }

  async claim(key: string, owner: string, retainMs: number): Promise<ClaimResult> {
    const found = await this.client.eval(CLAIM, {
      keys: [this.#prefix + key],
      arguments: [claimOf(owner), String(retainMs)],
    });
    if (found === null || found === undefined) return { state: "claimed" };
    return claimResultOf(recordOf(found), owner);
  }

  async answered(key: string, answer: StoredAnswer, retainMs: number): Promise<void> {
    const value = JSON.stringify({ state: "answered", answer } satisfies DeliveryRecord);
    await this.client.set(this.#prefix + key, value, { expiration: { type: "PX", value: retainMs } });
  }

  async release(key: string, owner: string): Promise<void> {
    await this.client.eval(RELEASE, { keys: [this.#prefix + key], arguments: [claimOf(owner)] });
  }

  /**
   * Runs `work` on a fresh transaction (the application queues its writes on it), adds the delivery's
   * "effects committed" mark and executes it: the writes and the mark are applied together or not at all.
   * Returns false without running `work` when an earlier run of the delivery committed already.
   */
  async commit(delivery: Delivery, work: (multi: M) => void | Promise<void>): Promise<boolean> {
    if (delivery.effectsCommitted) return false;
    const multi = this.client.multi();
    await work(multi);
    multi.set(this.#prefix + delivery.key, COMMITTED, { expiration: { type: "PX", value: delivery.retainMs } });
    await multi.exec();
    return true;
  }
}

function claimOf(owner: string): string {
  return JSON.stringify({ state: "claimed", owner } satisfies DeliveryRecord);
}

/** A record as the store wrote it; anything else is a store someone else wrote into. */
function recordOf(found: unknown): DeliveryRecord {
  const text = typeof found === "string" ? found : Buffer.isBuffer(found) ? found.toString("utf8") : undefined;
  if (text === undefined) throw new MessageJsonError("delivery record is not text");
  const json = record(JSON.parse(text) as unknown, "delivery record");
  switch (json.state) {
    case "claimed":
      return { state: "claimed", owner: stringOf(json.owner, "owner") };
    case "committed":
      return { state: "committed" };
    case "answered":
      // Read as any peer's answer is read, then kept in the stored form.
      return { state: "answered", answer: answerToJson(answerFromJson(json.answer)) };
    default:
      throw new MessageJsonError(`delivery record has state ${String(json.state)}`);
  }
}
