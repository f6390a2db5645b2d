/**
 * Replies of request-response operations, as one side writes them and the other reads them, whichever side
 * asked: where a reply travels (the dialect's shared topic, the requester's Response Topic, the operation's
 * reply topic, or its accepted or rejected topic), how it echoes the request's correlation (Correlation
 * Data, or the payload field), and how it carries a failure (the dialect's status property, or a code and
 * message in the payload).
 */
import { Buffer } from "buffer";
import type { IndexedOperation } from "../api-index.js";
import type { ApiTable, StatusFormat } from "../api-table.js";
import type { OutcomeDetails } from "../errors.js";
import { toBuffer } from "../bytes.js";
import { encodeJson } from "../json.js";
import {
  decodeProperties,
  type DecodedProperties,
  type MessageProperties,
  type UserProperties,
} from "../properties.js";
import { canonicalStatus } from "../status.js";
import type { RawTopicParameters } from "../topic-template.js";
import { withReplyToken } from "./correlation-token.js";
import {
  isSuccessOutcome,
  outcomeProperties,
  outcomePropertyNames,
  readOutcome,
  statusTravelsAsProperty,
  type Failure,
} from "./outcome.js";
import { checkJsonPayload, PayloadError } from "./payload-check.js";

/** What a request carried that its reply depends on. */
export interface RequestEnvelope {
  /** The request topic's parameter levels as received. */
  readonly raw: Readonly<RawTopicParameters>;
  /** The device's client id: the requester of a client→server request, the replier of a server→client one. */
  readonly clientId: string;
  /** The request's Response Topic, already checked where the dialect lets the requester choose it. */
  readonly responseTopic: string | undefined;
  readonly correlationData: Buffer | undefined;
  /** The request's payload-field token. */
  readonly token: string | undefined;
}

/** A reply's properties and payload, as the replier wrote them (a server handler's returned message). */
export interface ReplyMessage extends Readonly<Omit<MessageProperties, "userProperties">> {
  readonly userProperties?: Readonly<UserProperties>;
  readonly payload?: Uint8Array | string;
}

/** A reply to send: the success message, or a failure. */
export type ReplyAnswer =
  | { readonly kind: "success"; readonly message: ReplyMessage }
  | { readonly kind: "failure"; readonly failure: Failure };

/** A reply ready to publish; the message is the success as given (never copied) or the failure's. */
export interface ReplyPublish {
  readonly topic: string;
  readonly message: ReplyMessage;
  readonly correlationData: Buffer | undefined;
}

const EMPTY = Buffer.alloc(0);

/**
 * The PUBLISH that answers a request, or `undefined` when the reply cannot carry this failure (no status
 * for it, or no status property and no failure payload): the caller then answers with a reason code, or
 * not at all.
 */
export function replyPublish(
  api: ApiTable,
  operation: IndexedOperation,
  envelope: RequestEnvelope,
  answer: ReplyAnswer,
): ReplyPublish | undefined {
  const topic = replyTopic(operation, envelope, answer.kind === "success");
  if (topic === undefined) return undefined;
  let message = answer.kind === "success" ? answer.message : failureReply(api, operation, answer.failure);
  if (message === undefined) return undefined;
  const correlation = operation.correlation;
  if (correlation.kind === "payload-field") {
    if (envelope.token === undefined) return undefined;
    const payload = withReplyToken(toBuffer(message.payload), correlation.field, envelope.token);
    message = { ...message, payload };
  }
  return {
    topic,
    message,
    correlationData: correlation.kind === "payload-field" ? undefined : envelope.correlationData,
  };
}

/** Where the reply of `envelope`'s request goes; `undefined` without a Response Topic where one is needed. */
function replyTopic(operation: IndexedOperation, envelope: RequestEnvelope, success: boolean): string | undefined {
  const reply = operation.reply;
  switch (reply?.kind) {
    case "shared-topic":
      return reply.topic;
    case "requester-topic":
      return envelope.responseTopic;
    case "topic":
      return reply.topic.fillRaw(envelope.raw, envelope.clientId);
    case "accepted-rejected":
      return (success ? reply.accepted : reply.rejected).fillRaw(envelope.raw, envelope.clientId);
    default:
      return undefined;
  }
}

function failureReply(api: ApiTable, operation: IndexedOperation, failure: Failure): ReplyMessage | undefined {
  const properties = outcomeProperties(api.dialect, failure, false);
  const failurePayload = operation.spec.failurePayload;
  if (failurePayload !== undefined && failure.status !== undefined) {
    const code = failure.status;
    const body = {
      [failurePayload.codeField]: api.dialect.statusFormat === "integer" ? Number(code) : code,
      [failurePayload.messageField]: failure.reason ?? "",
    };
    return { ...properties, payload: encodeJson(body) };
  }
  if (operation.reply?.kind === "accepted-rejected" || !statusTravelsAsProperty(api.dialect, failure)) return undefined;
  return { ...properties, payload: EMPTY };
}

/** A reply as received. */
export interface ReceivedReply {
  readonly properties: MessageProperties | undefined;
  readonly payload: Buffer;
  /** Which of the operation's reply topics it arrived on; `reply` for every other reply topic. */
  readonly arrivedOn: "reply" | "accepted" | "rejected";
}

/** A reply read against its operation: the success's decoded properties, or the failure it carries. */
export type ReplyReading =
  | ({ readonly ok: true; readonly outcome: OutcomeDetails } & DecodedProperties)
  | { readonly ok: false; readonly outcome: OutcomeDetails };

/**
 * Judges a reply: a failure arrives on the rejected topic, with a failing status property, or with the
 * failure payload's code field; anything else is the success. Throws `PayloadError` for a rejected reply
 * without a failure code.
 */
export function judgeReply(
  api: ApiTable,
  operation: IndexedOperation,
  reply: ReceivedReply,
): { readonly ok: boolean; readonly outcome: OutcomeDetails } {
  const { dialect } = api;
  const outcome = readOutcome(dialect, 0, reply.properties?.userProperties);
  const failurePayload = operation.spec.failurePayload;
  if (failurePayload !== undefined && reply.arrivedOn !== "accepted") {
    const failed = payloadFailure(reply, failurePayload, dialect.statusFormat, outcome);
    if (failed !== undefined) return { ok: false, outcome: failed };
  }
  if (reply.arrivedOn === "rejected") throw new PayloadError("a rejected reply without a failure code");
  return { ok: isSuccessOutcome(api, outcome), outcome };
}

/**
 * Reads a reply (`judgeReply`) and decodes a success against the success message, its payload checked
 * when the table gives a validator. Throws `PropertyError` or `PayloadError` for a reply that does not
 * decode.
 */
export function readReply(
  api: ApiTable,
  operation: IndexedOperation,
  reply: ReceivedReply,
  applicationPrefix: string,
): ReplyReading {
  const judged = judgeReply(api, operation, reply);
  if (!judged.ok) return { ok: false, outcome: judged.outcome };
  const success = operation.spec.success;
  if (success === undefined) throw new TypeError(`${operation.id} has no success message`);
  if (success.validate !== undefined) checkJsonPayload(reply.payload, success.validate);
  const properties = withoutOutcome(reply.properties, outcomePropertyNames(api.dialect));
  return { ok: true, outcome: judged.outcome, ...decodeProperties(success.properties, properties, applicationPrefix) };
}

/** The failure a reply payload's code field carries, `undefined` when it carries none. */
function payloadFailure(
  reply: ReceivedReply,
  failurePayload: NonNullable<IndexedOperation["spec"]["failurePayload"]>,
  format: StatusFormat,
  outcome: OutcomeDetails,
): OutcomeDetails | undefined {
  let value: unknown;
  try {
    value = checkJsonPayload(reply.payload, reply.arrivedOn === "rejected" ? failurePayload.validate : undefined);
  } catch (error) {
    if (reply.arrivedOn === "rejected") throw error;
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const code = fields[failurePayload.codeField];
  if (typeof code !== "string" && typeof code !== "number") return undefined;
  const message = fields[failurePayload.messageField];
  const status = canonicalStatus(format, code) ?? String(code);
  return { ...outcome, status, ...(typeof message === "string" && { reason: message }) };
}

/** Reply properties without the outcome ones, which `readOutcome` already took (F28). */
export function withoutOutcome(
  properties: MessageProperties | undefined,
  names: readonly string[],
): MessageProperties | undefined {
  const userProperties = properties?.userProperties;
  if (userProperties === undefined || !names.some((name) => name in userProperties)) return properties;
  const rest: UserProperties = { ...userProperties };
  for (const name of names) delete rest[name];
  return { ...properties, userProperties: rest };
}
