/**
 * Client→server PUBLISHes, as every server transport handles them (docs/protocol.md#topics, #properties, #interactions for IoT
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
import type { ApiTable } from "../api-table.js";
import { receivedToken } from "../dialect/correlation-token.js";
import { conditionFailure, type Failure } from "../dialect/outcome.js";
import { checkJsonPayload } from "../dialect/payload-check.js";
import { replyPublish, type ReplyAnswer, type ReplyPublish, type RequestEnvelope } from "../dialect/replies.js";
import type { RawTopicParameters, TopicParameterValue } from "../topic-template.js";
import { deliveryKey, messageKeyOf } from "./duplicates/delivery-key.js";
import type { Delivery, HandledOnce } from "./duplicates/once.js";
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
  /**
   * Present when the server suppresses duplicates and this QoS 1 delivery has a key: pass it to the
   * delivery store's `commit` to make the handler's effects and the "done" mark one transaction.
   */
  readonly delivery?: Delivery;
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
  /** The PUBLISH is a QoS 1 copy the broker delivers again (DUP). */
  readonly redelivered?: boolean;
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
  /** Suppresses duplicates of QoS 1 deliveries; absent, every copy runs its handler. */
  readonly once?: HandledOnce;
}

/** A client→server PUBLISH that passed the checks every transport makes, ready for its handler. */
export interface CheckedCall {
  readonly operation: IndexedOperation;
  readonly raw: Readonly<RawTopicParameters>;
  readonly handler: ServerHandler;
  readonly context: ServerHandlerContext;
}

/** Handles one client→server PUBLISH; resolves once it is answered. */
export async function dispatchClientMessage(
  dependencies: DispatchDependencies,
  exchange: InboundExchange,
  message: ServerInboundMessage,
): Promise<void> {
  if (receivedReply(dependencies, exchange, message)) return;
  const call = checkCall(dependencies, exchange.clientId, exchange.connectUserProperties, message);
  if ("failure" in call) {
    exchange.failed(call.failure);
    return;
  }
  if (call.operation.spec.interaction === "request-response") {
    await handleRequest(dependencies, exchange, call, message);
    return;
  }
  const outcome = await answerOnce(dependencies, call, message, exchange.redelivered === true);
  if (outcome === undefined || outcome.kind === "success") exchange.succeeded();
  else exchange.failed(outcome.failure);
}

/**
 * The checks before any handler runs: a topic no operation defines (not found), a client-id level naming
 * another client (not authorized), a topic level not of its type and an undeclared user property where the
 * dialect refuses them (bad requests). Returns the call, or the failure that answers the PUBLISH.
 */
export function checkCall(
  dependencies: DispatchDependencies,
  clientId: string,
  connectUserProperties: ServerUserProperties,
  message: ServerInboundMessage,
): CheckedCall | { readonly failure: Failure } {
  const { api, index } = dependencies;
  const matched = index.matchMessage("client-to-server", message.topic);
  if (matched === undefined) {
    return { failure: conditionFailure(api, "notFound", `no operation publishes to ${message.topic}`) };
  }
  const { operation, raw } = matched;
  if (operation.topic.hasClientIdLevel && operation.topic.clientIdOf(raw) !== clientId) {
    return { failure: conditionFailure(api, "notAuthorized", `${message.topic} is not a topic of client ${clientId}`) };
  }
  let parameters: Record<string, TopicParameterValue>;
  try {
    parameters = operation.topic.decode(raw);
  } catch (error) {
    return { failure: conditionFailure(api, "badRequest", (error as Error).message) };
  }
  if (api.dialect.undeclaredProperties === "refuse") {
    const prefix = api.dialect.applicationProperties?.prefix;
    const unknown = undeclaredUserProperties(message.userProperties, operation.requestUserProperties, prefix);
    if (unknown.length > 0) {
      return { failure: conditionFailure(api, "badRequest", `undefined user properties: ${unknown.join(", ")}`) };
    }
  }
  const handler = dependencies.handlers[operation.id] as ServerHandler;
  return {
    operation,
    raw,
    handler,
    context: { clientId, operationId: operation.id, connectUserProperties, parameters },
  };
}

/**
 * The handler's answer: run once per key when duplicates are suppressed and the QoS 1 delivery has a key
 * (`fallbackKey` when the message names none), otherwise run as it comes. `undefined` when another worker
 * holds the key and answers.
 */
export async function answerOnce(
  dependencies: DispatchDependencies,
  call: CheckedCall,
  message: ServerInboundMessage,
  redelivered: boolean,
  fallbackKey?: string,
): Promise<ReplyAnswer | undefined> {
  const once = dependencies.once;
  const messageKey =
    message.qos === 1 ? (messageKeyOf(dependencies.api, call.operation, message) ?? fallbackKey) : undefined;
  if (once === undefined || messageKey === undefined) return invokeHandler(dependencies, call, message);
  const key = deliveryKey(call.context.clientId, call.operation, messageKey);
  const outcome = await once.run(key, redelivered, (delivery) =>
    invokeHandler(dependencies, { ...call, context: { ...call.context, delivery } }, message),
  );
  return outcome.kind === "busy" ? undefined : outcome.answer;
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
  call: CheckedCall,
  message: ServerInboundMessage,
): Promise<void> {
  const { api, index } = dependencies;
  const { operation, raw } = call;
  if (message.qos > operation.spec.qos) {
    exchange.failed(
      conditionFailure(api, "badRequest", `${operation.id} requests are published at QoS ${operation.spec.qos}`),
    );
    return;
  }
  const correlation = operation.correlation;
  const token = correlation.kind === "payload-field" ? receivedToken(message.payload, correlation.field) : undefined;
  if (correlation.kind === "payload-field" ? token === undefined : message.correlationData === undefined) {
    const missing = correlation.kind === "payload-field" ? correlation.field : "Correlation Data";
    exchange.failed(conditionFailure(api, "badRequest", `missing ${missing}`));
    return;
  }
  const responseTopic = message.responseTopic;
  if (operation.reply?.kind === "requester-topic") {
    const prefix = `${index.requesterPrefix?.fill(undefined, exchange.clientId)}/`;
    if (responseTopic === undefined || !responseTopic.startsWith(prefix) || /[+#]/.test(responseTopic)) {
      const reason = `Response Topic ${responseTopic ?? "missing"}: replies go to a topic under ${prefix}`;
      exchange.failed(conditionFailure(api, "badRequest", reason));
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
  const answer = await answerOnce(dependencies, call, message, exchange.redelivered === true);
  if (answer === undefined) {
    // Another worker holds this request and answers it.
    exchange.succeeded();
    return;
  }
  const publish = replyPublish(api, operation, envelope, answer);
  if (publish !== undefined) {
    exchange.reply(publish);
    exchange.succeeded();
  } else if (answer.kind === "failure") {
    // The reply cannot carry this failure: the acknowledgment (PUBACK or DISCONNECT) does.
    exchange.failed(answer.failure);
  }
}

/** The handler's answer, or the failure: a payload that breaks its schema, or what the handler threw. */
export async function invokeHandler(
  dependencies: DispatchDependencies,
  call: CheckedCall,
  message: ServerInboundMessage,
): Promise<ReplyAnswer> {
  const { api } = dependencies;
  try {
    const validate = call.operation.spec.request.validate;
    if (validate !== undefined) checkJsonPayload(message.payload, validate);
  } catch (error) {
    return { kind: "failure", failure: conditionFailure(api, "badRequest", (error as Error).message) };
  }
  try {
    return { kind: "success", message: (await call.handler(message, call.context)) ?? NO_REPLY };
  } catch (error) {
    const context = { clientId: call.context.clientId, operationId: call.operation.id };
    return { kind: "failure", failure: failureFromError(api, error, dependencies.logger, context) };
  }
}

/** The reply of a handler that returned nothing: no properties, no payload. */
const NO_REPLY: ServerOutboundMessage = Object.freeze({});
