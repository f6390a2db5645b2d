/**
 * One MQTT 5 connection of a server process to a broker (MQTT.js), as workers and gateways use it:
 * - CONNACK is read before anything else, and a worker of a group fails with
 *   `SharedSubscriptionsUnavailableError` when the broker says Shared Subscription Available = 0 (or
 *   refuses a `$share` filter with 0x9E);
 * - the session is persistent or not (`sessionExpirySeconds`); with a persistent session, QoS 1 messages
 *   the process did not acknowledge before it died are redelivered to it, or to its replacement under
 *   the same client id, and the broker keeps allotting it its share of a group while it is away;
 * - QoS 1 messages are acknowledged once handled, and handled concurrently (at most the broker's
 *   in-flight window at a time). MQTT.js reads incoming packets one at a time and would hold every later
 *   packet (replies and PUBACKs to this process's own calls included) until a handler finished, so each
 *   QoS 1 PUBLISH is taken from `customHandleAcks` at once, MQTT.js is told to move on without a PUBACK
 *   (its callback given `DEFERRED`, which it re-emits as an `error` that is ignored here), and the PUBACK
 *   is written later with mqtt-packet on the connection the PUBLISH came from; a PUBLISH whose
 *   connection is gone is left unacknowledged for the broker to redeliver;
 * - `drain` leaves the group without losing what the broker queued for this session.
 */
import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import mqttPacket, { type IConnackPacket, type IPublishPacket } from "mqtt-packet";
import type { Duplex } from "node:stream";
import { ReceivedPubacks } from "../../client/mqttjs-extensions.js";
import type { ServerLogger } from "../logger.js";
import { brandAcrossCopies } from "../../brand.js";

/** Where and as whom a server process connects to its broker. */
export interface BrokerConnectionOptions {
  /** `mqtt://host:port` or `mqtts://…`. */
  readonly url: string;
  /** This process's client id: stable per worker slot when its session is persistent. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string | Buffer;
  /** TLS: trusted CAs, and a client certificate where the broker asks for one. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
}

/** The broker cannot share subscriptions, so it cannot spread work over a group of workers. */
export class SharedSubscriptionsUnavailableError extends Error {
  static {
    brandAcrossCopies(this, "SharedSubscriptionsUnavailableError");
  }
  override readonly name = "SharedSubscriptionsUnavailableError";
  constructor(
    readonly url: string,
    readonly group: string,
    /** What the broker said: its CONNACK property or its SUBACK reason code. */
    readonly brokerAnswer: string,
  ) {
    super(
      `the broker at ${url} answered ${brokerAnswer}: it has no MQTT 5 shared subscriptions, so workers of group ` +
        `${group} cannot share the work; use a broker that has them (Mosquitto 2, EMQX, HiveMQ, VerneMQ) or run one ` +
        `worker without a group`,
    );
  }
}

/** Handles one received PUBLISH; `acknowledge` (QoS 1) sends its PUBACK. */
export type BrokerMessageHandler = (
  topic: string,
  packet: IPublishPacket,
  acknowledge: (reasonCode: number) => void,
) => Promise<void>;

export interface BrokerSessionSettings {
  /** Shared subscription group of the `shared` filters; without one they are plain subscriptions. */
  readonly group?: string;
  /** 0: the session ends with the connection (Clean Start). Otherwise it outlives it this long. */
  readonly sessionExpirySeconds: number;
  /** QoS 1 messages the broker may have in flight to this process (its handler concurrency). */
  readonly receiveMaximum?: number;
  readonly logger: ServerLogger;
  readonly onMessage: BrokerMessageHandler;
}

/** What a deferred acknowledgment tells MQTT.js: go on, send nothing. */
const DEFERRED = new Error("mqttgen: PUBACK deferred until the message is handled");

/** 0x9E Shared Subscriptions not supported (MQTT 5 §3.9.3). */
const SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9e;

export class BrokerSession {
  readonly pubacks = new ReceivedPubacks();
  readonly #client: MqttClient;
  readonly #settings: BrokerSessionSettings;
  readonly #url: string;
  readonly #handling = new Set<Promise<void>>();
  #shared: readonly string[] = [];
  #drainTopic: string | undefined;
  #drained: (() => void) | undefined;

  private constructor(client: MqttClient, url: string, settings: BrokerSessionSettings) {
    this.#client = client;
    this.#url = url;
    this.#settings = settings;
  }

  /** Connects, reads CONNACK, and resolves once the session is up; rejects on refusal. */
  static async open(options: BrokerConnectionOptions, settings: BrokerSessionSettings): Promise<BrokerSession> {
    let take: (topic: string, packet: IPublishPacket) => void = () => undefined;
    const clientOptions: IClientOptions = {
      protocolVersion: 5,
      clientId: options.clientId,
      clean: settings.sessionExpirySeconds === 0,
      reconnectPeriod: 1000,
      properties: {
        ...(settings.sessionExpirySeconds > 0 && { sessionExpiryInterval: settings.sessionExpirySeconds }),
        ...(settings.receiveMaximum !== undefined && { receiveMaximum: settings.receiveMaximum }),
      },
      ...(options.username !== undefined && { username: options.username }),
      ...(options.password !== undefined && { password: Buffer.from(options.password) }),
      ...(options.ca !== undefined && { ca: options.ca as IClientOptions["ca"] }),
      ...(options.cert !== undefined && { cert: options.cert }),
      ...(options.key !== undefined && { key: options.key }),
      customHandleAcks: (topic, _message, packet, done) => {
        take(topic, packet);
        done(DEFERRED);
      },
    };
    // Listeners go on before the connection opens: a resumed session's queued messages follow CONNACK at once.
    const client = mqtt.connect(options.url, clientOptions);
    const session = new BrokerSession(client, options.url, settings);
    take = (topic, packet) => session.#take(topic, packet);
    const connack = await session.#connected();
    if (settings.group !== undefined && connack.properties?.sharedSubscriptionAvailable === false) {
      await client.endAsync(true);
      throw new SharedSubscriptionsUnavailableError(
        options.url,
        settings.group,
        "CONNACK with Shared Subscription Available = 0",
      );
    }
    return session;
  }

  get client(): MqttClient {
    return this.#client;
  }

  get connected(): boolean {
    return this.#client.connected;
  }

  /**
   * Subscribes to `shared` (under `$share/{group}/` when there is a group) and `own` filters. Throws
   * `SharedSubscriptionsUnavailableError` on SUBACK 0x9E, and an error naming the refused filters on any
   * other refusal.
   */
  async subscribe(
    shared: Readonly<Record<string, { qos: 0 | 1 }>>,
    own: Readonly<Record<string, { qos: 0 | 1; nl?: boolean }>>,
  ): Promise<void> {
    const group = this.#settings.group;
    const filters: Record<string, { qos: 0 | 1; nl?: boolean }> = { ...own };
    this.#shared = Object.keys(shared).map((filter) => (group === undefined ? filter : `$share/${group}/${filter}`));
    for (const [index, filter] of Object.keys(shared).entries())
      filters[this.#shared[index] as string] = shared[filter] as { qos: 0 | 1 };
    await this.subscribeFilters(filters);
  }

  /** Subscribes to filters as given. */
  async subscribeFilters(filters: Readonly<Record<string, { qos: 0 | 1; nl?: boolean }>>): Promise<void> {
    if (Object.keys(filters).length === 0) return;
    try {
      await this.#client.subscribeAsync(filters);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === SHARED_SUBSCRIPTIONS_NOT_SUPPORTED && this.#settings.group !== undefined) {
        throw new SharedSubscriptionsUnavailableError(
          this.#url,
          this.#settings.group,
          "SUBACK 0x9E Shared Subscriptions not supported",
        );
      }
      throw new Error(
        `the broker refused the subscriptions ${Object.keys(filters).join(", ")}: ${(error as Error).message}`,
      );
    }
  }

  async unsubscribeFilters(filters: readonly string[]): Promise<void> {
    if (filters.length > 0) await this.#client.unsubscribeAsync([...filters]);
  }

  /** The topic `drain` publishes its marker to, which this session must be subscribed to (`own`). */
  set drainTopic(topic: string) {
    this.#drainTopic = topic;
  }

  /**
   * Leaves the group without losing anything: unsubscribes the shared filters (the broker allots this
   * session nothing more), publishes a marker to its own drain topic and waits for it (the broker delivers
   * a session's messages in order, so everything allotted before has arrived), then waits for the handlers
   * still running. After `timeoutMs` it goes on regardless, and says so.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (!this.#client.connected) return;
    await this.unsubscribeFilters(this.#shared);
    const topic = this.#drainTopic;
    if (topic !== undefined) {
      const marker = new Promise<void>((resolve) => (this.#drained = resolve));
      this.#client.publish(topic, "", { qos: 1 });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), timeoutMs)));
      if ((await Promise.race([marker, late])) === "late") {
        this.#settings.logger.warn(
          "drain marker not received in time: messages the broker still queues may wait for this session",
          { topic },
        );
      }
      clearTimeout(timer);
    }
    await this.settled();
  }

  /** Resolves once every handler running now has finished. */
  async settled(): Promise<void> {
    while (this.#handling.size > 0) await Promise.allSettled([...this.#handling]);
  }

  /** Disconnects; `endSession` sets Session Expiry 0 in DISCONNECT, so that the broker forgets the session. */
  async end(endSession: boolean): Promise<void> {
    const persistent = this.#settings.sessionExpirySeconds > 0;
    const disconnect = endSession && persistent ? { properties: { sessionExpiryInterval: 0 } } : {};
    await this.#client.endAsync(false, disconnect);
  }

  #connected(): Promise<IConnackPacket> {
    const client = this.#client;
    client.on("packetreceive", (packet) => {
      if (packet.cmd === "puback") this.pubacks.record(packet);
    });
    client.on("message", (topic, _payload, packet) => {
      if (packet.qos === 0) this.#take(topic, packet);
    });
    return new Promise((resolve, reject) => {
      client.once("connect", (connack) => {
        client.removeListener("error", failed);
        client.on("error", (error) => {
          if (error !== DEFERRED) this.#settings.logger.error("broker connection error", { error });
        });
        resolve(connack);
      });
      const failed = (error: Error) => {
        client.end(true);
        reject(error);
      };
      client.once("error", failed);
    });
  }

  /** Starts handling one PUBLISH; its PUBACK goes out on the connection it arrived on, if that is still open. */
  #take(topic: string, packet: IPublishPacket): void {
    if (topic === this.#drainTopic) {
      this.#drained?.();
      if (packet.qos === 1) this.#puback(this.#client.stream, packet, 0);
      return;
    }
    const stream = this.#client.stream;
    const handling = this.#settings
      .onMessage(topic, packet, (reasonCode) => {
        if (packet.qos === 1) this.#puback(stream, packet, reasonCode);
      })
      .catch((error: unknown) => this.#settings.logger.error("message handling failed", { topic, error }))
      .finally(() => this.#handling.delete(handling));
    this.#handling.add(handling);
  }

  #puback(stream: Duplex, packet: IPublishPacket, reasonCode: number): void {
    if (stream !== this.#client.stream || stream.destroyed || !this.#client.connected) return;
    mqttPacket.writeToStream({ cmd: "puback", messageId: packet.messageId as number, reasonCode }, stream, {
      protocolVersion: 5,
    });
  }
}
