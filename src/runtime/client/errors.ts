/**
 * Errors the device client raises besides operation outcomes (which go through the generated error
 * factory, docs/protocol.md#outcome-properties). Each is its own class so callers can tell them apart with `instanceof`.
 */
import { StatusError, type OutcomeDetails } from "../errors.js";
import { brandAcrossCopies } from "../brand.js";

/**
 * CONNACK refused the connection (A8, O9). Carries the reason code and whatever `status`, `reason` and
 * `trace-id` the CONNACK held; `authentication` is true for 0x86 Bad User Name or Password and 0x87 Not
 * authorized.
 */
export class ConnectionRefusedError extends StatusError {
  static {
    brandAcrossCopies(this, "ConnectionRefusedError");
  }
  override name = "ConnectionRefusedError";
  readonly authentication: boolean;

  constructor(details: OutcomeDetails) {
    super(details);
    this.message = `connection refused: ${this.message}`;
    this.authentication = details.reasonCode === 0x86 || details.reasonCode === 0x87;
  }
}

/** No response arrived within the request's timeout (O2). A response arriving later is dropped. */
export class RequestTimeoutError extends Error {
  static {
    brandAcrossCopies(this, "RequestTimeoutError");
  }
  override readonly name = "RequestTimeoutError";
  constructor(
    readonly operationId: string,
    readonly timeoutMs: number,
  ) {
    super(`${operationId}: no response within ${timeoutMs} ms`);
  }
}

/** The caller's `AbortSignal` fired; `cause` is the signal's reason. */
export class RequestAbortedError extends Error {
  static {
    brandAcrossCopies(this, "RequestAbortedError");
  }
  override readonly name = "RequestAbortedError";
  constructor(
    readonly operationId: string,
    reason: unknown,
  ) {
    super(`${operationId}: aborted`, { cause: reason });
  }
}

/**
 * The connection was lost (or was not up) while an operation waited. `outcome` is the error built from
 * the server's DISCONNECT when it sent one with a failure reason code (A10, E22).
 */
export class ConnectionLostError extends Error {
  static {
    brandAcrossCopies(this, "ConnectionLostError");
  }
  override readonly name = "ConnectionLostError";
  constructor(
    message: string,
    readonly outcome?: Error,
  ) {
    super(message, outcome === undefined ? undefined : { cause: outcome });
  }
}

/** A packet would exceed the server's Maximum Packet Size (B11, O10); nothing was sent. */
export class PacketTooLargeError extends Error {
  static {
    brandAcrossCopies(this, "PacketTooLargeError");
  }
  override readonly name = "PacketTooLargeError";
  constructor(
    readonly size: number,
    readonly maximum: number,
  ) {
    super(`packet of ${size} bytes exceeds the server's Maximum Packet Size of ${maximum} bytes`);
  }
}

/** One or more SUBSCRIBE filters were refused with a SUBACK reason code of 0x80 or above (C14, C15). */
export class SubscribeError extends Error {
  static {
    brandAcrossCopies(this, "SubscribeError");
  }
  override readonly name = "SubscribeError";
  constructor(
    readonly failures: readonly {
      readonly filter: string;
      readonly reasonCode: number;
    }[],
  ) {
    super(`subscription refused: ${failures.map((f) => `${f.filter} (0x${f.reasonCode.toString(16)})`).join(", ")}`);
  }
}
