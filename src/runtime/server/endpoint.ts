/**
 * The MQTT 5 server endpoint a generated `server.ts` runs embedded: it listens on TCP (or TLS),
 * authenticates clients as the API table's connection requirements say, keeps their sessions, dispatches
 * client→server operations to handlers and makes the server→client calls (`deliver`, `request`,
 * `notify`). Only the API's topics exist; nothing is routed between clients (docs/protocol.md#topics).
 */
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { createServer as createTlsServer, TLSSocket, type TlsOptions } from "node:tls";
import type { IAuthPacket, IConnectPacket, IPublishPacket, ISubscribePacket, IUnsubscribePacket } from "mqtt-packet";
import { ApiIndex } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import { conditionError, outcomeProperties, type OutcomeProperties } from "../dialect/outcome.js";
import type { ClientCertificate, ServerAuthenticator, ServerConnectInfo } from "./authentication.js";
import { CommandDeliveries, type ServerDeliverOptions, type ServerDeliveryResult } from "./command-deliveries.js";
import { checkConnect } from "./connect-checks.js";
import { ClientConnection, type ConnectionHandler } from "./connection.js";
import type { ServerHandler } from "./dispatch.js";
import { handleClientPublish, type InboundDependencies } from "./inbound.js";
import {
  DEFAULT_SERVER_LIMITS,
  connackLimitProperties,
  negotiateKeepAlive,
  negotiateSessionExpiry,
  type ServerLimits,
} from "./limits.js";
import { consoleServerLogger, type ServerLogger } from "./logger.js";
import { outboundPublish, type ServerOutboundMessage } from "./messages.js";
import type { ServerFailure } from "./outcome.js";
import { fitConnack } from "./outbound-size.js";
import { ReasonCode } from "./reason-codes.js";
import type { ServerCallResponse, ServerRequestOptions } from "./server-requests.js";
import { ServerSession } from "./session.js";
import { SubscriptionRules } from "./subscription-rules.js";
import { grantSubscriptions, removeSubscriptions } from "./subscriptions.js";
import type { ServerNotifyOptions, ServerTransport } from "./transport.js";
import { WebSocketListener, type WebSocketListenerOptions } from "./websocket-listener.js";

/** How an endpoint serves: everything but the API's description. */
export interface ServerEndpointSettings {
  /** One handler per client→server operation, by operation id. */
  readonly handlers: Readonly<Record<string, ServerHandler>>;
  /**
   * Let CONNECTs without the API's required CONNECT properties or Authentication Method through to the
   * authenticator (which sees an empty method), for plain MQTT tools against a local server. Default false.
   */
  readonly lenientConnect?: boolean;
  /** Decides every CONNECT and AUTH re-authentication; `createSasAuthenticator` is the ready SAS one. */
  readonly authenticate: ServerAuthenticator;
  /** Interface to listen on; defaults to loopback, so exposing the endpoint is a deliberate choice. */
  readonly host?: string;
  /** Defaults to 8883 with TLS and 1883 without; 0 picks a free port (read it from `address()`). */
  readonly port?: number;
  /** When set, the endpoint speaks TLS (A1) with these `node:tls` server options. */
  readonly tls?: TlsOptions;
  /**
   * When set, the endpoint also accepts MQTT over WebSockets (browser clients) on a port of its own; `wss://`
   * when these options carry `tls`.
   */
  readonly webSocket?: WebSocketListenerOptions;
  readonly limits?: Partial<ServerLimits>;
  /** Time a client has to send CONNECT after connecting (A2); default 30 000 ms. */
  readonly connectTimeoutMs?: number;
  /** Default time a server→client request waits for its response; default 30 000 ms. */
  readonly requestTimeoutMs?: number;
  /** Redelivery of abandoned commands: default 10 s later, at most 10 deliveries in all. */
  readonly redelivery?: { readonly delayMs?: number; readonly maxAttempts?: number };
  readonly logger?: ServerLogger;
  /** Told when a client's connection is accepted and when it ends (a gateway follows who it holds). */
  readonly events?: ServerEndpointEvents;
}

export interface ServerEndpointEvents {
  /** After CONNACK accepted `clientId`'s connection. */
  readonly connected?: (clientId: string) => void;
  /** After `clientId`'s accepted connection ended (closed, taken over, or disconnected by the endpoint). */
  readonly disconnected?: (clientId: string) => void;
}

/** The endpoint's options: the API table (a generated `api.ts`) and how to serve it. */
export interface ServerEndpointOptions extends ServerEndpointSettings {
  readonly api: ApiTable;
}

/** What the endpoint keeps for each accepted connection. */
interface Attachment {
  readonly session: ServerSession;
  info: ServerConnectInfo;
  expiryTimer?: NodeJS.Timeout;
}

type AuthDecision =
  | { readonly accepted: true; readonly expiresAt?: number }
  | {
      readonly accepted: false;
      readonly reasonCode: number;
      readonly properties?: OutcomeProperties;
    };

/** Node timers overflow above 2^31 − 1 ms; a credential lapsing later than that is not timed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class MqttServerEndpoint implements ServerTransport {
  readonly api: ApiTable;
  readonly limits: ServerLimits;
  readonly #options: ServerEndpointOptions;
  readonly #index: ApiIndex;
  readonly #rules: SubscriptionRules;
  readonly #logger: ServerLogger;
  readonly #server: Server;
  readonly #webSocket: WebSocketListener | undefined;
  readonly #sessions = new Map<string, ServerSession>();
  readonly #connections = new Set<ClientConnection>();
  readonly #attached = new Map<ClientConnection, Attachment>();
  readonly #deliveries: CommandDeliveries;
  readonly #handler: ConnectionHandler;
  readonly #inbound: InboundDependencies;

  constructor(options: ServerEndpointOptions) {
    this.#options = options;
    this.api = options.api;
    this.limits = Object.freeze({ ...apiLimits(this.api), ...options.limits });
    this.#index = new ApiIndex(this.api);
    this.#rules = new SubscriptionRules(this.#index);
    this.#logger = options.logger ?? consoleServerLogger;
    this.#deliveries = new CommandDeliveries(
      { delayMs: options.redelivery?.delayMs ?? 10_000, maxAttempts: options.redelivery?.maxAttempts ?? 10 },
      this.api,
    );
    checkHandlers(this.#index, options.handlers);
    this.#inbound = {
      api: this.api,
      index: this.#index,
      handlers: options.handlers,
      maximumCorrelationDataLength: this.limits.maximumCorrelationDataLength,
      logger: this.#logger,
      calls: (clientId) => this.#sessions.get(clientId)?.calls,
    };
    this.#handler = {
      onConnect: (connection, packet) =>
        void this.#connect(connection, packet).catch((error: unknown) => connection.closeOnError(error)),
      onPublish: (connection, packet, topic) => this.#publish(connection, packet, topic),
      onPuback: (connection, packet) => {
        const session = this.#attached.get(connection)?.session;
        if (session !== undefined) this.#deliveries.acknowledged(session, packet);
      },
      onSubscribe: (connection, packet) => this.#subscribe(connection, packet),
      onUnsubscribe: (connection, packet) => this.#unsubscribe(connection, packet),
      onAuth: (connection, packet) =>
        void this.#reauthenticate(connection, packet).catch((error: unknown) => connection.closeOnError(error)),
      onClose: (connection) => this.#closed(connection),
    };
    const onStream = (stream: Duplex, tlsSocket: TLSSocket | undefined): void => {
      const serverName = tlsSocket?.servername || undefined;
      const clientCertificate = tlsSocket === undefined ? undefined : verifiedCertificate(tlsSocket);
      const connection = new ClientConnection(
        stream,
        {
          limits: this.limits,
          connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
          logger: this.#logger,
          ...(serverName !== undefined && { serverName }),
          ...(clientCertificate !== undefined && { clientCertificate }),
        },
        this.#handler,
      );
      this.#connections.add(connection);
    };
    const onSocket = (socket: Socket): void => {
      // Every answer is one small packet that a client waits for: send it now, not after Nagle's wait.
      socket.setNoDelay(true);
      onStream(socket, socket instanceof TLSSocket ? socket : undefined);
    };
    this.#server = options.tls === undefined ? createTcpServer(onSocket) : createTlsServer(options.tls, onSocket);
    this.#webSocket =
      options.webSocket === undefined
        ? undefined
        : new WebSocketListener(options.webSocket, this.limits.maximumPacketSize, onStream);
  }

  /**
   * Starts listening, on the WebSocket listener too when there is one; resolves with the bound address
   * (the real port when `port` was 0).
   */
  async listen(): Promise<AddressInfo> {
    const address = await this.#listenTcp();
    await this.#webSocket?.listen(this.#options.host ?? "127.0.0.1");
    return address;
  }

  #listenTcp(): Promise<AddressInfo> {
    const port = this.#options.port ?? (this.#options.tls === undefined ? 1883 : 8883);
    return new Promise((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, this.#options.host ?? "127.0.0.1", () => {
        this.#server.off("error", reject);
        // Later server errors (e.g. EMFILE on accept) are reported, never thrown into the process.
        this.#server.on("error", (error) => this.#logger.error("server error", { error }));
        resolve(this.address());
      });
    });
  }

  address(): AddressInfo {
    const address = this.#server.address();
    if (address === null || typeof address === "string") throw new Error("endpoint is not listening");
    return address;
  }

  /** The WebSocket listener's bound address; throws when the endpoint has none or it is not listening. */
  webSocketAddress(): AddressInfo {
    if (this.#webSocket === undefined) throw new Error("endpoint has no WebSocket listener");
    return this.#webSocket.address();
  }

  /** Disconnects every client (0x8B), fails what is still pending, and stops listening. */
  close(): Promise<void> {
    // Resolves once every socket has closed; closing ones are destroyed after a short grace at the latest.
    const closing = Promise.all([
      new Promise<void>((resolve) => this.#server.close(() => resolve())),
      this.#webSocket?.close(),
    ]).then(() => undefined);
    for (const connection of [...this.#connections]) connection.disconnect(ReasonCode.ServerShuttingDown);
    this.#deliveries.rejectAll(new Error("server endpoint closed"));
    return closing;
  }

  /** Ends `clientId`'s connection with DISCONNECT `reasonCode` (e.g. 0x8E when it connected elsewhere). */
  disconnect(clientId: string, reasonCode: number): void {
    const connection = this.#sessions.get(clientId)?.connection;
    if (connection?.isOpen) connection.disconnect(reasonCode);
  }

  /** True while `clientId` has an accepted connection. */
  isConnected(clientId: string): boolean {
    return this.#sessions.get(clientId)?.connection?.isOpen ?? false;
  }

  /**
   * Delivers a message-ack operation's message (a command) to `clientId` at QoS 1 (E26, G35). It waits
   * while the client is offline or not subscribed, is redelivered after an abandon, and resolves with
   * the final outcome.
   */
  deliver(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerDeliverOptions = {},
  ): Promise<ServerDeliveryResult> {
    const operation = this.#index.serverToClient(operationId, "message-ack");
    const topic = operation.topic.fill(options.parameters, clientId);
    return this.#deliveries.enqueue(this.#session(clientId), operation, topic, message, options);
  }

  /**
   * Calls a request-response operation on `clientId` (a direct method, G36) and resolves with its
   * reply; rejects with a `StatusError` carrying the client's status, or the API's target-unavailable or
   * target-timeout outcome (IoT Hub `06A0`, `06A1`).
   */
  request(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerRequestOptions = {},
  ): Promise<ServerCallResponse> {
    try {
      const operation = this.#index.serverToClient(operationId, "request-response");
      const session = this.#sessions.get(clientId);
      const connection = session?.connection;
      if (session === undefined || connection === undefined || !connection.isOpen) {
        throw conditionError(this.api, "targetUnavailable", `${clientId} is not connected`);
      }
      const timeoutMs = options.timeoutMs ?? this.#options.requestTimeoutMs ?? 30_000;
      const call = session.calls.start(operation, clientId, message, options, timeoutMs);
      if (session.grantedQos(call.publish.topic) === undefined) {
        call.fail(
          conditionError(this.api, "targetUnavailable", `${clientId} is not subscribed to ${call.publish.topic}`),
        );
      } else if (options.signal?.aborted !== true && !connection.send(call.publish)) {
        call.fail(new Error("request exceeds the client's Maximum Packet Size"));
      }
      return call.response;
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * Sends a one-way message (a desired-state patch, G37) at QoS 0 if `clientId` is connected and
   * subscribed; returns whether it was sent. Nothing is kept for later.
   */
  notify(
    clientId: string,
    operationId: string,
    message: ServerOutboundMessage,
    options: ServerNotifyOptions = {},
  ): boolean {
    const operation = this.#index.serverToClient(operationId, "message");
    const topic = operation.topic.fill(options.parameters, clientId);
    const session = this.#sessions.get(clientId);
    const connection = session?.connection;
    if (session === undefined || connection === undefined || !connection.isOpen) return false;
    if (session.grantedQos(topic) === undefined) return false;
    return connection.send(outboundPublish(topic, 0, message));
  }

  #session(clientId: string): ServerSession {
    let session = this.#sessions.get(clientId);
    if (session === undefined) {
      session = new ServerSession(clientId, this.api);
      this.#sessions.set(clientId, session);
    }
    return session;
  }

  /**
   * A3–A8: checks, a CONNACK that fits the client's Maximum Packet Size, authentication, session takeover
   * (0x8E) and resumption, then CONNACK with the limits.
   */
  async #connect(connection: ClientConnection, packet: IConnectPacket): Promise<void> {
    const check = checkConnect(this.api, packet, connection, this.#options.lenientConnect);
    if (!check.ok) {
      this.#logger.info("CONNECT refused", { clientId: packet.clientId, reasonCode: check.reasonCode });
      connection.refuse(check.reasonCode, check.properties);
      return;
    }
    const keepAlive = negotiateKeepAlive(packet.keepalive ?? 0, this.limits);
    const requestedExpiry = packet.properties?.sessionExpiryInterval;
    const sessionExpiry = negotiateSessionExpiry(requestedExpiry);
    const properties = fitConnack(
      {
        ...connackLimitProperties(this.limits),
        ...(keepAlive.announce && { serverKeepAlive: keepAlive.seconds }),
        // A3: a finite non-zero request is promoted to "never expires", and CONNACK says so.
        ...(sessionExpiry !== (requestedExpiry ?? 0) && { sessionExpiryInterval: sessionExpiry }),
      },
      connection.clientMaximumPacketSize,
    );
    if (properties === undefined) {
      // The CONNECT is valid but cannot be answered with the limits it must learn (§3.2.2.2); the refusal
      // itself is sent only when even it fits (five bytes), and the connection is closed either way.
      this.#logger.info("CONNECT refused: no CONNACK fits the client's Maximum Packet Size", {
        clientId: packet.clientId,
        maximumPacketSize: connection.clientMaximumPacketSize,
      });
      connection.refuse(ReasonCode.ImplementationSpecificError);
      return;
    }
    const verdict = await this.#authenticate(check.info);
    if (!verdict.accepted) {
      connection.refuse(verdict.reasonCode, verdict.properties);
      return;
    }
    if (!this.#connections.has(connection)) return; // gone while authenticating

    const session = this.#session(packet.clientId);
    const previous = session.connection;
    if (previous !== undefined) {
      this.#detach(previous);
      previous.disconnect(ReasonCode.SessionTakenOver);
    }
    const clean = packet.clean ?? true;
    if (clean) session.subscriptions.clear();
    const sessionPresent = !clean && session.established;
    session.sessionExpiry = sessionExpiry;
    session.connectUserProperties = check.info.userProperties;
    session.established = true;
    session.connection = connection;
    const attachment: Attachment = { session, info: check.info };
    this.#attached.set(connection, attachment);
    this.#armExpiry(connection, attachment, verdict.expiresAt);

    connection.accept({ sessionPresent, properties }, keepAlive.seconds);
    this.#deliveries.pump(session);
    this.#options.events?.connected?.(session.clientId);
  }

  /** Runs the authenticator; a refusal is turned into the CONNACK or DISCONNECT properties that carry it. */
  async #authenticate(info: ServerConnectInfo): Promise<AuthDecision> {
    try {
      const verdict = await this.#options.authenticate(info);
      if (verdict.accepted) return verdict;
      this.#logger.info("authentication refused", {
        clientId: info.clientId,
        reasonCode: verdict.reasonCode,
        detail: verdict.detail,
      });
      // A refusal as not authorized carries the API's status for it (IoT Hub 0101, A8) unless it names one.
      const status =
        verdict.status ??
        (verdict.reasonCode === ReasonCode.NotAuthorized ? this.api.dialect.runtimeStatuses.notAuthorized : undefined);
      const failure: ServerFailure = {
        reasonCode: verdict.reasonCode,
        ...(status !== undefined && { status }),
        ...(verdict.reason !== undefined && { reason: verdict.reason }),
      };
      const properties = outcomeProperties(this.api.dialect, failure, true);
      return { accepted: false, reasonCode: verdict.reasonCode, ...(properties && { properties }) };
    } catch (error) {
      this.#logger.error("authenticator failed", { clientId: info.clientId, error });
      return { accepted: false, reasonCode: ReasonCode.UnspecifiedError };
    }
  }

  /** A9: AUTH 0x19 with the CONNECT's method; success is AUTH 0x00, failure DISCONNECT 0x87. */
  async #reauthenticate(connection: ClientConnection, packet: IAuthPacket): Promise<void> {
    const attachment = this.#attached.get(connection);
    if (attachment === undefined) return;
    const method = packet.properties?.authenticationMethod;
    if (packet.reasonCode !== ReasonCode.ReAuthenticate || method !== attachment.info.authenticationMethod) {
      connection.disconnect(ReasonCode.ProtocolError);
      return;
    }
    const data = packet.properties?.authenticationData;
    const { authenticationData: _previous, ...connected } = attachment.info;
    const info: ServerConnectInfo = {
      ...connected,
      authenticationMethod: method,
      userProperties: { ...attachment.info.userProperties, ...packet.properties?.userProperties },
      reauthentication: true,
      ...(data !== undefined && { authenticationData: data }),
    };
    const verdict = await this.#authenticate(info);
    if (!verdict.accepted) {
      connection.disconnect(ReasonCode.NotAuthorized, verdict.properties);
      return;
    }
    attachment.info = info;
    this.#armExpiry(connection, attachment, verdict.expiresAt);
    connection.send({ cmd: "auth", reasonCode: ReasonCode.Success, properties: { authenticationMethod: method } });
  }

  /** A10: a credential that lapses without re-authentication ends the connection with 0x87. */
  #armExpiry(connection: ClientConnection, attachment: Attachment, expiresAt: number | undefined): void {
    clearTimeout(attachment.expiryTimer);
    if (expiresAt === undefined) return;
    const delay = expiresAt - Date.now();
    if (delay > MAX_TIMER_MS) return;
    attachment.expiryTimer = setTimeout(
      () => connection.guard(() => connection.disconnect(ReasonCode.NotAuthorized)),
      Math.max(0, delay),
    );
    attachment.expiryTimer.unref();
  }

  #publish(connection: ClientConnection, packet: IPublishPacket, topic: string): void {
    const session = this.#attached.get(connection)?.session;
    if (session === undefined) return;
    handleClientPublish(this.#inbound, connection, session, packet, topic).catch((error: unknown) =>
      connection.closeOnError(error),
    );
  }

  #subscribe(connection: ClientConnection, packet: ISubscribePacket): void {
    const session = this.#attached.get(connection)?.session;
    if (session === undefined) return;
    const granted = grantSubscriptions(this.#rules, this.limits, session, packet.subscriptions);
    connection.send({ cmd: "suback", messageId: packet.messageId as number, granted });
    this.#deliveries.pump(session);
  }

  #unsubscribe(connection: ClientConnection, packet: IUnsubscribePacket): void {
    const session = this.#attached.get(connection)?.session;
    if (session === undefined) return;
    const granted = removeSubscriptions(this.#rules, session, packet.unsubscriptions);
    connection.send({ cmd: "unsuback", messageId: packet.messageId as number, granted });
  }

  #closed(connection: ClientConnection): void {
    this.#connections.delete(connection);
    const session = this.#attached.get(connection)?.session;
    this.#detach(connection);
    // Forget sessions that hold nothing, so that client ids that come and go do not accumulate.
    if (session !== undefined && session.disposable && this.#sessions.get(session.clientId) === session) {
      this.#sessions.delete(session.clientId);
    }
  }

  /** Unbinds a connection from its session: commands in flight are requeued, pending calls fail as unavailable. */
  #detach(connection: ClientConnection): void {
    const attachment = this.#attached.get(connection);
    if (attachment === undefined) return;
    this.#attached.delete(connection);
    clearTimeout(attachment.expiryTimer);
    const session = attachment.session;
    if (session.connection !== connection) return;
    session.connection = undefined;
    this.#deliveries.connectionLost(session);
    session.calls.rejectAll(conditionError(this.api, "targetUnavailable", `${session.clientId} disconnected`));
    if (session.sessionExpiry === 0) {
      session.subscriptions.clear();
      session.established = false;
    }
    this.#options.events?.disconnected?.(session.clientId);
  }
}

/** Every client→server operation needs a handler, and every handler an operation. */
export function checkHandlers(index: ApiIndex, handlers: Readonly<Record<string, ServerHandler>>): void {
  const clientToServer = index.ofDirection("client-to-server").map((operation) => operation.id);
  for (const id of clientToServer) {
    if (typeof handlers[id] !== "function") throw new Error(`no handler for client-to-server operation ${id}`);
  }
  for (const id of Object.keys(handlers)) {
    if (!clientToServer.includes(id)) throw new Error(`handler ${id} matches no client-to-server operation`);
  }
}

/** The client certificate of a TLS socket, when TLS verified it (`requestCert` with the endpoint's CAs). */
function verifiedCertificate(socket: TLSSocket): ClientCertificate | undefined {
  if (!socket.authorized) return undefined;
  const certificate = socket.getPeerCertificate();
  if (certificate === null || Object.keys(certificate).length === 0) return undefined;
  const commonName = certificate.subject?.CN;
  return { fingerprint256: certificate.fingerprint256, ...(typeof commonName === "string" && { commonName }) };
}

/** The limits an endpoint of the API enforces by default: the runtime's, with the API's over them. */
function apiLimits(api: ApiTable): ServerLimits {
  const { limits } = api.connection;
  const maxBytes = api.dialect.correlation.maxBytes;
  return {
    ...DEFAULT_SERVER_LIMITS,
    ...limits,
    ...(maxBytes !== undefined && { maximumCorrelationDataLength: maxBytes }),
  };
}
