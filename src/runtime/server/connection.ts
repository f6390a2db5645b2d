/**
 * One client's network connection: framing with the size limit applied before buffering, decoding, the
 * CONNECT deadline, Keep Alive, topic aliases, the inbound Receive Maximum and the protocol-level checks
 * of docs/protocol.md#connection, #limits. Everything about sessions and operations is the `ConnectionHandler`'s.
 * Any protocol violation closes this connection only.
 */
import type { ClientCertificate } from "./authentication.js";
import type { Duplex } from "node:stream";
import type {
  IAuthPacket,
  IConnackPacket,
  IConnectPacket,
  IDisconnectPacket,
  IPubackPacket,
  IPublishPacket,
  ISubscribePacket,
  IUnsubscribePacket,
  Packet,
} from "mqtt-packet";
import { FrameReader } from "./frame-reader.js";
import type { ServerLimits } from "./limits.js";
import type { ServerLogger } from "./logger.js";
import { encodeWithin } from "./outbound-size.js";
import { PacketDecoder, connectProtocol } from "./packet-codec.js";
import type { PacketContext } from "./packet-rules.js";
import { ReasonCode } from "./reason-codes.js";

/** What the endpoint does with the packets a connection lets through. */
export interface ConnectionHandler {
  /** A well-formed MQTT 5 CONNECT; answer with `accept` or `refuse`. */
  onConnect(connection: ClientConnection, packet: IConnectPacket): void;
  /** A PUBLISH with its alias resolved; a QoS 1 one counts against Receive Maximum until `acknowledge`. */
  onPublish(connection: ClientConnection, packet: IPublishPacket, topic: string): void;
  onPuback(connection: ClientConnection, packet: IPubackPacket): void;
  onSubscribe(connection: ClientConnection, packet: ISubscribePacket): void;
  onUnsubscribe(connection: ClientConnection, packet: IUnsubscribePacket): void;
  onAuth(connection: ClientConnection, packet: IAuthPacket): void;
  onClose(connection: ClientConnection): void;
}

export interface ConnectionSettings {
  readonly limits: ServerLimits;
  readonly connectTimeoutMs: number;
  readonly logger: ServerLogger;
  /** The TLS SNI name the client sent, if any. */
  readonly serverName?: string;
  /** The client certificate TLS verified, if any. */
  readonly clientCertificate?: ClientCertificate;
}

type State = "awaiting-connect" | "connecting" | "open" | "closed";

/** First bytes of the acknowledgments the connection writes without an encoder (table 2-2 flags included). */
const FIRST_BYTE = { puback: 0x40, pubrel: 0x62, pubcomp: 0x70 } as const;

/** How long a closing connection may take to flush its last packet before the socket is destroyed. */
const CLOSE_GRACE_MS = 500;

export class ClientConnection {
  #state: State = "awaiting-connect";
  readonly #frames: FrameReader;
  readonly #decoder = new PacketDecoder();
  /** Frames that arrived behind CONNECT while it was being authenticated; replayed once accepted. */
  #backlog: Buffer[] = [];
  #receivedAny = false;
  /** True while writes are corked until the next tick. */
  #corked = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #aliases = new Map<number, string>();
  /**
   * Received QoS 1 PUBLISHes not yet acknowledged, in arrival order (a Map keeps insertion order), with
   * the PUBACK once their handler has decided it (a bare reason code when it has no properties). They
   * count against Receive Maximum (B11) until sent.
   */
  readonly #unacknowledged = new Map<number, IPubackPacket | number | undefined>();
  /** Limits the client announced in CONNECT (MQTT 5 §3.1.2.11). */
  #clientMaximumPacketSize = Number.MAX_SAFE_INTEGER;
  #clientReceiveMaximum = 65_535;
  #problemInformation = true;
  /** What the CONNECT said that later packets are judged by. */
  #context: PacketContext = { extendedAuthentication: false };
  #connectSessionExpiry = 0;
  /** The highest topic alias the CONNACK granted (absent there: none, §3.2.2.3.8). */
  #topicAliasMaximum = 0;
  /** Set once an internal error has been logged: it is logged once and closes the connection. */
  #failed = false;
  clientId = "";

  constructor(
    /** A TCP or TLS socket, or a WebSocket's byte stream. */
    readonly socket: Duplex,
    private readonly settings: ConnectionSettings,
    private readonly handler: ConnectionHandler,
  ) {
    this.#frames = new FrameReader(settings.limits.maximumPacketSize);
    socket.on("data", (chunk: Buffer) => this.guard(() => this.#receive(chunk)));
    socket.on("error", () => this.#terminate());
    socket.on("close", () => this.#closed());
    this.#arm(settings.connectTimeoutMs);
  }

  get serverName(): string | undefined {
    return this.settings.serverName;
  }

  get clientCertificate(): ClientCertificate | undefined {
    return this.settings.clientCertificate;
  }

  /** Re-read after each step: handling one frame may close the connection. */
  get #alive(): boolean {
    return this.#state !== "closed";
  }

  get isOpen(): boolean {
    return this.#state === "open";
  }

  /** QoS 1 PUBLISHes the client is willing to have unacknowledged (its CONNECT Receive Maximum). */
  get clientReceiveMaximum(): number {
    return this.#clientReceiveMaximum;
  }

  /** The largest packet the client accepts (its CONNECT Maximum Packet Size; unlimited when absent). */
  get clientMaximumPacketSize(): number {
    return this.#clientMaximumPacketSize;
  }

  /**
   * Runs work on behalf of this connection (a received chunk, a timer, a handler's continuation): an error
   * it throws closes this connection alone instead of escaping into the process.
   */
  guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.closeOnError(error);
    }
  }

  /** Ends the connection after an unexpected error in handling it: logged once, then DISCONNECT 0x80. */
  closeOnError(error: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.settings.logger.error("connection closed after an internal error", { clientId: this.clientId, error });
    try {
      this.disconnect(ReasonCode.UnspecifiedError);
    } catch {
      this.socket.destroy();
    }
  }

  /**
   * Sends CONNACK 0 and starts processing the client's packets. The CONNACK must already fit the client's
   * Maximum Packet Size (`fitConnack`); the topic aliases it grants are the ones this connection accepts.
   */
  accept(connack: Omit<IConnackPacket, "cmd" | "reasonCode">, keepAliveSeconds: number): void {
    if (this.#state !== "connecting") return;
    this.#state = "open";
    this.#topicAliasMaximum = connack.properties?.topicAliasMaximum ?? 0;
    this.send({ cmd: "connack", reasonCode: ReasonCode.Success, ...connack });
    this.#arm(keepAliveSeconds * 1500);
    const backlog = this.#backlog;
    this.#backlog = [];
    this.socket.resume();
    for (const frame of backlog) this.#frame(frame);
  }

  /** Sends a failing CONNACK and closes (MQTT 5 §3.2.2.2). */
  refuse(reasonCode: number, properties?: IConnackPacket["properties"]): void {
    if (this.#state === "closed") return;
    this.send({ cmd: "connack", reasonCode, sessionPresent: false, ...(properties && { properties }) });
    this.#terminate();
  }

  /** Sends DISCONNECT (when connected) and closes. */
  disconnect(reasonCode: number, properties?: IDisconnectPacket["properties"]): void {
    if (this.#state === "closed") return;
    if (this.#state === "open") this.send({ cmd: "disconnect", reasonCode, ...(properties && { properties }) });
    this.#terminate();
  }

  /**
   * Answers a QoS 1 PUBLISH. Handlers finish in any order, but PUBACKs go out in the order the PUBLISHes
   * arrived (MQTT 5 §4.6 [MQTT-4.6.0-2]), so an answer waits behind earlier unanswered ones.
   */
  acknowledge(messageId: number, reasonCode: number, properties?: IPubackPacket["properties"]): void {
    if (!this.#unacknowledged.has(messageId)) return;
    const puback =
      properties === undefined ? reasonCode : { cmd: "puback" as const, messageId, reasonCode, properties };
    this.#unacknowledged.set(messageId, puback);
    for (const [id, decided] of this.#unacknowledged) {
      if (decided === undefined) return;
      this.#unacknowledged.delete(id);
      if (typeof decided === "number") this.#sendBareAcknowledgment("puback", id, decided);
      else this.send(decided);
    }
  }

  /**
   * An acknowledgment without properties (the common PUBACK among them) needs no encoder: MQTT 5 §3.4.2.1
   * (and §3.5.2.1–§3.7.2.1) lets Remaining Length 2 stand for reason 0 and 3 for a reason code alone. Its
   * four or five bytes always fit the client's Maximum Packet Size: the CONNACK before it was larger.
   */
  #sendBareAcknowledgment(cmd: keyof typeof FIRST_BYTE, messageId: number, reasonCode: number): void {
    if (this.#state === "closed") return;
    const size = reasonCode === ReasonCode.Success ? 4 : 5;
    const bytes = Buffer.allocUnsafe(size);
    bytes[0] = FIRST_BYTE[cmd];
    bytes[1] = size - 2;
    bytes.writeUInt16BE(messageId, 2);
    if (size === 5) bytes[4] = reasonCode;
    this.#write(bytes);
  }

  /** Writes a packet; false when the connection is closed or the packet exceeds the client's Maximum Packet Size. */
  send(packet: Packet): boolean {
    if (this.#state === "closed") return false;
    const outgoing = this.#problemInformation ? packet : withoutProblemInformation(packet);
    const bytes = encodeWithin(outgoing, this.#clientMaximumPacketSize);
    if (bytes === undefined) {
      this.settings.logger.warn("packet exceeds the client's Maximum Packet Size; not sent", {
        clientId: this.clientId,
        cmd: packet.cmd,
      });
      return false;
    }
    this.#write(bytes);
    return true;
  }

  #write(bytes: Buffer): void {
    this.#corkUntilNextTick();
    this.socket.write(bytes);
  }

  /**
   * Batches the packets written in one turn of the event loop (e.g. the PUBACKs of one received chunk)
   * into one socket write: one syscall instead of one per packet.
   */
  #corkUntilNextTick(): void {
    if (this.#corked) return;
    this.#corked = true;
    this.socket.cork();
    process.nextTick(() => {
      this.#corked = false;
      this.socket.uncork();
    });
  }

  #receive(chunk: Buffer): void {
    if (this.#state === "closed") return;
    if (this.#state === "awaiting-connect" && !this.#receivedAny && chunk.length > 0) {
      this.#receivedAny = true;
      // Judge the very first byte: a stream that does not open with CONNECT is dropped at once instead of
      // being framed (and waited on) as if it were MQTT (MQTT 5 §3.1, [MQTT-3.1.0-1]).
      if (chunk[0] !== 0x10) {
        this.#fail(ReasonCode.ProtocolError, "first packet is not CONNECT");
        return;
      }
    }
    for (const event of this.#frames.push(chunk)) {
      if (event.kind === "too-large") {
        this.#fail(ReasonCode.PacketTooLarge, `packet of ${event.size} bytes announced`);
      } else if (event.kind === "malformed") {
        this.#fail(ReasonCode.MalformedPacket, event.message);
      } else if (this.#state === "connecting") {
        this.#backlog.push(event.bytes);
      } else {
        this.#frame(event.bytes);
      }
      if (!this.#alive) return;
    }
  }

  #frame(frame: Buffer): void {
    if (this.#state === "closed") return;
    if (this.#state === "awaiting-connect") {
      this.#firstFrame(frame);
      return;
    }
    // The Keep Alive watchdog armed by `accept`, restarted by every packet.
    this.#timer?.refresh();
    const decoded = this.#decoder.decode(frame, this.#context);
    if (!decoded.ok) {
      this.#fail(decoded.reasonCode, decoded.message);
      return;
    }
    this.#packet(decoded.packet);
  }

  /** The first packet (known to start with the CONNECT byte) must be an MQTT 5 CONNECT (docs/protocol.md#connection). */
  #firstFrame(frame: Buffer): void {
    const protocol = connectProtocol(frame);
    if (protocol !== undefined && (protocol.name !== "MQTT" || protocol.level !== 5)) {
      this.settings.logger.info("unsupported protocol", { protocol });
      this.refuse(ReasonCode.UnsupportedProtocolVersion);
      return;
    }
    const decoded = this.#decoder.decodeConnect(frame);
    if (!decoded.ok) {
      this.settings.logger.info("CONNECT refused", { reasonCode: decoded.reasonCode, why: decoded.message });
      this.refuse(decoded.reasonCode);
      return;
    }
    const connect = decoded.packet;
    this.clientId = connect.clientId;
    this.#clientMaximumPacketSize = connect.properties?.maximumPacketSize ?? this.#clientMaximumPacketSize;
    this.#clientReceiveMaximum = connect.properties?.receiveMaximum ?? this.#clientReceiveMaximum;
    this.#problemInformation = connect.properties?.requestProblemInformation ?? true;
    this.#context = { extendedAuthentication: connect.properties?.authenticationMethod !== undefined };
    this.#connectSessionExpiry = connect.properties?.sessionExpiryInterval ?? 0;
    this.#state = "connecting";
    // Authentication may be asynchronous: stop reading until it is decided (frames already read are kept).
    this.socket.pause();
    this.handler.onConnect(this, connect);
  }

  #packet(packet: Packet): void {
    switch (packet.cmd) {
      case "publish":
        this.#publish(packet);
        return;
      case "puback":
        this.handler.onPuback(this, packet);
        return;
      // Maximum QoS 1 means no QoS 2 exchange ever starts, so no packet identifier is known to either
      // acknowledgment (§3.5.2.1, §3.6.2.1); a failed PUBREC ends its exchange by itself (§4.3.3).
      case "pubrec":
        if ((packet.reasonCode ?? 0) < 0x80) {
          this.#sendBareAcknowledgment("pubrel", packet.messageId as number, ReasonCode.PacketIdentifierNotFound);
        }
        return;
      case "pubrel":
        this.#sendBareAcknowledgment("pubcomp", packet.messageId as number, ReasonCode.PacketIdentifierNotFound);
        return;
      case "pubcomp":
        return;
      case "subscribe":
        if (packet.properties?.subscriptionIdentifier !== undefined) {
          this.#fail(ReasonCode.SubscriptionIdentifiersNotSupported, "subscription identifier sent");
          return;
        }
        this.handler.onSubscribe(this, packet);
        return;
      case "unsubscribe":
        this.handler.onUnsubscribe(this, packet);
        return;
      case "pingreq":
        this.send({ cmd: "pingresp" });
        return;
      case "auth":
        this.handler.onAuth(this, packet);
        return;
      case "disconnect":
        if (this.#connectSessionExpiry === 0 && (packet.properties?.sessionExpiryInterval ?? 0) !== 0) {
          this.#fail(ReasonCode.ProtocolError, "Session Expiry set on DISCONNECT after 0 on CONNECT (§3.14.2.2.2)");
          return;
        }
        this.#terminate();
        return;
      default:
        this.#fail(ReasonCode.ProtocolError, `unexpected ${packet.cmd}`);
    }
  }

  /**
   * Checks QoS, retain, alias and Receive Maximum (A8, B11) before the handler sees the PUBLISH; the topic
   * name itself has passed `packet-rules.ts`.
   */
  #publish(packet: IPublishPacket): void {
    if (packet.qos === 2) return this.#fail(ReasonCode.QosNotSupported, "QoS 2 PUBLISH");
    if (packet.retain) return this.#fail(ReasonCode.RetainNotSupported, "retained PUBLISH");
    const topic = this.#resolveAlias(packet);
    if (topic === undefined) return;
    if (packet.qos === 1) {
      const id = packet.messageId as number;
      if (this.#unacknowledged.has(id)) return this.#fail(ReasonCode.ProtocolError, `packet id ${id} reused`);
      if (this.#unacknowledged.size >= this.settings.limits.receiveMaximum) {
        return this.#fail(ReasonCode.ReceiveMaximumExceeded, "Receive Maximum exceeded");
      }
      this.#unacknowledged.set(id, undefined);
    }
    this.handler.onPublish(this, packet, topic);
  }

  /** MQTT 5 §3.3.2.3.4: an alias with a topic sets the mapping, an alias with an empty topic uses it. */
  #resolveAlias(packet: IPublishPacket): string | undefined {
    const alias = packet.properties?.topicAlias;
    // An empty topic comes with an alias: `packet-rules.ts` refuses it otherwise.
    if (alias === undefined) return packet.topic;
    if (alias === 0 || alias > this.#topicAliasMaximum) {
      this.#fail(ReasonCode.TopicAliasInvalid, `topic alias ${alias}`);
      return undefined;
    }
    if (packet.topic !== "") {
      this.#aliases.set(alias, packet.topic);
      return packet.topic;
    }
    const topic = this.#aliases.get(alias);
    if (topic === undefined) this.#fail(ReasonCode.ProtocolError, `unknown topic alias ${alias}`);
    return topic;
  }

  #fail(reasonCode: number, why: string): void {
    this.settings.logger.info("closing connection", { clientId: this.clientId, reasonCode, why });
    this.disconnect(reasonCode);
  }

  /** (Re)starts the CONNECT deadline or the Keep Alive watchdog (1.5 × Keep Alive, MQTT 5 §3.1.2.10). */
  #arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () =>
        this.guard(() => {
          if (this.#state === "open") this.#fail(ReasonCode.KeepAliveTimeout, "keep alive expired");
          else this.#terminate();
        }),
      ms,
    );
    this.#timer.unref();
  }

  #terminate(): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    clearTimeout(this.#timer);
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    this.handler.onClose(this);
  }

  #closed(): void {
    clearTimeout(this.#timer);
    if (this.#state !== "closed") {
      this.#state = "closed";
      this.handler.onClose(this);
    }
  }
}

/**
 * With Request Problem Information 0 (MQTT 5 §3.1.2.11.7) only PUBLISH, CONNACK and DISCONNECT may carry
 * user properties; acknowledgments then go out bare (docs/protocol.md#truncation).
 */
function withoutProblemInformation(packet: Packet): Packet {
  if (packet.cmd !== "puback" && packet.cmd !== "suback" && packet.cmd !== "unsuback" && packet.cmd !== "auth") {
    return packet;
  }
  if (packet.properties === undefined) return packet;
  const properties = { ...packet.properties };
  delete properties.userProperties;
  delete properties.reasonString;
  return { ...packet, properties } as Packet;
}
