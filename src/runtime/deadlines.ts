/**
 * Request timeouts with one timer (docs/protocol.md#correlation-data). A timer per request cost about 3 % of a request's
 * CPU with 100 in flight; here entries wait in one insertion-ordered set per timeout value, where
 * insertion order is deadline order, and a single unreferenced timer is armed for the earliest deadline.
 * Settling an entry only removes it from its set: the timer is left alone, and when it fires for an entry
 * that is gone it re-arms for the earliest one still waiting.
 */
import { unreferencedTimeout } from "./timers.js";

/** Something that expires `timeoutMs` after it is added; `deadline` is written by `Deadlines.add`. */
export interface Expiring {
  readonly timeoutMs: number;
  /** `performance.now()` at which it expires. */
  deadline: number;
}

/** setTimeout's longest delay; a later deadline is reached through intermediate wake-ups. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

export class Deadlines<E extends Expiring> {
  /** Waiting entries by timeout; within one timeout, later entries have later deadlines. */
  readonly #byTimeout = new Map<number, Set<E>>();
  readonly #onExpired: (entry: E) => void;
  #timer: NodeJS.Timeout | undefined;
  /** The deadline the timer is armed for; Infinity when it is not armed. */
  #armedFor = Infinity;

  /** `onExpired` is called for each entry whose deadline passed, after it was removed. */
  constructor(onExpired: (entry: E) => void) {
    this.#onExpired = onExpired;
  }

  /** Starts `entry`'s timeout now. A timeout that is not a positive number expires at once, as with setTimeout. */
  add(entry: E): void {
    entry.deadline = performance.now() + (entry.timeoutMs > 0 ? entry.timeoutMs : 0);
    let waiting = this.#byTimeout.get(entry.timeoutMs);
    if (waiting === undefined) {
      waiting = new Set();
      this.#byTimeout.set(entry.timeoutMs, waiting);
    }
    waiting.add(entry);
    this.#arm(entry.deadline);
  }

  /** Stops `entry`'s timeout; it will not expire. Deleting an entry that is not waiting does nothing. */
  delete(entry: E): void {
    const waiting = this.#byTimeout.get(entry.timeoutMs);
    if (waiting === undefined || !waiting.delete(entry)) return;
    // Empty sets go at once, so that many distinct timeouts cannot pile up between two sweeps.
    if (waiting.size === 0) this.#byTimeout.delete(entry.timeoutMs);
  }

  /** Arms the timer for `deadline` unless it is already armed for an earlier one. */
  #arm(deadline: number): void {
    if (deadline >= this.#armedFor) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedFor = deadline;
    const delay = Math.min(Math.max(Math.ceil(deadline - performance.now()), 1), MAX_TIMER_DELAY_MS);
    // Unreferenced: waiting requests need an open connection, which keeps the process alive by itself.
    this.#timer = unreferencedTimeout(() => this.#sweep(), delay);
  }

  /** Expires every entry whose deadline passed, then re-arms for the earliest one left. */
  #sweep(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const [timeoutMs, waiting] of this.#byTimeout) {
      for (const entry of waiting) {
        if (entry.deadline > now) {
          next = Math.min(next, entry.deadline);
          break;
        }
        waiting.delete(entry);
        this.#onExpired(entry);
      }
      if (waiting.size === 0) this.#byTimeout.delete(timeoutMs);
    }
    if (next !== Infinity) this.#arm(next);
  }
}
