/**
 * What server→client handlers receive and return (docs/protocol.md#direct-method-replies, #command-acknowledgments for IoT Hub). Decisions name
 * no status: the device client turns them into the API's outcomes through its table (abandon and reject
 * into the dialect's statuses for them, or into bare reason codes where the API has none).
 */
import type { PropertyValues, UserProperties } from "../properties.js";
import type { TopicParameterValue } from "../topic-template.js";

/** Values of a topic template's `{param}` levels, e.g. `{ name: "reboot" }`; generated code names each level. */
export type TopicParameters = Readonly<Record<string, TopicParameterValue>>;

/** A received server→client message, decoded against its operation's table. */
export interface ReceivedMessage<
  V extends PropertyValues = PropertyValues,
  P extends TopicParameters = TopicParameters,
> {
  readonly operationId: string;
  readonly topic: string;
  /** Values of the topic template's `{param}` levels, decoded by their types; every level is present. */
  readonly parameters: P;
  readonly properties: V;
  readonly applicationProperties: Readonly<UserProperties>;
  /** User properties the table does not define (O12). */
  readonly extra: Readonly<UserProperties>;
  readonly payload: Buffer;
}

/** A message-ack handler's verdict (E26). `reason` travels with the outcome. */
export type AckDecision =
  | { readonly kind: "accept" }
  | { readonly kind: "abandon"; readonly reason?: string }
  | { readonly kind: "reject"; readonly reason?: string };

export const accept = (): AckDecision => ({ kind: "accept" });
/** Redeliver later: a failing PUBACK with the API's abandon outcome (IoT Hub: 131 and `0603`). */
export const abandon = (reason?: string): AckDecision => withReason({ kind: "abandon" }, reason);
/** Never redeliver: a failing PUBACK with the API's reject outcome (IoT Hub: 131 and `0100`). */
export const reject = (reason?: string): AckDecision => withReason({ kind: "reject" }, reason);

/** A request handler's answer (E25, O6): a reply with the operation's success properties, or a failure. */
export type RequestResult<R extends PropertyValues = PropertyValues> =
  | {
      readonly kind: "reply";
      readonly properties: R;
      readonly applicationProperties?: Readonly<Record<string, string>>;
      readonly payload?: Uint8Array | string;
    }
  | {
      readonly kind: "fail";
      /** A status of the API's catalog; absent: the API's target-unavailable status (IoT Hub `06A0`, Q8). */
      readonly status?: string;
      readonly reason?: string;
    };

export function reply<R extends PropertyValues>(
  properties: R,
  payload?: Uint8Array | string,
  applicationProperties?: Readonly<Record<string, string>>,
): RequestResult<R> {
  return {
    kind: "reply",
    properties,
    ...(payload === undefined ? {} : { payload }),
    ...(applicationProperties === undefined ? {} : { applicationProperties }),
  };
}

/** A failed reply with `status`, or without one the API's target-unavailable status; no success properties. */
export function fail(status?: string, reason?: string): RequestResult<never> {
  return { kind: "fail", ...(status === undefined ? {} : { status }), ...(reason === undefined ? {} : { reason }) };
}

/** Returning nothing accepts (O5). Throwing abandons, so the server redelivers. */
export type AckHandler<V extends PropertyValues = PropertyValues, P extends TopicParameters = TopicParameters> = (
  message: ReceivedMessage<V, P>,
) => AckDecision | void | Promise<AckDecision | void>;

/** Throwing replies with `fail()` so the caller is not left waiting. */
export type RequestHandler<
  V extends PropertyValues = PropertyValues,
  R extends PropertyValues = PropertyValues,
  P extends TopicParameters = TopicParameters,
> = (message: ReceivedMessage<V, P>) => RequestResult<R> | Promise<RequestResult<R>>;

export type MessageHandler<V extends PropertyValues = PropertyValues, P extends TopicParameters = TopicParameters> = (
  message: ReceivedMessage<V, P>,
) => void | Promise<void>;

function withReason(decision: { kind: "abandon" | "reject" }, reason: string | undefined): AckDecision {
  return reason === undefined ? decision : { ...decision, reason };
}
