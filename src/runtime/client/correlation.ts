/**
 * Correlation of request-response operations (PROTOCOL.md D20, E23–E24, O2): each request carries
 * opaque Correlation Data of at most 16 bytes; the response echoes it byte for byte. Pending requests are
 * keyed by its bytes read as latin1 text (one character per byte, so distinct bytes give distinct keys),
 * time out, honour an `AbortSignal`, and are all rejected when the connection is lost. A response whose
 * correlation is unknown (never sent, timed out, aborted) is dropped.
 */
import { randomBytes } from "node:crypto";
import { Deadlines, type Expiring } from "./deadlines.js";
import { RequestAbortedError, RequestTimeoutError } from "./errors.js";

/** `random`: 8 random bytes per request (default). `counter`: a 4-byte little-endian counter, as the sample does. */
export type CorrelationKind = "random" | "counter";

export const MAX_CORRELATION_BYTES = 16;

const RANDOM_BYTES = 8;
/** Random correlations are cut from a pool drawn this many at a time: one draw per request cost 10 % of a request's CPU. */
const RANDOM_POOL_REQUESTS = 512;

export function correlationSource(kind: CorrelationKind): () => Buffer {
  if (kind === "random") return randomCorrelations();
  let counter = 0;
  return () => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(counter);
    counter = (counter + 1) >>> 0;
    return bytes;
  };
}

/** Views into a pool of random bytes; each view is handed out once, so no two requests share bytes. */
function randomCorrelations(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === pool.length) {
      pool = randomBytes(RANDOM_BYTES * RANDOM_POOL_REQUESTS);
      offset = 0;
    }
    offset += RANDOM_BYTES;
    return pool.subarray(offset - RANDOM_BYTES, offset);
  };
}

/** The map key of a correlation: no copy when it is already a Buffer. */
function keyOf(correlation: Uint8Array): string {
  const bytes = Buffer.isBuffer(correlation)
    ? correlation
    : Buffer.from(correlation.buffer, correlation.byteOffset, correlation.byteLength);
  return bytes.toString("latin1");
}

interface PendingEntry<P, T, C> extends Expiring {
  readonly key: string;
  /** What the request was for, handed to `settle` with its response. */
  readonly context: C;
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** What a pending request was for: its operation id names it in timeout and abort errors. */
export interface PendingContext {
  readonly id: string;
}

/**
 * Requests waiting for their response `P`, keyed by Correlation Data. Each request's promise settles
 * with its result `T` directly (one promise per request), which `settle` builds from the response and
 * the request's context `C`. One timer serves every timeout (`Deadlines`).
 */
export class PendingRequests<P, T, C extends PendingContext> {
  readonly #entries = new Map<string, PendingEntry<P, T, C>>();
  readonly #settleResponse: (response: P, context: C) => T;
  readonly #deadlines = new Deadlines<PendingEntry<P, T, C>>((entry) => {
    this.#remove(entry);
    entry.reject(new RequestTimeoutError(entry.context.id, entry.timeoutMs));
  });

  /** `settle` turns a response into its request's result, or throws the request's error. */
  constructor(settle: (response: P, context: C) => T) {
    this.#settleResponse = settle;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Registers a request before it is published. The promise settles with what `settle` makes of the
   * response (rejecting if it throws), or rejects with `RequestTimeoutError` after `timeoutMs`,
   * `RequestAbortedError` when `signal` aborts, or whatever `fail`/`rejectAll` pass. Returns undefined,
   * registering nothing, when a request with the same Correlation Data is still waiting.
   */
  add(correlation: Uint8Array, context: C, timeoutMs: number, signal?: AbortSignal): Promise<T> | undefined {
    const key = keyOf(correlation);
    if (this.#entries.has(key)) return undefined;
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(new RequestAbortedError(context.id, signal.reason));
        return;
      }
      const entry: PendingEntry<P, T, C> = {
        key,
        context,
        resolve,
        reject,
        timeoutMs,
        deadline: 0,
        signal,
        onAbort: undefined,
      };
      if (signal !== undefined) {
        entry.onAbort = () => this.#settle(key)?.reject(new RequestAbortedError(context.id, signal.reason));
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.#entries.set(key, entry);
      this.#deadlines.add(entry);
    });
  }

  /** Delivers a response. Returns false (and does nothing) when no request waits for this correlation. */
  resolve(correlation: Uint8Array, response: P): boolean {
    const entry = this.#settle(keyOf(correlation));
    if (entry === undefined) return false;
    let result: T;
    try {
      result = this.#settleResponse(response, entry.context);
    } catch (error) {
      entry.reject(error as Error);
      return true;
    }
    entry.resolve(result);
    return true;
  }

  fail(correlation: Uint8Array, error: Error): void {
    this.#settle(keyOf(correlation))?.reject(error);
  }

  rejectAll(error: Error): void {
    for (const key of [...this.#entries.keys()]) this.#settle(key)?.reject(error);
  }

  #settle(key: string): PendingEntry<P, T, C> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#deadlines.delete(entry);
    this.#remove(entry);
    return entry;
  }

  /** Forgets an entry that `Deadlines` no longer holds. */
  #remove(entry: PendingEntry<P, T, C>): void {
    this.#entries.delete(entry.key);
    if (entry.onAbort !== undefined) entry.signal?.removeEventListener("abort", entry.onAbort);
  }
}
