/**
 * The device client: one MQTT 5 connection (MQTT.js) driven by a generated `ClientApi` table. It owns
 * every spec-independent part of the wire (PROTOCOL.md A–H): CONNECT and SAS re-authentication,
 * subscriptions, correlation, outcomes, acknowledgments and limits. Generated code wraps its five calls
 * (`publish`, `request`, `onAck`, `onRequest`, `onMessage`) in typed functions.
 *
 * Creating a client does not connect: handlers are registered first and `connect()` is called after, so
 * that a message the server sends right behind CONNACK or SUBACK (a command queued while the device was
 * offline) finds its handler.
 *
 * This file owns the connection and session (CONNECT, CONNACK limits, the one SUBSCRIBE, re-authentication,
 * close); client→server calls live in `outgoing.ts`, received PUBLISHes in `incoming.ts`.
 */
import { EventEmitter } from "node:events";
import mqtt from "mqtt";
import type { IClientOptions, MqttClient } from "mqtt";
import type { IConnackPacket, IDisconnectPacket } from "mqtt-packet";
import type { PropertyValues } from "../properties.js";
import type { TimeEncoding } from "../values.js";
import type { ClientApi, OperationInteraction } from "./api.js";
import type { CorrelationKind } from "./correlation.js";
import { connectProperties, reauthenticationPacket, type ConnectIdentity, type Credentials } from "./credentials.js";
import { ConnectionLostError, ConnectionRefusedError, SubscribeError } from "./errors.js";
import type { AckHandler, MessageHandler, RequestHandler, TopicParameters } from "./handlers.js";
import { Incoming } from "./incoming.js";
import { PubackProperties, ReceivedPubacks, sendAuth } from "./mqttjs-extensions.js";
import { OperationTable } from "./operation-table.js";
import { defaultErrorFactory, readOutcome, type OutcomeErrorFactory } from "./outcome.js";
import {
  Outgoing,
  type ClientResponse,
  type OutgoingMessage,
  type PublishOptions,
  type PublishResult,
  type RequestOptions,
} from "./outgoing.js";
import { ReauthenticationTimer } from "./reauthentication.js";
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
  readonly #table: OperationTable;
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

  /** Creates the client without connecting: register handlers, then call `connect()`. */
  constructor(options: DeviceClientOptions) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#errorFactory = options.errorFactory ?? defaultErrorFactory;
    this.#table = new OperationTable(options.api);
    this.#identity = {
      apiVersion: options.api.apiVersion,
      host: options.host,
      clientId: options.clientId,
      credentials: options.credentials,
      ...(options.clientAgent === undefined ? {} : { clientAgent: options.clientAgent }),
    };
    this.#reauthentication = new ReauthenticationTimer(this.#now, () => this.reauthenticate());
    this.#mqtt = mqtt.connect(options.url ?? `mqtts://${options.host}:8883`, this.#mqttOptions());
    this.#store.watch(this.#mqtt);
    this.#pubackProperties = new PubackProperties(this.#mqtt);
    this.#outgoing = new Outgoing({
      table: this.#table,
      mqtt: this.#mqtt,
      pubacks: this.#pubacks,
      errorFactory: this.#errorFactory,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      correlation: options.correlation ?? "random",
      ...(options.timeEncoding === undefined ? {} : { timeEncoding: options.timeEncoding }),
    });
    this.#incoming = new Incoming({
      table: this.#table,
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
   * (message-ack), failed with 06A0 (request-response) or dropped (one-way). Callable once: a client that
   * failed to connect is closed, and a new one is needed to try again.
   */
  async connect(): Promise<void> {
    if (this.#phase !== "created") throw new Error(`connect() on a client already ${this.#phase}`);
    this.#phase = "started";
    // Signed now, not when the client was created: the SAS starts its lifetime with this CONNECT.
    this.#mqtt.options.properties = connectProperties(this.#identity, this.#now());
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
      const operation = this.#table.get(operationId, "client-to-server", PUBLISHED);
      // Before connect() MQTT.js would hold a QoS 1 message for a connection that may never come.
      if (this.#phase === "created") throw new ConnectionLostError("not connected: connect() was not called");
      return this.#outgoing.publish(operation, message, options.qos ?? operation.qos);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Sends a request (QoS 0 with fresh Correlation Data, E23) and resolves with the matching response
   * from the API's response topic (E24). Rejects with the error factory's error when the response has a
   * failing `status`, `RequestTimeoutError`, `RequestAbortedError`, or `ConnectionLostError`.
   */
  request<V extends PropertyValues, R extends PropertyValues>(
    operationId: string,
    message: OutgoingMessage<V>,
    options: RequestOptions = {},
  ): Promise<ClientResponse<R>> {
    try {
      const operation = this.#table.get(operationId, "client-to-server", REQUESTED);
      // The response's properties were decoded against this operation's response table.
      return this.#outgoing.request(operation, message, options) as Promise<ClientResponse<R>>;
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Handles a server→client message-ack operation (commands), replacing any earlier handler. Without a
   * handler, messages are abandoned (PUBACK 131, `0603`) and the server redelivers them later.
   */
  onAck<V extends PropertyValues, P extends TopicParameters>(operationId: string, handler: AckHandler<V, P>): void {
    this.#table.get(operationId, "server-to-client", ACKNOWLEDGED);
    this.#incoming.handle(operationId, { interaction: "message-ack", handle: handler as AckHandler });
  }

  /** Handles a server→client request-response operation (direct methods). Without a handler, requests fail with 06A0. */
  onRequest<V extends PropertyValues, R extends PropertyValues, P extends TopicParameters>(
    operationId: string,
    handler: RequestHandler<V, R, P>,
  ): void {
    this.#table.get(operationId, "server-to-client", ANSWERED);
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
    this.#table.get(operationId, "server-to-client", DELIVERED);
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
    client.on("reconnect", () => {
      client.options.properties = connectProperties(this.#identity, this.#now());
    });
    // Transport errors and refused reconnections; without a listener MQTT.js's emit would throw.
    client.on("error", (error) => this.#report(this.#refusal() ?? error));
    client.on("packetreceive", (packet) => {
      if (packet.cmd === "puback") this.#pubacks.record(packet);
      else if (packet.cmd === "connack") this.#lastConnack = packet;
    });
    client.on("connect", (connack) => void this.#onConnected(connack));
    client.on("disconnect", (packet: IDisconnectPacket) => {
      const outcome = readOutcome(packet.reasonCode ?? 0, packet.properties?.userProperties);
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
    return new ConnectionRefusedError(readOutcome(connack.reasonCode ?? 0, connack.properties?.userProperties));
  }

  async #onConnected(connack: IConnackPacket): Promise<void> {
    this.#outgoing.applyLimits(connack);
    const { credentials } = this.#options;
    if (credentials.method === "SAS") this.#reauthentication.schedule(credentials, this.#connectTime());
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
    for (const operation of this.#table.operations) {
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

  #report(error: Error): void {
    if (this.listenerCount("error") > 0) this.emit("error", error);
  }
}
