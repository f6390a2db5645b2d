/**
 * Client→server PUBLISHes, as every server transport handles them (PROTOCOL.md C12, D18, E21–E24 for IoT
 * Hub): each is matched to a reply of this server's own requests or to its operation, checked, handed to
 * the operation's handler, and answered as the API's dialect says:
 * - request-response: a reply where the dialect routes it (its shared topic, the request's Response Topic
 *   once checked to lie under the requester's own prefix, or the operation's reply topics), echoing the
 *   correlation, with the handler's success or its failure;
 * - message-ack and one-way messages: acknowledged, or failed, by the transport (`InboundExchange`).
 *
 * Refused before any handler runs, with the API's outcome for the condition: a topic no operation defines
 * (not found), a client-id level naming another client (not authorized), and as bad requests a topic level
 * that is not of its type, an undeclared user property where the dialect refuses them, a request without
 * its correlation or at a higher QoS than the operation's, and a payload that breaks its schema.
 */
import type { ApiIndex, IndexedOperation } from "../api-index.js";
import type { ApiTable, RuntimeCondition } from "../api-table.js";
import { receivedToken } from "../dialect/correlation-token.js";
import { conditionFailure, type Failure } from "../dialect/outcome.js";
import { checkJsonPayload } from "../dialect/payload-check.js";
import { replyPublish, type ReplyAnswer, type ReplyPublish, type RequestEnvelope } from "../dialect/replies.js";
import type { TopicParameterValue } from "../topic-template.js";
import type { ServerLogger } from "./logger.js";
import {
  undeclaredUserProperties,
  type ServerInboundMessage,
  type ServerOutboundMessage,
  type ServerUserProperties,
} from "./messages.js";
import { failureFromError } from "./outcome.js";
import type { ServerCalls } from "./server-requests.js";

/** What a handler learns about the call besides the message. */
export interface ServerHandlerContext {
  /** The requester: the connection's client id, or through a broker the topic's client-id level. */
  readonly clientId: string;
  readonly operationId: string;
  /** The user properties of the client's CONNECT; empty through a broker, which does not pass them on. */
  readonly connectUserProperties: ServerUserProperties;
  /** Values of the topic template's `{param}` levels, decoded by their types. */
  readonly parameters: Readonly<Record<string, TopicParameterValue>>;
}

/**
 * Handles one client→server operation. For request-response operations the returned message is the
 * success reply (its user properties, payload and first-class fields); other operations return nothing.
 * Failures are thrown as `StatusError` (or subclasses, or `RuntimeConditionError`); any other throw
 * becomes the API's server-error outcome.
 */
export type ServerHandler = (
  message: ServerInboundMessage,
  context: ServerHandlerContext,
) => ServerOutboundMessage | void | Promise<ServerOutboundMessage | void>;

/** How a transport answers one received PUBLISH. */
export interface InboundExchange {
  /** The requester's client id. */
  readonly clientId: string;
  readonly connectUserProperties: ServerUserProperties;
  /** The PUBLISH was handled: PUBACK 0 at QoS 1. */
  succeeded(): void;
  /** The PUBLISH failed: a failing PUBACK, a DISCONNECT, or (where the transport cannot tell the client) a log line. */
  failed(failure: Failure): void;
  /** Publishes a reply to a request. */
  reply(publish: ReplyPublish): void;
}

export interface DispatchDependencies {
  readonly api: ApiTable;
  readonly index: ApiIndex;
  readonly handlers: Readonly<Record<string, ServerHandler>>;
  readonly logger: ServerLogger;
  /** The calls this server has made to a client, which its replies settle. */
  readonly calls: (clientId: string) => ServerCalls | undefined;
}

/** Handles one client→server PUBLISH; resolves once it is answered. */
export async function dispatchClientMessage(
  dependencies: DispatchDependencies,
  exchange: InboundExchange,
  message: ServerInboundMessage,
): Promise<void> {
  const { api, index } = dependencies;
  if (receivedReply(dependencies, exchange, message)) return;
  const matched = index.matchMessage("client-to-server", message.topic);
  if (matched === undefined) {
    exchange.failed(conditionFailure(api, "notFound", `no operation publishes to ${message.topic}`));
    return;
  }
  const { operation, raw } = matched;
  if (operation.topic.hasClientIdLevel && operation.topic.clientIdOf(raw) !== exchange.clientId) {
    refuse(api, exchange, "notAuthorized", `${message.topic} is not a topic of client ${exchange.clientId}`);
    return;
  }
  let parameters: Record<string, TopicParameterValue>;
  try {
    parameters = operation.topic.decode(raw);
  } catch (error) {
    refuse(api, exchange, "badRequest", (error as Error).message);
    return;
  }
  if (api.dialect.undeclaredProperties === "refuse") {
    const prefix = api.dialect.applicationProperties?.prefix;
    const unknown = undeclaredUserProperties(message.userProperties, operation.requestUserProperties, prefix);
    if (unknown.length > 0) {
      refuse(api, exchange, "badRequest", `undefined user properties: ${unknown.join(", ")}`);
      return;
    }
  }
  const handler = dependencies.handlers[operation.id] as ServerHandler;
  const context: ServerHandlerContext = {
    clientId: exchange.clientId,
    operationId: operation.id,
    connectUserProperties: exchange.connectUserProperties,
    parameters,
  };
  if (operation.spec.interaction === "request-response") {
    await handleRequest(dependencies, exchange, operation, raw, handler, message, context);
    return;
  }
  try {
    const validate = operation.spec.request.validate;
    if (validate !== undefined) checkJsonPayload(message.payload, validate);
  } catch (error) {
    refuse(api, exchange, "badRequest", (error as Error).message);
    return;
  }
  try {
    await handler(message, context);
    exchange.succeeded();
  } catch (error) {
    exchange.failed(failureFromError(api, error, dependencies.logger, logContext(context)));
  }
}

/**
 * A reply to one of this server's requests (E25): on the dialect's shared topic, under the client's own
 * reply prefix, or on a server→client operation's reply topic for that client. True when it was one.
 */
function receivedReply(
  dependencies: DispatchDependencies,
  exchange: InboundExchange,
  message: ServerInboundMessage,
): boolean {
  const { api, index } = dependencies;
  const { topic } = message;
  const replies = api.dialect.replies;
  let operation: IndexedOperation | undefined;
  let arrivedOn: "reply" | "accepted" | "rejected" = "reply";
  const onSharedTopic = replies.kind === "shared-topic" && topic === replies.topic;
  const underOwnPrefix =
    index.requesterPrefix !== undefined &&
    topic.startsWith(`${index.requesterPrefix.fill(undefined, exchange.clientId)}/`);
  if (!onSharedTopic && !underOwnPrefix) {
    const match = index.matchReplyTopic("server-to-client", topic);
    if (match === undefined) return false;
    const named = match.template.clientIdOf(match.raw);
    if (named !== undefined && named !== exchange.clientId) {
      exchange.failed(conditionFailure(api, "notAuthorized", `${topic} is not a topic of client ${exchange.clientId}`));
      return true;
    }
    ({ operation, arrivedOn } = match);
  }
  exchange.succeeded();
  dependencies.calls(exchange.clientId)?.receive(exchange.clientId, message, arrivedOn, operation);
  return true;
}

/** E23, E24: at the operation's QoS at most, with its correlation, answered by a reply the dialect routes. */
async function handleRequest(
  dependencies: DispatchDependencies,
  exchange: InboundExchange,
  operation: IndexedOperation,
  raw: Readonly<Record<string, string>>,
  handler: ServerHandler,
  message: ServerInboundMessage,
  context: ServerHandlerContext,
): Promise<void> {
  const { api, index } = dependencies;
  if (message.qos > operation.spec.qos) {
    refuse(api, exchange, "badRequest", `${operation.id} requests are published at QoS ${operation.spec.qos}`);
    return;
  }
  const correlation = operation.correlation;
  const token = correlation.kind === "payload-field" ? receivedToken(message.payload, correlation.field) : undefined;
  if (correlation.kind === "payload-field" ? token === undefined : message.correlationData === undefined) {
    refuse(
      api,
      exchange,
      "badRequest",
      `missing ${correlation.kind === "payload-field" ? correlation.field : "Correlation Data"}`,
    );
    return;
  }
  const responseTopic = message.responseTopic;
  if (operation.reply?.kind === "requester-topic") {
    const prefix = `${index.requesterPrefix?.fill(undefined, exchange.clientId)}/`;
    if (responseTopic === undefined || !responseTopic.startsWith(prefix) || /[+#]/.test(responseTopic)) {
      refuse(
        api,
        exchange,
        "badRequest",
        `Response Topic ${responseTopic ?? "missing"}: replies go to a topic under ${prefix}`,
      );
      return;
    }
  }
  const envelope: RequestEnvelope = {
    raw,
    clientId: exchange.clientId,
    responseTopic,
    correlationData: message.correlationData,
    token,
  };
  const answer = await requestAnswer(dependencies, operation, handler, message, context);
  const publish = replyPublish(api, operation, envelope, answer);
  if (publish !== undefined) {
    exchange.reply(publish);
    exchange.succeeded();
  } else if (answer.kind === "failure") {
    // The reply cannot carry this failure: the acknowledgment (PUBACK or DISCONNECT) does.
    exchange.failed(answer.failure);
  }
}

/** The handler's reply, or the failure: a payload that breaks its schema, or what the handler threw. */
async function requestAnswer(
  dependencies: DispatchDependencies,
  operation: IndexedOperation,
  handler: ServerHandler,
  message: ServerInboundMessage,
  context: ServerHandlerContext,
): Promise<ReplyAnswer> {
  const { api } = dependencies;
  try {
    const validate = operation.spec.request.validate;
    if (validate !== undefined) checkJsonPayload(message.payload, validate);
  } catch (error) {
    return { kind: "failure", failure: conditionFailure(api, "badRequest", (error as Error).message) };
  }
  try {
    return { kind: "success", message: (await handler(message, context)) ?? NO_REPLY };
  } catch (error) {
    return { kind: "failure", failure: failureFromError(api, error, dependencies.logger, logContext(context)) };
  }
}

/** Fails the PUBLISH with the API's outcome for a runtime condition. */
function refuse(api: ApiTable, exchange: InboundExchange, condition: RuntimeCondition, reason: string): void {
  exchange.failed(conditionFailure(api, condition, reason));
}

/** The reply of a handler that returned nothing: no properties, no payload. */
const NO_REPLY: ServerOutboundMessage = Object.freeze({});

function logContext(context: ServerHandlerContext): Record<string, unknown> {
  return { clientId: context.clientId, operationId: context.operationId };
}
