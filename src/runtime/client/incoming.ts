/**
 * Server→client traffic (docs/protocol.md#topics, #response-topic-and-subscriptions, #interactions, #direct-method-replies, #command-acknowledgments, #unknown-incoming-properties for IoT Hub): replies to our requests,
 * and PUBLISHes of server→client operations handed to the registered handlers. Message-ack operations
 * answer with the handler's verdict on the PUBACK; request-response operations publish the handler's
 * reply where the API's dialect says, echoing the request's correlation; one-way messages are only
 * delivered.
 *
 * A message of an operation without a handler (none registered yet, or none ever) is answered as the
 * server can best recover from it: a message-ack one is abandoned, so the server redelivers it later; a
 * request fails with the API's target-unavailable outcome, so the caller is not left waiting; a one-way
 * message is dropped. The first two carry the reason "no handler for <operation id>".
 *
 * A message that does not decode (a property, a topic level, or a payload that breaks its schema) gets the
 * API's bad-request outcome with a reason naming what is wrong, as the server answers such a request
 * (docs/protocol.md#messages-that-do-not-decode): on the PUBACK of a message-ack message, which a server
 * treats as a reject since the message will not decode on redelivery either (IoT Hub: 131 and `0100`, the
 * same as a reject), or in the reply to a request.
 */
import type { IPublishPacket } from "mqtt-packet";
import type { ApiIndex, IndexedOperation } from "../api-index.js";
import type { ApiTable, RuntimeCondition } from "../api-table.js";
import { toBuffer } from "../bytes.js";
import { receivedToken } from "../dialect/correlation-token.js";
import { conditionFailure, outcomeProperties, type Failure } from "../dialect/outcome.js";
import { checkJsonPayload } from "../dialect/payload-check.js";
import type { ReplyAnswer, RequestEnvelope } from "../dialect/replies.js";
import { StatusError } from "../errors.js";
import { decodeProperties, PropertyError, type MessageProperties } from "../properties.js";
import { statusFacts } from "../status.js";
import type { RawTopicParameters } from "../topic-template.js";
import { TopicError } from "../topics.js";
import {
  abandon,
  type AckDecision,
  type AckHandler,
  type MessageHandler,
  type ReceivedMessage,
  type RequestHandler,
  type RequestResult,
} from "./handlers.js";
import type { PubackProperties, PubackPropertySet } from "./mqttjs-extensions.js";
import type { Outgoing } from "./outgoing.js";

/** What a message-ack message gets on its PUBACK: the handler's decision, or bad-request when it does not decode. */
type AckVerdict = AckDecision | { readonly kind: "badRequest"; readonly reason: string };

/** A registered handler together with the interaction it was registered for. */
export type IncomingHandler =
  | { readonly interaction: "message-ack"; readonly handle: AckHandler }
  | { readonly interaction: "request-response"; readonly handle: RequestHandler }
  | { readonly interaction: "message"; readonly handle: MessageHandler };

export interface IncomingOptions {
  readonly index: ApiIndex;
  readonly clientId: string;
  readonly outgoing: Outgoing;
  readonly pubackProperties: PubackProperties;
  /** Problems with no caller to report to: undecodable messages, failing handlers, failed replies. */
  readonly report: (error: Error) => void;
}

export class Incoming {
  readonly #index: ApiIndex;
  readonly #api: ApiTable;
  readonly #clientId: string;
  readonly #outgoing: Outgoing;
  readonly #pubackProperties: PubackProperties;
  readonly #report: (error: Error) => void;
  readonly #applicationPrefix: string;
  /** The shared reply topic, or this client's own reply prefix followed by `/`. */
  readonly #sharedReplyTopic: string | undefined;
  readonly #replyPrefix: string | undefined;
  readonly #handlers = new Map<string, IncomingHandler>();

  constructor(options: IncomingOptions) {
    this.#index = options.index;
    this.#api = options.index.api;
    this.#clientId = options.clientId;
    this.#outgoing = options.outgoing;
    this.#pubackProperties = options.pubackProperties;
    this.#report = options.report;
    this.#applicationPrefix = this.#api.dialect.applicationProperties?.prefix ?? "";
    const replies = this.#api.dialect.replies;
    this.#sharedReplyTopic = replies.kind === "shared-topic" ? replies.topic : undefined;
    this.#replyPrefix = options.index.requesterPrefix?.fill(undefined, options.clientId).concat("/");
  }

  /** Registers (or replaces) the handler of a server→client operation. */
  handle(operationId: string, handler: IncomingHandler): void {
    this.#handlers.set(operationId, handler);
  }

  /** QoS 1 PUBLISHes from the server. Message-ack operations get the handler's verdict on the PUBACK (E26). */
  async onQos1(topic: string, packet: IPublishPacket, done: (reasonCode: number) => void): Promise<void> {
    const match = this.#index.matchMessage("server-to-client", topic);
    if (match === undefined || match.operation.spec.interaction !== "message-ack") {
      done(0);
      this.onQos0(topic, packet);
      return;
    }
    const verdict = await this.#decide(match.operation, match.raw, topic, packet);
    const { reasonCode, properties } = this.#pubackFor(verdict);
    if (properties !== undefined && packet.messageId !== undefined) {
      this.#pubackProperties.attach(packet.messageId, properties);
    }
    done(reasonCode);
  }

  /** QoS 0 PUBLISHes (and QoS 1 ones that are not message-ack): replies, requests, one-way messages. */
  onQos0(topic: string, packet: IPublishPacket): void {
    if (topic === this.#sharedReplyTopic || (this.#replyPrefix !== undefined && topic.startsWith(this.#replyPrefix))) {
      this.#outgoing.deliverReply(packet, "reply");
      return;
    }
    const match = this.#index.matchMessage("server-to-client", topic);
    if (match === undefined) {
      const reply = this.#index.matchReplyTopic("client-to-server", topic);
      if (reply !== undefined) this.#outgoing.deliverReply(packet, reply.arrivedOn, reply.operation);
      return;
    }
    const { operation, raw } = match;
    const interaction = operation.spec.interaction;
    if (interaction === "request-response") void this.#answer(operation, raw, topic, packet);
    else if (interaction === "message") void this.#deliver(operation, raw, topic, packet);
  }

  async #decide(
    operation: IndexedOperation,
    raw: RawTopicParameters,
    topic: string,
    packet: IPublishPacket,
  ): Promise<AckVerdict> {
    let message: ReceivedMessage;
    try {
      message = this.#received(operation, raw, topic, packet);
    } catch (error) {
      this.#report(error as Error);
      return { kind: "badRequest", reason: (error as Error).message };
    }
    const handler = this.#handlers.get(operation.id);
    if (handler?.interaction !== "message-ack") return abandon(noHandler(operation));
    try {
      return (await handler.handle(message)) ?? { kind: "accept" };
    } catch (error) {
      this.#report(error as Error);
      return abandon();
    }
  }

  /** The PUBACK a verdict produces: accept → 0 without properties; otherwise the API's outcome for its kind. */
  #pubackFor(verdict: AckVerdict): { reasonCode: number; properties?: PubackPropertySet } {
    if (verdict.kind === "accept") return { reasonCode: 0 };
    const failure = conditionFailure(this.#api, verdict.kind, verdict.reason);
    const properties = outcomeProperties(this.#api.dialect, failure, true);
    return { reasonCode: failure.reasonCode, ...(properties !== undefined && { properties }) };
  }

  async #deliver(
    operation: IndexedOperation,
    raw: RawTopicParameters,
    topic: string,
    packet: IPublishPacket,
  ): Promise<void> {
    const handler = this.#handlers.get(operation.id);
    try {
      const message = this.#received(operation, raw, topic, packet);
      if (handler?.interaction === "message") await handler.handle(message);
    } catch (error) {
      this.#report(error as Error);
    }
  }

  /** Runs a request handler and publishes its reply where the dialect says, echoing the correlation (E25). */
  async #answer(
    operation: IndexedOperation,
    raw: RawTopicParameters,
    topic: string,
    packet: IPublishPacket,
  ): Promise<void> {
    const envelope = this.#envelope(operation, raw, packet);
    if (envelope === undefined) return;
    const answer = await this.#replyAnswer(operation, raw, topic, packet);
    try {
      await this.#outgoing.answer(operation, envelope, answer);
    } catch (error) {
      this.#report(error as Error);
    }
  }

  /** What the reply needs from the request; `undefined` (reported) when the request cannot be answered. */
  #envelope(operation: IndexedOperation, raw: RawTopicParameters, packet: IPublishPacket): RequestEnvelope | undefined {
    const properties = packet.properties;
    const { correlation, reply } = operation;
    const token =
      correlation.kind === "payload-field" ? receivedToken(toBuffer(packet.payload), correlation.field) : undefined;
    const correlationData = properties?.correlationData;
    if (correlation.kind === "payload-field" ? token === undefined : correlationData === undefined) {
      const missing = correlation.kind === "payload-field" ? correlation.field : "Correlation Data";
      this.#report(new PropertyError(missing, `${operation.id} request without it dropped`));
      return undefined;
    }
    const responseTopic = properties?.responseTopic;
    if (reply?.kind === "requester-topic" && !this.#isOwnReplyTopic(responseTopic)) {
      this.#report(
        new TopicError(
          `${operation.id} request dropped: its Response Topic ${String(responseTopic)} is not under this client's prefix`,
        ),
      );
      return undefined;
    }
    return { raw, clientId: this.#clientId, responseTopic, correlationData, token };
  }

  /** A Response Topic this client may publish a reply to: a concrete topic under its own reply prefix. */
  #isOwnReplyTopic(topic: string | undefined): boolean {
    return (
      topic !== undefined &&
      this.#replyPrefix !== undefined &&
      topic.startsWith(this.#replyPrefix) &&
      !/[+#]/.test(topic)
    );
  }

  /**
   * The reply to a request: the handler's success encoded, or a failure: the handler's status with the
   * catalog's reason code, the bad-request outcome for a request that does not decode, the
   * target-unavailable one without a handler, for a handler that throws, or for a reply it cannot encode.
   */
  async #replyAnswer(
    operation: IndexedOperation,
    raw: RawTopicParameters,
    topic: string,
    packet: IPublishPacket,
  ): Promise<ReplyAnswer> {
    let message: ReceivedMessage;
    try {
      message = this.#received(operation, raw, topic, packet);
    } catch (error) {
      this.#report(error as Error);
      return this.#conditionAnswer("badRequest", (error as Error).message);
    }
    const handler = this.#handlers.get(operation.id);
    if (handler?.interaction !== "request-response")
      return this.#conditionAnswer("targetUnavailable", noHandler(operation));
    let result: RequestResult;
    try {
      result = await handler.handle(message);
      if (result.kind === "reply") {
        const properties = this.#outgoing.encode(
          operation.spec.success?.properties ?? [],
          result.properties,
          result.applicationProperties,
        );
        return { kind: "success", message: { ...properties, payload: toBuffer(result.payload) } };
      }
    } catch (error) {
      this.#report(error as Error);
      if (error instanceof StatusError && error.status !== undefined)
        return this.#statusAnswer(error.status, error.reason);
      return this.#conditionAnswer("targetUnavailable");
    }
    return result.status === undefined
      ? this.#conditionAnswer("targetUnavailable", result.reason)
      : this.#statusAnswer(result.status, result.reason);
  }

  #conditionAnswer(condition: RuntimeCondition, reason?: string): ReplyAnswer {
    return { kind: "failure", failure: conditionFailure(this.#api, condition, reason) };
  }

  /** A failure with a catalog status, and the catalog's reason code for it. */
  #statusAnswer(status: string, reason?: string): ReplyAnswer {
    const failure: Failure = {
      reasonCode: statusFacts(this.#api.statuses, status)?.reasonCode ?? 0,
      status,
      ...(reason !== undefined && { reason }),
    };
    return { kind: "failure", failure };
  }

  /** Decodes a server→client message: properties, typed topic levels, and the payload when its schema is given. */
  #received(
    operation: IndexedOperation,
    raw: RawTopicParameters,
    topic: string,
    packet: IPublishPacket,
  ): ReceivedMessage {
    const { request } = operation.spec;
    const payload = toBuffer(packet.payload);
    if (request.validate !== undefined) checkJsonPayload(payload, request.validate);
    const properties: MessageProperties | undefined = operation.requestDeclaresRetain
      ? { ...packet.properties, retain: packet.retain }
      : packet.properties;
    const decoded = decodeProperties(request.properties, properties, this.#applicationPrefix);
    return {
      operationId: operation.id,
      topic,
      parameters: operation.topic.decode(raw),
      properties: decoded.values,
      applicationProperties: decoded.applicationProperties,
      extra: decoded.extra,
      payload,
    };
  }
}

function noHandler(operation: IndexedOperation): string {
  return `no handler for ${operation.id}`;
}
