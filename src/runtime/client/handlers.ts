/**
 * What server→client handlers receive and return (PROTOCOL.md E25–E26, O5, O6), and how their
 * decisions become PUBACKs and response properties.
 */
import type { PropertyValues, UserProperties } from "../properties.js";
import type { PubackPropertySet } from "./mqttjs-extensions.js";

/** Statuses the client itself sends (F30): abandon, reject, and the default method failure. */
export const SERVER_BUSY = "0603";
export const BAD_REQUEST = "0100";
export const TARGET_UNAVAILABLE = "06A0";

/** MQTT 5 reason code 0x83 Implementation specific error: every non-accept client PUBACK (E26). */
export const IMPLEMENTATION_SPECIFIC_ERROR = 131;

/** Values of a topic template's `{param}` levels, e.g. `{ name: "reboot" }`; generated code names each level. */
export type TopicParameters = Readonly<Record<string, string>>;

/** A received server→client message, decoded against its operation's table. */
export interface ReceivedMessage<
  V extends PropertyValues = PropertyValues,
  P extends TopicParameters = TopicParameters,
> {
  readonly operationId: string;
  readonly topic: string;
  /** Values of the topic template's `{param}` levels; every level of the template is present. */
  readonly parameters: P;
  readonly properties: V;
  readonly applicationProperties: Readonly<UserProperties>;
  /** User properties the table does not define (O12). */
  readonly extra: Readonly<UserProperties>;
  readonly payload: Buffer;
}

/** A message-ack handler's verdict (E26). `reason` travels as the `reason` user property. */
export type AckDecision =
  | { readonly kind: "accept" }
  | { readonly kind: "abandon"; readonly reason?: string }
  | { readonly kind: "reject"; readonly reason?: string };

export const accept = (): AckDecision => ({ kind: "accept" });
/** Redeliver later: PUBACK 131 with `status` 0603. */
export const abandon = (reason?: string): AckDecision => withReason({ kind: "abandon" }, reason);
/** Never redeliver: PUBACK 131 with `status` 0100. */
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
      readonly status: string;
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

/** A failed reply: sets `status` (default `06A0`, Q8) and omits the success properties. */
export function fail(status: string = TARGET_UNAVAILABLE, reason?: string): RequestResult<never> {
  return { kind: "fail", status, ...(reason === undefined ? {} : { reason }) };
}

/** Returning nothing accepts (O5). Throwing abandons, so the server redelivers. */
export type AckHandler<V extends PropertyValues = PropertyValues, P extends TopicParameters = TopicParameters> = (
  message: ReceivedMessage<V, P>,
) => AckDecision | void | Promise<AckDecision | void>;

/** Throwing replies with `fail()` (06A0) so the caller is not left waiting. */
export type RequestHandler<
  V extends PropertyValues = PropertyValues,
  R extends PropertyValues = PropertyValues,
  P extends TopicParameters = TopicParameters,
> = (message: ReceivedMessage<V, P>) => RequestResult<R> | Promise<RequestResult<R>>;

export type MessageHandler<V extends PropertyValues = PropertyValues, P extends TopicParameters = TopicParameters> = (
  message: ReceivedMessage<V, P>,
) => void | Promise<void>;

/** The PUBACK a decision produces: accept → 0 without properties; otherwise 131 with `status` (and `reason`). */
export function pubackFor(decision: AckDecision): {
  reasonCode: number;
  properties?: PubackPropertySet;
} {
  if (decision.kind === "accept") return { reasonCode: 0 };
  const userProperties: UserProperties = {
    status: decision.kind === "abandon" ? SERVER_BUSY : BAD_REQUEST,
  };
  if (decision.reason !== undefined) userProperties.reason = decision.reason;
  return {
    reasonCode: IMPLEMENTATION_SPECIFIC_ERROR,
    properties: { userProperties },
  };
}

function withReason(decision: { kind: "abandon" | "reject" }, reason: string | undefined): AckDecision {
  return reason === undefined ? decision : { ...decision, reason };
}
