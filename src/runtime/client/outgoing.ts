/**
 * Client→server traffic (docs/protocol.md#interactions, #limits, #correlation-data for IoT Hub): messages at QoS 1 within the
 * server's Receive Maximum, QoS 0 messages, and requests answered where the API's dialect says (its shared
 * topic, the Response Topic this client sets under its own reply prefix, or the operation's reply topics),
 * correlated by fresh Correlation Data or a token in a payload field. Each call costs one promise: the
 * PUBACK or reply settles it directly, and the in-flight slot is taken without waiting while one is free.
 */
import type { MqttClient } from "mqtt";
import type { IConnackPacket, IPublishPacket } from "mqtt-packet";
import { requesterReplyTopic, type IndexedOperation } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import { toBuffer } from "../bytes.js";
import { newCorrelationToken, receivedToken, withRequestToken } from "../dialect/correlation-token.js";
import { isSuccessOutcome, isSuccessWithStatus, readOutcome } from "../dialect/outcome.js";
import { readReply, replyPublish, type ReplyAnswer, type RequestEnvelope } from "../dialect/replies.js";
import type { OutcomeDetails } from "../errors.js";
import {
  encodeProperties,
  type EncodePropertiesOptions,
  type MessageProperties,
  type PropertySpec,
  type PropertyValues,
  type UserProperties,
} from "../properties.js";
import type { TimeEncoding } from "../values.js";
import { PendingRequests, type PendingErrors } from "../pending-requests.js";
import { correlationSource, type CorrelationKind } from "./correlation.js";
import { ConnectionLostError, RequestAbortedError, RequestTimeoutError } from "./errors.js";
import { checkPublishSize, InflightWindow } from "./flow-control.js";
import type { ReceivedPubacks } from "./mqttjs-extensions.js";
import type { OutcomeErrorFactory } from "./outcome.js";
import type { ReplySubscriptions } from "./reply-subscriptions.js";

/** A message a client→server operation sends. */
export interface OutgoingMessage<V extends PropertyValues = PropertyValues> {
  /** Values of the topic template's `{param}` levels, by their types; client-id levels are filled by the client. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly properties?: V;
  /** Application properties (D17), under the dialect's prefix (IoT Hub `@`). */
  readonly applicationProperties?: Readonly<Record<string, string>> | undefined;
  readonly payload?: Uint8Array | string;
}

export interface PublishOptions {
  /** Overrides the operation's QoS: 0 means "no acknowledgement wanted" (E21). */
  readonly qos?: 0 | 1;
}

export interface RequestOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A successful message-ack outcome. Without a PUBACK (QoS 0) it only says the packet was written. */
export interface PublishResult {
  /** The success carried a status (IoT Hub: `0001 Not Modified`, F31). */
  readonly notModified: boolean;
  readonly outcome?: OutcomeDetails;
}

/** A successful reply (E24), its properties decoded against the operation's success message. */
export interface ClientResponse<R extends PropertyValues = PropertyValues> {
  readonly properties: R;
  readonly applicationProperties: Readonly<UserProperties>;
  readonly extra: Readonly<UserProperties>;
  readonly payload: Buffer;
  /** The success carried a status (IoT Hub: `0001 Not Modified`, F31). */
  readonly notModified: boolean;
  readonly outcome: OutcomeDetails;
}

export interface OutgoingOptions {
  readonly api: ApiTable;
  readonly clientId: string;
  readonly mqtt: MqttClient;
  /** Where the outcome of a successful PUBACK is read: MQTT.js's publish callback does not carry it. */
  readonly pubacks: ReceivedPubacks;
  readonly replySubscriptions: ReplySubscriptions;
  readonly errorFactory: OutcomeErrorFactory;
  readonly requestTimeoutMs: number;
  readonly correlation: CorrelationKind;
  readonly timeEncoding?: TimeEncoding;
}

type PublishProperties = MessageProperties & { correlationData?: Buffer };

/** A reply on its way to the request waiting for it. */
interface ArrivedReply {
  readonly packet: IPublishPacket;
  readonly arrivedOn: "reply" | "accepted" | "rejected";
}

const NO_VALUES: PropertyValues = Object.freeze({});

/**
 * MQTT.js publish options of a message without properties. Passing `{ qos, properties: undefined }`
 * instead measured about 2 µs more client CPU per QoS 1 message (11.4 against 9.4 µs, most of it self
 * time in MQTT.js's `publish`, which merges the options). MQTT.js copies options, never modifies them.
 */
const QOS0 = Object.freeze({ qos: 0 as const });
const QOS1 = Object.freeze({ qos: 1 as const });

/**
 * The outcome of a PUBACK with reason code 0 and no properties, by far the most common one, and of a
 * reply without user properties; frozen, so one object serves every such acknowledgment and reply.
 */
const NO_USER_PROPERTIES: Readonly<UserProperties> = Object.freeze({});
const PLAIN_OUTCOME: OutcomeDetails = Object.freeze({ reasonCode: 0, userProperties: NO_USER_PROPERTIES });
const PLAIN_SUCCESS: PublishResult = Object.freeze({ notModified: false, outcome: PLAIN_OUTCOME });

/** The outcome-bearing part of a PUBACK. */
type Puback = { reasonCode?: number; properties?: { userProperties?: UserProperties; reasonString?: string } };

export class Outgoing {
  readonly #api: ApiTable;
  readonly #clientId: string;
  readonly #mqtt: MqttClient;
  readonly #pubacks: ReceivedPubacks;
  readonly #replySubscriptions: ReplySubscriptions;
  readonly #errorFactory: OutcomeErrorFactory;
  readonly #requestTimeoutMs: number;
  readonly #nextCorrelation: () => Buffer;
  /** Whether QoS 1 messages carry Correlation Data as their duplicate-suppression key (the dialect's `messageKey`). */
  readonly #keyMessages: boolean;
  readonly #nextMessageKey = correlationSource("random");
  /** Encoding options of a message without application properties, built once. */
  readonly #encodeDefaults: EncodePropertiesOptions;
  readonly #applicationPrefix: string;
  readonly #inflight = new InflightWindow();
  /** Requests by Correlation Data, and by payload-field token. */
  readonly #byCorrelationData = this.#pendingRequests();
  readonly #byToken = this.#pendingRequests();
  /** The payload fields replies may carry a token in, for replies that arrive on a topic shared by operations. */
  readonly #tokenFields: readonly string[];
  /** The Response Topic of each operation whose replies go to a topic this client chooses. */
  readonly #responseTopics = new Map<IndexedOperation, string>();
  #maximumPacketSize: number;
  readonly #defaultMaximumPacketSize: number;

  constructor(options: OutgoingOptions) {
    this.#api = options.api;
    this.#clientId = options.clientId;
    this.#mqtt = options.mqtt;
    this.#pubacks = options.pubacks;
    this.#replySubscriptions = options.replySubscriptions;
    this.#errorFactory = options.errorFactory;
    this.#requestTimeoutMs = options.requestTimeoutMs;
    this.#nextCorrelation = correlationSource(options.correlation);
    this.#keyMessages = options.api.dialect.messageKey?.kind === "correlation-data";
    this.#applicationPrefix = options.api.dialect.applicationProperties?.prefix ?? "";
    this.#encodeDefaults = {
      applicationPrefix: this.#applicationPrefix,
      ...(options.timeEncoding !== undefined && { timeEncoding: options.timeEncoding }),
    };
    const fields = options.api.operations.flatMap((spec) =>
      spec.correlation?.kind === "payload-field" ? [spec.correlation.field] : [],
    );
    this.#tokenFields = [...new Set(fields)];
    // MQTT 5 §3.2.2.3.6: without Maximum Packet Size in CONNACK, no limit beyond the protocol's.
    this.#defaultMaximumPacketSize = options.api.connection.limits?.maximumPacketSize ?? 268_435_460;
    this.#maximumPacketSize = this.#defaultMaximumPacketSize;
    const receiveMaximum = options.api.connection.limits?.receiveMaximum;
    if (receiveMaximum !== undefined) this.#inflight.setLimit(receiveMaximum);
  }

  /**
   * Applies a CONNACK's Receive Maximum and Maximum Packet Size (A8). One it leaves out is the API's limit
   * where the table states one (IoT Hub's CONNACK always states both), else MQTT 5's default.
   */
  applyLimits(connack: IConnackPacket): void {
    this.#inflight.setLimit(
      connack.properties?.receiveMaximum ?? this.#api.connection.limits?.receiveMaximum ?? 65_535,
    );
    this.#maximumPacketSize = connack.properties?.maximumPacketSize ?? this.#defaultMaximumPacketSize;
  }

  /**
   * At QoS 1 resolves on a successful PUBACK and rejects with the error factory's error on a failing one
   * (E22); at QoS 0 resolves once written. Invalid messages reject before anything is sent.
   */
  publish(operation: IndexedOperation, message: OutgoingMessage, qos: 0 | 1): Promise<PublishResult> {
    let topic: string;
    let properties: PublishProperties | undefined;
    let payload: Buffer;
    let retain: boolean;
    try {
      ({ topic, properties, payload, retain } = this.#prepare(operation, message));
      // A key of its own for servers that suppress duplicates; MQTT.js resends the packet, and so the key, as it was.
      if (qos === 1 && this.#keyMessages) properties = { ...properties, correlationData: this.#nextMessageKey() };
      checkPublishSize({ topic, qos, properties }, payload.length, this.#maximumPacketSize);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (qos === 0) return this.#publishQos0(topic, payload, properties, retain);
    if (this.#inflight.tryAcquire()) return this.#acknowledged(topic, payload, properties, retain);
    return this.#inflight.acquire().then(() => this.#acknowledged(topic, payload, properties, retain));
  }

  /**
   * Sends a request with a fresh correlation (E23), its Response Topic where this client chooses it, and
   * resolves with the matching reply (E24). Rejects with the error factory's error when the reply (or, at
   * QoS 1, the PUBACK) carries a failure, `RequestTimeoutError`, `RequestAbortedError`, or
   * `ConnectionLostError`.
   */
  request(operation: IndexedOperation, message: OutgoingMessage, options: RequestOptions): Promise<ClientResponse> {
    let response: Promise<ClientResponse>;
    try {
      const prepared = this.#prepare(operation, message);
      const { topic, retain } = prepared;
      let { payload } = prepared;
      const properties: PublishProperties = prepared.properties ?? {};
      const responseTopic = this.#responseTopic(operation);
      if (responseTopic !== undefined) properties.responseTopic = responseTopic;
      const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
      let correlation: Buffer | string;
      let pending: PendingRequests<ArrivedReply, ClientResponse, IndexedOperation>;
      let added: Promise<ClientResponse> | undefined;
      if (operation.correlation.kind === "payload-field") {
        ({ payload, token: correlation } = withRequestToken(payload, operation.correlation.field, newCorrelationToken));
        pending = this.#byToken;
        added = pending.add(correlation, operation, timeoutMs, options.signal);
        if (added === undefined) throw new TypeError(`a request with token ${correlation} is still waiting`);
      } else {
        pending = this.#byCorrelationData;
        correlation = this.#nextCorrelation();
        added = pending.add(correlation, operation, timeoutMs, options.signal);
        // Rare: a counter that wrapped onto a request still waiting, or random bytes that met. Same length, same size.
        while (added === undefined) {
          correlation = this.#nextCorrelation();
          added = pending.add(correlation, operation, timeoutMs, options.signal);
        }
        properties.correlationData = correlation;
      }
      const qos = operation.spec.qos;
      response = added;
      const key = correlation;
      try {
        checkPublishSize({ topic, qos, properties }, payload.length, this.#maximumPacketSize);
      } catch (error) {
        pending.fail(key, error as Error);
        return response;
      }
      if (options.signal?.aborted !== true) {
        const fail = (error: Error) => pending.fail(key, error);
        const lazy = this.#lazyReplyTopics(operation, message);
        const subscribed = lazy.length === 0 ? undefined : this.#replySubscriptions.ensure(lazy);
        if (subscribed === undefined) this.#sendRequest(topic, payload, properties, qos, retain, fail);
        else subscribed.then(() => this.#sendRequest(topic, payload, properties, qos, retain, fail), fail);
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return response;
  }

  /**
   * Hands a reply to the request waiting for its correlation; replies nobody waits for (unknown, timed
   * out, aborted) are dropped (O2). `operation` is the operation whose own reply topic it arrived on, if
   * any: a reply there only settles a request of that operation.
   */
  deliverReply(packet: IPublishPacket, arrivedOn: ArrivedReply["arrivedOn"], operation?: IndexedOperation): void {
    const correlationData = packet.properties?.correlationData;
    const reply: ArrivedReply = { packet, arrivedOn };
    if (
      correlationData !== undefined &&
      (operation === undefined || operation.correlation.kind === "correlation-data")
    ) {
      if (operation === undefined || this.#byCorrelationData.contextOf(correlationData) === operation) {
        this.#byCorrelationData.resolve(correlationData, reply);
      }
      return;
    }
    if (this.#byToken.size === 0) return;
    const fields = operation?.correlation.kind === "payload-field" ? [operation.correlation.field] : this.#tokenFields;
    for (const field of fields) {
      const token = receivedToken(toBuffer(packet.payload), field);
      if (token === undefined) continue;
      const waiting = this.#byToken.contextOf(token);
      if (waiting !== undefined && (operation === undefined || waiting === operation))
        this.#byToken.resolve(token, reply);
      return;
    }
  }

  /** Rejects every waiting request, e.g. when the connection closed. */
  failRequests(error: Error): void {
    this.#byCorrelationData.rejectAll(error);
    this.#byToken.rejectAll(error);
  }

  /**
   * Publishes the answer to a server→client request where the dialect says (E25), within the size limit.
   * Rejects when the reply cannot carry the answer (a failure the API has no way to say).
   */
  answer(operation: IndexedOperation, envelope: RequestEnvelope, answer: ReplyAnswer): Promise<void> {
    const publish = replyPublish(this.#api, operation, envelope, answer);
    if (publish === undefined) {
      return Promise.reject(new Error(`${operation.id}: the API has no way to send this reply`));
    }
    const { topic, message, correlationData } = publish;
    const { payload: body, retain, ...rest } = message;
    const properties: PublishProperties = { ...rest, ...(correlationData !== undefined && { correlationData }) };
    const payload = toBuffer(body);
    checkPublishSize({ topic, qos: 0, properties }, payload.length, this.#maximumPacketSize);
    return new Promise((resolve, reject) =>
      this.#sendQos0(topic, payload, properties, retain === true, reject, resolve),
    );
  }

  /** Encodes typed values against a property table, with the client's time encoding and any application properties (D16–D17). */
  encode(
    specs: readonly PropertySpec[],
    values: PropertyValues,
    applicationProperties: Readonly<Record<string, string>> | undefined,
  ): PublishProperties {
    const options =
      applicationProperties === undefined ? this.#encodeDefaults : { ...this.#encodeDefaults, applicationProperties };
    return encodeProperties(specs, values, options);
  }

  #pendingRequests(): PendingRequests<ArrivedReply, ClientResponse, IndexedOperation> {
    return new PendingRequests<ArrivedReply, ClientResponse, IndexedOperation>(
      (reply, operation) => this.#response(operation, reply),
      CLIENT_REQUEST_ERRORS,
    );
  }

  /**
   * The topic, properties, payload and Retain flag of a message. A message with no property to send gets
   * no properties object at all: the PUBLISH is the same, and MQTT.js then neither copies nor measures one.
   */
  #prepare(operation: IndexedOperation, message: OutgoingMessage) {
    const topic = operation.topic.fill(message.parameters, this.#clientId);
    const values = message.properties ?? NO_VALUES;
    const { applicationProperties } = message;
    const specs = operation.spec.request.properties;
    let properties: PublishProperties | undefined =
      applicationProperties === undefined && !hasPropertiesToEncode(specs, values)
        ? undefined
        : this.encode(specs, values, applicationProperties);
    let retain = false;
    if (properties?.retain !== undefined) {
      ({ retain, ...properties } = properties);
    }
    return { topic, properties, payload: toBuffer(message.payload), retain };
  }

  /** The Response Topic this client sets on `operation`'s requests, where the dialect lets it choose. */
  #responseTopic(operation: IndexedOperation): string | undefined {
    if (operation.reply?.kind !== "requester-topic") return undefined;
    let topic = this.#responseTopics.get(operation);
    if (topic === undefined) {
      topic = requesterReplyTopic(operation, this.#clientId) as string;
      this.#responseTopics.set(operation, topic);
    }
    return topic;
  }

  /** The concrete reply topics a request needs subscribed first: those without a client-id level. */
  #lazyReplyTopics(operation: IndexedOperation, message: OutgoingMessage): readonly string[] {
    const reply = operation.reply;
    if (reply?.kind === "topic" && !reply.topic.hasClientIdLevel) {
      return [reply.topic.fill(message.parameters, this.#clientId)];
    }
    if (reply?.kind === "accepted-rejected" && !reply.accepted.hasClientIdLevel) {
      return [
        reply.accepted.fill(message.parameters, this.#clientId),
        reply.rejected.fill(message.parameters, this.#clientId),
      ];
    }
    return NO_TOPICS;
  }

  #sendRequest(
    topic: string,
    payload: Buffer,
    properties: PublishProperties,
    qos: 0 | 1,
    retain: boolean,
    fail: (error: Error) => void,
  ): void {
    if (qos === 0) {
      this.#sendQos0(topic, payload, properties, retain, fail);
      return;
    }
    // At QoS 1 a failing PUBACK is the server refusing the request before any reply (a bad request); the
    // reply, not the PUBACK, settles a request that was taken.
    if (this.#inflight.tryAcquire()) this.#publishQos1(topic, payload, properties, retain, IGNORE, fail);
    else void this.#inflight.acquire().then(() => this.#publishQos1(topic, payload, properties, retain, IGNORE, fail));
  }

  #publishQos0(
    topic: string,
    payload: Buffer,
    properties: PublishProperties | undefined,
    retain: boolean,
  ): Promise<PublishResult> {
    return new Promise((resolve, reject) =>
      this.#sendQos0(topic, payload, properties, retain, reject, () => resolve({ notModified: false })),
    );
  }

  /** A QoS 0 packet while offline fails at once with `ConnectionLostError` instead of going out late. */
  #sendQos0(
    topic: string,
    payload: Buffer,
    properties: PublishProperties | undefined,
    retain: boolean,
    onError: (error: Error) => void,
    onWritten?: () => void,
  ): void {
    if (!this.#mqtt.connected) {
      onError(new ConnectionLostError("not connected"));
      return;
    }
    const options = properties === undefined && !retain ? QOS0 : { qos: 0 as const, retain, properties };
    this.#mqtt.publish(topic, payload, options, (error) => {
      if (error) onError(new ConnectionLostError(error.message));
      else onWritten?.();
    });
  }

  /** A message-ack message in a slot already taken: settled by its PUBACK (E22). */
  #acknowledged(
    topic: string,
    payload: Buffer,
    properties: PublishProperties | undefined,
    retain: boolean,
  ): Promise<PublishResult> {
    return new Promise((resolve, reject) => this.#publishQos1(topic, payload, properties, retain, resolve, reject));
  }

  /**
   * Publishes in a slot already taken; the PUBACK (or the failure) frees it and settles: `resolve` with the
   * outcome of a successful PUBACK, `reject` with the error factory's error for a failing one, or with
   * `ConnectionLostError` when the packet never got a PUBACK.
   */
  #publishQos1(
    topic: string,
    payload: Buffer,
    properties: PublishProperties | undefined,
    retain: boolean,
    resolve: (result: PublishResult) => void,
    reject: (error: Error) => void,
  ): void {
    const options = properties === undefined && !retain ? QOS1 : { qos: 1 as const, retain, properties };
    this.#mqtt.publish(topic, payload, options, (error, packet) => {
      this.#inflight.release();
      // MQTT.js passes a failing PUBACK with its error but a successful one as the stored PUBLISH, so
      // the PUBACK is read where it was recorded on its way in (when it carried an outcome at all).
      const puback: Puback | undefined =
        this.#pubacks.take(packet?.messageId) ?? (packet?.cmd === "puback" ? packet : undefined);
      if (puback === undefined && error) {
        reject(new ConnectionLostError(error.message));
        return;
      }
      if ((puback?.reasonCode ?? 0) === 0 && puback?.properties === undefined) {
        resolve(PLAIN_SUCCESS);
        return;
      }
      const outcome = this.#outcomeOf(puback);
      if (isSuccessOutcome(this.#api, outcome))
        resolve({ notModified: isSuccessWithStatus(this.#api, outcome), outcome });
      else reject(this.#errorFactory(outcome));
    });
  }

  #outcomeOf(puback: Puback | undefined): OutcomeDetails {
    const properties = puback?.properties;
    return readOutcome(
      this.#api.dialect,
      puback?.reasonCode ?? 0,
      properties?.userProperties,
      properties?.reasonString,
    );
  }

  #response(operation: IndexedOperation, { packet, arrivedOn }: ArrivedReply): ClientResponse {
    const { spec } = operation;
    const plain =
      arrivedOn === "reply" &&
      spec.failurePayload === undefined &&
      spec.success?.validate === undefined &&
      spec.success?.properties.length === 0 &&
      packet.properties?.userProperties === undefined;
    if (plain) {
      return {
        properties: NO_VALUES,
        applicationProperties: NO_USER_PROPERTIES,
        extra: NO_USER_PROPERTIES,
        payload: toBuffer(packet.payload),
        notModified: false,
        outcome: PLAIN_OUTCOME,
      };
    }
    const payload = toBuffer(packet.payload);
    const reading = readReply(
      this.#api,
      operation,
      { properties: packet.properties, payload, arrivedOn },
      this.#applicationPrefix,
    );
    if (!reading.ok) throw this.#errorFactory(reading.outcome);
    return {
      properties: reading.values,
      applicationProperties: reading.applicationProperties,
      extra: reading.extra,
      payload,
      notModified: isSuccessWithStatus(this.#api, reading.outcome),
      outcome: reading.outcome,
    };
  }
}

const NO_TOPICS: readonly string[] = Object.freeze([]);

/** What a request does with a successful PUBACK: nothing, its reply settles it. */
const IGNORE = (): void => undefined;

/** A device client's requests time out with `RequestTimeoutError` and abort with `RequestAbortedError` (O2). */
export const CLIENT_REQUEST_ERRORS: PendingErrors<{ readonly id: string }> = {
  timeout: (operation, timeoutMs) => new RequestTimeoutError(operation.id, timeoutMs),
  aborted: (operation, reason) => new RequestAbortedError(operation.id, reason),
};

/** Whether a message has a declared property to send, or a required one that `encodeProperties` must report missing. */
function hasPropertiesToEncode(specs: readonly PropertySpec[], values: PropertyValues): boolean {
  for (const spec of specs) if (spec.required || values[spec.key] !== undefined) return true;
  return false;
}
