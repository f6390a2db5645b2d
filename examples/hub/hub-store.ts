/**
 * The hub's state behind one interface: its twins and its command queue. In memory for one hub process
 * (the embedded hub, or a single worker); in Redis (./redis-store.ts) when several workers serve the same
 * devices and must see the same twins.
 */
import { MemoryCommandQueue, type CommandQueue } from "./command-queue.js";
import { MemoryTwinStore, type TwinStore } from "./twin-store.js";

export interface HubStore {
  readonly twins: TwinStore;
  readonly commands: CommandQueue;
  /** Lets go of whatever the store holds open (a Redis connection). */
  close(): Promise<void>;
}

export function memoryStore(): HubStore {
  return { twins: new MemoryTwinStore(), commands: new MemoryCommandQueue(), close: async () => undefined };
}
