/**
 * Commands waiting for their device (docs/protocol.md#receive-commands): each gets the hub's next sequence
 * number when queued and stays until the device accepts or rejects it, so that a hub process that did not
 * queue it can still deliver it. `MemoryCommandQueue` here, `RedisCommandQueue` (./redis-store.ts) for
 * workers that share their queue.
 */
/** What the solution side gives when it queues a command. */
export interface CommandInput {
  readonly payload: string;
  readonly contentType?: string;
  readonly messageId?: string;
  readonly correlationId?: string;
}

/** A queued command: the input, its sequence number and when it was queued. */
export interface QueuedCommand extends CommandInput {
  readonly sequenceNo: bigint;
  readonly enqueuedTime: Date;
}

export interface CommandQueue {
  /** Queues a command for the device under the next sequence number. */
  enqueue(deviceId: string, command: CommandInput): Promise<QueuedCommand>;
  /** The device's queued commands, oldest first. */
  pending(deviceId: string): Promise<QueuedCommand[]>;
  /** Takes a command out once its device settled it (accepted or rejected). */
  settle(deviceId: string, sequenceNo: bigint): Promise<void>;
}

export class MemoryCommandQueue implements CommandQueue {
  readonly #queues = new Map<string, QueuedCommand[]>();
  #lastSequenceNo = 0n;

  async enqueue(deviceId: string, command: CommandInput): Promise<QueuedCommand> {
    this.#lastSequenceNo += 1n;
    const queued = { ...command, sequenceNo: this.#lastSequenceNo, enqueuedTime: new Date() };
    const queue = this.#queues.get(deviceId) ?? [];
    queue.push(queued);
    this.#queues.set(deviceId, queue);
    return queued;
  }

  async pending(deviceId: string): Promise<QueuedCommand[]> {
    return [...(this.#queues.get(deviceId) ?? [])];
  }

  async settle(deviceId: string, sequenceNo: bigint): Promise<void> {
    const queue = this.#queues.get(deviceId)?.filter((command) => command.sequenceNo !== sequenceNo) ?? [];
    if (queue.length === 0) this.#queues.delete(deviceId);
    else this.#queues.set(deviceId, queue);
  }
}
