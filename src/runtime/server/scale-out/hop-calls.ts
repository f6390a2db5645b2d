/**
 * Calls one server process makes to another over the broker (a gateway's forwards to workers, a worker's
 * calls through gateways), each with fresh Correlation Data, answered on the caller's own reply topic and
 * settled by decoding the answer, or failed after `timeoutMs`.
 */
import { randomBytes } from "node:crypto";
import { PendingRequests } from "../../pending-requests.js";

/** 12 random bytes: unique among one process's calls in flight. */
const CORRELATION_BYTES = 12;

export interface StartedHopCall<T> {
  readonly correlationData: Buffer;
  readonly response: Promise<T>;
  readonly fail: (error: Error) => void;
}

export class HopCalls<T> {
  readonly #pending: PendingRequests<Buffer, T, { readonly id: string }>;

  constructor(decode: (payload: Buffer) => T, timeout: (what: string, timeoutMs: number) => Error) {
    this.#pending = new PendingRequests<Buffer, T, { readonly id: string }>((payload) => decode(payload), {
      timeout: (context, timeoutMs) => timeout(context.id, timeoutMs),
      aborted: (_context, reason) => reason,
    });
  }

  /** Registers a call (`what` names it in its timeout error). */
  start(what: string, timeoutMs: number): StartedHopCall<T> {
    for (;;) {
      const correlationData = randomBytes(CORRELATION_BYTES);
      const response = this.#pending.add(correlationData, { id: what }, timeoutMs);
      if (response !== undefined) {
        return { correlationData, response, fail: (error) => this.#pending.fail(correlationData, error) };
      }
    }
  }

  /** Settles the call an answer is for; false when none waits for it (late, or not this process's). */
  receive(correlationData: Buffer | undefined, payload: Buffer): boolean {
    return correlationData !== undefined && this.#pending.resolve(correlationData, payload);
  }

  rejectAll(error: Error): void {
    this.#pending.rejectAll(error);
  }
}
