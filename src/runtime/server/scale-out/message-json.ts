/**
 * Messages and outcomes as JSON, for what the runtime keeps or sends between its own processes: the
 * answers a delivery store keeps for duplicates, and the envelopes gateways and workers exchange over the
 * broker. Payloads and Correlation Data travel as base64. Reading is strict: a value that is not what
 * the runtime writes throws `MessageJsonError`, so that nothing a broker peer sends is taken on trust.
 */
import type { Failure } from "../../dialect/outcome.js";
import type { ReplyAnswer } from "../../dialect/replies.js";
import type { OutcomeDetails } from "../../errors.js";
import type { ServerFirstClassProperties, ServerOutboundMessage, ServerUserProperties } from "../messages.js";

export class MessageJsonError extends Error {
  override readonly name = "MessageJsonError";
}

/** A message's properties and payload as JSON. */
export interface MessageJson extends ServerFirstClassProperties {
  readonly userProperties?: Readonly<Record<string, string | string[]>>;
  /** base64 */
  readonly payload?: string;
}

export function messageToJson(message: ServerOutboundMessage): MessageJson {
  const { userProperties, payload, ...firstClass } = message;
  return {
    ...firstClass,
    ...(userProperties !== undefined && Object.keys(userProperties).length > 0 && { userProperties }),
    ...(payload !== undefined && { payload: Buffer.from(payload).toString("base64") }),
  };
}

/** The message a `MessageJson` describes, its payload as a Buffer (empty when absent). */
export function messageFromJson(value: unknown): ServerOutboundMessage & { readonly payload: Buffer } {
  const json = record(value, "message");
  return {
    ...(json.userProperties !== undefined && { userProperties: userPropertiesOf(json.userProperties) }),
    payload: bytesOf(json.payload, "payload") ?? Buffer.alloc(0),
    ...optional(json, "contentType", "string"),
    ...optional(json, "payloadFormatIndicator", "boolean"),
    ...optional(json, "messageExpiryInterval", "number"),
    ...optional(json, "responseTopic", "string"),
    ...optional(json, "retain", "boolean"),
  };
}

export function failureFromJson(value: unknown): Failure {
  const json = record(value, "failure");
  const reasonCode = json.reasonCode;
  if (typeof reasonCode !== "number" || !Number.isInteger(reasonCode) || reasonCode < 0 || reasonCode > 255) {
    throw new MessageJsonError("failure.reasonCode must be an integer 0-255");
  }
  return {
    reasonCode,
    ...optional(json, "status", "string"),
    ...optional(json, "reason", "string"),
    ...optional(json, "traceId", "string"),
  };
}

/** A failure as JSON: only its own fields, whatever object carried them. */
export function failureToJson(failure: Failure): Failure {
  return {
    reasonCode: failure.reasonCode,
    ...(failure.status !== undefined && { status: failure.status }),
    ...(failure.reason !== undefined && { reason: failure.reason }),
    ...(failure.traceId !== undefined && { traceId: failure.traceId }),
  };
}

/** A handler's answer as JSON: what a store keeps for copies, and what a worker sends a gateway. */
export type AnswerJson =
  | { readonly kind: "success"; readonly message?: MessageJson }
  | { readonly kind: "failure"; readonly failure: Failure };

export function answerToJson(answer: ReplyAnswer): AnswerJson {
  return answer.kind === "success"
    ? { kind: "success", message: messageToJson(answer.message) }
    : { kind: "failure", failure: failureToJson(answer.failure) };
}

export function answerFromJson(value: unknown): ReplyAnswer {
  const json = record(value, "answer");
  if (json.kind === "failure") return { kind: "failure", failure: failureFromJson(json.failure) };
  if (json.kind !== "success") throw new MessageJsonError(`answer has kind ${String(json.kind)}`);
  return { kind: "success", message: messageFromJson(json.message ?? {}) };
}

/** An outcome a peer sent (a PUBACK's, a status error's) as JSON, and back. */
export function outcomeToJson(outcome: OutcomeDetails): OutcomeDetails {
  return {
    ...failureToJson(outcome),
    ...(outcome.userProperties !== undefined && { userProperties: outcome.userProperties }),
  };
}

export function outcomeFromJson(value: unknown): OutcomeDetails {
  const json = record(value, "outcome");
  return {
    ...failureFromJson(json),
    ...(json.userProperties !== undefined && { userProperties: userPropertiesOf(json.userProperties) }),
  };
}

/** Parses JSON bytes into a plain object, or throws `MessageJsonError`. */
export function parseJsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new MessageJsonError(`${what} is not JSON: ${(error as Error).message}`);
  }
  return record(value, what);
}

export function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MessageJsonError(`${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** base64 text as bytes; `undefined` stays undefined. */
export function bytesOf(value: unknown, what: string): Buffer | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new MessageJsonError(`${what} must be base64 text`);
  return Buffer.from(value, "base64");
}

export function stringOf(value: unknown, what: string): string {
  if (typeof value !== "string") throw new MessageJsonError(`${what} must be a string`);
  return value;
}

export function userPropertiesOf(value: unknown): ServerUserProperties {
  const json = record(value, "userProperties");
  const properties: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, item] of Object.entries(json)) {
    const valid = typeof item === "string" || (Array.isArray(item) && item.every((v) => typeof v === "string"));
    if (!valid) throw new MessageJsonError(`user property ${name} must be a string or strings`);
    properties[name] = item as string | string[];
  }
  return properties;
}

/** `{ [name]: value }` when `json[name]` is of `type`, `{}` when absent; throws otherwise. */
export function optional<K extends string, T extends "string" | "number" | "boolean">(
  json: Record<string, unknown>,
  name: K,
  type: T,
): Partial<Record<K, T extends "string" ? string : T extends "number" ? number : boolean>> {
  const value = json[name];
  if (value === undefined) return {};
  if (typeof value !== type) throw new MessageJsonError(`${name} must be a ${type}`);
  return { [name]: value } as Partial<Record<K, T extends "string" ? string : T extends "number" ? number : boolean>>;
}
