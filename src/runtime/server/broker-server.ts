/**
 * An API served through an MQTT 5 broker: this process connects to the broker as a client (MQTT.js) and
 * runs the same `ServerHandler`s as the embedded endpoint. It subscribes to every client→server topic with
 * `+` for each parameter, takes the requester's identity only from the topic's client-id level (which the
 * broker's ACL confines each client to, e.g. Mosquitto's `pattern readwrite clients/%c/#`), answers on the
 * reply topic the dialect routes to (the requester's Response Topic under its own prefix, or the
 * operation's reply topics) with the requester's correlation, and makes server→client calls by publishing
 * to the client's topics.
 *
 * What a broker cannot carry: an API whose topics hold no client identity (IoT Hub's `$iothub/…`, which
 * needs a gateway in front of the broker) is refused at construction; a message-ack PUBLISH is
 * acknowledged to the client by the broker, so a handler's failure of one reaches the client only where a
 * reply carries it, and is otherwise logged; and a command's PUBACK is the broker's, not the client's.
 */
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import type { IPublishPacket } from "mqtt-packet";
import { ApiIndex } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import { conditionError, readOutcome, type Failure } from "../dialect/outcome.js";
import type { ReplyPublish } from "../dialect/replies.js";
import { StatusError } from "../errors.js";
import { TopicTemplate } from "../topic-template.js";
import { ReceivedPubacks } from "../client/mqttjs-extensions.js";
import type { ServerDeliverOptions, ServerDeliveryResult } from "./command-deliveries.js";
import { dispatchClientMessage, type InboundExchange, type ServerHandler } from "./dispatch.js";
import { checkHandlers } from "./endpoint.js";
import { consoleServerLogger, type ServerLogger } from "./logger.js";
import { inboundMessage, outboundPublish, type ServerOutboundMessage } from "./messages.js";
import { ServerCalls, type ServerCallResponse, type ServerRequestOptions } from "./server-requests.js";
import type { ServerNotifyOptions, ServerTransport } from "./transport.js";

export interface BrokerServerOptions {
  readonly api: ApiTable;
  /** One handler per client→server operation, by operation id. */
  readonly handlers: Readonly<Record<string, ServerHandler>>;
  /** The broker's URL (`mqtt://…`, `mqtts://…`). */
  readonly url: string;
  /** This server's own client id at the broker. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string | Buffer;
  /** TLS: trusted CAs, and this server's client certificate where the broker asks for one. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** Default time a server→client request waits for its reply; default 30 000 ms. */
  readonly requestTimeoutMs?: number;
  readonly logger?: ServerLogger;
}

/** MQTT 5 PUBACK 0x10 No matching subscribers: the broker accepted a message nobody will receive. */
const NO_MATCHING_SUBSCRIBERS = 0x10;

export class MqttBrokerServer implements ServerTransport {
  readonly api: ApiTable;
  readonly #options: BrokerServerOptions;
  readonly #index: ApiIndex;
  readonly #logger: ServerLogger;
  readonly #calls: ServerCalls;
  readonly #pubacks = new ReceivedPubacks();
  /** The templates of replies to this server's requests that travel under the clients' reply prefixes. */
  readonly #requesterReplies: readonly TopicTemplate[];
  #mqtt: MqttClient | undefined;

  constructor(options: BrokerServerOptions) {
    this.#options = options;
    this.api = options.api;
    this.#index = new ApiIndex(options.api);
    this.#logger = options.logger ?? consoleServerLogger;
    this.#calls = new ServerCalls(options.api);
    checkHandlers(this.#index, options.handlers);
    checkServableThroughBroker(this.#index);
    const prefix = this.#index.requesterPrefix;
    this.#requesterReplies =
      prefix === undefined
        ? []
        : this.#index
            .ofDirection("server-to-client")
            .filter((operation) => operation.reply?.kind === "requester-topic")
            .map((operation) => new TopicTemplate(`${prefix.template}/${operation.id}`, []));
  }

  /** Connects to the broker and subscribes to every topic the server receives; resolves once granted. */
  async start(): Promise<void> {
    if (this.#mqtt !== undefined) throw new Error("start() on a broker server already started");
    const client = await mqtt.connectAsync(this.#options.url, this.#mqttOptions());
    this.#mqtt = client;
    client.on("packetreceive", (packet) => {
      if (packet.cmd === "puback") this.#pubacks.record(packet);
    });
    client.on("message", (topic, _payload, packet) => {
      if (packet.qos === 0) void this.#receive(topic, packet, () => undefined);
    });
    client.on("error", (error) => this.#logger.error("broker connection error", { error }));
    const filters = this.#filters();
    const granted = await client.subscribeAsync(filters);
    const refused = granted.filter((grant) => grant.qos > 1);
    if (refused.length > 0) {
      await client.endAsync();
      throw new Error(
        `the broker refused the server's subscriptions: ${refused.map((grant) => grant.topic).join(", ")}`,
      );
    }
  }

  /** Disconnects from the broker; calls still waiting fail. */
  async close(): Promise<void> {
    this.#calls.rejectAll(new Error("broker server closed"));
    await this.#mqtt?.endAsync();
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
      const client = this.#connected();
      const operation = this.#index.serverToClient(operationId, "message-ack");
      const publish = outboundPublish(operation.topic.fill(options.parameters, clientId), operation.spec.qos, message);
      client.publish(publish.topic, publish.payload, publishOptions(publish), (error, packet) => {
        const puback = this.#pubacks.take(packet?.messageId) ?? (packet?.cmd === "puback" ? packet : undefined);
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
      const client = this.#connected();
      const operation = this.#index.serverToClient(operationId, "request-response");
      const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs ?? 30_000;
      const call = this.#calls.start(operation, clientId, message, options, timeoutMs);
      const { publish } = call;
      if (options.signal?.aborted !== true) {
        client.publish(publish.topic, publish.payload, publishOptions(publish), (error) => {
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
    const client = this.#mqtt;
    const operation = this.#index.serverToClient(operationId, "message");
    if (client === undefined || !client.connected) return false;
    const publish = outboundPublish(operation.topic.fill(options.parameters, clientId), 0, message);
    client.publish(publish.topic, publish.payload, publishOptions(publish));
    return true;
  }

  #mqttOptions(): IClientOptions {
    const options = this.#options;
    return {
      protocolVersion: 5,
      clientId: options.clientId,
      clean: true,
      reconnectPeriod: 1000,
      ...(options.username !== undefined && { username: options.username }),
      ...(options.password !== undefined && { password: Buffer.from(options.password) }),
      ...(options.ca !== undefined && { ca: options.ca as IClientOptions["ca"] }),
      ...(options.cert !== undefined && { cert: options.cert }),
      ...(options.key !== undefined && { key: options.key }),
      // QoS 1 messages are acknowledged to the broker once handled, so that one in hand when this process
      // dies is redelivered to it (or, with a persistent session, to its successor).
      customHandleAcks: (topic, _message, packet, done) => {
        void this.#receive(topic, packet, (reasonCode) => done(reasonCode));
      },
    };
  }

  /** Every filter the server receives on: client→server topics, and the replies to its own requests. */
  #filters(): Record<string, { qos: 0 | 1 }> {
    const filters: Record<string, { qos: 0 | 1 }> = {};
    for (const operation of this.#index.ofDirection("client-to-server")) {
      filters[operation.topic.wildcardFilter()] = { qos: operation.spec.qos };
    }
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
    const exchange = new BrokerExchange(clientId, topic, this.#logger, acknowledge, (publish) => this.#reply(publish));
    try {
      await dispatchClientMessage(
        {
          api: this.api,
          index: this.#index,
          handlers: this.#options.handlers,
          logger: this.#logger,
          calls: () => this.#calls,
        },
        exchange,
        inboundMessage(packet, topic),
      );
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
    this.#mqtt?.publish(packet.topic, packet.payload, publishOptions(packet));
  }

  #connected(): MqttClient {
    if (this.#mqtt === undefined || !this.#mqtt.connected) {
      throw conditionError(this.api, "targetUnavailable", "the broker server is not connected to its broker");
    }
    return this.#mqtt;
  }
}

/** The answers to one PUBLISH received through the broker. */
class BrokerExchange implements InboundExchange {
  /** Through a broker the client's CONNECT is not seen. */
  readonly connectUserProperties = {};

  constructor(
    readonly clientId: string,
    private readonly topic: string,
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

/** The API's topics must name the client a message is from or for: the broker's ACL makes that level its identity. */
function checkServableThroughBroker(index: ApiIndex): void {
  const problems: string[] = [];
  if (index.api.dialect.replies.kind === "shared-topic") {
    problems.push(
      `replies travel on the shared topic ${index.api.dialect.replies.topic}, which a broker cannot keep per client`,
    );
  }
  for (const operation of index.operations) {
    if (!operation.topic.hasClientIdLevel)
      problems.push(`${operation.id}: topic ${operation.topic.template} has no client-id level`);
    const reply = operation.reply;
    const replyTemplates =
      reply?.kind === "topic"
        ? [reply.topic]
        : reply?.kind === "accepted-rejected"
          ? [reply.accepted, reply.rejected]
          : [];
    for (const template of replyTemplates) {
      if (!template.hasClientIdLevel)
        problems.push(`${operation.id}: reply topic ${template.template} has no client-id level`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${index.api.title} cannot be served through a broker (serve it embedded):\n  ${problems.join("\n  ")}`,
    );
  }
}

function publishOptions(packet: Omit<IPublishPacket, "messageId">) {
  return {
    qos: packet.qos,
    retain: packet.retain,
    ...(packet.properties !== undefined && { properties: packet.properties }),
  };
}
