/**
 * The base of every failed outcome (PROTOCOL.md F28, Q14): a reason code, and where the peer sent them,
 * the `status`, `reason` and `trace-id` user properties. Generated code derives one class per catalog
 * status from it, each with a literal `status`, so callers can narrow exhaustively on `status`.
 */
export interface OutcomeDetails {
  /** The MQTT reason code of the PUBACK, DISCONNECT or CONNACK; 0 for a response PUBLISH. */
  readonly reasonCode: number;
  /** The `status` user property as received (upper-cased); absent when the peer sent none. */
  readonly status?: string;
  readonly reason?: string;
  readonly traceId?: string;
  /** Every user property the outcome carried, including unknown ones (O12). */
  readonly userProperties?: Readonly<Record<string, string | string[]>>;
}

export class StatusError extends Error {
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

function describeOutcome(details: OutcomeDetails): string {
  const parts = [`reason code ${details.reasonCode}`];
  if (details.status !== undefined) parts.push(`status ${details.status}`);
  if (details.reason !== undefined) parts.push(details.reason);
  if (details.traceId !== undefined) parts.push(`trace-id ${details.traceId}`);
  return parts.join(", ");
}
