/**
 * Correlation of request-response operations (PROTOCOL.md D20, E23–E24, O2): each request carries
 * opaque Correlation Data of at most 16 bytes; the response echoes it byte for byte. Pending requests are
 * keyed by its hex form, time out, honour an `AbortSignal`, and are all rejected when the connection is
 * lost. A response whose correlation is unknown (never sent, timed out, aborted) is dropped.
 */
import { randomBytes } from "node:crypto";
import { RequestAbortedError, RequestTimeoutError } from "./errors.js";

/** `random`: 8 random bytes per request (default). `counter`: a 4-byte little-endian counter, as the sample does. */
export type CorrelationKind = "random" | "counter";

export const MAX_CORRELATION_BYTES = 16;

export function correlationSource(kind: CorrelationKind): () => Buffer {
  if (kind === "random") return () => randomBytes(8);
  let counter = 0;
  return () => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32LE(counter);
    counter = (counter + 1) >>> 0;
    return bytes;
  };
}

export interface PendingOptions {
  readonly operationId: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

interface PendingEntry<T> {
  resolve(value: T): void;
  reject(error: Error): void;
  dispose(): void;
}

/** Requests waiting for their response, keyed by Correlation Data. */
export class PendingRequests<T> {
  readonly #entries = new Map<string, PendingEntry<T>>();

  get size(): number {
    return this.#entries.size;
  }

  has(correlation: Uint8Array): boolean {
    return this.#entries.has(Buffer.from(correlation).toString("hex"));
  }

  /**
   * Registers a request before it is published. The promise settles with the response, or rejects with
   * `RequestTimeoutError`, `RequestAbortedError`, or whatever `fail`/`rejectAll` pass.
   */
  add(correlation: Uint8Array, options: PendingOptions): Promise<T> {
    const key = Buffer.from(correlation).toString("hex");
    return new Promise<T>((resolve, reject) => {
      const { signal, operationId, timeoutMs } = options;
      if (signal?.aborted) {
        reject(new RequestAbortedError(operationId, signal.reason));
        return;
      }
      const onAbort = () => this.#settle(key)?.reject(new RequestAbortedError(operationId, signal?.reason));
      const timer = setTimeout(
        () => this.#settle(key)?.reject(new RequestTimeoutError(operationId, timeoutMs)),
        timeoutMs,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#entries.set(key, {
        resolve,
        reject,
        dispose: () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
        },
      });
    });
  }

  /** Delivers a response. Returns false (and does nothing) when no request waits for this correlation. */
  resolve(correlation: Uint8Array, value: T): boolean {
    const entry = this.#settle(Buffer.from(correlation).toString("hex"));
    entry?.resolve(value);
    return entry !== undefined;
  }

  fail(correlation: Uint8Array, error: Error): void {
    this.#settle(Buffer.from(correlation).toString("hex"))?.reject(error);
  }

  rejectAll(error: Error): void {
    for (const key of [...this.#entries.keys()]) this.#settle(key)?.reject(error);
  }

  #settle(key: string): PendingEntry<T> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    entry.dispose();
    return entry;
  }
}
