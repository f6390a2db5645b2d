/**
 * Client→server PUBLISHes (PROTOCOL.md C12, D18, E21–E24): each is matched to its operation, checked,
 * handed to the operation's handler, and answered exactly as E and F prescribe:
 * - request-response: a QoS 0 response on the response topic echoing Correlation Data, with no `status` on
 *   success and `status` / `reason` / `trace-id` on failure;
 * - message-ack and one-way messages: PUBACK (reason 0, or the failure's reason code and properties) at
 *   QoS 1; nothing on success at QoS 0, DISCONNECT with the failure's reason code and properties otherwise.
 *
 * A PUBLISH to a topic no operation defines is `0504 Not Found` (C12), answered like any failed message:
 * PUBACK at QoS 1, DISCONNECT 131 + `0504` at QoS 0. (The reference's QoS 0 example shows DISCONNECT 144
 * without a status instead, Q14; this endpoint keeps one rule for every failed message so that the
 * `status` always tells clients what happened.)
 */
import type { IPublishPacket } from "mqtt-packet";
import type { ClientConnection } from "./connection.js";
import { NOT_FOUND } from "./endpoint-status.js";
import type { ServerLogger } from "./logger.js";
import {
  inboundMessage,
  outboundPublish,
  undefinedUserProperties,
  type ServerInboundMessage,
  type ServerOutboundMessage,
  type ServerUserProperties,
} from "./messages.js";
import { definedUserProperties, type OperationTable, type ServerOperation } from "./operations.js";
import { badRequest, failureFromError, failureProperties, type ServerFailure } from "./outcome.js";
import { ReasonCode } from "./reason-codes.js";
import { receiveResponse } from "./server-requests.js";
import type { ServerSession } from "./session.js";

/** What a handler learns about the call besides the message. */
export interface ServerHandlerContext {
  readonly clientId: string;
  readonly operationId: string;
  /** The user properties of the client's CONNECT (`api-version`, `client-agent`, …). */
  readonly connectUserProperties: ServerUserProperties;
  /** Values of the topic template's `{param}` levels. */
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Handles one client→server operation. For request-response operations the returned message is the
 * success response (its user properties, payload and first-class fields); other operations return
 * nothing. Failures are thrown as `StatusError` (or subclasses); any other throw becomes `0601`.
 */
export type ServerHandler = (
  message: ServerInboundMessage,
  context: ServerHandlerContext,
) => ServerOutboundMessage | void | Promise<ServerOutboundMessage | void>;

export interface InboundDependencies {
  readonly table: OperationTable;
  readonly handlers: Readonly<Record<string, ServerHandler>>;
  readonly maximumCorrelationDataLength: number;
  readonly logger: ServerLogger;
}

export async function handleClientPublish(
  dependencies: InboundDependencies,
  connection: ClientConnection,
  session: ServerSession,
  packet: IPublishPacket,
  topic: string,
): Promise<void> {
  const message = inboundMessage(packet, topic);
  const answer = new Answer(connection, packet);
  const correlationLength = message.correlationData?.length ?? 0;
  if (correlationLength > dependencies.maximumCorrelationDataLength) {
    // B11: always a DISCONNECT, whatever the QoS.
    const failure = badRequest(`Correlation Data longer than ${dependencies.maximumCorrelationDataLength} bytes`);
    connection.disconnect(failure.reasonCode, failureProperties(failure));
    return;
  }
  if (topic === dependencies.table.responseTopic) {
    answer.succeeded();
    receiveResponse(session, message);
    return;
  }
  const matched = dependencies.table.matchClientToServer(topic);
  if (matched === undefined) {
    answer.failed({ ...NOT_FOUND, reason: `no operation publishes to ${topic}` });
    return;
  }
  const { operation, parameters } = matched;
  const unknown = undefinedUserProperties(message.userProperties, definedUserProperties(operation));
  if (unknown.length > 0) {
    answer.failed(badRequest(`undefined user properties: ${unknown.join(", ")}`));
    return;
  }
  const handler = dependencies.handlers[operation.id] as ServerHandler;
  const context: ServerHandlerContext = {
    clientId: session.clientId,
    operationId: operation.id,
    connectUserProperties: session.connectUserProperties,
    parameters,
  };
  if (operation.interaction === "request-response") {
    await handleRequest(dependencies, connection, operation, handler, message, context, answer);
    return;
  }
  try {
    await handler(message, context);
    answer.succeeded();
  } catch (error) {
    answer.failed(
      failureFromError(error, dependencies.logger, { clientId: session.clientId, operationId: operation.id }),
    );
  }
}

/** E23, E24: QoS 0 only, Correlation Data required, the outcome travels as a response PUBLISH. */
async function handleRequest(
  dependencies: InboundDependencies,
  connection: ClientConnection,
  operation: ServerOperation,
  handler: ServerHandler,
  message: ServerInboundMessage,
  context: ServerHandlerContext,
  answer: Answer,
): Promise<void> {
  if (message.qos !== 0) {
    answer.failed(badRequest(`${operation.id} requests are published at QoS 0`));
    return;
  }
  const correlationData = message.correlationData;
  if (correlationData === undefined) {
    answer.failed(badRequest("missing Correlation Data"));
    return;
  }
  let response: ServerOutboundMessage;
  try {
    response = (await handler(message, context)) ?? {};
  } catch (error) {
    const failure = failureFromError(error, dependencies.logger, {
      clientId: context.clientId,
      operationId: operation.id,
    });
    response = failureProperties(failure) ?? {};
  }
  connection.send(outboundPublish(dependencies.table.responseTopic, 0, response, correlationData));
}

/** The acknowledgment side of one PUBLISH: PUBACK at QoS 1, silence or DISCONNECT at QoS 0 (E22, D18). */
class Answer {
  constructor(
    private readonly connection: ClientConnection,
    private readonly packet: IPublishPacket,
  ) {}

  succeeded(): void {
    if (this.packet.qos === 1) this.connection.acknowledge(this.packet.messageId as number, ReasonCode.Success);
  }

  failed(failure: ServerFailure): void {
    const properties = failureProperties(failure);
    if (this.packet.qos === 1)
      this.connection.acknowledge(this.packet.messageId as number, failure.reasonCode, properties);
    // A success-class status such as 0001 (F31) is no reason to disconnect a QoS 0 sender.
    else if (failure.reasonCode >= 0x80) this.connection.disconnect(failure.reasonCode, properties);
  }
}
