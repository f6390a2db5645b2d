/**
 * Server→client message-ack deliveries (commands, docs/protocol.md#command-acknowledgments, #receive-commands): queued until the client is
 * connected and subscribed, sent at QoS 1 within the client's Receive Maximum, settled by the client's
 * PUBACK (accept, the API's abandon outcome, or reject; IoT Hub: 0, 131 + `0603`, 131 + `0100`) and
 * redelivered after an abandon.
 */
import type { IPubackPacket } from "mqtt-packet";
import type { IndexedOperation } from "../api-index.js";
import type { ApiTable } from "../api-table.js";
import { conditionFailure, readOutcome } from "../dialect/outcome.js";
import type { OutcomeDetails } from "../errors.js";
import { outboundPublish, type ServerOutboundMessage } from "./messages.js";
import type { ServerSession } from "./session.js";

/** How a delivery ended. `attempts` counts deliveries made, redeliveries after an abandon included. */
export interface ServerDeliveryResult {
  readonly outcome: "accepted" | "abandoned" | "rejected";
  readonly attempts: number;
  /** The client's PUBACK: reason code, and the status, reason and trace id the dialect carries when sent. */
  readonly ack: OutcomeDetails;
}

export interface ServerDeliverOptions {
  /** Values of the topic's `{param}` levels by their types; client-id levels are the client's id. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /**
   * Makes the message for redelivery `attempt` (2, 3, …) after the client abandoned the previous one, e.g.
   * to raise `delivery-count`. Defaults to resending the previous message unchanged.
   */
  readonly prepareRedelivery?: (previous: ServerOutboundMessage, attempt: number) => ServerOutboundMessage;
  /** Withdraws the delivery while it is still queued or waiting for redelivery; it rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export interface RedeliveryPolicy {
  /** Wait after an abandon before the message is queued again (ms). */
  readonly delayMs: number;
  /** Deliveries after which an abandon is final and the result is `abandoned`. */
  readonly maxAttempts: number;
}

/** One command on its way to a client. */
export interface CommandDelivery {
  readonly session: ServerSession;
  readonly operation: IndexedOperation;
  readonly topic: string;
  message: ServerOutboundMessage;
  attempt: number;
  /** Set once sent, so that a resend after a reconnection carries DUP (MQTT 5 §4.4). */
  sent: boolean;
  readonly options: ServerDeliverOptions;
  readonly resolve: (result: ServerDeliveryResult) => void;
  readonly reject: (error: unknown) => void;
  redeliveryTimer?: NodeJS.Timeout;
  removeAbortListener?: () => void;
}

export class CommandDeliveries {
  readonly #waiting = new Set<CommandDelivery>();

  constructor(
    private readonly policy: RedeliveryPolicy,
    private readonly api: ApiTable,
  ) {}

  /** Queues a delivery and sends it if the client can take it now. */
  enqueue(
    session: ServerSession,
    operation: IndexedOperation,
    topic: string,
    message: ServerOutboundMessage,
    options: ServerDeliverOptions,
  ): Promise<ServerDeliveryResult> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(options.signal.reason);
        return;
      }
      const delivery: CommandDelivery = {
        session,
        operation,
        topic,
        message,
        attempt: 1,
        sent: false,
        options,
        resolve,
        reject,
      };
      this.#waiting.add(delivery);
      session.unsettled.add(delivery);
      if (options.signal !== undefined) {
        const signal = options.signal;
        const onAbort = (): void => this.#withdraw(session, delivery, signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        delivery.removeAbortListener = () => signal.removeEventListener("abort", onAbort);
      }
      session.queue.push(delivery);
      this.pump(session);
    });
  }

  /**
   * Sends every queued delivery the client is subscribed for, in order, while its Receive Maximum allows.
   * The delivery QoS is the lower of the operation's and the subscription's (MQTT 5 §3.8.4); at QoS 0
   * there is no acknowledgment, so sending counts as accepted.
   */
  pump(session: ServerSession): void {
    const connection = session.connection;
    if (connection === undefined || !connection.isOpen) return;
    for (const delivery of [...session.queue]) {
      const granted = session.grantedQos(delivery.topic);
      if (granted === undefined) continue;
      const qos = Math.min(granted, delivery.operation.spec.qos) as 0 | 1;
      if (qos === 1 && session.inflight.size >= connection.clientReceiveMaximum) return;
      session.queue.splice(session.queue.indexOf(delivery), 1);
      const packet = { ...outboundPublish(delivery.topic, qos, delivery.message), dup: delivery.sent && qos === 1 };
      if (qos === 0) {
        if (connection.send(packet))
          this.#settle(delivery, { outcome: "accepted", attempts: delivery.attempt, ack: { reasonCode: 0 } });
        else this.#fail(delivery, new Error("command exceeds the client's Maximum Packet Size"));
        continue;
      }
      const messageId = session.nextPacketId();
      if (!connection.send({ ...packet, messageId })) {
        this.#fail(delivery, new Error("command exceeds the client's Maximum Packet Size"));
        continue;
      }
      delivery.sent = true;
      session.inflight.set(messageId, delivery);
    }
  }

  /** Settles the delivery a client PUBACK answers, schedules a redelivery on abandon, then sends more. */
  acknowledged(session: ServerSession, packet: IPubackPacket): void {
    const messageId = packet.messageId as number;
    const delivery = session.inflight.get(messageId);
    if (delivery === undefined) return;
    session.inflight.delete(messageId);
    const ack = readOutcome(
      this.api.dialect,
      packet.reasonCode ?? 0,
      packet.properties?.userProperties,
      packet.properties?.reasonString,
    );
    const outcome = classifyAck(this.api, ack);
    if (outcome === "abandoned" && delivery.attempt < this.policy.maxAttempts) {
      this.#scheduleRedelivery(session, delivery);
    } else {
      this.#settle(delivery, { outcome, attempts: delivery.attempt, ack });
    }
    this.pump(session);
  }

  /** The connection is gone: unacknowledged commands go back to the front of the queue, to be resent with DUP. */
  connectionLost(session: ServerSession): void {
    session.queue = [...session.inflight.values(), ...session.queue];
    session.inflight.clear();
  }

  /** Rejects everything still waiting (endpoint shutdown). */
  rejectAll(error: Error): void {
    for (const delivery of [...this.#waiting]) this.#fail(delivery, error);
  }

  #scheduleRedelivery(session: ServerSession, delivery: CommandDelivery): void {
    delivery.redeliveryTimer = setTimeout(() => {
      delivery.redeliveryTimer = undefined;
      delivery.attempt += 1;
      delivery.sent = false;
      const prepare = delivery.options.prepareRedelivery;
      if (prepare !== undefined) {
        try {
          delivery.message = prepare(delivery.message, delivery.attempt);
        } catch (error) {
          this.#fail(delivery, error);
          return;
        }
      }
      session.queue.push(delivery);
      // A timer has no caller to report to: an error in sending closes the client's connection, never the process.
      session.connection?.guard(() => this.pump(session));
    }, this.policy.delayMs);
  }

  #withdraw(session: ServerSession, delivery: CommandDelivery, reason: unknown): void {
    const queued = session.queue.indexOf(delivery);
    if (queued === -1 && delivery.redeliveryTimer === undefined) return; // in flight: the PUBACK settles it
    if (queued !== -1) session.queue.splice(queued, 1);
    this.#fail(delivery, reason);
  }

  #settle(delivery: CommandDelivery, result: ServerDeliveryResult): void {
    this.#finish(delivery);
    delivery.resolve(result);
  }

  #fail(delivery: CommandDelivery, error: unknown): void {
    this.#finish(delivery);
    delivery.reject(error);
  }

  #finish(delivery: CommandDelivery): void {
    clearTimeout(delivery.redeliveryTimer);
    delivery.redeliveryTimer = undefined;
    delivery.removeAbortListener?.();
    this.#waiting.delete(delivery);
    delivery.session.unsettled.delete(delivery);
  }
}

/**
 * E26: reason code below 0x80 accepts; a failure carrying the API's abandon status (IoT Hub `0603`), or
 * where the API has none the bare reason code of an abandon, abandons; every other failure (IoT Hub
 * `0100`, or a status this endpoint does not know) rejects, so that an unexpected answer never loops
 * redeliveries.
 */
function classifyAck(api: ApiTable, ack: OutcomeDetails): ServerDeliveryResult["outcome"] {
  if (ack.reasonCode < 0x80) return "accepted";
  const abandon = conditionFailure(api, "abandon");
  const abandoned =
    abandon.status === undefined
      ? ack.status === undefined && ack.reasonCode === abandon.reasonCode
      : ack.status === abandon.status;
  return abandoned ? "abandoned" : "rejected";
}
