/**
 * Requests waiting for their reply, on either side (docs/protocol.md#interactions, #correlation-data): keyed by Correlation Data
 * read as latin1 text (one character per byte, so distinct bytes give distinct keys) or by a payload-field
 * token; each times out, honours an `AbortSignal`, and all are rejected when the connection is lost. A
 * reply whose correlation is unknown (never sent, timed out, aborted) is dropped.
 */
import { Buffer } from "buffer";
import { Deadlines, type Expiring } from "./deadlines.js";

/** The map key of a correlation: a token as it is, bytes without a copy when they are already a Buffer. */
function keyOf(correlation: Uint8Array | string): string {
  if (typeof correlation === "string") return correlation;
  const bytes = Buffer.isBuffer(correlation)
    ? correlation
    : Buffer.from(correlation.buffer, correlation.byteOffset, correlation.byteLength);
  return bytes.toString("latin1");
}

interface PendingEntry<T, C> extends Expiring {
  readonly key: string;
  /** What the request was for, handed to `settle` with its response. */
  readonly context: C;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** What a pending request was for: its operation id names it in timeout and abort errors. */
export interface PendingContext {
  readonly id: string;
}

/** The errors a side raises for a request that timed out or whose signal aborted. */
export interface PendingErrors<C> {
  readonly timeout: (context: C, timeoutMs: number) => Error;
  readonly aborted: (context: C, reason: unknown) => unknown;
}

/**
 * Requests waiting for their response `P`, keyed by Correlation Data or token. Each request's promise
 * settles with its result `T` directly (one promise per request), which `settle` builds from the response
 * and the request's context `C`. One timer serves every timeout (`Deadlines`).
 */
export class PendingRequests<P, T, C extends PendingContext> {
  readonly #entries = new Map<string, PendingEntry<T, C>>();
  readonly #settleResponse: (response: P, context: C) => T;
  readonly #errors: PendingErrors<C>;
  readonly #deadlines = new Deadlines<PendingEntry<T, C>>((entry) => {
    this.#remove(entry);
    entry.reject(this.#errors.timeout(entry.context, entry.timeoutMs));
  });

  /** `settle` turns a response into its request's result, or throws the request's error. */
  constructor(settle: (response: P, context: C) => T, errors: PendingErrors<C>) {
    this.#settleResponse = settle;
    this.#errors = errors;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Registers a request before it is published. The promise settles with what `settle` makes of the
   * response (rejecting if it throws), or rejects with the timeout error after `timeoutMs`, the abort
   * error when `signal` aborts, or whatever `fail`/`rejectAll` pass. Returns undefined,
   * registering nothing, when a request with the same Correlation Data is still waiting.
   */
  add(correlation: Uint8Array | string, context: C, timeoutMs: number, signal?: AbortSignal): Promise<T> | undefined {
    const key = keyOf(correlation);
    if (this.#entries.has(key)) return undefined;
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(this.#errors.aborted(context, signal.reason));
        return;
      }
      const entry: PendingEntry<T, C> = {
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
        entry.onAbort = () => this.#settle(key)?.reject(this.#errors.aborted(context, signal.reason));
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.#entries.set(key, entry);
      this.#deadlines.add(entry);
    });
  }

  /** The context of the request waiting for this correlation, if one is. */
  contextOf(correlation: Uint8Array | string): C | undefined {
    return this.#entries.get(keyOf(correlation))?.context;
  }

  /** Delivers a response. Returns false (and does nothing) when no request waits for this correlation. */
  resolve(correlation: Uint8Array | string, response: P): boolean {
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

  fail(correlation: Uint8Array | string, error: Error): void {
    this.#settle(keyOf(correlation))?.reject(error);
  }

  rejectAll(error: Error): void {
    for (const key of [...this.#entries.keys()]) this.#settle(key)?.reject(error);
  }

  #settle(key: string): PendingEntry<T, C> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#deadlines.delete(entry);
    this.#remove(entry);
    return entry;
  }

  /** Forgets an entry that `Deadlines` no longer holds. */
  #remove(entry: PendingEntry<T, C>): void {
    this.#entries.delete(entry.key);
    if (entry.onAbort !== undefined) entry.signal?.removeEventListener("abort", entry.onAbort);
  }
}
