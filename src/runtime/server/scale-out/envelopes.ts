/**
 * What gateways and workers send each other on the internal topics, as JSON (PUBLISH payloads; the hop's
 * own Correlation Data and Response Topic pair each call with its answer):
 * - up: a device's client→server message as the gateway received and checked it, with the user properties
 *   of the device's CONNECT; answered by the handler's answer (`AnswerJson`);
 * - down: a worker's server→client call, with the device's topic and the message; answered by a
 *   `DownResult`, what the gateway's endpoint made of it.
 * Every decoder throws `MessageJsonError` for what the runtime does not write.
 */
import type { RuntimeCondition } from "../../api-table.js";
import { isRuntimeCondition } from "../../dialect/outcome.js";
import { encodeJson } from "../../json.js";
import type { ServerDeliveryResult } from "../command-deliveries.js";
import type { ServerInboundMessage, ServerOutboundMessage, ServerUserProperties } from "../messages.js";
import type { ServerCallResponse } from "../server-requests.js";
import {
  bytesOf,
  MessageJsonError,
  messageFromJson,
  messageToJson,
  optional,
  outcomeFromJson,
  outcomeToJson,
  parseJsonObject,
  record,
  stringOf,
  userPropertiesOf,
} from "./message-json.js";

export interface UpCall {
  readonly message: ServerInboundMessage;
  readonly connectUserProperties: ServerUserProperties;
}

export function encodeUp(call: UpCall): Buffer {
  const { topic, qos, correlationData, ...rest } = call.message;
  return encodeJson({
    message: {
      topic,
      qos,
      ...(correlationData !== undefined && { correlationData: correlationData.toString("base64") }),
      ...messageToJson(rest),
    },
    connect: call.connectUserProperties,
  });
}

export function decodeUp(payload: Buffer): UpCall {
  const json = parseJsonObject(payload, "forwarded message");
  const message = record(json.message, "message");
  const qos = message.qos;
  if (qos !== 0 && qos !== 1) throw new MessageJsonError("message.qos must be 0 or 1");
  const correlationData = bytesOf(message.correlationData, "correlationData");
  const { userProperties = {}, payload: body, ...firstClass } = messageFromJson(message);
  return {
    message: {
      topic: stringOf(message.topic, "message.topic"),
      qos,
      userProperties,
      payload: body,
      ...firstClass,
      ...(correlationData !== undefined && { correlationData }),
    },
    connectUserProperties: userPropertiesOf(json.connect ?? {}),
  };
}

export interface DownCall {
  /** The device's topic, filled by the worker. */
  readonly topic: string;
  readonly message: ServerOutboundMessage;
  /** How long the gateway waits for a request's reply (ms). */
  readonly timeoutMs?: number;
}

export function encodeDown(call: DownCall): Buffer {
  return encodeJson({
    topic: call.topic,
    message: messageToJson(call.message),
    ...(call.timeoutMs !== undefined && { timeoutMs: call.timeoutMs }),
  });
}

export function decodeDown(payload: Buffer): DownCall {
  const json = parseJsonObject(payload, "call");
  return {
    topic: stringOf(json.topic, "topic"),
    message: messageFromJson(json.message),
    ...optional(json, "timeoutMs", "number"),
  };
}

/** What the gateway's endpoint made of a call. */
export type DownResult =
  | { readonly kind: "delivered"; readonly result: ServerDeliveryResult }
  | { readonly kind: "response"; readonly response: ServerCallResponse }
  /** A `StatusError`: the device's failure, or the API's status for a runtime condition. */
  | { readonly kind: "status"; readonly outcome: ServerDeliveryResult["ack"] }
  /** A `RuntimeConditionError`: a condition the API has no status for. */
  | { readonly kind: "condition"; readonly condition: RuntimeCondition; readonly reason?: string }
  /** Anything else, by its message. */
  | { readonly kind: "error"; readonly message: string };

export function encodeDownResult(result: DownResult): Buffer {
  switch (result.kind) {
    case "delivered":
      return encodeJson({ ...result, result: { ...result.result, ack: outcomeToJson(result.result.ack) } });
    case "response": {
      const { status, ...message } = result.response;
      return encodeJson({
        kind: "response",
        response: messageToJson(message),
        ...(status !== undefined && { status }),
      });
    }
    case "status":
      return encodeJson({ kind: "status", outcome: outcomeToJson(result.outcome) });
    default:
      return encodeJson(result);
  }
}

const DELIVERY_OUTCOMES: ReadonlySet<unknown> = new Set(["accepted", "abandoned", "rejected"]);

export function decodeDownResult(payload: Buffer): DownResult {
  const json = parseJsonObject(payload, "call result");
  switch (json.kind) {
    case "delivered": {
      const result = record(json.result, "result");
      if (!DELIVERY_OUTCOMES.has(result.outcome))
        throw new MessageJsonError("result.outcome is not a delivery outcome");
      if (typeof result.attempts !== "number") throw new MessageJsonError("result.attempts must be a number");
      return {
        kind: "delivered",
        result: {
          outcome: result.outcome as ServerDeliveryResult["outcome"],
          attempts: result.attempts,
          ack: outcomeFromJson(result.ack),
        },
      };
    }
    case "response": {
      const { userProperties = {}, payload: body, ...firstClass } = messageFromJson(json.response);
      return {
        kind: "response",
        response: { userProperties, payload: body, ...firstClass, ...optional(json, "status", "string") },
      };
    }
    case "status":
      return { kind: "status", outcome: outcomeFromJson(json.outcome) };
    case "condition":
      if (!isRuntimeCondition(json.condition)) throw new MessageJsonError("condition is not a runtime condition");
      return {
        kind: "condition",
        condition: json.condition,
        ...optional(json, "reason", "string"),
      };
    case "error":
      return { kind: "error", message: stringOf(json.message, "message") };
    default:
      throw new MessageJsonError(`call result has kind ${String(json.kind)}`);
  }
}
