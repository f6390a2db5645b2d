/**
 * An API served through an MQTT 5 broker on the API's own topics: this process connects to the broker as a
 * client and runs the same `ServerHandler`s as the embedded endpoint. It subscribes to every client→server
 * topic with `+` for each parameter (under `$share/{group}/` when it is one of a group of workers), takes
 * the requester's identity only from the topic's client-id level (which the broker's ACL confines each
 * client to, e.g. Mosquitto's `pattern readwrite clients/%c/#`), answers on the reply topic the dialect
 * routes to with the requester's correlation, and makes server→client calls by publishing to the client's
 * topics. Replies to those calls come back to every worker of a group (plain subscriptions: the reply
 * topics are the API's, not this worker's); the one that made the call takes it.
 *
 * What a broker cannot carry: an API whose topics hold no client identity, or start with `$` (IoT Hub's
 * `$iothub/…`), is served through gateways instead (`MqttGatewayWorker`); a message-ack PUBLISH is
 * acknowledged to the client by the broker, so a handler's failure of one reaches the client only where a
 * reply carries it, and is otherwise logged; and a command's PUBACK is the broker's, not the client's.
 */
import type { IPublishPacket } from "mqtt-packet";
import { ApiIndex } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import { conditionError, readOutcome, type Failure } from "../dialect/outcome.js";
import type { ReplyPublish } from "../dialect/replies.js";
import { StatusError } from "../errors.js";
import { TopicTemplate } from "../topic-template.js";
import type { ServerDeliverOptions, ServerDeliveryResult } from "./command-deliveries.js";
import { dispatchClientMessage, type DispatchDependencies, type InboundExchange } from "./dispatch.js";
import { checkHandlers } from "./endpoint.js";
import { consoleServerLogger, type ServerLogger } from "./logger.js";
import { inboundMessage, outboundPublish, type ServerOutboundMessage } from "./messages.js";
import type { BrokerSession } from "./scale-out/broker-session.js";
import { brokerTopicProblems, brokerTopicsOf } from "./scale-out/broker-topics.js";
import { ServerCalls, type ServerCallResponse, type ServerRequestOptions } from "./server-requests.js";
import type { ServerNotifyOptions, ServerTransport } from "./transport.js";
import { closeWorkerSession, openWorkerSession, workerDispatch, type WorkerOptions } from "./worker.js";

export type BrokerServerOptions = WorkerOptions;

/** MQTT 5 PUBACK 0x10 No matching subscribers: the broker accepted a message nobody will receive. */
export const NO_MATCHING_SUBSCRIBERS = 0x10;

export class MqttBrokerServer implements ServerTransport {
  readonly api: ApiTable;
  readonly #options: BrokerServerOptions;
  readonly #index: ApiIndex;
  readonly #logger: ServerLogger;
  readonly #calls: ServerCalls;
  readonly #dispatch: DispatchDependencies;
  /** The templates of replies to this server's requests that travel under the clients' reply prefixes. */
  readonly #requesterReplies: readonly TopicTemplate[];
  #session: BrokerSession | undefined;

  constructor(options: BrokerServerOptions) {
    this.#options = options;
    this.api = options.api;
    this.#index = new ApiIndex(options.api);
    this.#logger = options.logger ?? consoleServerLogger;
    this.#calls = new ServerCalls(options.api);
    checkHandlers(this.#index, options.handlers);
    const problems = brokerServingProblems(this.#index, options.group !== undefined);
    if (problems.length > 0) {
      throw new Error(
        `${this.api.title} cannot be served on its own topics through a broker (serve it embedded, or through ` +
          `gateways):\n  ${problems.join("\n  ")}`,
      );
    }
    const prefix = this.#index.requesterPrefix;
    this.#requesterReplies =
      prefix === undefined
        ? []
        : this.#index
            .ofDirection("server-to-client")
            .filter((operation) => operation.reply?.kind === "requester-topic")
            .map((operation) => new TopicTemplate(`${prefix.template}/${operation.id}`, []));
    this.#dispatch = workerDispatch(options, this.#index, this.#logger, () => this.#calls);
  }

  /**
   * Connects to the broker and subscribes to every topic the server receives; resolves once granted.
   * Throws `SharedSubscriptionsUnavailableError` when a group is set and the broker cannot share.
   */
  async start(): Promise<void> {
    if (this.#session !== undefined) throw new Error("start() on a broker server already started");
    this.#session = await openWorkerSession(
      this.#options,
      this.#logger,
      (topic, packet, acknowledge) => this.#receive(topic, packet, acknowledge),
      this.#requestFilters(),
      this.#replyFilters(),
    );
  }

  /**
   * Leaves the group (what the broker queued for this worker is handled first), waits for the handlers
   * running, ends the broker session, and fails the calls still waiting.
   */
  async close(): Promise<void> {
    await closeWorkerSession(this.#session, this.#options);
    this.#calls.rejectAll(new Error("broker server closed"));
  }

  /**
   * Publishes a message-ack message (a command) at QoS 1 to the client's topic. It resolves `accepted`
   * once the broker has it for a subscriber (the broker, not the client, acknowledges it); a broker with
   * no subscriber for it answers with the API's target-unavailable outcome.
   */
  deliver(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerDeliverOptions = {},
  ): Promise<ServerDeliveryResult> {
    return new Promise((resolve, reject) => {
      const session = this.#connected();
      const operation = this.#index.serverToClient(operationId, "message-ack");
      const publish = outboundPublish(operation.topic.fill(options.parameters, clientId), operation.spec.qos, message);
      session.client.publish(publish.topic, publish.payload, publishOptions(publish), (error, packet) => {
        const puback = session.pubacks.take(packet?.messageId) ?? (packet?.cmd === "puback" ? packet : undefined);
        const reasonCode = puback?.reasonCode ?? 0;
        const properties = puback?.properties;
        const ack = readOutcome(this.api.dialect, reasonCode, properties?.userProperties, properties?.reasonString);
        if (puback === undefined && error) reject(error);
        else if (reasonCode >= 0x80) reject(new StatusError(ack));
        else if (reasonCode === NO_MATCHING_SUBSCRIBERS) {
          reject(conditionError(this.api, "targetUnavailable", `no subscriber for ${publish.topic}`));
        } else resolve({ outcome: "accepted", attempts: 1, ack });
      });
    });
  }

  /** Calls a request-response operation on `clientId` through the broker and resolves with its reply. */
  request(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerRequestOptions = {},
  ): Promise<ServerCallResponse> {
    try {
      const session = this.#connected();
      const operation = this.#index.serverToClient(operationId, "request-response");
      const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs ?? 30_000;
      const call = this.#calls.start(operation, clientId, message, options, timeoutMs);
      const { publish } = call;
      if (options.signal?.aborted !== true) {
        session.client.publish(publish.topic, publish.payload, publishOptions(publish), (error) => {
          if (error) call.fail(error);
        });
      }
      return call.response;
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** Publishes a one-way message at QoS 0; returns whether the broker connection was up to take it. */
  notify(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerNotifyOptions = {},
  ): boolean {
    const session = this.#session;
    const operation = this.#index.serverToClient(operationId, "message");
    if (session === undefined || !session.connected) return false;
    const publish = outboundPublish(operation.topic.fill(options.parameters, clientId), 0, message);
    session.client.publish(publish.topic, publish.payload, publishOptions(publish));
    return true;
  }

  /** The client→server topics, which the workers of a group share. */
  #requestFilters(): Record<string, { qos: 0 | 1 }> {
    const filters: Record<string, { qos: 0 | 1 }> = {};
    for (const operation of this.#index.ofDirection("client-to-server")) {
      filters[operation.topic.wildcardFilter()] = { qos: operation.spec.qos };
    }
    return filters;
  }

  /** The replies to this server's own requests, which every worker receives. */
  #replyFilters(): Record<string, { qos: 0 | 1 }> {
    const filters: Record<string, { qos: 0 | 1 }> = {};
    for (const template of this.#requesterReplies) filters[template.wildcardFilter()] = { qos: 0 };
    for (const operation of this.#index.ofDirection("server-to-client")) {
      const reply = operation.reply;
      if (reply?.kind === "topic") filters[reply.topic.wildcardFilter()] = { qos: 0 };
      if (reply?.kind === "accepted-rejected") {
        filters[reply.accepted.wildcardFilter()] = { qos: 0 };
        filters[reply.rejected.wildcardFilter()] = { qos: 0 };
      }
    }
    return filters;
  }

  /** Handles one received PUBLISH; `acknowledge` answers the broker's QoS 1 delivery. */
  async #receive(topic: string, packet: IPublishPacket, acknowledge: (reasonCode: number) => void): Promise<void> {
    const clientId = this.#requester(topic);
    if (clientId === undefined) {
      this.#logger.info("message without a client identity in its topic dropped", { topic });
      acknowledge(0);
      return;
    }
    const exchange = new BrokerExchange(clientId, topic, packet.dup, this.#logger, acknowledge, (publish) =>
      this.#reply(publish),
    );
    try {
      await dispatchClientMessage(this.#dispatch, exchange, inboundMessage(packet, topic));
    } catch (error) {
      this.#logger.error("PUBLISH handling failed", { clientId, topic, error });
      exchange.failed({ reasonCode: 0x80 });
    }
  }

  /** The client a topic belongs to: its client-id level, as the broker's ACL lets only that client use it. */
  #requester(topic: string): string | undefined {
    const message = this.#index.matchMessage("client-to-server", topic);
    if (message !== undefined) return message.operation.topic.clientIdOf(message.raw) ?? undefined;
    for (const template of this.#requesterReplies) {
      const raw = template.match(topic);
      if (raw !== undefined) return template.clientIdOf(raw) ?? undefined;
    }
    const reply = this.#index.matchReplyTopic("server-to-client", topic);
    return reply === undefined ? undefined : (reply.template.clientIdOf(reply.raw) ?? undefined);
  }

  #reply(publish: ReplyPublish): void {
    const packet = outboundPublish(publish.topic, 0, publish.message, publish.correlationData);
    this.#session?.client.publish(packet.topic, packet.payload, publishOptions(packet));
  }

  #connected(): BrokerSession {
    if (this.#session === undefined || !this.#session.connected) {
      throw conditionError(this.api, "targetUnavailable", "the broker server is not connected to its broker");
    }
    return this.#session;
  }
}

/** The answers to one PUBLISH received through the broker. */
class BrokerExchange implements InboundExchange {
  /** Through a broker the client's CONNECT is not seen. */
  readonly connectUserProperties = {};

  constructor(
    readonly clientId: string,
    private readonly topic: string,
    readonly redelivered: boolean,
    private readonly logger: ServerLogger,
    private readonly acknowledge: (reasonCode: number) => void,
    readonly reply: (publish: ReplyPublish) => void,
  ) {}

  succeeded(): void {
    this.acknowledge(0);
  }

  /** The broker already acknowledged the client: a failure no reply carries can only be logged. */
  failed(failure: Failure): void {
    this.logger.info("client message failed", { clientId: this.clientId, topic: this.topic, ...failure });
    this.acknowledge(failure.reasonCode);
  }
}

/**
 * Why the API cannot be served on its own topics through a broker (`brokerTopicProblems`: every topic must
 * name its client, whom the broker's ACL confines to it; for a group no client→server topic may start with
 * `$`, which Mosquitto 2.0's shared subscriptions never deliver). Empty when it can.
 */
export function brokerServingProblems(index: ApiIndex, shared: boolean): string[] {
  return brokerTopicProblems(brokerTopicsOf(index.api), shared);
}

export function publishOptions(packet: Omit<IPublishPacket, "messageId">) {
  return {
    qos: packet.qos,
    retain: packet.retain,
    ...(packet.properties !== undefined && { properties: packet.properties }),
  };
}
