/**
 * A device gateway: the embedded endpoint, speaking the API to devices exactly as it does on its own
 * (authentication, limits, reason codes, status properties), holding no application state. Each
 * client→server operation it has checked goes over the broker to the workers on the device's internal
 * topic, written here with the identity the endpoint authenticated, and the workers' answer comes back
 * as the reply or acknowledgment the device gets (a telemetry PUBACK's reason code and status are the
 * worker's verdict). No answer within `forwardTimeoutMs` is the API's server-timeout outcome (IoT Hub
 * `0602`), no worker or no broker its server-busy outcome (`0603`); an API without them answers with its
 * server-error outcome.
 *
 * Several gateways run side by side. Each subscribes to the internal call topics of the devices it holds
 * (so a worker's call reaches whichever gateway holds the device, and the broker answers "no matching
 * subscribers" when none does) and announces each device it accepts on the device's session topic: a
 * gateway still holding that device from before closes its connection with 0x8E Session taken over, as
 * one endpoint does when a client connects twice.
 */
import type { AddressInfo } from "node:net";
import type { IPublishPacket } from "mqtt-packet";
import { ApiIndex, type IndexedOperation } from "../../api-index.js";
import type { ApiTable, RuntimeCondition } from "../../api-table.js";
import { conditionError } from "../../dialect/outcome.js";
import { RuntimeConditionError, StatusError } from "../../errors.js";
import { encodeJson } from "../../json.js";
import { NO_MATCHING_SUBSCRIBERS } from "../broker-server.js";
import type { ServerHandler, ServerHandlerContext } from "../dispatch.js";
import { MqttServerEndpoint, type ServerEndpointSettings } from "../endpoint.js";
import { consoleServerLogger, type ServerLogger } from "../logger.js";
import type { ServerInboundMessage, ServerOutboundMessage } from "../messages.js";
import { ReasonCode } from "../reason-codes.js";
import { BrokerSession, type BrokerConnectionOptions } from "./broker-session.js";
import { decodeDown, encodeDownResult, encodeUp, type DownCall, type DownResult } from "./envelopes.js";
import { HopCalls } from "./hop-calls.js";
import { InternalTopics } from "./internal-topics.js";
import { answerFromJson, MessageJsonError, parseJsonObject, outcomeToJson } from "./message-json.js";

export interface GatewayOptions extends Omit<ServerEndpointSettings, "handlers" | "events"> {
  readonly api: ApiTable;
  /** The broker the workers are on; the client id names this gateway (unique per gateway). */
  readonly broker: BrokerConnectionOptions;
  /** Namespace of the internal topics; default `mqttgen/<API title as a slug>`, as the workers'. */
  readonly namespace?: string;
  /** How long a forwarded operation waits for a worker's answer; default 10 000 ms. */
  readonly forwardTimeoutMs?: number;
}

export class MqttGateway {
  readonly api: ApiTable;
  readonly endpoint: MqttServerEndpoint;
  readonly #options: GatewayOptions;
  readonly #index: ApiIndex;
  readonly #topics: InternalTopics;
  readonly #logger: ServerLogger;
  readonly #forwards: HopCalls<ServerOutboundMessage>;
  readonly #replies: string;
  /** Devices whose call topics this gateway is subscribed to, once the broker granted it. */
  readonly #held = new Set<string>();
  #session: BrokerSession | undefined;

  constructor(options: GatewayOptions) {
    const { api, broker: _broker, namespace: _namespace, forwardTimeoutMs: _timeout, ...settings } = options;
    this.#options = options;
    this.api = api;
    this.#index = new ApiIndex(api);
    this.#topics = InternalTopics.of(api, options.namespace);
    this.#logger = options.logger ?? consoleServerLogger;
    this.#replies = this.#topics.replies(options.broker.clientId);
    this.#forwards = new HopCalls(
      (payload) => {
        const answer = answerFromJson(parseJsonObject(payload, "worker answer"));
        if (answer.kind === "failure") throw new StatusError(answer.failure);
        return answer.message;
      },
      (what, timeoutMs) => this.#conditionError("serverTimeout", `${what}: no worker answered within ${timeoutMs} ms`),
    );
    const handlers: Record<string, ServerHandler> = {};
    for (const operation of this.#index.ofDirection("client-to-server")) {
      handlers[operation.id] = (message, context) => this.#forward(operation, message, context);
    }
    this.endpoint = new MqttServerEndpoint({
      ...settings,
      api,
      handlers,
      events: {
        connected: (clientId) => void this.#hold(clientId),
        disconnected: (clientId) => void this.#release(clientId),
      },
    });
  }

  /** Connects to the broker, then listens for devices; resolves with the bound address. */
  async start(): Promise<AddressInfo> {
    if (this.#session !== undefined) throw new Error("start() on a gateway already started");
    const session = await BrokerSession.open(this.#options.broker, {
      sessionExpirySeconds: 0,
      logger: this.#logger,
      onMessage: (topic, packet, acknowledge) => this.#receive(topic, packet, acknowledge),
    });
    this.#session = session;
    try {
      await session.subscribeFilters({ [this.#replies]: { qos: 0 } });
      return await this.endpoint.listen();
    } catch (error) {
      await session.end(true);
      throw error;
    }
  }

  address(): AddressInfo {
    return this.endpoint.address();
  }

  /** True once the broker routes `clientId`'s calls to this gateway. */
  holds(clientId: string): boolean {
    return this.#held.has(clientId);
  }

  /** Disconnects every device, then leaves the broker; forwards still waiting fail. */
  async close(): Promise<void> {
    await this.endpoint.close();
    this.#forwards.rejectAll(new Error("gateway closed"));
    await this.#session?.end(true);
  }

  /** A checked client→server operation, handed to the workers; resolves with their success, throws their failure. */
  #forward(
    operation: IndexedOperation,
    message: ServerInboundMessage,
    context: ServerHandlerContext,
  ): Promise<ServerOutboundMessage> {
    const session = this.#session;
    if (session === undefined || !session.connected) {
      return Promise.reject(this.#conditionError("serverBusy", "the gateway is not connected to the workers' broker"));
    }
    const timeoutMs = this.#options.forwardTimeoutMs ?? 10_000;
    const call = this.#forwards.start(`${operation.id} of ${context.clientId}`, timeoutMs);
    const payload = encodeUp({ message, connectUserProperties: context.connectUserProperties });
    const properties = {
      correlationData: call.correlationData,
      responseTopic: this.#replies,
      // A forward no worker took in time expires: the device was told it timed out, and may send it again.
      messageExpiryInterval: Math.ceil(timeoutMs / 1000),
    };
    const topic = this.#topics.up(context.clientId, operation.id);
    session.client.publish(topic, payload, { qos: message.qos, properties }, (error, packet) => {
      const puback = session.pubacks.take(packet?.messageId);
      if (puback?.reasonCode === NO_MATCHING_SUBSCRIBERS) {
        call.fail(this.#conditionError("serverBusy", `no worker serves ${operation.id}`));
      } else if (error) call.fail(this.#conditionError("serverBusy", `forward failed: ${error.message}`));
    });
    return call.response;
  }

  async #receive(topic: string, packet: IPublishPacket, acknowledge: (reasonCode: number) => void): Promise<void> {
    acknowledge(0);
    const payload = Buffer.from(packet.payload);
    if (topic === this.#replies) {
      this.#forwards.receive(packet.properties?.correlationData, payload);
      return;
    }
    const device = this.#topics.parseDevice(topic);
    if (device?.kind === "session") this.#takenOver(device.clientId, payload);
    else if (device?.kind === "down") await this.#deviceCall(device.clientId, device.operationId, packet, payload);
    else this.#logger.warn("internal message dropped: not for a gateway", { topic });
  }

  /** Another gateway accepted a device this one holds: the older connection goes, as on one endpoint. */
  #takenOver(clientId: string, payload: Buffer): void {
    let gateway: unknown;
    try {
      gateway = parseJsonObject(payload, "session announcement").gateway;
    } catch (error) {
      if (!(error instanceof MessageJsonError)) throw error;
    }
    if (typeof gateway === "string" && gateway !== this.#options.broker.clientId) {
      this.#logger.info("device connected through another gateway: connection here closed", { clientId, gateway });
      this.endpoint.disconnect(clientId, ReasonCode.SessionTakenOver);
    }
  }

  /** A worker's server→client call: made on the device through the endpoint, its result sent back. */
  async #deviceCall(clientId: string, operationId: string, packet: IPublishPacket, payload: Buffer): Promise<void> {
    const responseTopic = packet.properties?.responseTopic;
    const correlationData = packet.properties?.correlationData;
    const operation = this.#index.byId(operationId);
    if (operation === undefined || operation.spec.direction !== "server-to-client") {
      this.#logger.warn("call of an unknown server-to-client operation dropped", { clientId, operationId });
      return;
    }
    let result: DownResult | undefined;
    try {
      result = await this.#callDevice(clientId, operation, decodeDown(payload));
    } catch (error) {
      result = failedCall(error);
    }
    if (result === undefined || responseTopic === undefined || !this.#topics.isReplies(responseTopic)) return;
    this.#session?.client.publish(responseTopic, encodeDownResult(result), {
      qos: 0,
      ...(correlationData !== undefined && { properties: { correlationData } }),
    });
  }

  async #callDevice(clientId: string, operation: IndexedOperation, call: DownCall): Promise<DownResult | undefined> {
    const raw = operation.topic.match(call.topic);
    const named = raw === undefined ? undefined : operation.topic.clientIdOf(raw);
    if (raw === undefined || (named !== undefined && named !== clientId)) {
      return { kind: "error", message: `${call.topic} is not a topic of ${operation.id} for ${clientId}` };
    }
    const parameters = operation.topic.decode(raw);
    switch (operation.spec.interaction) {
      case "message-ack":
        return {
          kind: "delivered",
          result: await this.endpoint.deliver(clientId, operation.id, call.message, { parameters }),
        };
      case "request-response": {
        const options = { parameters, ...(call.timeoutMs !== undefined && { timeoutMs: call.timeoutMs }) };
        return {
          kind: "response",
          response: await this.endpoint.request(clientId, operation.id, call.message, options),
        };
      }
      default:
        this.endpoint.notify(clientId, operation.id, call.message, { parameters });
        return undefined;
    }
  }

  /** Routes the device's calls here, then says so to other gateways (which close their connection of it). */
  async #hold(clientId: string): Promise<void> {
    const session = this.#session;
    if (session === undefined) return;
    try {
      await session.subscribeFilters({
        [this.#topics.downFilter(clientId)]: { qos: 1 },
        [this.#topics.session(clientId)]: { qos: 1, nl: true },
      });
      if (!this.endpoint.isConnected(clientId)) return; // gone meanwhile: #release unsubscribes
      this.#held.add(clientId);
      const announcement = encodeJson({ gateway: this.#options.broker.clientId });
      session.client.publish(this.#topics.session(clientId), announcement, { qos: 1 });
    } catch (error) {
      this.#logger.error("could not route a device's calls to this gateway", { clientId, error });
    }
  }

  async #release(clientId: string): Promise<void> {
    this.#held.delete(clientId);
    const session = this.#session;
    if (session === undefined || !session.connected) return;
    try {
      // A device that reconnected here meanwhile keeps its routes (its `connected` comes after this).
      if (!this.endpoint.isConnected(clientId)) {
        await session.unsubscribeFilters([this.#topics.downFilter(clientId), this.#topics.session(clientId)]);
      }
    } catch (error) {
      this.#logger.warn("could not unroute a device's calls", { clientId, error });
    }
  }

  /** The error of a gateway condition: its own status where the API has one, else the server-error outcome. */
  #conditionError(condition: Extract<RuntimeCondition, "serverTimeout" | "serverBusy">, reason: string): Error {
    const defined = this.api.dialect.runtimeStatuses[condition] !== undefined;
    return conditionError(this.api, defined ? condition : "serverError", reason);
  }
}

/** What a failed device call sends back: a status, a condition without one, or a message. */
function failedCall(error: unknown): DownResult {
  if (error instanceof StatusError) {
    return {
      kind: "status",
      outcome: outcomeToJson({
        reasonCode: error.reasonCode,
        userProperties: error.userProperties,
        ...(error.status !== undefined && { status: error.status }),
        ...(error.reason !== undefined && { reason: error.reason }),
        ...(error.traceId !== undefined && { traceId: error.traceId }),
      }),
    };
  }
  if (error instanceof RuntimeConditionError) {
    return {
      kind: "condition",
      condition: error.condition,
      ...(error.reason !== undefined && { reason: error.reason }),
    };
  }
  return { kind: "error", message: error instanceof Error ? error.message : String(error) };
}
