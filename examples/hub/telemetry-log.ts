/**
 * The hub's telemetry sink (docs/protocol.md#send-telemetry): the most recent messages, bounded so a chatty device cannot
 * grow memory without limit, and an optional per-device rate above which messages are refused as
 * `0501 Throttled` (reason code 151).
 */
import type { SendTelemetryMessage } from "../../generated/iothub/server.js";
import { statusError } from "../../generated/iothub/server.js";

export interface TelemetryEntry {
  readonly deviceId: string;
  readonly receivedAt: Date;
  readonly message: SendTelemetryMessage;
}

export interface TelemetryLogOptions {
  /** Messages kept; the oldest go first. Default 1000. */
  readonly capacity?: number;
  /** Messages a device may send per second before it is throttled; unlimited when absent. */
  readonly perSecond?: number;
  readonly now?: () => number;
}

export class TelemetryLog {
  /** A ring of at most `capacity` entries; `#oldest` is where the oldest sits once it is full. */
  readonly #entries: TelemetryEntry[] = [];
  #oldest = 0;
  readonly #capacity: number;
  readonly #perSecond: number | undefined;
  readonly #now: () => number;
  /** Per device: the start of its current one-second window and the messages counted in it. */
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: TelemetryLogOptions = {}) {
    this.#capacity = options.capacity ?? 1000;
    this.#perSecond = options.perSecond;
    this.#now = options.now ?? Date.now;
  }

  /** Records a message, or throws the generated `ThrottledError` when the device is over its rate. */
  record(deviceId: string, message: SendTelemetryMessage): TelemetryEntry {
    const now = this.#now();
    if (this.#perSecond !== undefined) {
      const window = this.#windows.get(deviceId);
      if (window === undefined || now - window.start >= 1000) {
        this.#windows.set(deviceId, { start: now, count: 1 });
      } else if (window.count >= this.#perSecond) {
        throw statusError("0501");
      } else {
        window.count += 1;
      }
    }
    const entry = { deviceId, receivedAt: new Date(now), message };
    if (this.#entries.length < this.#capacity) {
      this.#entries.push(entry);
    } else if (this.#capacity > 0) {
      // Overwrite the oldest in place: shifting a full array would move every entry on every message.
      this.#entries[this.#oldest] = entry;
      this.#oldest = (this.#oldest + 1) % this.#capacity;
    }
    return entry;
  }

  /** The kept messages, oldest first. */
  entries(): readonly TelemetryEntry[] {
    return [...this.#entries.slice(this.#oldest), ...this.#entries.slice(0, this.#oldest)];
  }
}
