/**
 * What the endpoint keeps per client id across connections (docs/protocol.md#connection, #response-topic-and-subscriptions, #receive-commands): granted
 * subscriptions, commands waiting for delivery or acknowledgment, and server→client requests awaiting
 * their response. Commands outlive even a clean start: they are the hub's queue for the device, not MQTT
 * session state, and wait until the device subscribes (G35).
 */
import { topicMatchesFilter } from "../topics.js";
import type { ClientConnection } from "./connection.js";
import type { ServerUserProperties } from "./messages.js";
import type { CommandDelivery } from "./command-deliveries.js";
import type { ApiTable } from "../api-table.js";
import { ServerCalls } from "./server-requests.js";

export class ServerSession {
  /** Filter → granted QoS. */
  readonly subscriptions = new Map<string, 0 | 1>();
  /** Commands not yet sent, or to be sent again, in delivery order. */
  queue: CommandDelivery[] = [];
  /** Every command not yet settled, wherever it is: queued, in flight or waiting to be redelivered. */
  readonly unsettled = new Set<CommandDelivery>();
  /** Commands sent at QoS 1 and not yet acknowledged, by packet id. */
  readonly inflight = new Map<number, CommandDelivery>();
  /** Server→client requests awaiting their reply. */
  readonly calls: ServerCalls;
  connection: ClientConnection | undefined;
  /** The CONNECT user properties of the current (or last) connection; handlers see them. */
  connectUserProperties: ServerUserProperties = {};
  /** Granted Session Expiry Interval: 0 ends the session (its subscriptions) with the connection. */
  sessionExpiry = 0;
  /** True once a connection established the session and until it ends; drives CONNACK Session Present. */
  established = false;
  #lastPacketId = 0;

  constructor(
    readonly clientId: string,
    api: ApiTable,
  ) {
    this.calls = new ServerCalls(api);
  }

  /** True when nothing would be lost by forgetting this session: no connection, no subscriptions kept, no commands. */
  get disposable(): boolean {
    return this.connection === undefined && !this.established && this.unsettled.size === 0;
  }

  /** The QoS a PUBLISH on `topic` may be sent at, or `undefined` when no subscription matches. */
  grantedQos(topic: string): 0 | 1 | undefined {
    let granted: 0 | 1 | undefined;
    for (const [filter, qos] of this.subscriptions) {
      if (topicMatchesFilter(filter, topic) && (granted === undefined || qos > granted)) granted = qos;
    }
    return granted;
  }

  /** A packet id no unacknowledged command uses (1..65535, MQTT 5 §2.2.1). */
  nextPacketId(): number {
    do {
      this.#lastPacketId = (this.#lastPacketId % 0xffff) + 1;
    } while (this.inflight.has(this.#lastPacketId));
    return this.#lastPacketId;
  }
}
