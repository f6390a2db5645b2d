/**
 * The hub's twins and command queue in Redis (Debian's `redis-server`), so that any number of hub workers
 * share them. A twin is one key holding its `TwinDocument` as JSON; a patch reads it, applies the same
 * rules as the in-memory store, and writes it back only if nobody wrote it in between (a compare-and-set
 * script), retrying otherwise. Commands are a hash per device, numbered by one shared counter; answered
 * requests are the runtime's `RedisDeliveryStore`.
 */
import { RedisDeliveryStore } from "@mqttgen/runtime/server";
import { createClient } from "redis";
import type { Twin, TwinState } from "../../generated/iothub/payloads.js";
import { statusError } from "../../generated/iothub/server.js";
import type { CommandInput, CommandQueue, QueuedCommand } from "./command-queue.js";
import type { HubStore } from "./hub-store.js";
import { emptyTwin, patchDesiredIn, patchReportedIn, twinOf, type TwinDocument, type TwinStore } from "./twin-store.js";

type RedisClient = ReturnType<typeof createClient>;

/** Sets `KEYS[1]` to `ARGV[2]` only while it still holds `ARGV[1]` (`""` standing for no key). */
const COMPARE_AND_SET = `if (redis.call('GET', KEYS[1]) or '') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

/** Concurrent patches of one twin retry this often before the hub answers Server Busy. */
const PATCH_ATTEMPTS = 50;

export class RedisTwinStore implements TwinStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async get(deviceId: string): Promise<Twin> {
    const stored = await this.client.get(this.#key(deviceId));
    return twinOf(stored === null ? emptyTwin() : documentOf(stored));
  }

  patchReported(deviceId: string, patch: TwinState, ifVersion?: bigint): Promise<bigint> {
    return this.#update(deviceId, (twin) => patchReportedIn(twin, patch, ifVersion));
  }

  patchDesired(deviceId: string, patch: TwinState): Promise<bigint> {
    return this.#update(deviceId, (twin) => patchDesiredIn(twin, patch));
  }

  async #update(deviceId: string, change: (twin: TwinDocument) => bigint): Promise<bigint> {
    const key = this.#key(deviceId);
    for (let attempt = 0; attempt < PATCH_ATTEMPTS; attempt += 1) {
      const stored = (await this.client.get(key)) ?? "";
      const twin = stored === "" ? emptyTwin() : documentOf(stored);
      const version = change(twin);
      const written = await this.client.eval(COMPARE_AND_SET, { keys: [key], arguments: [stored, JSON.stringify(twin)] });
      if (written === 1) return version;
    }
    throw statusError("0603");
  }

  #key(deviceId: string): string {
    return `${this.prefix}twin:${deviceId}`;
  }
}

export class RedisCommandQueue implements CommandQueue {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async enqueue(deviceId: string, command: CommandInput): Promise<QueuedCommand> {
    const sequenceNo = BigInt(await this.client.incr(`${this.prefix}commands:sequence-no`));
    const queued: QueuedCommand = { ...command, sequenceNo, enqueuedTime: new Date() };
    const stored = JSON.stringify({ ...queued, sequenceNo: String(sequenceNo), enqueuedTime: queued.enqueuedTime.getTime() });
    await this.client.hSet(this.#key(deviceId), String(sequenceNo), stored);
    return queued;
  }

  async pending(deviceId: string): Promise<QueuedCommand[]> {
    const stored = await this.client.hGetAll(this.#key(deviceId));
    return Object.values(stored)
      .map(commandOf)
      .sort((a, b) => (a.sequenceNo < b.sequenceNo ? -1 : a.sequenceNo > b.sequenceNo ? 1 : 0));
  }

  async settle(deviceId: string, sequenceNo: bigint): Promise<void> {
    await this.client.hDel(this.#key(deviceId), String(sequenceNo));
  }

  #key(deviceId: string): string {
    return `${this.prefix}commands:${deviceId}`;
  }
}

/** Connects to Redis at `url` and keeps the hub's keys under `prefix` (default `mqttgen:hub:`). */
export async function connectRedisStore(url: string, prefix = "mqttgen:hub:"): Promise<HubStore> {
  const client: RedisClient = createClient({ url });
  await client.connect();
  return {
    twins: new RedisTwinStore(client, prefix),
    commands: new RedisCommandQueue(client, prefix),
    deliveries: new RedisDeliveryStore(client, { prefix: `${prefix}delivery:` }),
    close: async () => void (await client.close()),
  };
}

/** A stored twin: the hub wrote it, so it is a `TwinDocument`. */
function documentOf(stored: string): TwinDocument {
  return JSON.parse(stored) as TwinDocument;
}

function commandOf(stored: string): QueuedCommand {
  const { sequenceNo, enqueuedTime, ...input } = JSON.parse(stored) as CommandInput & {
    sequenceNo: string;
    enqueuedTime: number;
  };
  return { ...input, sequenceNo: BigInt(sequenceNo), enqueuedTime: new Date(enqueuedTime) };
}
