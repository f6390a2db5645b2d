/**
 * The base of every failed outcome (docs/protocol.md#outcome-properties, #topics): a reason code, and where the peer sent them,
 * the status, reason and trace id the dialect carries (IoT Hub: the `status`, `reason` and `trace-id` user
 * properties). Generated code derives one class per catalog status from it, each with a literal `status`,
 * so callers can narrow exhaustively on `status`.
 */
import type { RuntimeCondition } from "./api-table.js";
import { brandAcrossCopies } from "./brand.js";

export interface OutcomeDetails {
  /** The MQTT reason code of the PUBACK, DISCONNECT or CONNACK; 0 for a reply PUBLISH. */
  readonly reasonCode: number;
  /** The status as received, canonically spelt when it is of the API's format; absent when none was sent. */
  readonly status?: string;
  readonly reason?: string | undefined;
  readonly traceId?: string;
  /** Every user property the outcome carried, including unknown ones (O12). */
  readonly userProperties?: Readonly<Record<string, string | string[]>>;
}

export class StatusError extends Error {
  static {
    brandAcrossCopies(this, "StatusError");
  }
  override name = "StatusError";
  readonly reasonCode: number;
  readonly status: string | undefined;
  readonly reason: string | undefined;
  readonly traceId: string | undefined;
  readonly userProperties: Readonly<Record<string, string | string[]>>;

  constructor(details: OutcomeDetails, message?: string) {
    super(message ?? describeOutcome(details));
    this.reasonCode = details.reasonCode;
    this.status = details.status;
    this.reason = details.reason;
    this.traceId = details.traceId;
    this.userProperties = details.userProperties ?? {};
  }
}

/**
 * A condition of the runtime itself (a bad request, an unreachable or silent peer, …) for which the API
 * defines no status: raised instead of a status the API does not have. Inside a handler, throwing one
 * answers with the API's outcome for the condition.
 */
export class RuntimeConditionError extends Error {
  static {
    brandAcrossCopies(this, "RuntimeConditionError");
  }
  override readonly name = "RuntimeConditionError";
  constructor(
    readonly condition: RuntimeCondition,
    readonly reason?: string,
  ) {
    super(reason === undefined ? condition : `${condition}: ${reason}`);
  }
}

function describeOutcome(details: OutcomeDetails): string {
  const parts = [`reason code ${details.reasonCode}`];
  if (details.status !== undefined) parts.push(`status ${details.status}`);
  if (details.reason !== undefined) parts.push(details.reason);
  if (details.traceId !== undefined) parts.push(`trace id ${details.traceId}`);
  return parts.join(", ");
}
