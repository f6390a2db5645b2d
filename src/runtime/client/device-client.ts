/**
 * The device client: one MQTT 5 connection (MQTT.js) driven by a generated `ClientApi` table. It owns
 * every spec-independent part of the wire (PROTOCOL.md A–H): CONNECT and SAS re-authentication,
 * subscriptions, correlation, outcomes, acknowledgments and limits. Generated code wraps its five calls
 * (`publish`, `request`, `onAck`, `onRequest`, `onMessage`) in typed functions.
 */
import { EventEmitter } from "node:events";
import mqtt from "mqtt";
import type { IClientOptions, MqttClient } from "mqtt";
import type { IConnackPacket, IDisconnectPacket, IPublishPacket } from "mqtt-packet";
import type { OutcomeDetails } from "../errors.js";
import {
  decodeProperties,
  encodeProperties,
  PropertyError,
  type MessageProperties,
  type PropertyValues,
  type UserProperties,
} from "../properties.js";
import { StatusError } from "../errors.js";
import { fillTopic, matchTopic } from "../topics.js";
import type { TimeEncoding } from "../values.js";
import type { ClientApi, ClientOperation, OperationInteraction } from "./api.js";
import { correlationSource, PendingRequests, type CorrelationKind } from "./correlation.js";
import {
  connectProperties,
  reauthenticationPacket,
  sasLifetimeMs,
  type ConnectIdentity,
  type Credentials,
} from "./credentials.js";
import { ConnectionLostError, ConnectionRefusedError, SubscribeError } from "./errors.js";
import {
  checkPublishSize,
  DEFAULT_MAXIMUM_PACKET_SIZE,
  DEFAULT_RECEIVE_MAXIMUM,
  InflightWindow,
} from "./flow-control.js";
import {
  abandon,
  fail,
  pubackFor,
  reject,
  type AckDecision,
  type AckHandler,
  type ReceivedMessage,
  type MessageHandler,
  type RequestHandler,
  type RequestResult,
  type TopicParameters,
} from "./handlers.js";
import { PubackProperties, sendAuth } from "./mqttjs-extensions.js";
import { defaultErrorFactory, isNotModified, isSuccess, readOutcome, type OutcomeErrorFactory } from "./outcome.js";
import { RetransmitStore } from "./retransmit-store.js";

export interface DeviceClientOptions {
  /** The generated table: api-version, response topic, operations. */
  readonly api: ClientApi;
  /** The hub host name (`{hub}.azure-devices.net`): `host` property, SAS string to sign, TLS SNI. */
  readonly host: string;
  /** Device id, or `deviceId/moduleId` (A3). */
  readonly clientId: string;
  readonly credentials: Credentials;
  /** Broker URL; default `mqtts://{host}:8883` (A1). `mqtt://` (plain TCP) is for local testing only. */
  readonly url?: string;
  /** Trusted CA certificates for the server's TLS certificate; Node's defaults otherwise. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  readonly clientAgent?: string;
  /** Clock for SAS times and re-authentication; `Date.now` by default. */
  readonly now?: () => number;
  /** Keep Alive in seconds; 300 by default, never above 1140 (A3, H38). */
  readonly keepAliveSeconds?: number;
  /** Default request timeout; 30 000 ms (O2). */
  readonly requestTimeoutMs?: number;
  readonly correlation?: CorrelationKind;
  /** Delay between reconnection attempts; 1000 ms by default. */
  readonly reconnectPeriodMs?: number;
  /** How long to wait for CONNACK; 30 000 ms by default. */
  readonly connectTimeoutMs?: number;
  /** Builds the error thrown for failed outcomes; generated code supplies its typed classes (F28). */
  readonly errorFactory?: OutcomeErrorFactory;
  /** How outgoing `time` properties are written (O1). */
  readonly timeEncoding?: TimeEncoding;
  /** Let MQTT.js assign topic aliases, within the server's Topic Alias Maximum (H38); off by default. */
  readonly topicAliases?: boolean;
  /**
   * Also SUBSCRIBE to the response topic (QoS 0), in the same SUBSCRIBE as the server→client filters.
   * IoT Hub treats every client as subscribed to it (C14); a plain MQTT broker routes responses only to
   * subscribers. Off by default.
   */
  readonly subscribeToResponses?: boolean;
}

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

export interface DeviceClientEvents {
  /** CONNACK accepted and, when the session was not present, the subscriptions granted. */
  connect: [{ readonly sessionPresent: boolean }];
  /** The connection closed; MQTT.js reconnects unless `close()` was called. */
  offline: [];
  /** The server sent DISCONNECT; the error is built from its reason code and outcome properties. */
  disconnect: [Error];
  /** The server answered a re-authentication with AUTH 0x00 (A9). */
  reauthenticated: [];
  /** Problems with no caller to report to (failed resubscription, undecodable message, …). Emitted only when listened to. */
  error: [Error];
}

type IncomingHandler =
  | { readonly interaction: "message-ack"; readonly handle: AckHandler }
  | {
      readonly interaction: "request-response";
      readonly handle: RequestHandler;
    }
  | { readonly interaction: "message"; readonly handle: MessageHandler };

const DEFAULT_KEEP_ALIVE_SECONDS = 300;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Re-authenticate once this share of the SAS lifetime has passed (O7). */
const REAUTHENTICATE_AT = 0.8;
/** Node timers overflow above 2^31 - 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class DeviceClient extends EventEmitter<DeviceClientEvents> {
  readonly #options: DeviceClientOptions;
  readonly #identity: ConnectIdentity;
  readonly #now: () => number;
  readonly #errorFactory: OutcomeErrorFactory;
  readonly #operations: ReadonlyMap<string, ClientOperation>;
  readonly #handlers = new Map<string, IncomingHandler>();
  readonly #pending = new PendingRequests<IPublishPacket>();
  readonly #nextCorrelation: () => Buffer;
  readonly #inflight = new InflightWindow();
  readonly #store = new RetransmitStore();
  readonly #mqtt: MqttClient;
  readonly #pubackProperties: PubackProperties;
  #maximumPacketSize = DEFAULT_MAXIMUM_PACKET_SIZE;
  #lastConnack: IConnackPacket | undefined;
  #lastDisconnect: Error | undefined;
  #reauthTimer: NodeJS.Timeout | undefined;
  #reauthDeadline = 0;

  /** Opens the connection and resolves once CONNACK (and the first SUBSCRIBE, if any) succeeded. */
  static async connect(options: DeviceClientOptions): Promise<DeviceClient> {
    const client = new DeviceClient(options);
    try {
      await client.#firstConnection();
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  private constructor(options: DeviceClientOptions) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#errorFactory = options.errorFactory ?? defaultErrorFactory;
    this.#operations = new Map(options.api.operations.map((operation) => [operation.id, operation]));
    this.#nextCorrelation = correlationSource(options.correlation ?? "random");
    this.#identity = {
      apiVersion: options.api.apiVersion,
      host: options.host,
      clientId: options.clientId,
      credentials: options.credentials,
      ...(options.clientAgent === undefined ? {} : { clientAgent: options.clientAgent }),
    };
    this.#mqtt = mqtt.connect(options.url ?? `mqtts://${options.host}:8883`, this.#mqttOptions());
    this.#store.watch(this.#mqtt);
    this.#pubackProperties = new PubackProperties(this.#mqtt);
    this.#listen();
  }

  /** Whether the connection is currently up. */
  get connected(): boolean {
    return this.#mqtt.connected;
  }

  /**
   * Sends a client→server message (message-ack or one-way). At QoS 1 it resolves on a successful PUBACK
   * and rejects with the error factory's error on a failing one (E22); at QoS 0 it resolves once written.
   */
  async publish<V extends PropertyValues>(
    operationId: string,
    message: OutgoingMessage<V>,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    const operation = this.#operation(operationId, "client-to-server", "message-ack", "message");
    const qos = options.qos ?? operation.qos;
    const { topic, properties, payload } = this.#prepare(operation, message);
    if (qos === 0) {
      await this.#send(topic, payload, 0, properties);
      return { notModified: false };
    }
    await this.#inflight.acquire();
    try {
      const puback = await this.#send(topic, payload, 1, properties);
      const outcome = readOutcome(puback?.reasonCode ?? 0, puback?.properties?.userProperties);
      if (!isSuccess(outcome)) throw this.#errorFactory(outcome);
      return { notModified: isNotModified(outcome), outcome };
    } finally {
      this.#inflight.release();
    }
  }

  /**
   * Sends a request (QoS 0 with fresh Correlation Data, E23) and resolves with the matching response
   * from the API's response topic (E24). Rejects with the error factory's error when the response has a
   * failing `status`, `RequestTimeoutError`, `RequestAbortedError`, or `ConnectionLostError`.
   */
  async request<V extends PropertyValues, R extends PropertyValues>(
    operationId: string,
    message: OutgoingMessage<V>,
    options: RequestOptions = {},
  ): Promise<ClientResponse<R>> {
    const operation = this.#operation(operationId, "client-to-server", "request-response");
    const { topic, properties, payload } = this.#prepare(operation, message);
    let correlation = this.#nextCorrelation();
    while (this.#pending.has(correlation)) correlation = this.#nextCorrelation();
    properties.correlationData = correlation;
    checkPublishSize({ topic, qos: 0, properties }, payload.length, this.#maximumPacketSize);
    const response = this.#pending.add(correlation, {
      operationId,
      timeoutMs: options.timeoutMs ?? this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (options.signal?.aborted !== true) {
      this.#send(topic, payload, 0, properties).catch((error: Error) => this.#pending.fail(correlation, error));
    }
    const packet = await response;
    const outcome = readOutcome(0, packet.properties?.userProperties);
    if (!isSuccess(outcome)) throw this.#errorFactory(outcome);
    const { values, applicationProperties, extra } = decodeProperties<R>(
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

  /** Handles a server→client message-ack operation (commands). Without a handler, messages are abandoned. */
  onAck<V extends PropertyValues, P extends TopicParameters>(operationId: string, handler: AckHandler<V, P>): void {
    this.#operation(operationId, "server-to-client", "message-ack");
    this.#handlers.set(operationId, {
      interaction: "message-ack",
      handle: handler as AckHandler,
    });
  }

  /** Handles a server→client request-response operation (direct methods). Without a handler, requests fail with 06A0. */
  onRequest<V extends PropertyValues, R extends PropertyValues, P extends TopicParameters>(
    operationId: string,
    handler: RequestHandler<V, R, P>,
  ): void {
    this.#operation(operationId, "server-to-client", "request-response");
    this.#handlers.set(operationId, {
      interaction: "request-response",
      handle: handler as unknown as RequestHandler,
    });
  }

  /** Handles a server→client one-way operation (desired-property patches). Without a handler, messages are dropped. */
  onMessage<V extends PropertyValues, P extends TopicParameters>(
    operationId: string,
    handler: MessageHandler<V, P>,
  ): void {
    this.#operation(operationId, "server-to-client", "message");
    this.#handlers.set(operationId, {
      interaction: "message",
      handle: handler as MessageHandler,
    });
  }

  /** Re-authenticates now (A9) instead of waiting for 80 % of the SAS lifetime. Returns false when offline. */
  reauthenticate(): boolean {
    const { credentials } = this.#options;
    if (credentials.method !== "SAS") return false;
    const now = this.#now();
    if (!sendAuth(this.#mqtt, reauthenticationPacket(this.#identity, credentials, now))) return false;
    this.#scheduleReauthentication(now);
    return true;
  }

  /** Disconnects (DISCONNECT 0) and stops reconnecting; waiting requests reject with `ConnectionLostError`. */
  async close(): Promise<void> {
    this.#stopReauthentication();
    this.#pending.rejectAll(new ConnectionLostError("client closed"));
    await this.#mqtt.endAsync();
  }

  #mqttOptions(): IClientOptions {
    const { credentials } = this.#options;
    const tls: IClientOptions = { servername: this.#options.host };
    if (this.#options.ca !== undefined) tls.ca = this.#options.ca as IClientOptions["ca"];
    if (credentials.method === "X509") {
      tls.cert = credentials.cert;
      tls.key = credentials.key;
    }
    return {
      ...tls,
      protocolVersion: 5,
      clientId: this.#options.clientId,
      clean: false,
      keepalive: this.#options.keepAliveSeconds ?? DEFAULT_KEEP_ALIVE_SECONDS,
      reconnectPeriod: this.#options.reconnectPeriodMs ?? 1000,
      connectTimeout: this.#options.connectTimeoutMs ?? 30_000,
      properties: connectProperties(this.#identity, this.#now()),
      // Subscriptions are ours: one SUBSCRIBE when Session Present is 0 (C14), not one per filter.
      resubscribe: false,
      // A request or QoS 0 message sent while offline fails at once instead of going out late.
      queueQoSZero: false,
      outgoingStore: this.#store,
      autoAssignTopicAlias: this.#options.topicAliases ?? false,
      customHandleAcks: (topic, _message, packet, done) => {
        void this.#onQos1(topic, packet, (reasonCode) => done(reasonCode));
      },
    };
  }

  #listen(): void {
    const client = this.#mqtt;
    // Every CONNECT is signed afresh: MQTT.js reads `options.properties` when it (re)connects.
    client.on("reconnect", () => {
      client.options.properties = connectProperties(this.#identity, this.#now());
    });
    // Transport errors and refused reconnections; without a listener MQTT.js's emit would throw.
    client.on("error", (error) => this.#report(this.#refusal() ?? error));
    client.on("packetreceive", (packet) => {
      if (packet.cmd === "connack") this.#lastConnack = packet;
    });
    client.on("connect", (connack) => void this.#onConnected(connack));
    client.on("disconnect", (packet: IDisconnectPacket) => {
      const outcome = readOutcome(packet.reasonCode ?? 0, packet.properties?.userProperties);
      this.#lastDisconnect = this.#errorFactory(outcome);
      this.emit("disconnect", this.#lastDisconnect);
    });
    client.on("close", () => {
      this.#stopReauthentication();
      this.#pubackProperties.clear();
      this.#pending.rejectAll(new ConnectionLostError("connection lost", this.#lastDisconnect));
      this.#lastDisconnect = undefined;
      this.emit("offline");
    });
    client.on("message", (topic, payload, packet) => {
      if (packet.qos === 0) void this.#onQos0(topic, packet);
    });
    client.handleAuth = (packet, callback) => {
      if (packet.reasonCode === 0) this.emit("reauthenticated");
      callback();
    };
  }

  /** Resolves on the first successful connection; rejects on refusal or on the first transport error. */
  #firstConnection(): Promise<void> {
    return new Promise((resolve, rejectConnection) => {
      const cleanup = () => {
        this.off("connect", onConnect);
        this.off("error", onError);
        this.#mqtt.off("close", onClose);
      };
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        rejectConnection(error);
      };
      const onClose = () => onError(this.#refusal() ?? new ConnectionLostError("connection closed before CONNACK"));
      this.on("connect", onConnect);
      this.on("error", onError);
      this.#mqtt.on("close", onClose);
    });
  }

  /** The CONNACK failure (A8, O9) as a typed error, if the last CONNACK refused. */
  #refusal(): Error | undefined {
    const connack = this.#lastConnack;
    if (connack === undefined || (connack.reasonCode ?? 0) < 0x80) return undefined;
    return new ConnectionRefusedError(readOutcome(connack.reasonCode ?? 0, connack.properties?.userProperties));
  }

  async #onConnected(connack: IConnackPacket): Promise<void> {
    this.#inflight.setLimit(connack.properties?.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM);
    this.#maximumPacketSize = connack.properties?.maximumPacketSize ?? DEFAULT_MAXIMUM_PACKET_SIZE;
    if (this.#options.credentials.method === "SAS") this.#scheduleReauthentication(this.#connectTime());
    if (!connack.sessionPresent) {
      try {
        await this.#subscribeAll();
      } catch (error) {
        this.#report(error as Error);
        return;
      }
    }
    this.emit("connect", { sessionPresent: connack.sessionPresent });
  }

  /** All server→client filters of the table in one SUBSCRIBE (C14, C15); any refusal rejects. */
  #subscribeAll(): Promise<void> {
    const filters: Record<string, { qos: 0 | 1 }> = {};
    if (this.#options.subscribeToResponses === true) filters[this.#options.api.responseTopic] = { qos: 0 };
    for (const operation of this.#operations.values()) {
      if (operation.subscription !== undefined)
        filters[operation.subscription.filter] = {
          qos: operation.subscription.qos,
        };
    }
    const names = Object.keys(filters);
    if (names.length === 0) return Promise.resolve();
    return new Promise((resolve, rejectSubscription) => {
      this.#mqtt.subscribe(filters, (error, _granted, suback) => {
        const codes = (suback?.granted ?? []) as number[];
        const failures = names.flatMap((filter, i) => {
          const reasonCode = codes[i];
          return reasonCode !== undefined && reasonCode >= 0x80 ? [{ filter, reasonCode }] : [];
        });
        if (failures.length > 0) rejectSubscription(new SubscribeError(failures));
        else if (error) rejectSubscription(new ConnectionLostError(`subscription failed: ${error.message}`));
        else resolve();
      });
    });
  }

  /** The `sas-at` of the CONNECT that produced this connection. */
  #connectTime(): number {
    const at = this.#mqtt.options.properties?.userProperties?.["sas-at"];
    return typeof at === "string" ? Number(at) : this.#now();
  }

  /** Arms a timer for 80 % of the lifetime after `signedAt`; it fires the AUTH only once the clock has passed it. */
  #scheduleReauthentication(signedAt: number): void {
    const { credentials } = this.#options;
    if (credentials.method !== "SAS") return;
    this.#reauthDeadline = signedAt + sasLifetimeMs(credentials) * REAUTHENTICATE_AT;
    this.#armReauthentication();
  }

  #armReauthentication(): void {
    this.#stopReauthentication();
    const delay = Math.min(Math.max(this.#reauthDeadline - this.#now(), 0), MAX_TIMER_MS);
    this.#reauthTimer = setTimeout(() => {
      this.#reauthTimer = undefined;
      if (this.#now() >= this.#reauthDeadline) this.reauthenticate();
      else this.#armReauthentication();
    }, delay);
    this.#reauthTimer.unref();
  }

  #stopReauthentication(): void {
    clearTimeout(this.#reauthTimer);
    this.#reauthTimer = undefined;
  }

  /** QoS 1 PUBLISHes from the server. Message-ack operations get the handler's verdict on the PUBACK (E26). */
  async #onQos1(topic: string, packet: IPublishPacket, done: (reasonCode: number) => void): Promise<void> {
    const match = this.#match(topic);
    if (match === undefined || match.operation.interaction !== "message-ack") {
      done(0);
      if (match !== undefined) await this.#onQos0(topic, packet);
      return;
    }
    const decision = await this.#decide(match.operation, match.parameters, topic, packet);
    const { reasonCode, properties } = pubackFor(decision);
    if (properties !== undefined && packet.messageId !== undefined)
      this.#pubackProperties.attach(packet.messageId, properties);
    done(reasonCode);
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
    if (handler?.interaction !== "message-ack") return abandon();
    try {
      return (await handler.handle(message)) ?? { kind: "accept" };
    } catch (error) {
      this.#report(error as Error);
      return abandon();
    }
  }

  /** QoS 0 PUBLISHes: responses to our requests, direct-method requests, one-way messages. */
  async #onQos0(topic: string, packet: IPublishPacket): Promise<void> {
    if (topic === this.#options.api.responseTopic) {
      const correlation = packet.properties?.correlationData;
      // Unknown, late or uncorrelated responses are dropped (O2).
      if (correlation !== undefined) this.#pending.resolve(correlation, packet);
      return;
    }
    const match = this.#match(topic);
    if (match === undefined) return;
    const { operation, parameters } = match;
    if (operation.interaction === "request-response") {
      await this.#answer(operation, parameters, topic, packet);
      return;
    }
    if (operation.interaction !== "message") return;
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
              properties: encodeProperties(
                operation.responseProperties,
                result.properties,
                this.#encodeOptions(result.applicationProperties),
              ),
              payload: toBuffer(result.payload),
            }
          : { properties: failureProperties(result), payload: Buffer.alloc(0) };
      const response = { ...properties, correlationData };
      checkPublishSize(
        {
          topic: this.#options.api.responseTopic,
          qos: 0,
          properties: response,
        },
        payload.length,
        this.#maximumPacketSize,
      );
      await this.#send(this.#options.api.responseTopic, payload, 0, response);
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
      if (handler?.interaction !== "request-response") return fail();
      return await handler.handle(message);
    } catch (error) {
      this.#report(error as Error);
      if (error instanceof PropertyError) return fail("0100", error.message);
      if (error instanceof StatusError && error.status !== undefined) return fail(error.status, error.reason);
      return fail();
    }
  }

  #match(topic: string): { operation: ClientOperation; parameters: Record<string, string> } | undefined {
    for (const operation of this.#operations.values()) {
      if (operation.direction !== "server-to-client") continue;
      const parameters = matchTopic(operation.topic, topic);
      if (parameters !== undefined) return { operation, parameters };
    }
    return undefined;
  }

  #operation(
    id: string,
    direction: ClientOperation["direction"],
    ...interactions: OperationInteraction[]
  ): ClientOperation {
    const operation = this.#operations.get(id);
    if (operation === undefined) throw new TypeError(`unknown operation ${id}`);
    if (operation.direction !== direction || !interactions.includes(operation.interaction)) {
      throw new TypeError(
        `operation ${id} is ${operation.direction} ${operation.interaction}, not ${direction} ${interactions.join("/")}`,
      );
    }
    return operation;
  }

  #prepare(operation: ClientOperation, message: OutgoingMessage) {
    const topic = fillTopic(operation.topic, message.parameters ?? {});
    const properties: MessageProperties & { correlationData?: Buffer } = encodeProperties(
      operation.requestProperties,
      message.properties ?? {},
      this.#encodeOptions(message.applicationProperties),
    );
    const payload = toBuffer(message.payload);
    checkPublishSize({ topic, qos: operation.qos, properties }, payload.length, this.#maximumPacketSize);
    return { topic, properties, payload };
  }

  #encodeOptions(applicationProperties: Readonly<Record<string, string>> | undefined) {
    return {
      ...(applicationProperties === undefined ? {} : { applicationProperties }),
      ...(this.#options.timeEncoding === undefined ? {} : { timeEncoding: this.#options.timeEncoding }),
    };
  }

  /** Publishes; resolves with the PUBACK at QoS 1. A QoS 0 packet while offline fails with `ConnectionLostError`. */
  #send(topic: string, payload: Buffer, qos: 0 | 1, properties: IPublishPacket["properties"]) {
    return new Promise<
      | {
          reasonCode?: number;
          properties?: { userProperties?: UserProperties };
        }
      | undefined
    >((resolve, rejectSend) => {
      if (qos === 0 && !this.#mqtt.connected) {
        rejectSend(new ConnectionLostError("not connected"));
        return;
      }
      this.#mqtt.publish(
        topic,
        payload,
        { qos, ...(properties === undefined ? {} : { properties }) },
        (error, packet) => {
          const ack = packet?.cmd === "puback" ? packet : undefined;
          // A failing PUBACK arrives as an error together with the PUBACK; the outcome is read from it.
          if (ack !== undefined) resolve(ack);
          else if (error) rejectSend(new ConnectionLostError(error.message));
          else resolve(undefined);
        },
      );
    });
  }

  #report(error: Error): void {
    if (this.listenerCount("error") > 0) this.emit("error", error);
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

function failureProperties(result: { status: string; reason?: string }): MessageProperties {
  const userProperties: UserProperties = { status: result.status };
  if (result.reason !== undefined) userProperties.reason = result.reason;
  return { userProperties };
}

/** Response properties without the outcome ones, which `readOutcome` already took (F28). */
function withoutOutcome(properties: IPublishPacket["properties"]): MessageProperties | undefined {
  if (properties?.userProperties === undefined) return properties;
  const { status: _status, reason: _reason, "trace-id": _traceId, ...rest } = properties.userProperties;
  return { ...properties, userProperties: rest };
}

function toBuffer(payload: Uint8Array | string | undefined): Buffer {
  if (payload === undefined) return Buffer.alloc(0);
  if (typeof payload === "string") return Buffer.from(payload, "utf8");
  return Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
}
