/**
 * Server→client traffic (PROTOCOL.md C12–C14, E24–E26, O5–O6, O12): responses to our requests, and
 * PUBLISHes of server→client operations handed to the registered handlers. Message-ack operations answer
 * with the handler's verdict on the PUBACK; request-response operations publish the handler's reply on
 * the response topic, echoing Correlation Data; one-way messages are only delivered.
 *
 * A message of an operation without a handler (none registered yet, or none ever) is answered as the
 * server can best recover from it: a message-ack one is abandoned, so the server redelivers it later; a
 * request fails with `06A0`, so the caller is not left waiting; a one-way message is dropped. The first
 * two carry the reason "no handler for <operation id>".
 */
import type { IPublishPacket } from "mqtt-packet";
import { StatusError } from "../errors.js";
import { decodeProperties, PropertyError, type MessageProperties, type UserProperties } from "../properties.js";
import type { ClientOperation } from "./api.js";
import {
  abandon,
  fail,
  pubackFor,
  reject,
  TARGET_UNAVAILABLE,
  type AckDecision,
  type AckHandler,
  type MessageHandler,
  type ReceivedMessage,
  type RequestHandler,
  type RequestResult,
} from "./handlers.js";
import type { PubackProperties } from "./mqttjs-extensions.js";
import type { OperationTable } from "./operation-table.js";
import { toBuffer, type Outgoing } from "./outgoing.js";

/** A registered handler together with the interaction it was registered for. */
export type IncomingHandler =
  | { readonly interaction: "message-ack"; readonly handle: AckHandler }
  | { readonly interaction: "request-response"; readonly handle: RequestHandler }
  | { readonly interaction: "message"; readonly handle: MessageHandler };

export interface IncomingOptions {
  readonly table: OperationTable;
  readonly outgoing: Outgoing;
  readonly pubackProperties: PubackProperties;
  /** Problems with no caller to report to: undecodable messages, failing handlers, failed replies. */
  readonly report: (error: Error) => void;
}

export class Incoming {
  readonly #table: OperationTable;
  readonly #outgoing: Outgoing;
  readonly #pubackProperties: PubackProperties;
  readonly #report: (error: Error) => void;
  readonly #responseTopic: string;
  readonly #handlers = new Map<string, IncomingHandler>();

  constructor(options: IncomingOptions) {
    this.#table = options.table;
    this.#outgoing = options.outgoing;
    this.#pubackProperties = options.pubackProperties;
    this.#report = options.report;
    this.#responseTopic = options.table.api.responseTopic;
  }

  /** Registers (or replaces) the handler of a server→client operation. */
  handle(operationId: string, handler: IncomingHandler): void {
    this.#handlers.set(operationId, handler);
  }

  /** QoS 1 PUBLISHes from the server. Message-ack operations get the handler's verdict on the PUBACK (E26). */
  async onQos1(topic: string, packet: IPublishPacket, done: (reasonCode: number) => void): Promise<void> {
    const match = this.#table.match(topic);
    if (match === undefined || match.operation.interaction !== "message-ack") {
      done(0);
      if (match !== undefined) this.onQos0(topic, packet);
      return;
    }
    const decision = await this.#decide(match.operation, match.parameters, topic, packet);
    const { reasonCode, properties } = pubackFor(decision);
    if (properties !== undefined && packet.messageId !== undefined)
      this.#pubackProperties.attach(packet.messageId, properties);
    done(reasonCode);
  }

  /** QoS 0 PUBLISHes: responses to our requests (settled synchronously), direct-method requests, one-way messages. */
  onQos0(topic: string, packet: IPublishPacket): void {
    if (topic === this.#responseTopic) {
      this.#outgoing.deliverResponse(packet);
      return;
    }
    const match = this.#table.match(topic);
    if (match === undefined) return;
    const { operation, parameters } = match;
    if (operation.interaction === "request-response") void this.#answer(operation, parameters, topic, packet);
    else if (operation.interaction === "message") void this.#deliver(operation, parameters, topic, packet);
  }

  async #decide(
    operation: ClientOperation,
    parameters: Record<string, string>,
    topic: string,
    packet: IPublishPacket,
  ): Promise<AckDecision> {
    let message: ReceivedMessage;
    try {
      message = receivedMessage(operation, parameters, topic, packet);
    } catch (error) {
      // A message that does not decode will not decode on redelivery either.
      this.#report(error as Error);
      return reject((error as Error).message);
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

  async #deliver(
    operation: ClientOperation,
    parameters: Record<string, string>,
    topic: string,
    packet: IPublishPacket,
  ): Promise<void> {
    const handler = this.#handlers.get(operation.id);
    try {
      const message = receivedMessage(operation, parameters, topic, packet);
      if (handler?.interaction === "message") await handler.handle(message);
    } catch (error) {
      this.#report(error as Error);
    }
  }

  /** Runs a request handler and publishes its reply on the response topic, echoing Correlation Data (E25). */
  async #answer(
    operation: ClientOperation,
    parameters: Record<string, string>,
    topic: string,
    packet: IPublishPacket,
  ): Promise<void> {
    const correlationData = packet.properties?.correlationData;
    if (correlationData === undefined) {
      this.#report(new PropertyError("Correlation Data", `${operation.id} request without Correlation Data dropped`));
      return;
    }
    const result = await this.#result(operation, parameters, topic, packet);
    try {
      const { properties, payload } =
        result.kind === "reply"
          ? {
              properties: this.#outgoing.encode(
                operation.responseProperties,
                result.properties,
                result.applicationProperties,
              ),
              payload: toBuffer(result.payload),
            }
          : { properties: failureProperties(result), payload: Buffer.alloc(0) };
      await this.#outgoing.respond({ ...properties, correlationData }, payload);
    } catch (error) {
      this.#report(error as Error);
    }
  }

  async #result(
    operation: ClientOperation,
    parameters: Record<string, string>,
    topic: string,
    packet: IPublishPacket,
  ): Promise<RequestResult> {
    try {
      const message = receivedMessage(operation, parameters, topic, packet);
      const handler = this.#handlers.get(operation.id);
      if (handler?.interaction !== "request-response") return fail(TARGET_UNAVAILABLE, noHandler(operation));
      return await handler.handle(message);
    } catch (error) {
      this.#report(error as Error);
      if (error instanceof PropertyError) return fail("0100", error.message);
      if (error instanceof StatusError && error.status !== undefined) return fail(error.status, error.reason);
      return fail();
    }
  }
}

function receivedMessage(
  operation: ClientOperation,
  parameters: Record<string, string>,
  topic: string,
  packet: IPublishPacket,
): ReceivedMessage {
  const decoded = decodeProperties(operation.requestProperties, packet.properties);
  return {
    operationId: operation.id,
    topic,
    parameters,
    properties: decoded.values,
    applicationProperties: decoded.applicationProperties,
    extra: decoded.extra,
    payload: toBuffer(packet.payload),
  };
}

function noHandler(operation: ClientOperation): string {
  return `no handler for ${operation.id}`;
}

function failureProperties(result: { status: string; reason?: string }): MessageProperties {
  const userProperties: UserProperties = { status: result.status };
  if (result.reason !== undefined) userProperties.reason = result.reason;
  return { userProperties };
}
