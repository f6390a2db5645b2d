/**
 * A worker behind gateways: for APIs whose device topics carry no client identity or start with `$`
 * (IoT Hub's), devices connect to gateways (`MqttGateway`), which forward each client→server operation on
 * the internal topics (`internal-topics.ts`) with the device's identity in the topic. Workers share those
 * through `$share/{group}/…`, run the same handlers as every other server, and answer the gateway with the
 * handler's answer (a success or a failure, which the gateway turns into the API's reply, PUBACK reason
 * code and status). Server→client calls go to the device's internal topic, where the gateway holding its
 * connection receives them, and come back with what the device answered.
 *
 * The identity is the topic's, which only gateways may write (the broker's ACL); a worker never reads it
 * from the payload. Duplicates: a forward redelivered after a worker died carries the same hop
 * Correlation Data, which keys it when the device's message names no key of its own.
 */
import type { IPublishPacket } from "mqtt-packet";
import { ApiIndex } from "../../api-index.js";
import type { ApiTable } from "../../api-table.js";
import { conditionError, conditionFailure } from "../../dialect/outcome.js";
import type { ReplyAnswer } from "../../dialect/replies.js";
import { RuntimeConditionError, StatusError } from "../../errors.js";
import { encodeJson } from "../../json.js";
import { NO_MATCHING_SUBSCRIBERS } from "../broker-server.js";
import type { ServerDeliverOptions, ServerDeliveryResult } from "../command-deliveries.js";
import { answerOnce, checkCall, type DispatchDependencies } from "../dispatch.js";
import { checkHandlers } from "../endpoint.js";
import { consoleServerLogger, type ServerLogger } from "../logger.js";
import type { ServerOutboundMessage } from "../messages.js";
import type { ServerCallResponse, ServerRequestOptions } from "../server-requests.js";
import type { ServerNotifyOptions, ServerTransport } from "../transport.js";
import { closeWorkerSession, openWorkerSession, workerDispatch, type WorkerOptions } from "../worker.js";
import type { BrokerSession } from "./broker-session.js";
import { decodeDownResult, decodeUp, encodeDown, type DownResult } from "./envelopes.js";
import { HopCalls } from "./hop-calls.js";
import { InternalTopics } from "./internal-topics.js";
import { answerToJson, MessageJsonError } from "./message-json.js";

export interface GatewayWorkerOptions extends WorkerOptions {
  /** How long a command waits for the gateway's verdict (its redeliveries included); default 120 000 ms. */
  readonly deliveryTimeoutMs?: number;
}

/** Extra time a call waits beyond the device's own timeout, for the hop to the gateway and back. */
const HOP_MARGIN_MS = 2000;

export class MqttGatewayWorker implements ServerTransport {
  readonly api: ApiTable;
  readonly #options: GatewayWorkerOptions;
  readonly #index: ApiIndex;
  readonly #topics: InternalTopics;
  readonly #logger: ServerLogger;
  readonly #dispatch: DispatchDependencies;
  readonly #calls: HopCalls<DownResult>;
  readonly #replies: string;
  #session: BrokerSession | undefined;

  constructor(options: GatewayWorkerOptions) {
    this.#options = options;
    this.api = options.api;
    this.#index = new ApiIndex(options.api);
    this.#topics = InternalTopics.of(options.api, options.namespace);
    this.#logger = options.logger ?? consoleServerLogger;
    checkHandlers(this.#index, options.handlers);
    this.#replies = this.#topics.replies(options.broker.clientId);
    this.#calls = new HopCalls(decodeDownResult, (what, timeoutMs) =>
      conditionError(this.api, "targetTimeout", `${what}: no answer through the gateways within ${timeoutMs} ms`),
    );
    this.#dispatch = workerDispatch(options, this.#index, this.#logger, () => undefined);
  }

  /** Connects, joins the group on every operation's forwards, and resolves once subscribed. */
  async start(): Promise<void> {
    if (this.#session !== undefined) throw new Error("start() on a worker already started");
    const forwards: Record<string, { qos: 0 | 1 }> = {};
    for (const operation of this.#index.ofDirection("client-to-server")) {
      forwards[this.#topics.upFilter(operation.id)] = { qos: 1 };
    }
    this.#session = await openWorkerSession(
      this.#options,
      this.#logger,
      (topic, packet, acknowledge) => this.#receive(topic, packet, acknowledge),
      forwards,
      { [this.#replies]: { qos: 0 } },
    );
  }

  /** Leaves the group without losing what the broker queued for it, then ends the session. */
  async close(): Promise<void> {
    await closeWorkerSession(this.#session, this.#options);
    this.#calls.rejectAll(new Error("worker closed"));
  }

  /**
   * A command to the device through the gateway holding its connection, which delivers it as the embedded
   * endpoint does (and redelivers after an abandon); resolves with the device's verdict. No gateway
   * holding the device is the API's target-unavailable outcome. (A `prepareRedelivery` function cannot
   * cross the broker: the gateway redelivers the message as it was.)
   */
  deliver(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerDeliverOptions = {},
  ): Promise<ServerDeliveryResult> {
    const operation = this.#index.serverToClient(operationId, "message-ack");
    const timeoutMs = this.#options.deliveryTimeoutMs ?? 120_000;
    return this.#call(
      clientId,
      operation.id,
      operation.topic.fill(options.parameters, clientId),
      message,
      timeoutMs,
    ).then((result) => {
      if (result.kind === "delivered") return result.result;
      throw unexpected(result);
    });
  }

  /** A request to the device through the gateway holding its connection; resolves with its reply. */
  request(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerRequestOptions = {},
  ): Promise<ServerCallResponse> {
    try {
      const operation = this.#index.serverToClient(operationId, "request-response");
      const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs ?? 30_000;
      const topic = operation.topic.fill(options.parameters, clientId);
      return this.#call(clientId, operation.id, topic, message, timeoutMs + HOP_MARGIN_MS, timeoutMs).then((result) => {
        if (result.kind === "response") return result.response;
        throw unexpected(result);
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** A one-way message at QoS 0 to the gateway holding the device; returns whether the broker connection was up. */
  notify(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerNotifyOptions = {},
  ): boolean {
    const operation = this.#index.serverToClient(operationId, "message");
    const session = this.#session;
    if (session === undefined || !session.connected) return false;
    const topic = operation.topic.fill(options.parameters, clientId);
    session.client.publish(this.#topics.down(clientId, operation.id), encodeDown({ topic, message }), { qos: 0 });
    return true;
  }

  /** Publishes a call to the device's gateway at QoS 1 and waits for its answer. */
  #call(
    clientId: string,
    operationId: string,
    topic: string,
    message: ServerOutboundMessage,
    waitMs: number,
    deviceTimeoutMs?: number,
  ): Promise<DownResult> {
    const session = this.#session;
    if (session === undefined || !session.connected) {
      return Promise.reject(conditionError(this.api, "targetUnavailable", "the worker is not connected to its broker"));
    }
    const call = this.#calls.start(`${operationId} on ${clientId}`, waitMs);
    const payload = encodeDown({
      topic,
      message,
      ...(deviceTimeoutMs !== undefined && { timeoutMs: deviceTimeoutMs }),
    });
    const properties = { correlationData: call.correlationData, responseTopic: this.#replies };
    session.client.publish(
      this.#topics.down(clientId, operationId),
      payload,
      { qos: 1, properties },
      (error, packet) => {
        const puback = session.pubacks.take(packet?.messageId);
        if (puback?.reasonCode === NO_MATCHING_SUBSCRIBERS) {
          call.fail(conditionError(this.api, "targetUnavailable", `no gateway holds a connection of ${clientId}`));
        } else if (error) call.fail(error);
      },
    );
    return call.response;
  }

  async #receive(topic: string, packet: IPublishPacket, acknowledge: (reasonCode: number) => void): Promise<void> {
    const payload = Buffer.from(packet.payload);
    if (topic === this.#replies) {
      this.#calls.receive(packet.properties?.correlationData, payload);
      acknowledge(0);
      return;
    }
    const forward = this.#topics.parseDevice(topic);
    const responseTopic = packet.properties?.responseTopic;
    const correlationData = packet.properties?.correlationData;
    if (
      forward?.kind !== "up" ||
      correlationData === undefined ||
      responseTopic === undefined ||
      !this.#topics.isReplies(responseTopic)
    ) {
      this.#logger.warn("internal message dropped: not a gateway's forward", { topic });
      acknowledge(0);
      return;
    }
    const answer = await this.#answer(forward.clientId, forward.operationId, payload, packet.dup, correlationData);
    if (answer !== undefined) {
      this.#session?.client.publish(responseTopic, encodeJson(answerToJson(answer)), {
        qos: 0,
        properties: { correlationData },
      });
    }
    // After the answer: once the broker has this PUBACK, it has the answer too (one connection, in order).
    acknowledge(0);
  }

  /** The handler's answer to a forward, checked as the gateway checked it; `undefined` when another worker answers. */
  async #answer(
    clientId: string,
    operationId: string,
    payload: Buffer,
    redelivered: boolean,
    hop: Buffer,
  ): Promise<ReplyAnswer | undefined> {
    let forwarded;
    try {
      forwarded = decodeUp(payload);
    } catch (error) {
      if (!(error instanceof MessageJsonError)) throw error;
      return { kind: "failure", failure: conditionFailure(this.api, "badRequest", error.message) };
    }
    const { message, connectUserProperties } = forwarded;
    const call = checkCall(this.#dispatch, clientId, connectUserProperties, message);
    if ("failure" in call) return { kind: "failure", failure: call.failure };
    if (call.operation.id !== operationId) {
      const reason = `forward of ${operationId} carries a message of ${call.operation.id}`;
      return { kind: "failure", failure: conditionFailure(this.api, "badRequest", reason) };
    }
    return answerOnce(this.#dispatch, call, message, redelivered, `h:${hop.toString("hex")}`);
  }
}

/** A call result of another kind than the call's: the gateway's failure of it. */
function unexpected(result: DownResult): Error {
  switch (result.kind) {
    case "status":
      return new StatusError(result.outcome);
    case "condition":
      return new RuntimeConditionError(result.condition, result.reason);
    case "error":
      return new Error(result.message);
    default:
      return new MessageJsonError(`the gateway answered with ${result.kind}`);
  }
}
