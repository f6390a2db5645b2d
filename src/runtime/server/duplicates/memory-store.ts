/**
 * Duplicate suppression within one process: records in a map, each dropped after its retention, and the
 * oldest dropped first beyond `maxEntries` (which shortens the window; `evicted` counts them). Handlers that commit their effects with `commit` get them and the "done" mark
 * together, in memory: exactly once while this process lives, nothing across a restart.
 */
import type { Delivery } from "./once.js";
import {
  claimResultOf,
  type ClaimResult,
  type DeliveryRecord,
  type DeliveryStore,
  type StoredAnswer,
} from "./delivery-store.js";

export interface MemoryDeliveryStoreOptions {
  /** Records kept at most; default 100 000. */
  readonly maxEntries?: number;
  /** The clock, for tests; default `Date.now`. */
  readonly now?: () => number;
}

interface Entry {
  record: DeliveryRecord;
  expiresAt: number;
}

export class MemoryDeliveryStore implements DeliveryStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Records dropped for room before their retention ran out. */
  evicted = 0;

  constructor(options: MemoryDeliveryStoreOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  claim(key: string, owner: string, retainMs: number): Promise<ClaimResult> {
    const entry = this.#live(key);
    if (entry !== undefined && !(entry.record.state === "claimed" && entry.record.owner === owner)) {
      return Promise.resolve(claimResultOf(entry.record, owner));
    }
    this.#set(key, { state: "claimed", owner }, retainMs);
    return Promise.resolve({ state: "claimed" });
  }

  answered(key: string, answer: StoredAnswer, retainMs: number): Promise<void> {
    this.#set(key, { state: "answered", answer }, retainMs);
    return Promise.resolve();
  }

  release(key: string, owner: string): Promise<void> {
    const record = this.#live(key)?.record;
    if (record?.state === "claimed" && record.owner === owner) this.#entries.delete(key);
    return Promise.resolve();
  }

  /**
   * Runs `effect` and marks the delivery's effects committed, with nothing in between: exactly once while
   * this process lives. Returns false without running it when an earlier run committed already.
   */
  commit(delivery: Delivery, effect: () => void): boolean {
    if (delivery.effectsCommitted) return false;
    effect();
    this.#set(delivery.key, { state: "committed" }, delivery.retainMs);
    return true;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.#now()) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  #set(key: string, record: DeliveryRecord, retainMs: number): void {
    // Re-inserted at the end, so that the map's order stays oldest first.
    this.#entries.delete(key);
    this.#entries.set(key, { record, expiresAt: this.#now() + retainMs });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
      this.evicted++;
    }
  }
}
