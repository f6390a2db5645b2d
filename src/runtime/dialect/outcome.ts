/**
 * Outcomes as a dialect encodes them (docs/protocol.md#outcome-properties, #status-codes for IoT Hub's): an MQTT reason code, and where
 * the dialect declares them, a status user property in its format, a reason property (else the MQTT 5
 * Reason String of packets that have one) and a trace property. Read and written the same way by the
 * client and the server, for PUBACKs, DISCONNECTs, CONNACKs and reply PUBLISHes alike.
 */
import type { ApiTable, DialectSpec, RuntimeCondition } from "../api-table.js";
import { RuntimeConditionError, StatusError, type OutcomeDetails } from "../errors.js";
import type { UserProperties } from "../properties.js";
import { canonicalStatus, statusClassOf, statusFacts } from "../status.js";

/** An outcome to send: what `OutcomeDetails` reads back. */
export interface Failure {
  readonly reasonCode: number;
  readonly status?: string;
  readonly reason?: string;
  readonly traceId?: string;
}

/** The properties that carry an outcome: user properties, and the Reason String where the packet has one. */
export interface OutcomeProperties {
  userProperties?: Record<string, string>;
  reasonString?: string;
}

/**
 * MQTT 5 reason codes (§2.4) for the runtime's conditions where the API has no status for them. Each is
 * valid in PUBACK and DISCONNECT. A client abandons a message with 0x80 and rejects it with 0x83, so
 * that a server can tell the two apart without statuses.
 */
const BARE_REASON_CODES: Readonly<Record<RuntimeCondition, number>> = {
  badRequest: 0x83,
  notAuthorized: 0x87,
  notFound: 0x90,
  serverError: 0x80,
  serverTimeout: 0x80,
  serverBusy: 0x80,
  targetUnavailable: 0x80,
  targetTimeout: 0x80,
  targetFailed: 0x80,
  abandon: 0x80,
  reject: 0x83,
};

/** Whether a value names one of the runtime's conditions (read from a peer). */
export function isRuntimeCondition(value: unknown): value is RuntimeCondition {
  return typeof value === "string" && Object.hasOwn(BARE_REASON_CODES, value);
}

/** The reason code of a failure with this status: the catalog's, else the condition's bare code. */
export function conditionFailure(api: ApiTable, condition: RuntimeCondition, reason?: string): Failure {
  const status = api.dialect.runtimeStatuses[condition];
  const facts = status === undefined ? undefined : statusFacts(api.statuses, status);
  return {
    reasonCode: facts?.reasonCode ?? BARE_REASON_CODES[condition],
    ...(status !== undefined && { status }),
    ...(reason !== undefined && { reason }),
  };
}

/**
 * The error for a runtime condition: a `StatusError` with the API's status for it, or, where the API has
 * none, a `RuntimeConditionError` (never a status the API does not define).
 */
export function conditionError(api: ApiTable, condition: RuntimeCondition, reason?: string): Error {
  if (api.dialect.runtimeStatuses[condition] === undefined) return new RuntimeConditionError(condition, reason);
  return new StatusError(conditionFailure(api, condition, reason));
}

/** Reads an outcome: the reason code with the dialect's status, reason and trace properties. */
export function readOutcome(
  dialect: DialectSpec,
  reasonCode: number,
  userProperties: UserProperties | undefined,
  reasonString?: string,
): OutcomeDetails {
  const details: { -readonly [K in keyof OutcomeDetails]: OutcomeDetails[K] } = {
    reasonCode,
    userProperties: userProperties ?? {},
  };
  const { statusProperty, reasonProperty, traceProperty } = dialect.outcome;
  const reason = reasonProperty === undefined ? reasonString : single(userProperties?.[reasonProperty]);
  if (reason !== undefined) details.reason = reason;
  if (userProperties === undefined) return details;
  if (statusProperty !== undefined) {
    const raw = single(userProperties[statusProperty.name]);
    // A status that is not of the format is kept verbatim: callers see what the peer sent.
    if (raw !== undefined) details.status = canonicalStatus(statusProperty.format, raw) ?? raw;
  }
  const traceId = traceProperty === undefined ? undefined : single(userProperties[traceProperty]);
  if (traceId !== undefined) details.traceId = traceId;
  return details;
}

/**
 * Success is a reason code below 0x80 and either no status or one of class success (F31, O4: IoT Hub's
 * `0001 Not Modified` is a success that still carries a status). A status the API does not know is never
 * a success, except a `hex16` one whose bits say so.
 */
export function isSuccessOutcome(api: ApiTable, details: OutcomeDetails): boolean {
  if (details.reasonCode >= 0x80) return false;
  if (details.status === undefined) return true;
  return statusClassOf(api.statuses, api.dialect.statusFormat, details.status) === "success";
}

/** A success that carries a status (IoT Hub `0001 Not Modified`). */
export function isSuccessWithStatus(api: ApiTable, details: OutcomeDetails): boolean {
  return details.status !== undefined && isSuccessOutcome(api, details);
}

/**
 * The properties carrying an outcome, in the order status, reason, trace id, so that truncation (E27)
 * drops the least useful last; `undefined` when there is nothing to carry. Without a reason property the
 * reason goes to the Reason String when `reasonString` is true (PUBACK, DISCONNECT, CONNACK), and is
 * dropped on a PUBLISH, which has none.
 */
export function outcomeProperties(
  dialect: DialectSpec,
  failure: Failure,
  reasonString: boolean,
): OutcomeProperties | undefined {
  const { statusProperty, reasonProperty, traceProperty } = dialect.outcome;
  const userProperties: Record<string, string> = {};
  let count = 0;
  if (statusProperty !== undefined && failure.status !== undefined) {
    userProperties[statusProperty.name] = failure.status;
    count++;
  }
  if (reasonProperty !== undefined && failure.reason !== undefined) {
    userProperties[reasonProperty] = failure.reason;
    count++;
  }
  if (traceProperty !== undefined && failure.traceId !== undefined) {
    userProperties[traceProperty] = failure.traceId;
    count++;
  }
  const properties: OutcomeProperties = {};
  if (count > 0) properties.userProperties = userProperties;
  if (reasonProperty === undefined && reasonString && failure.reason !== undefined) {
    properties.reasonString = failure.reason;
  }
  return count > 0 || properties.reasonString !== undefined ? properties : undefined;
}

/** Whether the dialect's outcome user properties can carry this failure's status on a reply PUBLISH. */
export function statusTravelsAsProperty(dialect: DialectSpec, failure: Failure): boolean {
  return dialect.outcome.statusProperty !== undefined && failure.status !== undefined;
}

const outcomeNames = new WeakMap<DialectSpec, readonly string[]>();

/** The outcome user property names of a dialect, which declared-property decoding must not see (F28). */
export function outcomePropertyNames(dialect: DialectSpec): readonly string[] {
  let names = outcomeNames.get(dialect);
  if (names === undefined) {
    const { statusProperty, reasonProperty, traceProperty } = dialect.outcome;
    names = [statusProperty?.name, reasonProperty, traceProperty].filter((name): name is string => name !== undefined);
    outcomeNames.set(dialect, names);
  }
  return names;
}

/** A repeated outcome property is read by its first occurrence. */
function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
