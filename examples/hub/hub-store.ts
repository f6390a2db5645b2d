/**
 * The hub's state behind one interface: its twins, its command queue, and the record of the requests
 * workers answered (a redelivered request is answered once, whichever worker it reaches). In memory for
 * one hub process (the embedded hub, or a single worker); in Redis (./redis-store.ts) when several workers
 * serve the same devices and must see the same twins.
 */
import { MemoryDeliveryStore, type DeliveryStore } from "@mqttgen/runtime/server";
import { MemoryCommandQueue, type CommandQueue } from "./command-queue.js";
import { MemoryTwinStore, type TwinStore } from "./twin-store.js";

export interface HubStore {
  readonly twins: TwinStore;
  readonly commands: CommandQueue;
  /** The runtime's duplicate suppression for hub workers. */
  readonly deliveries: DeliveryStore;
  /** Lets go of whatever the store holds open (a Redis connection). */
  close(): Promise<void>;
}

export function memoryStore(): HubStore {
  return {
    twins: new MemoryTwinStore(),
    commands: new MemoryCommandQueue(),
    deliveries: new MemoryDeliveryStore(),
    close: async () => undefined,
  };
}
