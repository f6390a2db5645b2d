/**
 * Client→server traffic (PROTOCOL.md E21–E24, B11, O2, O10): messages at QoS 1 within the server's
 * Receive Maximum, QoS 0 messages, and requests with fresh Correlation Data answered on the response
 * topic. Each call costs one promise: the PUBACK or response settles it directly, and the in-flight slot
 * is taken without waiting while one is free.
 */
import type { MqttClient } from "mqtt";
import type { IConnackPacket, IPublishPacket } from "mqtt-packet";
import type { OutcomeDetails } from "../errors.js";
import {
  decodeProperties,
  encodeProperties,
  type EncodePropertiesOptions,
  type MessageProperties,
  type PropertyValues,
  type UserProperties,
} from "../properties.js";
import type { TimeEncoding } from "../values.js";
import type { ClientOperation } from "./api.js";
import { correlationSource, PendingRequests, type CorrelationKind } from "./correlation.js";
import { ConnectionLostError } from "./errors.js";
import {
  checkPublishSize,
  DEFAULT_MAXIMUM_PACKET_SIZE,
  DEFAULT_RECEIVE_MAXIMUM,
  InflightWindow,
} from "./flow-control.js";
import type { ReceivedPubacks } from "./mqttjs-extensions.js";
import { isNotModified, isSuccess, readOutcome, type OutcomeErrorFactory } from "./outcome.js";
import type { OperationTable } from "./operation-table.js";

/** A message a client→server operation sends. */
export interface OutgoingMessage<V extends PropertyValues = PropertyValues> {
  /** Values for the topic template's `{param}` levels. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly properties?: V;
  /** Sent as `@{name}` user properties (D17). */
  readonly applicationProperties?: Readonly<Record<string, string>>;
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
  /** The success carried `status` 0001 Not Modified (F31). */
  readonly notModified: boolean;
  readonly outcome?: OutcomeDetails;
}

/** A successful response (E24), its properties decoded against the operation's response table. */
export interface ClientResponse<R extends PropertyValues = PropertyValues> {
  readonly properties: R;
  readonly applicationProperties: Readonly<UserProperties>;
  readonly extra: Readonly<UserProperties>;
  readonly payload: Buffer;
  readonly notModified: boolean;
  readonly outcome: OutcomeDetails;
}

export interface OutgoingOptions {
  readonly table: OperationTable;
  readonly mqtt: MqttClient;
  /** Where the outcome of a successful PUBACK is read: MQTT.js's publish callback does not carry it. */
  readonly pubacks: ReceivedPubacks;
  readonly errorFactory: OutcomeErrorFactory;
  readonly requestTimeoutMs: number;
  readonly correlation: CorrelationKind;
  readonly timeEncoding?: TimeEncoding;
}

type PublishProperties = MessageProperties & { correlationData?: Buffer };

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
 * response without user properties; frozen, so one object serves every such acknowledgment and response.
 */
const NO_USER_PROPERTIES: Readonly<UserProperties> = Object.freeze({});
const PLAIN_OUTCOME: OutcomeDetails = Object.freeze({ reasonCode: 0, userProperties: NO_USER_PROPERTIES });
const PLAIN_SUCCESS: PublishResult = Object.freeze({ notModified: false, outcome: PLAIN_OUTCOME });

/** The outcome-bearing part of a PUBACK. */
type Puback = { reasonCode?: number; properties?: { userProperties?: UserProperties } };

export class Outgoing {
  readonly #table: OperationTable;
  readonly #mqtt: MqttClient;
  readonly #pubacks: ReceivedPubacks;
  readonly #errorFactory: OutcomeErrorFactory;
  readonly #requestTimeoutMs: number;
  readonly #nextCorrelation: () => Buffer;
  /** Encoding options of a message without application properties, built once. */
  readonly #encodeDefaults: EncodePropertiesOptions;
  readonly #inflight = new InflightWindow();
  readonly #pending = new PendingRequests<IPublishPacket, ClientResponse, ClientOperation>((packet, operation) =>
    this.#response(operation, packet),
  );
  #maximumPacketSize = DEFAULT_MAXIMUM_PACKET_SIZE;

  constructor(options: OutgoingOptions) {
    this.#table = options.table;
    this.#mqtt = options.mqtt;
    this.#pubacks = options.pubacks;
    this.#errorFactory = options.errorFactory;
    this.#requestTimeoutMs = options.requestTimeoutMs;
    this.#nextCorrelation = correlationSource(options.correlation);
    this.#encodeDefaults = options.timeEncoding === undefined ? {} : { timeEncoding: options.timeEncoding };
  }

  /** Applies a CONNACK's Receive Maximum and Maximum Packet Size (A8). */
  applyLimits(connack: IConnackPacket): void {
    this.#inflight.setLimit(connack.properties?.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM);
    this.#maximumPacketSize = connack.properties?.maximumPacketSize ?? DEFAULT_MAXIMUM_PACKET_SIZE;
  }

  /**
   * At QoS 1 resolves on a successful PUBACK and rejects with the error factory's error on a failing one
   * (E22); at QoS 0 resolves once written. Invalid messages reject before anything is sent.
   */
  publish(operation: ClientOperation, message: OutgoingMessage, qos: 0 | 1): Promise<PublishResult> {
    let topic: string;
    let properties: PublishProperties | undefined;
    let payload: Buffer;
    try {
      ({ topic, properties, payload } = this.#prepare(operation, message));
      checkPublishSize({ topic, qos, properties }, payload.length, this.#maximumPacketSize);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (qos === 0) return this.#publishQos0(topic, payload, properties);
    if (this.#inflight.tryAcquire()) return this.#publishQos1(topic, payload, properties);
    return this.#inflight.acquire().then(() => this.#publishQos1(topic, payload, properties));
  }

  /**
   * Sends a request (QoS 0 with fresh Correlation Data, E23) and resolves with the matching response from
   * the response topic (E24). Rejects with the error factory's error when the response has a failing
   * `status`, `RequestTimeoutError`, `RequestAbortedError`, or `ConnectionLostError`.
   */
  request(operation: ClientOperation, message: OutgoingMessage, options: RequestOptions): Promise<ClientResponse> {
    let response: Promise<ClientResponse>;
    try {
      const { topic, properties: encoded, payload } = this.#prepare(operation, message);
      const properties: PublishProperties = encoded ?? {};
      let correlation = this.#nextCorrelation();
      properties.correlationData = correlation;
      checkPublishSize({ topic, qos: 0, properties }, payload.length, this.#maximumPacketSize);
      const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
      let added = this.#pending.add(correlation, operation, timeoutMs, options.signal);
      // Rare: a counter that wrapped onto a request still waiting, or random bytes that met. Same length, same size.
      while (added === undefined) {
        correlation = this.#nextCorrelation();
        added = this.#pending.add(correlation, operation, timeoutMs, options.signal);
      }
      properties.correlationData = correlation;
      response = added;
      if (options.signal?.aborted !== true) {
        this.#sendQos0(topic, payload, properties, (error) => this.#pending.fail(correlation, error));
      }
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return response;
  }

  /** Hands a response PUBLISH to the request waiting for its Correlation Data; unknown ones are dropped (O2). */
  deliverResponse(packet: IPublishPacket): void {
    const correlation = packet.properties?.correlationData;
    if (correlation !== undefined) this.#pending.resolve(correlation, packet);
  }

  /** Rejects every waiting request, e.g. when the connection closed. */
  failRequests(error: Error): void {
    this.#pending.rejectAll(error);
  }

  /** Publishes the answer to a server→client request on the response topic (E25), within the size limit. */
  respond(properties: PublishProperties, payload: Buffer): Promise<void> {
    const topic = this.#table.api.responseTopic;
    checkPublishSize({ topic, qos: 0, properties }, payload.length, this.#maximumPacketSize);
    return new Promise((resolve, reject) => this.#sendQos0(topic, payload, properties, reject, resolve));
  }

  /** Encodes typed values against a property table, with the client's time encoding and any application properties (D16–D17). */
  encode(
    specs: ClientOperation["requestProperties"],
    values: PropertyValues,
    applicationProperties: Readonly<Record<string, string>> | undefined,
  ): PublishProperties {
    const options =
      applicationProperties === undefined ? this.#encodeDefaults : { ...this.#encodeDefaults, applicationProperties };
    return encodeProperties(specs, values, options);
  }

  /**
   * The topic, properties and payload of a message. A message with no property to send gets no
   * properties object at all: the PUBLISH is the same, and MQTT.js then neither copies nor measures one.
   */
  #prepare(operation: ClientOperation, message: OutgoingMessage) {
    const topic = this.#table.topic(operation, message.parameters);
    const values = message.properties ?? NO_VALUES;
    const { applicationProperties } = message;
    const properties =
      applicationProperties === undefined && !hasPropertiesToEncode(operation.requestProperties, values)
        ? undefined
        : this.encode(operation.requestProperties, values, applicationProperties);
    return { topic, properties, payload: toBuffer(message.payload) };
  }

  #publishQos0(topic: string, payload: Buffer, properties: PublishProperties | undefined): Promise<PublishResult> {
    return new Promise((resolve, reject) =>
      this.#sendQos0(topic, payload, properties, reject, () => resolve({ notModified: false })),
    );
  }

  /** A QoS 0 packet while offline fails at once with `ConnectionLostError` instead of going out late. */
  #sendQos0(
    topic: string,
    payload: Buffer,
    properties: PublishProperties | undefined,
    onError: (error: Error) => void,
    onWritten?: () => void,
  ): void {
    if (!this.#mqtt.connected) {
      onError(new ConnectionLostError("not connected"));
      return;
    }
    this.#mqtt.publish(topic, payload, properties === undefined ? QOS0 : { qos: 0, properties }, (error) => {
      if (error) onError(new ConnectionLostError(error.message));
      else onWritten?.();
    });
  }

  /** Publishes in a slot already taken; the PUBACK (or the failure) frees it and settles the call. */
  #publishQos1(topic: string, payload: Buffer, properties: PublishProperties | undefined): Promise<PublishResult> {
    return new Promise((resolve, reject) => {
      this.#mqtt.publish(topic, payload, properties === undefined ? QOS1 : { qos: 1, properties }, (error, packet) => {
        this.#inflight.release();
        // MQTT.js passes a failing PUBACK with its error but a successful one as the stored PUBLISH, so
        // the PUBACK is read where it was recorded on its way in (when it carried an outcome at all).
        const puback: Puback | undefined =
          this.#pubacks.take(packet?.messageId) ?? (packet?.cmd === "puback" ? packet : undefined);
        if (puback === undefined && error) {
          reject(new ConnectionLostError(error.message));
          return;
        }
        const reasonCode = puback?.reasonCode ?? 0;
        const userProperties = puback?.properties?.userProperties;
        if (reasonCode === 0 && userProperties === undefined) {
          resolve(PLAIN_SUCCESS);
          return;
        }
        const outcome = readOutcome(reasonCode, userProperties);
        if (isSuccess(outcome)) resolve({ notModified: isNotModified(outcome), outcome });
        else reject(this.#errorFactory(outcome));
      });
    });
  }

  #response(operation: ClientOperation, packet: IPublishPacket): ClientResponse {
    if (operation.responseProperties.length === 0 && packet.properties?.userProperties === undefined) {
      return {
        properties: NO_VALUES,
        applicationProperties: NO_USER_PROPERTIES,
        extra: NO_USER_PROPERTIES,
        payload: toBuffer(packet.payload),
        notModified: false,
        outcome: PLAIN_OUTCOME,
      };
    }
    const outcome = readOutcome(0, packet.properties?.userProperties);
    if (!isSuccess(outcome)) throw this.#errorFactory(outcome);
    const { values, applicationProperties, extra } = decodeProperties(
      operation.responseProperties,
      withoutOutcome(packet.properties),
    );
    return {
      properties: values,
      applicationProperties,
      extra,
      payload: toBuffer(packet.payload),
      notModified: isNotModified(outcome),
      outcome,
    };
  }
}

/** Whether a message has a declared property to send, or a required one that `encodeProperties` must report missing. */
function hasPropertiesToEncode(specs: ClientOperation["requestProperties"], values: PropertyValues): boolean {
  for (const spec of specs) if (spec.required || values[spec.key] !== undefined) return true;
  return false;
}

/** Response properties without the outcome ones, which `readOutcome` already took (F28). */
function withoutOutcome(properties: IPublishPacket["properties"]): MessageProperties | undefined {
  const userProperties = properties?.userProperties;
  if (userProperties === undefined) return properties;
  if (!("status" in userProperties || "reason" in userProperties || "trace-id" in userProperties)) return properties;
  const { status: _status, reason: _reason, "trace-id": _traceId, ...rest } = userProperties;
  return { ...properties, userProperties: rest };
}

/** The payload of a message without one; nothing can be written into zero bytes, so one serves all. */
const NO_PAYLOAD = Buffer.alloc(0);

export function toBuffer(payload: Uint8Array | string | undefined): Buffer {
  if (payload === undefined) return NO_PAYLOAD;
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}
