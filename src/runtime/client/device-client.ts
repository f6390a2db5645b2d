/**
 * The device client: one MQTT 5 connection (MQTT.js) driven by an API table. It owns every spec-independent
 * part of the wire, as the table's dialect says (docs/protocol.md#the-iot-hub-dialect-iothub for IoT Hub): CONNECT and authentication,
 * subscriptions, where replies travel and how they are correlated, outcomes, acknowledgments and limits.
 * Generated code wraps its five calls (`publish`, `request`, `onAck`, `onRequest`, `onMessage`) in typed
 * functions.
 *
 * Creating a client does not connect: handlers are registered first and `connect()` is called after, so
 * that a message the server sends right behind CONNACK or SUBACK (a command queued while the device was
 * offline) finds its handler.
 *
 * This file owns the connection and session (CONNECT, CONNACK limits, the one SUBSCRIBE, re-authentication,
 * close); client→server calls live in `outgoing.ts`, received PUBLISHes in `incoming.ts`.
 */
import { EventEmitter } from "events";
import mqtt from "mqtt";
import type { IClientOptions, MqttClient } from "mqtt";
import type { IConnackPacket, IDisconnectPacket } from "mqtt-packet";
import { ApiIndex } from "../api-index.js";
import type { ApiTable, OperationInteraction } from "../api-table.js";
import { readOutcome } from "../dialect/outcome.js";
import type { PropertyValues } from "../properties.js";
import type { TimeEncoding } from "../values.js";
import type { CorrelationKind } from "./correlation.js";
import {
  connectIdentity,
  connectPacketFields,
  reauthenticationPacket,
  type ConnectIdentity,
  type Credentials,
} from "./credentials.js";
import { ConnectionLostError, ConnectionRefusedError, SubscribeError } from "./errors.js";
import type { AckHandler, MessageHandler, RequestHandler, TopicParameters } from "./handlers.js";
import { Incoming } from "./incoming.js";
import { PubackProperties, ReceivedPubacks, sendAuth } from "./mqttjs-extensions.js";
import { defaultErrorFactory, type OutcomeErrorFactory } from "./outcome.js";
import {
  Outgoing,
  type ClientResponse,
  type OutgoingMessage,
  type PublishOptions,
  type PublishResult,
  type RequestOptions,
} from "./outgoing.js";
import { ReauthenticationTimer } from "./reauthentication.js";
import { ReplySubscriptions } from "./reply-subscriptions.js";
import { RetransmitStore } from "./retransmit-store.js";

export interface DeviceClientOptions {
  /** The API table (`defineApi`), as a generated `api.ts` declares it. */
  readonly api: ApiTable;
  /** Device id (IoT Hub: or `deviceId/moduleId`, A3); fills the API's client-id topic levels. */
  readonly clientId: string;
  readonly credentials: Credentials;
  /** The server's host name: TLS SNI, the host a SAS signs, and the default URL. */
  readonly host?: string;
  /** Server URL; default `mqtts://{host}:8883` (A1). `mqtt://` (plain TCP) is for local testing only. */
  readonly url?: string;
  /**
   * Values of the API's CONNECT user properties by wire name; properties with a fixed value (an
   * api-version) come from the table. Names the table does not list are sent too.
   */
  readonly connectProperties?: Readonly<Record<string, string>>;
  /** Trusted CA certificates for the server's TLS certificate; Node's defaults otherwise. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
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
   * Also SUBSCRIBE to the dialect's shared reply topic (QoS 0), in the same SUBSCRIBE as the
   * server→client filters. IoT Hub treats every client as subscribed to it (C14); a plain MQTT broker
   * routes replies only to subscribers. Off by default; without effect in other dialects, whose reply
   * topics are always subscribed.
   */
  readonly subscribeToResponses?: boolean;
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

const DEFAULT_KEEP_ALIVE_SECONDS = 300;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The interactions each call accepts, checked against the table when the call is made. */
const PUBLISHED: readonly OperationInteraction[] = ["message-ack", "message"];
const REQUESTED: readonly OperationInteraction[] = ["request-response"];
const ACKNOWLEDGED: readonly OperationInteraction[] = ["message-ack"];
const ANSWERED: readonly OperationInteraction[] = ["request-response"];
const DELIVERED: readonly OperationInteraction[] = ["message"];

/** Where a client is in its life: `connect()` and `close()` each move it on once. */
type Phase = "created" | "started" | "closed";

export class DeviceClient extends EventEmitter<DeviceClientEvents> {
  readonly #options: DeviceClientOptions;
  readonly #identity: ConnectIdentity;
  readonly #now: () => number;
  readonly #errorFactory: OutcomeErrorFactory;
  readonly #api: ApiTable;
  readonly #index: ApiIndex;
  readonly #replySubscriptions: ReplySubscriptions;
  readonly #store = new RetransmitStore();
  readonly #mqtt: MqttClient;
  readonly #pubackProperties: PubackProperties;
  readonly #pubacks = new ReceivedPubacks();
  readonly #outgoing: Outgoing;
  readonly #incoming: Incoming;
  readonly #reauthentication: ReauthenticationTimer;
  #lastConnack: IConnackPacket | undefined;
  #lastDisconnect: Error | undefined;
  #phase: Phase = "created";
  /** When the current CONNECT's credentials were signed (a SAS lifetime starts then). */
  #signedAt = 0;

  /** Creates the client without connecting: register handlers, then call `connect()`. */
  constructor(options: DeviceClientOptions) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#errorFactory = options.errorFactory ?? defaultErrorFactory;
    const { api } = options;
    this.#api = api;
    this.#index = new ApiIndex(api);
    this.#identity = connectIdentity(api, options.clientId, options.credentials, options.host, options.connectProperties);
    this.#reauthentication = new ReauthenticationTimer(this.#now, () => this.reauthenticate());
    this.#mqtt = mqtt.connect(serverUrl(options), this.#mqttOptions());
    this.#store.watch(this.#mqtt);
    this.#pubackProperties = new PubackProperties(this.#mqtt);
    this.#replySubscriptions = new ReplySubscriptions(this.#mqtt);
    this.#outgoing = new Outgoing({
      api,
      clientId: options.clientId,
      mqtt: this.#mqtt,
      pubacks: this.#pubacks,
      replySubscriptions: this.#replySubscriptions,
      errorFactory: this.#errorFactory,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      correlation: options.correlation ?? "random",
      ...(options.timeEncoding === undefined ? {} : { timeEncoding: options.timeEncoding }),
    });
    this.#incoming = new Incoming({
      index: this.#index,
      clientId: options.clientId,
      outgoing: this.#outgoing,
      pubackProperties: this.#pubackProperties,
      report: (error) => this.#report(error),
    });
    this.#listen();
  }

  /**
   * Opens the connection and resolves once CONNACK and, when the session was not present, the SUBSCRIBE
   * of every server→client filter succeeded; MQTT.js reconnects after that until `close()`. Handlers
   * registered before this call see every message; a message that finds no handler is abandoned
   * (message-ack), failed with the API's target-unavailable outcome (request-response) or dropped
   * (one-way). Callable once: a client that failed to connect is closed, and a new one is needed to try
   * again.
   */
  async connect(): Promise<void> {
    if (this.#phase !== "created") throw new Error(`connect() on a client already ${this.#phase}`);
    this.#phase = "started";
    // Signed now, not when the client was created: a SAS starts its lifetime with this CONNECT.
    this.#applyConnectFields();
    const connected = this.#firstConnection();
    this.#mqtt.connect();
    try {
      await connected;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Whether the connection is currently up. */
  get connected(): boolean {
    return this.#mqtt.connected;
  }

  /**
   * Sends a client→server message (message-ack or one-way). At QoS 1 it resolves on a successful PUBACK
   * and rejects with the error factory's error on a failing one (E22); at QoS 0 it resolves once written.
   */
  publish<V extends PropertyValues>(
    operationId: string,
    message: OutgoingMessage<V>,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    try {
      const operation = this.#index.get(operationId, "client-to-server", PUBLISHED);
      // Before connect() MQTT.js would hold a QoS 1 message for a connection that may never come.
      if (this.#phase === "created") throw new ConnectionLostError("not connected: connect() was not called");
      return this.#outgoing.publish(operation, message, options.qos ?? operation.spec.qos);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Sends a request with a fresh correlation (E23) and resolves with the matching reply, wherever the
   * API's dialect routes it (E24). Rejects with the error factory's error when the reply carries a
   * failure, `RequestTimeoutError`, `RequestAbortedError`, or `ConnectionLostError`.
   */
  request<V extends PropertyValues, R extends PropertyValues>(
    operationId: string,
    message: OutgoingMessage<V>,
    options: RequestOptions = {},
  ): Promise<ClientResponse<R>> {
    try {
      const operation = this.#index.get(operationId, "client-to-server", REQUESTED);
      // The response's properties were decoded against this operation's response table.
      return this.#outgoing.request(operation, message, options) as Promise<ClientResponse<R>>;
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Handles a server→client message-ack operation (commands), replacing any earlier handler. Without a
   * handler, messages are abandoned (IoT Hub: PUBACK 131, `0603`) and the server redelivers them later.
   */
  onAck<V extends PropertyValues, P extends TopicParameters>(operationId: string, handler: AckHandler<V, P>): void {
    this.#index.get(operationId, "server-to-client", ACKNOWLEDGED);
    this.#incoming.handle(operationId, { interaction: "message-ack", handle: handler as AckHandler });
  }

  /**
   * Handles a server→client request-response operation (direct methods). Without a handler, requests
   * fail with the API's target-unavailable outcome (IoT Hub `06A0`).
   */
  onRequest<V extends PropertyValues, R extends PropertyValues, P extends TopicParameters>(
    operationId: string,
    handler: RequestHandler<V, R, P>,
  ): void {
    this.#index.get(operationId, "server-to-client", ANSWERED);
    this.#incoming.handle(operationId, {
      interaction: "request-response",
      handle: handler as unknown as RequestHandler,
    });
  }

  /** Handles a server→client one-way operation (desired-property patches). Without a handler, messages are dropped. */
  onMessage<V extends PropertyValues, P extends TopicParameters>(
    operationId: string,
    handler: MessageHandler<V, P>,
  ): void {
    this.#index.get(operationId, "server-to-client", DELIVERED);
    this.#incoming.handle(operationId, { interaction: "message", handle: handler as MessageHandler });
  }

  /** Re-authenticates now (A9) instead of waiting for 80 % of the SAS lifetime. Returns false when offline. */
  reauthenticate(): boolean {
    const { credentials } = this.#options;
    if (credentials.method !== "SAS") return false;
    const now = this.#now();
    if (!sendAuth(this.#mqtt, reauthenticationPacket(this.#identity, credentials, now))) return false;
    this.#reauthentication.schedule(credentials, now);
    return true;
  }

  /** Disconnects (DISCONNECT 0) and stops reconnecting; waiting requests reject with `ConnectionLostError`. */
  async close(): Promise<void> {
    const started = this.#phase === "started";
    this.#phase = "closed";
    this.#reauthentication.stop();
    this.#outgoing.failRequests(new ConnectionLostError("client closed"));
    // MQTT.js cannot end a client that never connected (it has no stream), and ends one only once.
    if (started) await this.#mqtt.endAsync();
  }

  #mqttOptions(): IClientOptions {
    const { credentials } = this.#options;
    const tls: IClientOptions = this.#options.host === undefined ? {} : { servername: this.#options.host };
    if (this.#options.ca !== undefined) tls.ca = this.#options.ca as IClientOptions["ca"];
    if (credentials.method === "X509") {
      tls.cert = credentials.cert;
      tls.key = credentials.key;
    }
    return {
      ...tls,
      protocolVersion: 5,
      // User name and password, when the credentials have them, are set per CONNECT with the properties.
      clientId: this.#options.clientId,
      clean: false,
      keepalive: this.#options.keepAliveSeconds ?? DEFAULT_KEEP_ALIVE_SECONDS,
      reconnectPeriod: this.#options.reconnectPeriodMs ?? 1000,
      connectTimeout: this.#options.connectTimeoutMs ?? 30_000,
      // `connect()` opens the connection, once handlers are registered; it also signs the first CONNECT.
      manualConnect: true,
      // Subscriptions are ours: one SUBSCRIBE when Session Present is 0 (C14), not one per filter.
      resubscribe: false,
      // A request or QoS 0 message sent while offline fails at once instead of going out late.
      queueQoSZero: false,
      outgoingStore: this.#store,
      autoAssignTopicAlias: this.#options.topicAliases ?? false,
      customHandleAcks: (topic, _message, packet, done) => {
        void this.#incoming.onQos1(topic, packet, (reasonCode) => done(reasonCode));
      },
    };
  }

  #listen(): void {
    const client = this.#mqtt;
    // Every CONNECT is signed afresh: MQTT.js reads `options.properties` when it (re)connects.
    client.on("reconnect", () => this.#applyConnectFields());
    // Transport errors and refused reconnections; without a listener MQTT.js's emit would throw.
    client.on("error", (error) => this.#report(this.#refusal() ?? error));
    client.on("packetreceive", (packet) => {
      if (packet.cmd === "puback") this.#pubacks.record(packet);
      else if (packet.cmd === "connack") this.#lastConnack = packet;
    });
    client.on("connect", (connack) => void this.#onConnected(connack));
    client.on("disconnect", (packet: IDisconnectPacket) => {
      const { properties } = packet;
      const outcome = readOutcome(
        this.#api.dialect,
        packet.reasonCode ?? 0,
        properties?.userProperties,
        properties?.reasonString,
      );
      this.#lastDisconnect = this.#errorFactory(outcome);
      this.emit("disconnect", this.#lastDisconnect);
    });
    client.on("close", () => {
      this.#reauthentication.stop();
      this.#pubackProperties.clear();
      this.#pubacks.clear();
      this.#outgoing.failRequests(new ConnectionLostError("connection lost", this.#lastDisconnect));
      this.#lastDisconnect = undefined;
      this.emit("offline");
    });
    client.on("message", (topic, _payload, packet) => {
      if (packet.qos === 0) this.#incoming.onQos0(topic, packet);
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
    const { properties } = connack;
    return new ConnectionRefusedError(
      readOutcome(this.#api.dialect, connack.reasonCode ?? 0, properties?.userProperties, properties?.reasonString),
    );
  }

  async #onConnected(connack: IConnackPacket): Promise<void> {
    this.#outgoing.applyLimits(connack);
    const { credentials } = this.#options;
    if (credentials.method === "SAS") this.#reauthentication.schedule(credentials, this.#signedAt);
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

  /**
   * Every filter the client needs, in one SUBSCRIBE (C14, C15): reply topics first (the shared one when
   * asked, this client's reply prefix, operations' reply topics), then the server→client filters, with
   * client-id levels set to this client's id. Any refusal rejects.
   */
  #subscribeAll(): Promise<void> {
    const filters: Record<string, { qos: 0 | 1; nl?: boolean }> = {};
    const replies = this.#api.dialect.replies;
    if (replies.kind === "shared-topic" && this.#options.subscribeToResponses === true) {
      filters[replies.topic] = { qos: 0 };
    }
    const clientId = this.#options.clientId;
    for (const operation of this.#index.ofDirection("client-to-server")) {
      const reply = operation.reply;
      // No Local: replies this client itself publishes under its prefix (to server requests) are not echoed.
      if (reply?.kind === "requester-topic")
        filters[`${reply.prefix.fill(undefined, clientId)}/#`] = { qos: 0, nl: true };
      if (reply?.kind === "topic" && reply.topic.hasClientIdLevel)
        filters[reply.topic.filterFor(clientId)] = { qos: 0 };
      if (reply?.kind === "accepted-rejected" && reply.accepted.hasClientIdLevel) {
        filters[reply.accepted.filterFor(clientId)] = { qos: 0 };
        filters[reply.rejected.filterFor(clientId)] = { qos: 0 };
      }
    }
    for (const topic of this.#replySubscriptions.topics) filters[topic] = { qos: 0 };
    for (const operation of this.#index.ofDirection("server-to-client")) {
      const subscription = operation.spec.subscription;
      if (subscription !== undefined) filters[operation.topic.filterFor(clientId)] = { qos: subscription.qos };
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

  /** Puts a fresh CONNECT's properties, user name and password where MQTT.js reads them when it (re)connects. */
  #applyConnectFields(): void {
    this.#signedAt = this.#now();
    const { properties, username, password } = connectPacketFields(this.#identity, this.#signedAt);
    const options = this.#mqtt.options;
    options.properties = properties;
    if (username !== undefined) options.username = username;
    if (password !== undefined) options.password = password;
  }

  #report(error: Error): void {
    if (this.listenerCount("error") > 0) this.emit("error", error);
  }
}

/** The URL to connect to: the given one, or MQTT over TLS on the standard port of the host (A1). */
function serverUrl(options: DeviceClientOptions): string {
  if (options.url !== undefined) return options.url;
  if (options.host === undefined) throw new TypeError("a device client needs a url or a host");
  return `mqtts://${options.host}:8883`;
}
